/**
 * Streaming GROUP BY over a changelog: keeps per group the number of rows and one
 * accumulator per aggregate call, takes rows back on retraction, and after each input
 * batch emits what changed in the result — +I for a new group, -U/+U for a changed one,
 * -D for a group whose last row left. A grouping-free aggregate (`SELECT count(*) FROM t`)
 * has exactly one result row at all times, as SQL says, starting from the empty input.
 *
 * Runs keyed by the group key, so its state is snapshotted by key group.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import type { ValueState } from '../state/state.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import type { AggregateCall } from './aggregate-function.ts';
import { canonical, rowEquals } from './rows.ts';
import { StateCleaner, type StateCleanup } from './state-cleaner.ts';

interface GroupState {
  /** Rows of the group (all kinds counted: +1 accumulate, -1 retract). */
  rows: number;
  accs: unknown[];
  /** For DISTINCT calls: how often each argument value is present (by normalized text). */
  distinct: Array<Record<string, number> | null>;
  /** The result row last emitted for the group, if any. */
  emitted: unknown[] | null;
}

export interface GroupAggregateOptions {
  /** The group's key columns as they appear in the output, for a row. */
  readonly groupValues: (row: readonly unknown[]) => unknown[];
  readonly calls: readonly AggregateCall[];
  /** True for an aggregate without GROUP BY: one result row, even over no input. */
  readonly global: boolean;
  /**
   * Over an append-only input grouped by a watermark column (a window): drop the state of
   * groups the watermark has closed. Their result rows stay where they were emitted.
   */
  readonly cleanup?: StateCleanup;
  /**
   * Over a bounded input (a one-off query): emit each group once, when the input ends, as a
   * batch engine does. Nothing downstream then sees a group's intermediate values (a
   * `1 / (count(*) - 1)` over the first row of many), nor the empty input's row of a global
   * aggregate whose input has rows.
   */
  readonly emitAtEnd?: boolean;
}

const STATE = new ValueStateDescriptor<GroupState>('group');

/** The key of the one group of an aggregate without GROUP BY (its key selector returns it). */
export const GLOBAL_GROUP_KEY = 0;

/** Text that identifies a DISTINCT argument value. */
function distinctKey(v: unknown): string {
  return typeof v === 'object' && v !== null ? canonical(v) : `${typeof v}:${String(v)}`;
}

export class GroupAggregateOperator extends AbstractStreamOperator {
  private readonly o: GroupAggregateOptions;
  private state!: ValueState<GroupState>;
  /** Groups touched by the current batch: key → the group's values. */
  private readonly dirty = new Map<unknown, unknown[]>();
  readonly cleaner = new StateCleaner();

  constructor(options: GroupAggregateOptions) {
    super();
    this.o = options;
  }

  override open(): void {
    this.state = this.keyedBackend().getState(STATE);
    // The empty input has one result row for a global aggregate: emit it at once, from
    // the one subtask that owns the (constant) key (at the end, when that is when we emit).
    if (this.o.emitAtEnd !== true) this.startGlobalGroup();
  }

  private startGlobalGroup(): void {
    if (!this.o.global || this.context.subtaskIndex !== 0) return;
    this.keyedBackend().setCurrentKey(GLOBAL_GROUP_KEY);
    if (this.state.value() === undefined) {
      this.dirty.set(GLOBAL_GROUP_KEY, []);
      this.state.update(this.newGroup());
      this.emitChanges();
    }
  }

  override finish(): void | Promise<void> {
    if (this.o.emitAtEnd === true) {
      this.startGlobalGroup();
      this.emitChanges();
    }
    return super.finish();
  }

  private newGroup(): GroupState {
    return {
      rows: 0,
      accs: this.o.calls.map((c) => c.fn.create()),
      distinct: this.o.calls.map((c) => (c.distinct === true ? {} : null)),
      emitted: null,
    };
  }

  processBatch(batch: Batch): void {
    const backend = this.keyedBackend();
    const keyOf = this.context.keyed!.keySelectors[0]!;
    const rows = batch.values as unknown[][];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown[];
      const key = keyOf(row);
      backend.setCurrentKey(key);
      let g = this.state.value();
      if (g === undefined) {
        g = this.newGroup();
        if (this.o.cleanup !== undefined) this.cleaner.add(this.o.cleanup.valueOf(row), key);
      }
      const add = isAccumulate(batch.kindAt(i));
      g.rows += add ? 1 : -1;
      this.fold(g, row, add);
      this.state.update(g);
      if (!this.dirty.has(key)) this.dirty.set(key, this.o.groupValues(row));
    }
    if (this.o.emitAtEnd !== true) this.emitChanges();
  }

  protected override onEventTime(watermark: number): void {
    super.onEventTime(watermark);
    const cleanup = this.o.cleanup;
    if (cleanup === undefined || !Number.isFinite(watermark)) return;
    const backend = this.keyedBackend();
    this.cleaner.removeBelow(cleanup.bound(watermark), (key) => {
      backend.setCurrentKey(key);
      this.state.clear();
    });
  }

  protected override snapshotOperatorState(): unknown {
    return this.o.cleanup === undefined ? null : this.cleaner.snapshot();
  }

  protected override restoreOperatorState(states: unknown[]): void {
    const keyed = this.context.keyed;
    if (this.o.cleanup !== undefined && keyed !== null) {
      this.cleaner.restore(states as Array<Array<[number, unknown[]]> | null>, keyed.keyGroupRange, this.context.maxParallelism);
    }
  }

  private fold(g: GroupState, row: readonly unknown[], add: boolean): void {
    const calls = this.o.calls;
    for (let c = 0; c < calls.length; c++) {
      const call = calls[c] as AggregateCall;
      if (call.filter !== undefined && call.filter(row) !== true) continue;
      const v = call.arg(row);
      if ((v === null || v === undefined) && call.fn.ignoresNulls) continue;
      const seen = g.distinct[c];
      if (seen !== null && seen !== undefined) {
        const k = distinctKey(call.distinctKey === undefined || v === null || v === undefined ? v : call.distinctKey(v));
        const n = (seen[k] ?? 0) + (add ? 1 : -1);
        if (n === 0) delete seen[k];
        else seen[k] = n;
        // Only the first occurrence adds and the last one retracts.
        if ((add && n !== 1) || (!add && n !== 0)) continue;
      }
      g.accs[c] = add ? call.fn.add(g.accs[c], v) : call.fn.retract(g.accs[c], v);
    }
  }

  /** Compares each touched group's result with what was emitted for it, and emits the difference. */
  private emitChanges(): void {
    const backend = this.keyedBackend();
    for (const [key, groupValues] of this.dirty) {
      backend.setCurrentKey(key);
      const g = this.state.value() as GroupState;
      const before = g.emitted;
      const exists = g.rows > 0 || this.o.global;
      const after = exists ? [...groupValues, ...g.accs.map((a, c) => (this.o.calls[c] as AggregateCall).fn.result(a))] : null;
      if (before === null && after !== null) this.out.add(after, NaN, RowKind.INSERT);
      else if (before !== null && after === null) this.out.add(before, NaN, RowKind.DELETE);
      else if (before !== null && after !== null && !rowEquals(before, after)) {
        this.out.add(before, NaN, RowKind.UPDATE_BEFORE);
        this.out.add(after, NaN, RowKind.UPDATE_AFTER);
      }
      if (after === null) this.state.clear();
      else {
        g.emitted = after;
        this.state.update(g);
      }
    }
    this.dirty.clear();
    this.flush();
  }
}


