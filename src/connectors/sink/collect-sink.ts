/**
 * Sends records to the in-process {@link CollectBuffer} registered under a collect id,
 * where a client iterates them (how `executeAndCollect` and SQL SELECT results get back to
 * the caller). `write` returns a promise while the buffer is full.
 *
 * @example
 * const results = CollectBuffer.open<Row>('q1');
 * stream.sinkTo(new CollectSink<Row>('q1'));
 */
import type { Sink, SinkWriter, SinkWriterContext } from '../sink.ts';
import { CollectBuffer } from './collect-buffer.ts';

export class CollectSink<T> implements Sink<T> {
  readonly name = 'Collect';
  readonly collectId: string;

  constructor(collectId: string) {
    this.collectId = collectId;
  }

  createWriter(context: SinkWriterContext): SinkWriter<T> {
    const buffer = CollectBuffer.forId<T>(this.collectId);
    buffer.registerWriter(context.parallelism);
    return new CollectWriter(buffer);
  }
}

class CollectWriter<T> implements SinkWriter<T> {
  private readonly buffer: CollectBuffer<T>;
  private finished = false;

  constructor(buffer: CollectBuffer<T>) {
    this.buffer = buffer;
  }

  write(values: readonly T[]): void | Promise<void> {
    return this.buffer.push(values);
  }

  flush(endOfInput: boolean): void {
    if (endOfInput && !this.finished) {
      this.finished = true;
      this.buffer.writerFinished();
    }
  }

  close(): void {}
}
