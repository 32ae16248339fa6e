/**
 * Session windows over a changelog, per partition: rows whose times are less than `gap`
 * apart belong to one session `[first time, last time + gap)` (Flink's merging session
 * windows). Each output row is the input row with its session's start and end appended.
 *
 * A row that arrives between two sessions can merge them, and one that leaves can split
 * one: after each batch the touched partitions' sessions are recomputed and only the rows
 * whose session changed are retracted and emitted again (the difference, by
 * OrderedPartitionOperator). Rows without a time belong to no session and are not emitted.
 */
import { OrderedPartitionOperator, type Row } from './ordered-partitions.ts';

export interface SessionWindowOptions {
  /** The row's time (microseconds for SQL timestamps), or null. */
  readonly timeOf: (row: Row) => number | null;
  /** The gap that closes a session, in the units of `timeOf`. */
  readonly gap: number;
}

export class SessionWindowOperator extends OrderedPartitionOperator {
  private readonly o: SessionWindowOptions;

  constructor(options: SessionWindowOptions) {
    const timeOf = options.timeOf;
    super('session-window', (a, b) => (timeOf(a) ?? Number.NEGATIVE_INFINITY) - (timeOf(b) ?? Number.NEGATIVE_INFINITY));
    if (!(options.gap > 0)) throw new RangeError(`a session gap must be positive, got ${options.gap}`);
    this.o = options;
  }

  protected partitionOutput(rows: readonly Row[]): unknown[][] {
    const out: unknown[][] = [];
    const { timeOf, gap } = this.o;
    let i = 0;
    while (i < rows.length && timeOf(rows[i]!) === null) i++;
    while (i < rows.length) {
      // One session: extend while the next row starts before the session ends.
      const start = timeOf(rows[i]!)!;
      let last = start;
      let j = i + 1;
      while (j < rows.length && timeOf(rows[j]!)! < last + gap) last = timeOf(rows[j++]!)!;
      for (let k = i; k < j; k++) out.push([...rows[k]!, start, last + gap]);
      i = j;
    }
    return out;
  }
}
