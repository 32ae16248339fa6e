/** The operator at the end of a chain that hands batches to a connector's sink writer. */
import type { Sink, SinkWriter } from '../../connectors/sink.ts';
import type { Batch } from '../batch.ts';
import { AbstractStreamOperator } from './operator.ts';
import { userError } from './user-function.ts';

export class SinkOperator<T> extends AbstractStreamOperator {
  private readonly sink: Sink<T>;
  private writer!: SinkWriter<T>;
  private pending: Promise<void> | null = null;
  recordsIn = 0;

  constructor(sink: Sink<T>) {
    super();
    this.sink = sink;
  }

  override async open(): Promise<void> {
    this.writer = await this.sink.createWriter({
      subtaskIndex: this.context.subtaskIndex,
      parallelism: this.context.parallelism,
      operatorName: this.context.name,
    });
  }

  processBatch(batch: Batch): void {
    this.recordsIn += batch.length;
    let r: void | Promise<void>;
    try {
      r = this.writer.write(batch.values as T[], batch.timestamps, batch.kinds);
    } catch (e) {
      throw userError(this.context.name, e);
    }
    if (r instanceof Promise) {
      const prev = this.pending;
      this.pending = prev === null ? r : prev.then(() => r);
    }
  }

  /** Work the task must await before feeding more input (asynchronous writes). */
  drainPending(): Promise<void> | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  override async finish(): Promise<void> {
    await this.drainPending();
    await this.writer.flush(true);
  }

  override async close(): Promise<void> {
    await this.writer?.close();
  }
}
