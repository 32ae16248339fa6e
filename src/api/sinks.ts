/**
 * The sinks behind DataStream.print() and executeAndCollect(). Collecting hands records
 * from the sink writers to the caller through a bounded queue: when the caller reads
 * slowly, the sink waits, and backpressure reaches the sources.
 */
import { PrintSink } from '../connectors/sink/print-sink.ts';
import type { Sink, SinkWriter } from '../connectors/sink.ts';
import type { JobClient } from './executor.ts';

export function printSink<T>(prefix: string | undefined, stderr: boolean): Sink<T> {
  return new PrintSink<T>({ prefix, stderr });
}

export interface CollectHandle<T> {
  readonly sink: Sink<T>;
  iterate(client: JobClient): AsyncIterable<T>;
}

const MAX_BUFFERED = 64 * 1024;

export function collectSink<T>(): CollectHandle<T> {
  const buffer: T[] = [];
  let head = 0;
  let wakeReader: (() => void) | null = null;
  let wakeWriter: (() => void) | null = null;
  let stopped = false;

  const notifyReader = (): void => {
    const w = wakeReader;
    wakeReader = null;
    w?.();
  };

  const writer: SinkWriter<T> = {
    write(values) {
      for (const v of values) buffer.push(v);
      notifyReader();
      if (buffer.length - head < MAX_BUFFERED || stopped) return;
      return new Promise<void>((resolve) => {
        wakeWriter = resolve;
      });
    },
    flush() {},
    close() {},
  };
  const sink: Sink<T> = { name: 'Collect', createWriter: () => writer };

  async function* iterate(client: JobClient): AsyncGenerator<T> {
    let finished = false;
    let failure: unknown = null;
    client.getJobExecutionResult().then(
      () => {
        finished = true;
        notifyReader();
      },
      (e: unknown) => {
        finished = true;
        failure = e;
        notifyReader();
      },
    );
    try {
      for (;;) {
        while (head < buffer.length) {
          const v = buffer[head] as T;
          buffer[head++] = undefined as T;
          yield v;
        }
        buffer.length = 0;
        head = 0;
        const w = wakeWriter;
        wakeWriter = null;
        w?.();
        if (finished) {
          if (head < buffer.length) continue;
          if (failure !== null) throw failure;
          return;
        }
        await new Promise<void>((resolve) => {
          wakeReader = resolve;
        });
      }
    } finally {
      stopped = true;
      const w = wakeWriter;
      wakeWriter = null;
      w?.();
      if (!finished) await client.cancel();
    }
  }

  return { sink, iterate: (client) => iterate(client) };
}
