/**
 * A source of `generator(index)` for index 0..count-1, after Flink 1.17's
 * DataGeneratorSource. Bounded when `count` is finite (contiguous index ranges per split, as
 * Flink's NumberSequenceSource), unbounded when it is Infinity (interleaved indices). The
 * position of a split is the next index, so the generator must be a pure function of its
 * index for a restored job to replay the same records.
 *
 * @example
 * const source = new DataGeneratorSource((i) => `Number: ${i}`, 1000, 100);
 */
import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator } from '../source.ts';
import { SequenceReader } from '../internal/sequence-reader.ts';
import type { IndexedProducer } from '../internal/sequence-reader.ts';
import { assignRoundRobin, copySplit, parseSequenceSplit, sequenceSplits } from '../internal/sequence-split.ts';
import type { SequenceSplit } from '../internal/sequence-split.ts';

export interface DataGeneratorOptions<T> {
  /** Number of splits; default one per parallel reader. */
  splits?: number;
  /** Event time of a record, emitted as its timestamp; default none. */
  timestampOf?: (value: T) => number;
}

export class DataGeneratorSource<T> implements Source<T, SequenceSplit> {
  readonly boundedness: Boundedness;
  readonly name = 'DataGenerator';
  readonly count: number;
  readonly rowsPerSecond: number;
  private readonly generator: (index: number) => T;
  private readonly splits: number | null;
  private readonly timestampOf: ((value: T) => number) | null;

  constructor(generator: (index: number) => T, count: number, rowsPerSecond = 0, options: DataGeneratorOptions<T> = {}) {
    if (!(count >= 0) || (Number.isFinite(count) && !Number.isSafeInteger(count))) {
      throw new Error(`DataGeneratorSource: count must be a non-negative integer or Infinity, got ${count}`);
    }
    if (!(rowsPerSecond >= 0)) {
      throw new Error(`DataGeneratorSource: rowsPerSecond must be >= 0, got ${rowsPerSecond}`);
    }
    this.generator = generator;
    this.count = count;
    this.rowsPerSecond = rowsPerSecond;
    this.splits = options.splits ?? null;
    this.timestampOf = options.timestampOf ?? null;
    this.boundedness = Number.isFinite(count) ? 'bounded' : 'unbounded';
  }

  createEnumerator(): SplitEnumerator<SequenceSplit> {
    const total = Number.isFinite(this.count) ? this.count : null;
    const fixed = this.splits;
    return {
      assignSplits(subtaskIndex: number, parallelism: number): SequenceSplit[] {
        const splits = sequenceSplits('datagen', fixed ?? parallelism, total, total === null);
        return assignRoundRobin(splits, subtaskIndex, parallelism);
      },
    };
  }

  createReader(context: SourceReaderContext): SourceReader<T, SequenceSplit> {
    return new SequenceReader(new FunctionProducer(this.generator, this.timestampOf), context, this.rowsPerSecond);
  }

  serializeSplit(split: SequenceSplit): unknown {
    return copySplit(split);
  }

  deserializeSplit(data: unknown): SequenceSplit {
    return parseSequenceSplit(data);
  }
}

class FunctionProducer<T> implements IndexedProducer<T> {
  private readonly generator: (index: number) => T;
  private readonly timestamp: ((value: T) => number) | null;

  constructor(generator: (index: number) => T, timestamp: ((value: T) => number) | null) {
    this.generator = generator;
    this.timestamp = timestamp;
  }

  produce(index: number): T {
    return this.generator(index);
  }

  timestampOf(value: T): number | undefined {
    return this.timestamp === null ? undefined : this.timestamp(value);
  }
}
