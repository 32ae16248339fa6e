/**
 * Streaming equi-join of two changelogs (inner, left, right, full outer), as Flink's
 * StreamingJoinOperator and RisingWave's hash join do: each side's rows are kept in keyed
 * state by join key; a row arriving on one side is matched against the other side's rows of
 * its key and emits joined rows, and a retraction takes back what its row had produced. For
 * outer joins every stored row counts its matches, so the null-padded row appears while it
 * has none and is retracted when the first match comes (and comes back when the last goes).
 *
 * Output rows are `[...left, ...right]`, with nulls for a missing side; kinds are +I and -D.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import type { ValueState } from '../state/state.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import { rowText } from './rows.ts';
import { keyGroupFor, normalizeKey } from '../key-groups.ts';

export type JoinType = 'inner' | 'left' | 'right' | 'full';

export interface HashJoinOptions {
  readonly type: JoinType;
  readonly leftArity: number;
  readonly rightArity: number;
  /**
   * The join key of a row of each side; null when a key column is NULL (such a row matches
   * nothing, as SQL's `=` says). The operator's key selectors must return the same keys.
   */
  readonly leftKey: (row: readonly unknown[]) => unknown;
  readonly rightKey: (row: readonly unknown[]) => unknown;
  /** Further conditions of the ON clause on a candidate pair; true to join. */
  readonly condition?: (left: readonly unknown[], right: readonly unknown[]) => boolean;
  /**
   * An interval join over append-only inputs (`b.t BETWEEN a.t - X AND a.t + Y`): once the
   * watermark shows that no future row of the other side can match a stored row, the row
   * is dropped from state. Per side: the row's time, and the time below which rows expire
   * at a watermark.
   */
  readonly cleanup?: { readonly left?: JoinSideCleanup; readonly right?: JoinSideCleanup };
}

export interface JoinSideCleanup {
  readonly timeOf: (row: readonly unknown[]) => number | null;
  readonly expireBelow: (watermark: number) => number;
}

/** One distinct row of a side under a key: how many copies, and how many matches each has. */
interface Stored {
  row: readonly unknown[];
  copies: number;
  matches: number;
}

/** The rows of one side under one key, by row text (a Map: sides can hold many rows per key). */
type SideState = Map<string, Stored>;

const LEFT = new ValueStateDescriptor<SideState>('left');
const RIGHT = new ValueStateDescriptor<SideState>('right');

export class HashJoinOperator extends AbstractStreamOperator {
  private readonly o: HashJoinOptions;
  private sides!: [ValueState<SideState>, ValueState<SideState>];
  private readonly nullLeft: null[];
  private readonly nullRight: null[];
  /** Stored rows by time, per side, for interval-join cleanup: [time, key, row text], ascending. */
  private readonly byTime: [Array<[number, unknown, string]>, Array<[number, unknown, string]>] = [[], []];
  /** Rows dropped from state by the watermark (a metric for tests). */
  expired = 0;

  constructor(options: HashJoinOptions) {
    super();
    this.o = options;
    this.numInputs = 2;
    this.nullLeft = new Array<null>(options.leftArity).fill(null);
    this.nullRight = new Array<null>(options.rightArity).fill(null);
  }

  override open(): void {
    const backend = this.keyedBackend();
    this.sides = [backend.getState(LEFT), backend.getState(RIGHT)];
  }

  /** Whether rows of side `input` (0 left, 1 right) without a match appear null-padded. */
  private outer(input: number): boolean {
    const t = this.o.type;
    return t === 'full' || (input === 0 ? t === 'left' : t === 'right');
  }

  private joined(input: number, row: readonly unknown[], other: readonly unknown[] | null): unknown[] {
    if (input === 0) return [...row, ...(other ?? this.nullRight)];
    return [...(other ?? this.nullLeft), ...row];
  }

