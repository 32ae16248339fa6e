/**
 * Discards every record, counting them: the sink of throughput benchmarks (Flink's
 * `blackhole` connector / DiscardingSink).
 *
 * @example
 * const sink = new BlackholeSink<Bid>();
 * // ... run the job ...
 * console.log(sink.count);
 */
import type { Sink, SinkWriter } from '../sink.ts';

export class BlackholeSink<T> implements Sink<T> {
  readonly name = 'Blackhole';
  /** Records discarded by all writers of this sink in this process. */
  count = 0;

  createWriter(): SinkWriter<T> {
    return new BlackholeWriter<T>(this);
  }
}

class BlackholeWriter<T> implements SinkWriter<T> {
  private readonly sink: BlackholeSink<T>;
  /** Records discarded by this writer. */
  count = 0;

  constructor(sink: BlackholeSink<T>) {
    this.sink = sink;
  }

  write(values: readonly T[]): void {
    this.count += values.length;
    this.sink.count += values.length;
  }

  flush(): void {}

  close(): void {}
}
