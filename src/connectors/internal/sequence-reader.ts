/**
 * A source reader over {@link SequenceSplit}s that emits `produce(index)` for each index,
 * optionally paced to a rate. Shared by the Nexmark and datagen sources, whose items are
 * pure functions of their index.
 */
import type { InputStatus, ReaderOutput, SourceReader, SourceReaderContext } from '../source.ts';
import { Availability } from './availability.ts';
import { RateLimiter } from './rate-limiter.ts';
import { copySplit, isFinished } from './sequence-split.ts';
import type { SequenceSplit } from './sequence-split.ts';

/** Produces the item at an index and tells its event time (or undefined for none). */
export interface IndexedProducer<T> {
  produce(index: number): T;
  timestampOf(item: T): number | undefined;
}

export class SequenceReader<T> implements SourceReader<T, SequenceSplit> {
  private readonly producer: IndexedProducer<T>;
  private readonly batchSize: number;
  private readonly parallelism: number;
  /** Total rate over all splits of the source; this reader takes its splits' share. */
  private readonly sourceRate: number;
  private readonly splits: SequenceSplit[] = [];
  private cursor = 0;
  private noMore = false;
  private limiter: RateLimiter | null = null;
  private readonly splitsArrived = new Availability();

  constructor(producer: IndexedProducer<T>, context: SourceReaderContext, ratePerSecond: number) {
    this.producer = producer;
    this.batchSize = Math.max(1, context.batchSize);
    this.parallelism = Math.max(1, context.parallelism);
    this.sourceRate = ratePerSecond;
  }

  start(): void {}

  addSplits(splits: readonly SequenceSplit[]): void {
    for (const split of splits) {
      if (!isFinished(split)) this.splits.push(copySplit(split));
    }
    this.splitsArrived.notify();
  }

  noMoreSplits(): void {
    this.noMore = true;
    this.splitsArrived.notify();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    const split = this.splits[this.cursor];
    if (split === undefined) return this.noMore ? 'end' : 'nothing';
    let budget = this.batchSize;
    if (this.sourceRate > 0) {
      const limiter = (this.limiter ??= new RateLimiter(this.readerRate()));
      budget = limiter.allowance(budget);
      if (budget === 0) return 'nothing';
      limiter.consumed(budget);
    }
    const producer = this.producer;
    const step = split.step;
    const end = split.end ?? Infinity;
    let next = split.next;
    for (let i = 0; i < budget && next < end; i++) {
      const item = producer.produce(next);
      output.collect(item, producer.timestampOf(item));
      next += step;
    }
    split.next = next;
    if (next >= end) {
      this.splits.splice(this.cursor, 1);
    } else {
      this.cursor++;
    }
    if (this.cursor >= this.splits.length) this.cursor = 0;
    // 'end' comes from the next poll, after the runtime has taken this batch.
    return 'more';
  }

  isAvailable(): Promise<void> {
    if (this.splits.length === 0) return this.noMore ? Promise.resolve() : this.splitsArrived.wait();
    if (this.limiter !== null) return this.limiter.whenDue();
    return Promise.resolve();
  }

  snapshotState(): SequenceSplit[] {
    return this.splits.map(copySplit);
  }

  close(): void {
    this.splits.length = 0;
  }

  private readerRate(): number {
    // As Flink's DataGeneratorSource: the rate is the source's total, shared by its readers.
    return this.sourceRate / this.parallelism;
  }
}
