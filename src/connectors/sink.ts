/**
 * The sink interface, modelled on Flink's Sink V2: one writer per parallel instance, with
 * a flush at end of input and a hook where a checkpoint would prepare and commit
 * (two-phase commit for transactional sinks, nothing for idempotent ones).
 */

export interface SinkWriterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** Name of the sink operator, for messages and part-file names. */
  readonly operatorName: string;
}

export interface SinkWriter<T> {
  /**
   * Writes the records of one batch (in order). `kinds` holds each record's change kind
   * (0 insert, 1 update-before, 2 update-after, 3 delete), or is null when all are inserts.
   */
  write(values: readonly T[], timestamps: readonly number[] | null, kinds?: readonly number[] | null): void | Promise<void>;
  /** Makes everything written so far durable/visible; `endOfInput` on the final flush. */
  flush(endOfInput: boolean): void | Promise<void>;
  close(): void | Promise<void>;
}

export interface Sink<T> {
  readonly name?: string;
  createWriter(context: SinkWriterContext): SinkWriter<T> | Promise<SinkWriter<T>>;
}
