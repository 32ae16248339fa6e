/**
 * The Nexmark source: a deterministic, splittable, replayable stream of
 * {@link NexmarkEvent}s, each emitted with its event time.
 *
 * Splits interleave event numbers (split i of S takes i, i+S, i+2S, ...), so parallel
 * readers advance through event time together and watermarks stay close; a split's position
 * is the next event number it will generate.
 *
 * @example
 * const source = new NexmarkSource({ eventsNum: 1_000_000, seed: 7 });
 * env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(4000), 'nexmark');
 */
import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator } from '../source.ts';
import { SequenceReader } from '../internal/sequence-reader.ts';
import type { IndexedProducer } from '../internal/sequence-reader.ts';
import { assignRoundRobin, copySplit, parseSequenceSplit, sequenceSplits } from '../internal/sequence-split.ts';
import type { SequenceSplit } from '../internal/sequence-split.ts';
import { NexmarkConfig } from './config.ts';
import type { NexmarkOptions } from './config.ts';
import { NexmarkGenerator } from './generator.ts';
import type { NexmarkEvent } from './model.ts';

export class NexmarkSource implements Source<NexmarkEvent, SequenceSplit> {
  readonly boundedness: Boundedness;
  readonly name = 'Nexmark';
  readonly config: NexmarkConfig;

  constructor(options: NexmarkOptions = {}) {
    this.config = new NexmarkConfig(options);
    this.boundedness = this.config.eventsNum > 0 ? 'bounded' : 'unbounded';
  }

  createEnumerator(): SplitEnumerator<SequenceSplit> {
    const config = this.config;
    return {
      assignSplits(subtaskIndex: number, parallelism: number): SequenceSplit[] {
        const total = config.eventsNum > 0 ? config.eventsNum : null;
        const splits = sequenceSplits('nexmark', config.splits ?? parallelism, total, true);
        return assignRoundRobin(splits, subtaskIndex, parallelism);
      },
    };
  }

  createReader(context: SourceReaderContext): SourceReader<NexmarkEvent, SequenceSplit> {
    return new SequenceReader(new NexmarkProducer(this.config), context, this.config.rate);
  }

  serializeSplit(split: SequenceSplit): unknown {
    return copySplit(split);
  }

  deserializeSplit(data: unknown): SequenceSplit {
    return parseSequenceSplit(data);
  }
}

class NexmarkProducer implements IndexedProducer<NexmarkEvent> {
  private readonly generator: NexmarkGenerator;

  constructor(config: NexmarkConfig) {
    this.generator = new NexmarkGenerator(config);
  }

  produce(index: number): NexmarkEvent {
    return this.generator.event(index);
  }

  timestampOf(event: NexmarkEvent): number {
    return event.dateTime;
  }
}
