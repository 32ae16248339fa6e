/**
 * Streaming Top-N per partition over a changelog: `ROW_NUMBER() / RANK() / DENSE_RANK()
 * OVER (PARTITION BY p ORDER BY o)` filtered to ranks within [offset+1, offset+limit], and
 * deduplication (ROW_NUMBER = 1). Each partition keeps all its rows in order (so that a
 * retracted leader is replaced by the next row) and the rows it last emitted; after each
 * input batch, the new top rows of every touched partition are compared with those and
 * only the difference is emitted (-D for rows that left or changed rank, +I for new ones).
 *
 * Output rows are the input row, followed by its rank when `emitRank` is set.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import type { ValueState } from '../state/state.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import { rowEquals } from './rows.ts';

export type RankFunction = 'row_number' | 'rank' | 'dense_rank';

export interface TopNOptions {
  /** Orders rows of a partition; ties compare 0. */
  readonly compare: (a: readonly unknown[], b: readonly unknown[]) => number;
  readonly rank: RankFunction;
  /** Ranks offset+1 .. offset+limit are kept. */
  readonly limit: number;
  readonly offset?: number;
  readonly emitRank: boolean;
}

interface PartitionState {
  /** All rows of the partition, ordered by `compare` (ties in arrival order). */
  rows: Array<readonly unknown[]>;
  /** What was emitted last: output rows. */
  emitted: unknown[][];
}

const STATE = new ValueStateDescriptor<PartitionState>('top-n');

export class TopNOperator extends AbstractStreamOperator {
  private readonly o: TopNOptions;
  private state!: ValueState<PartitionState>;
  private readonly dirty = new Set<unknown>();

  constructor(options: TopNOptions) {
    super();
    if (!(options.limit >= 1)) throw new RangeError(`Top-N needs a limit >= 1, got ${options.limit}`);
    this.o = options;
  }

  override open(): void {
    this.state = this.keyedBackend().getState(STATE);
  }

  processBatch(batch: Batch): void {
    const backend = this.keyedBackend();
    const keyOf = this.context.keyed!.keySelectors[0]!;
    const rows = batch.values as Array<readonly unknown[]>;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as readonly unknown[];
      const key = keyOf(row);
      backend.setCurrentKey(key);
      const p = this.state.value() ?? { rows: [], emitted: [] };
      if (isAccumulate(batch.kindAt(i))) this.insert(p.rows, row);
      else this.remove(p.rows, row);
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
  private insert(rows: Array<readonly unknown[]>, row: readonly unknown[]): void {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.o.compare(rows[mid] as readonly unknown[], row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
  }

  private remove(rows: Array<readonly unknown[]>, row: readonly unknown[]): void {
    const i = rows.findIndex((r) => rowEquals(r, row));
    if (i >= 0) rows.splice(i, 1);
  }

  /** The partition's output rows now: ranked, within the window of ranks. */
  private top(rows: ReadonlyArray<readonly unknown[]>): unknown[][] {
    const first = (this.o.offset ?? 0) + 1;
    const last = first + this.o.limit - 1;
    const out: unknown[][] = [];
    let rank = 0;
    let dense = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as readonly unknown[];
      const tie = i > 0 && this.o.compare(rows[i - 1] as readonly unknown[], row) === 0;
      if (!tie) dense++;
      rank = this.o.rank === 'row_number' ? i + 1 : this.o.rank === 'rank' ? (tie ? rank : i + 1) : dense;
      if (rank > last) break;
      if (rank >= first) out.push(this.o.emitRank ? [...row, rank] : [...row]);
    }
    return out;
  }

  private emitDifference(p: PartitionState): void {
    const next = this.top(p.rows);
    const remaining = [...next];
    for (const old of p.emitted) {
      const i = remaining.findIndex((r) => rowEquals(r, old));
      if (i >= 0) remaining.splice(i, 1);
      else this.out.add(old, NaN, RowKind.DELETE);
    }
    for (const row of remaining) this.out.add(row, NaN, RowKind.INSERT);
    p.emitted = next;
    if (p.rows.length === 0) this.state.clear();
    else this.state.update(p);
  }
}
