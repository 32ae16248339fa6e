/**
 * The output side of a task for one edge: splits batches over the consuming subtasks by
 * the edge's partitioner and broadcasts control elements to all of them.
 */
import { Batch, BatchBuilder } from '../batch.ts';
import type { StreamElement } from '../elements.ts';
import { keyGroupFor, normalizeKey, subtaskForKeyGroup } from '../key-groups.ts';
import type { LocalChannel } from './channel.ts';
import { rescaleTargets, type PartitionerKind } from './partitioning.ts';

export interface RecordWriterOptions {
  readonly partitioner: PartitionerKind;
  /** Consumer channels, by consuming subtask index. */
  readonly channels: readonly LocalChannel[];
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** For 'hash'. */
  readonly keySelector?: ((value: unknown) => unknown) | undefined;
  readonly maxParallelism: number;
}

export class RecordWriter {
  private readonly channels: readonly LocalChannel[];
  private readonly partitioner: PartitionerKind;
  private readonly keySelector: ((value: unknown) => unknown) | undefined;
  private readonly maxParallelism: number;
  /** Consumers this subtask sends to (all, or a rescale group, or one for forward/global). */
  private readonly targets: number[];
  private nextTarget: number;
  private readonly builders: BatchBuilder[];
  recordsOut = 0;

  constructor(o: RecordWriterOptions) {
    this.channels = o.channels;
    this.partitioner = o.partitioner;
    this.keySelector = o.keySelector;
    this.maxParallelism = o.maxParallelism;
    const n = o.channels.length;
    switch (o.partitioner) {
      case 'forward':
        if (n !== o.parallelism) {
          throw new Error(`forward partitioning needs equal parallelism on both sides (${o.parallelism} vs ${n})`);
        }
        this.targets = [o.subtaskIndex];
        break;
      case 'global':
        this.targets = [0];
        break;
      case 'rescale':
        this.targets = rescaleTargets(o.subtaskIndex, o.parallelism, n);
        break;
      default:
        this.targets = Array.from({ length: n }, (_, i) => i);
    }
    if (o.partitioner === 'hash' && o.keySelector === undefined) throw new Error('hash partitioning needs a key selector');
    // Start round-robin at a different consumer per producer so small inputs spread out.
    this.nextTarget = o.subtaskIndex % this.targets.length;
    this.builders = this.channels.map(() => new BatchBuilder());
  }

  emit(batch: Batch): void {
    this.recordsOut += batch.length;
    if (this.targets.length === 1) {
      (this.channels[this.targets[0] as number] as LocalChannel).push(batch);
      return;
    }
    switch (this.partitioner) {
      case 'broadcast':
        for (const c of this.channels) c.push(batch);
        return;
      case 'hash':
        return this.split(batch, (v) => {
          const kg = keyGroupFor(normalizeKey((this.keySelector as (v: unknown) => unknown)(v)), this.maxParallelism);
          return subtaskForKeyGroup(kg, this.maxParallelism, this.channels.length);
        });
      case 'shuffle':
        return this.split(batch, () => this.targets[Math.floor(Math.random() * this.targets.length)] as number);
      default: // rebalance, rescale: round-robin per row
        return this.split(batch, () => {
          const t = this.targets[this.nextTarget] as number;
          this.nextTarget = this.nextTarget + 1 === this.targets.length ? 0 : this.nextTarget + 1;
          return t;
        });
    }
  }

  private split(batch: Batch, target: (value: unknown) => number): void {
    const values = batch.values;
    const builders = this.builders;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      (builders[target(v)] as BatchBuilder).add(v, batch.timestampAt(i), batch.kindAt(i));
    }
    for (let c = 0; c < builders.length; c++) {
      const b = (builders[c] as BatchBuilder).take();
      if (b !== null) (this.channels[c] as LocalChannel).push(b);
    }
  }

  /** Watermarks, idleness and end of input go to every consumer. */
  broadcast(element: StreamElement): void {
    for (const c of this.channels) c.push(element);
  }

  isBackpressured(): boolean {
    for (const c of this.channels) if (c.isFull()) return true;
    return false;
  }

  async awaitCapacity(): Promise<void> {
    for (const c of this.channels) if (c.isFull()) await c.writable();
  }
}
