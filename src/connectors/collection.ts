/**
 * A bounded source of the elements of an array, in order (Flink's fromCollection /
 * fromElements). One split, read by subtask 0; its position is the index of the next element.
 *
 * @example
 * env.fromSource(new CollectionSource([1, 2, 3]), WatermarkStrategy.noWatermarks(), 'numbers');
 */
import type { Source, SourceReader, SourceReaderContext, SplitEnumerator } from './source.ts';
import { SequenceReader } from './internal/sequence-reader.ts';
import type { IndexedProducer } from './internal/sequence-reader.ts';
import { copySplit, parseSequenceSplit } from './internal/sequence-split.ts';
import type { SequenceSplit } from './internal/sequence-split.ts';

export class CollectionSource<T> implements Source<T, SequenceSplit> {
  readonly boundedness = 'bounded';
  readonly name = 'Collection Source';
  /** Read by one reader only: the API runs it at parallelism 1. */
  nonParallel = true;
  private readonly elements: readonly T[];

  constructor(elements: readonly T[]) {
    this.elements = elements;
  }

  createEnumerator(): SplitEnumerator<SequenceSplit> {
    const end = this.elements.length;
    return {
      assignSplits(subtaskIndex: number): SequenceSplit[] {
        return subtaskIndex === 0 ? [{ splitId: 'collection', next: 0, step: 1, end }] : [];
      },
    };
  }

  createReader(context: SourceReaderContext): SourceReader<T, SequenceSplit> {
    return new SequenceReader(new ArrayProducer(this.elements), context, 0);
  }

  serializeSplit(split: SequenceSplit): unknown {
    return copySplit(split);
  }

  deserializeSplit(data: unknown): SequenceSplit {
    return parseSequenceSplit(data);
  }
}

class ArrayProducer<T> implements IndexedProducer<T> {
  private readonly elements: readonly T[];

  constructor(elements: readonly T[]) {
    this.elements = elements;
  }

  produce(index: number): T {
    return this.elements[index] as T;
  }

  timestampOf(): undefined {
    return undefined;
  }
}
