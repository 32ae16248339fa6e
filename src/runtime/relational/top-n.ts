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
import { OrderedPartitionOperator, type Row } from './ordered-partitions.ts';
import type { StateCleanup } from './state-cleaner.ts';

export type RankFunction = 'row_number' | 'rank' | 'dense_rank';

export interface TopNOptions {
  /** Orders rows of a partition; ties compare 0. */
  readonly compare: (a: readonly unknown[], b: readonly unknown[]) => number;
  readonly rank: RankFunction;
  /** Ranks offset+1 .. offset+limit are kept. */
  readonly limit: number;
  readonly offset?: number;
  readonly emitRank: boolean;
  /** Drops partitions the watermark has closed (append-only input partitioned by a window). */
  readonly cleanup?: StateCleanup;
}

export class TopNOperator extends OrderedPartitionOperator {
  private readonly o: TopNOptions;

  constructor(options: TopNOptions) {
    super('top-n', options.compare, options.cleanup);
    if (!(options.limit >= 1)) throw new RangeError(`Top-N needs a limit >= 1, got ${options.limit}`);
    this.o = options;
  }

  protected partitionOutput(rows: readonly Row[]): unknown[][] {
    return this.top(rows);
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
}
