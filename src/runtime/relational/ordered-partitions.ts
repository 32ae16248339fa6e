/**
 * The shared shape of Top-N and window-function operators: per key (partition), all rows
 * of the partition in order and the output rows last emitted. After each input batch every
 * touched partition's output is recomputed by the subclass and only the difference goes out
 * (-D for rows that left or changed, +I for new ones), compared as multisets of rows.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import type { ValueState } from '../state/state.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import { rowEquals, rowText } from './rows.ts';
import { StateCleaner, type StateCleanup } from './state-cleaner.ts';

export type Row = readonly unknown[];

interface PartitionState {
  /** All rows of the partition, ordered by `compare` (ties in arrival order). */
  rows: Row[];
  /** What was emitted last: output rows. */
  emitted: unknown[][];
}

export abstract class OrderedPartitionOperator extends AbstractStreamOperator {
  private readonly descriptor: ValueStateDescriptor<PartitionState>;
  private readonly compare: (a: Row, b: Row) => number;
  private state!: ValueState<PartitionState>;
  private readonly dirty = new Set<unknown>();
  private readonly cleanup: StateCleanup | undefined;
  readonly cleaner = new StateCleaner();

  /**
   * `stateName` names the keyed state (it is part of snapshots); `compare` orders a
   * partition's rows; `cleanup` (over append-only input partitioned by a watermark column)
   * drops partitions the watermark has closed.
   */
  protected constructor(stateName: string, compare: (a: Row, b: Row) => number, cleanup?: StateCleanup) {
    super();
    this.descriptor = new ValueStateDescriptor<PartitionState>(stateName);
    this.compare = compare;
    this.cleanup = cleanup;
  }

  protected override onEventTime(watermark: number): void {
    super.onEventTime(watermark);
    if (this.cleanup === undefined || !Number.isFinite(watermark)) return;
    const backend = this.keyedBackend();
    this.cleaner.removeBelow(this.cleanup.bound(watermark), (key) => {
      backend.setCurrentKey(key);
      this.state.clear();
    });
  }

  protected override snapshotOperatorState(): unknown {
    return this.cleanup === undefined ? null : this.cleaner.snapshot();
  }

  protected override restoreOperatorState(states: unknown[]): void {
    const keyed = this.context.keyed;
    if (this.cleanup !== undefined && keyed !== null) {
      this.cleaner.restore(states as Array<Array<[number, unknown[]]> | null>, keyed.keyGroupRange, this.context.maxParallelism);
    }
  }

  /** The output rows of one partition, given all its rows in order. */
  protected abstract partitionOutput(rows: readonly Row[]): unknown[][];

  override open(): void {
    this.state = this.keyedBackend().getState(this.descriptor);
  }

  processBatch(batch: Batch): void {
    const backend = this.keyedBackend();
    const keyOf = this.context.keyed!.keySelectors[0]!;
    const rows = batch.values as Row[];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      const key = keyOf(row);
      backend.setCurrentKey(key);
      let p = this.state.value();
      if (p === undefined) {
        p = { rows: [], emitted: [] };
        if (this.cleanup !== undefined) this.cleaner.add(this.cleanup.valueOf(row), key);
      }
      if (isAccumulate(batch.kindAt(i))) this.insert(p.rows, row);
      else {
        const at = p.rows.findIndex((r) => rowEquals(r, row));
        if (at >= 0) p.rows.splice(at, 1);
      }
      this.state.update(p);
      this.dirty.add(key);
    }
    for (const key of this.dirty) {
      backend.setCurrentKey(key);
      this.emitDifference(this.state.value() as PartitionState);
    }
    this.dirty.clear();
    this.flush();
  }

  /** Inserts after every row that orders before or equal to it (ties keep arrival order). */
  private insert(rows: Row[], row: Row): void {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(rows[mid] as Row, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
  }

  private emitDifference(p: PartitionState): void {
    const next = this.partitionOutput(p.rows);
    const pending = new Map<string, number>();
    for (const row of next) pending.set(rowText(row), (pending.get(rowText(row)) ?? 0) + 1);
    for (const old of p.emitted) {
      const text = rowText(old);
      const n = pending.get(text) ?? 0;
      if (n > 0) pending.set(text, n - 1);
      else this.out.add(old, NaN, RowKind.DELETE);
    }
    for (const row of next) {
      const text = rowText(row);
      const n = pending.get(text) ?? 0;
      if (n === 0) continue;
      pending.set(text, n - 1);
      this.out.add(row, NaN, RowKind.INSERT);
    }
    p.emitted = next;
    if (p.rows.length === 0) this.state.clear();
    else this.state.update(p);
  }
}