  processBatch(batch: Batch, input: number): void {
    const backend = this.keyedBackend();
    const keyOf = input === 0 ? this.o.leftKey : this.o.rightKey;
    const rows = batch.values as Array<readonly unknown[]>;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as readonly unknown[];
      const add = isAccumulate(batch.kindAt(i));
      const key = keyOf(row);
      if (key === null || key === undefined) {
        // Matches nothing, ever: only an outer side shows it, padded.
        if (this.outer(input)) this.out.add(this.joined(input, row, null), NaN, add ? RowKind.INSERT : RowKind.DELETE);
        continue;
      }
      backend.setCurrentKey(key);
      if (add) this.accumulate(input, row);
      else this.retract(input, row);
    }
    this.flush();
  }

  private accumulate(input: number, row: readonly unknown[]): void {
    const mine = this.sides[input]!.value() ?? new Map<string, Stored>();
    const theirs = this.sides[1 - input]!.value() ?? new Map<string, Stored>();
    let matches = 0;
    for (const other of theirs.values()) {
      if (!this.matches(input, row, other.row)) continue;
      matches += other.copies;
      // The other row's first match takes back its null-padded row.
      if (other.matches === 0 && this.outer(1 - input)) {
        for (let c = 0; c < other.copies; c++) this.out.add(this.joined(1 - input, other.row, null), NaN, RowKind.DELETE);
      }
      other.matches++;
      for (let c = 0; c < other.copies; c++) this.out.add(this.joined(input, row, other.row), NaN, RowKind.INSERT);
    }
    if (matches === 0 && this.outer(input)) this.out.add(this.joined(input, row, null), NaN, RowKind.INSERT);
    const t = rowText(row);
    const s = mine.get(t);
    if (s === undefined) {
      mine.set(t, { row, copies: 1, matches });
      this.fileByTime(input, row, t);
    } else s.copies++;
    this.sides[input]!.update(mine);
    this.sides[1 - input]!.update(theirs);
  }

  private retract(input: number, row: readonly unknown[]): void {
    const mine = this.sides[input]!.value();
    const t = rowText(row);
    const s = mine?.get(t);
    if (mine === undefined || s === undefined) return; // retraction of a row never seen: nothing it produced to take back
    const theirs = this.sides[1 - input]!.value() ?? new Map<string, Stored>();
    let matches = 0;
    for (const other of theirs.values()) {
      if (!this.matches(input, s.row, other.row)) continue;
      matches += other.copies;
      for (let c = 0; c < other.copies; c++) this.out.add(this.joined(input, s.row, other.row), NaN, RowKind.DELETE);
      other.matches--;
      // The other row lost its last match: its null-padded row comes back.
      if (other.matches === 0 && this.outer(1 - input)) {
        for (let c = 0; c < other.copies; c++) this.out.add(this.joined(1 - input, other.row, null), NaN, RowKind.INSERT);
      }
    }
    if (matches === 0 && this.outer(input)) this.out.add(this.joined(input, s.row, null), NaN, RowKind.DELETE);
    if (--s.copies === 0) mine.delete(t);
    if (mine.size === 0) this.sides[input]!.clear();
    else this.sides[input]!.update(mine);
    this.sides[1 - input]!.update(theirs);
  }

  private sideCleanup(input: number): JoinSideCleanup | undefined {
    return input === 0 ? this.o.cleanup?.left : this.o.cleanup?.right;
  }

  private fileByTime(input: number, row: readonly unknown[], text: string): void {
    const c = this.sideCleanup(input);
    if (c === undefined) return;
    const t = c.timeOf(row);
    if (t === null) return;
    const list = this.byTime[input]!;
    let lo = 0;
    let hi = list.length;
    if (hi > 0 && list[hi - 1]![0] <= t) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]![0] <= t) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, [t, this.keyedBackend().getCurrentKey(), text]);
  }

  protected override onEventTime(watermark: number): void {
    super.onEventTime(watermark);
    if (this.o.cleanup === undefined || !Number.isFinite(watermark)) return;
    const backend = this.keyedBackend();
    for (const input of [0, 1]) {
      const c = this.sideCleanup(input);
      if (c === undefined) continue;
      const below = c.expireBelow(watermark);
      const list = this.byTime[input]!;
      let n = 0;
      while (n < list.length && list[n]![0] < below) {
        const [, key, text] = list[n++]!;
        backend.setCurrentKey(key);
        const side = this.sides[input]!;
        const rows = side.value();
        if (rows?.delete(text) === true) {
          this.expired++;
          if (rows.size === 0) side.clear();
          else side.update(rows);
        }
      }
      if (n > 0) this.byTime[input] = list.slice(n);
    }
  }

  protected override snapshotOperatorState(): unknown {
    return this.o.cleanup === undefined ? null : this.byTime;
  }

  protected override restoreOperatorState(states: unknown[]): void {
    const keyed = this.context.keyed;
    if (this.o.cleanup === undefined || keyed === null) return;
    const { start, end } = keyed.keyGroupRange;
    for (const s of states) {
      const sides = s as [Array<[number, unknown, string]>, Array<[number, unknown, string]>] | null;
      for (const input of [0, 1]) {
        for (const entry of sides?.[input] ?? []) {
          const g = keyGroupFor(normalizeKey(entry[1]), this.context.maxParallelism);
          if (g >= start && g <= end) this.byTime[input]!.push(entry);
        }
        this.byTime[input]!.sort((a, b) => a[0] - b[0]);
      }
    }
  }

  private matches(input: number, row: readonly unknown[], other: readonly unknown[]): boolean {
    const cond = this.o.condition;
    if (cond === undefined) return true;
    return input === 0 ? cond(row, other) === true : cond(other, row) === true;
  }
}
