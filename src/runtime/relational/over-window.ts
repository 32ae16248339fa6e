/**
 * General window functions over a changelog: `f(...) OVER (PARTITION BY p ORDER BY o
 * [frame])` for ranking functions, lag/lead, first_value/last_value and retractable
 * aggregates over ROWS or RANGE frames. Each output row is the input row followed by one
 * value per function.
 *
 * A partition keeps its rows in order and the rows it last emitted. After each input
 * batch, every touched partition is recomputed in one pass (frames slide forward, so an
 * aggregate adds rows entering the frame and retracts rows leaving it) and only the
 * difference from what was emitted goes out: -D for rows whose values changed or left,
 * +I for their new versions. A change costs O(partition size); RisingWave's range cache
 * that recomputes only the affected span is the follow-up.
 */
import type { RetractableAggregate } from './aggregate-function.ts';
import { OrderedPartitionOperator, type Row } from './ordered-partitions.ts';

/** One end of a frame: UNBOUNDED, CURRENT ROW (with its peers under RANGE), or n rows away. */
export type FrameBound =
  | { readonly type: 'unbounded' }
  | { readonly type: 'current' }
  | { readonly type: 'offset'; readonly rows: number; readonly preceding: boolean }
  /** RANGE `offset PRECEDING/FOLLOWING`: rows whose ORDER BY value is within `offset` of the current row's. */
  | { readonly type: 'range'; readonly offset: number; readonly preceding: boolean };

export interface Frame {
  /** ROWS counts rows; RANGE treats peers (rows equal in ORDER BY) as one position. */
  readonly mode: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end: FrameBound;
  /** For `range` bounds: the single ORDER BY value as a number (NULL stays null), and its direction. */
  readonly rangeKey?: (row: Row) => number | null;
  readonly descending?: boolean;
}

export type WindowFunctionSpec =
  | { readonly kind: 'rank'; readonly rank: 'row_number' | 'rank' | 'dense_rank' }
  /** lag (offset < 0) and lead (offset > 0): a row `offset` away in the partition, or the default. */
  | { readonly kind: 'offset'; readonly arg: (row: Row) => unknown; readonly offset: number; readonly fallback: (row: Row) => unknown }
  | { readonly kind: 'value'; readonly which: 'first' | 'last' | 'nth'; readonly nth?: number; readonly arg: (row: Row) => unknown; readonly frame: Frame }
  | { readonly kind: 'distribution'; readonly which: 'percent_rank' | 'cume_dist' | 'ntile'; readonly buckets?: number }
  | { readonly kind: 'aggregate'; readonly fn: RetractableAggregate; readonly arg: (row: Row) => unknown; readonly frame: Frame };

export interface OverWindowOptions {
  /** Orders rows of a partition; peers compare 0. */
  readonly compare: (a: Row, b: Row) => number;
  readonly functions: readonly WindowFunctionSpec[];
}

export class OverWindowOperator extends OrderedPartitionOperator {
  private readonly o: OverWindowOptions;

  constructor(options: OverWindowOptions) {
    super('over-window', options.compare);
    this.o = options;
  }

  protected partitionOutput(rows: readonly Row[]): unknown[][] {
    return computeWindow(rows, this.o);
  }
}

/** The output rows of one ordered partition: each row followed by its function values. */
export function computeWindow(rows: readonly Row[], o: OverWindowOptions): unknown[][] {
  const n = rows.length;
  // peerStart[i] / peerEnd[i]: the first and last row of i's peer group.
  const peerStart = new Array<number>(n);
  const peerEnd = new Array<number>(n);
  for (let i = 0; i < n; i++) peerStart[i] = i > 0 && o.compare(rows[i - 1] as Row, rows[i] as Row) === 0 ? (peerStart[i - 1] as number) : i;
  for (let i = n - 1; i >= 0; i--) peerEnd[i] = i < n - 1 && peerStart[i + 1] === peerStart[i] ? (peerEnd[i + 1] as number) : i;
  const columns = o.functions.map((f) => functionColumn(f, rows, peerStart, peerEnd));
  return rows.map((row, i) => [...row, ...columns.map((c) => c[i])]);
}

function functionColumn(f: WindowFunctionSpec, rows: readonly Row[], peerStart: number[], peerEnd: number[]): unknown[] {
  const n = rows.length;
  const out = new Array<unknown>(n);
  switch (f.kind) {
    case 'rank': {
      let dense = 0;
      for (let i = 0; i < n; i++) {
        if (peerStart[i] === i) dense++;
        out[i] = f.rank === 'row_number' ? i + 1 : f.rank === 'rank' ? (peerStart[i] as number) + 1 : dense;
      }
      return out;
    }
    case 'offset':
      for (let i = 0; i < n; i++) {
        const j = i + f.offset;
        out[i] = j >= 0 && j < n ? f.arg(rows[j] as Row) : f.fallback(rows[i] as Row);
      }
      return out;
    case 'value': {
      const keys = rangeKeys(f.frame, rows);
      for (let i = 0; i < n; i++) {
        const [lo, hi] = frameOf(f.frame, i, n, peerStart, peerEnd, keys);
        const at = f.which === 'first' ? lo : f.which === 'last' ? hi : lo + (f.nth as number) - 1;
        out[i] = lo > hi || at > hi ? null : f.arg(rows[at] as Row);
      }
      return out;
    }
    case 'distribution': {
      for (let i = 0; i < n; i++) {
        if (f.which === 'percent_rank') out[i] = n <= 1 ? 0 : (peerStart[i] as number) / (n - 1);
        else if (f.which === 'cume_dist') out[i] = ((peerEnd[i] as number) + 1) / n;
        else {
          // ntile: n rows in k buckets as even as can be; the first n % k buckets hold one more.
          const k = f.buckets as number;
          const size = Math.floor(n / k);
          const extra = n % k;
          const big = extra * (size + 1);
          out[i] = i < big ? Math.floor(i / (size + 1)) + 1 : extra + Math.floor((i - big) / size) + 1;
        }
      }
      return out;
    }
    case 'aggregate': {
      const keys = rangeKeys(f.frame, rows);
      // Both ends of every supported frame move forward with the row: slide one accumulator.
      let acc = f.fn.create();
      let lo = 0;
      let hi = -1;
      const value = (j: number): unknown => f.arg(rows[j] as Row);
      const counts = (v: unknown): boolean => !(f.fn.ignoresNulls && v === null);
      for (let i = 0; i < n; i++) {
        const [a, b] = frameOf(f.frame, i, n, peerStart, peerEnd, keys);
        const start = Math.max(a, 0);
        const end = Math.min(b, n - 1);
        if (start > hi || end < lo) {
          // Disjoint from the previous frame (or empty): start over.
          acc = f.fn.create();
          lo = start;
          hi = start - 1;
        }
        while (lo < start) {
          const v = value(lo++);
          if (counts(v)) acc = f.fn.retract(acc, v);
        }
        while (hi < end) {
          const v = value(++hi);
          if (counts(v)) acc = f.fn.add(acc, v);
        }
        out[i] = f.fn.result(acc);
      }
      return out;
    }
  }
}

/**
 * RANGE-offset frames: each row's ORDER BY value signed so that it ascends along the
 * partition (negated under DESC), and the span of rows where it is not NULL.
 */
interface RangeKeys {
  readonly t: Array<number | null>;
  readonly lo: number;
  readonly hi: number;
}

function rangeKeys(frame: Frame, rows: readonly Row[]): RangeKeys | null {
  if (frame.start.type !== 'range' && frame.end.type !== 'range') return null;
  const sign = frame.descending === true ? -1 : 1;
  const t = rows.map((r) => {
    const v = frame.rangeKey!(r);
    return v === null ? null : sign * v;
  });
  let lo = 0;
  while (lo < t.length && t[lo] === null) lo++;
  let hi = t.length - 1;
  while (hi >= lo && t[hi] === null) hi--;
  return { t, lo, hi };
}

/** First index in [lo, hi] whose key is >= x (hi + 1 when none). */
function firstAtLeast(k: RangeKeys, x: number): number {
  let lo = k.lo;
  let hi = k.hi + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((k.t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Frame of row i as [first, last] row indexes (first > last: empty), clipped to the partition. */
function frameOf(frame: Frame, i: number, n: number, peerStart: number[], peerEnd: number[], keys: RangeKeys | null): [number, number] {
  const at = (b: FrameBound, isStart: boolean): number => {
    switch (b.type) {
      case 'unbounded':
        return isStart ? 0 : n - 1;
      case 'current':
        return frame.mode === 'rows' ? i : isStart ? (peerStart[i] as number) : (peerEnd[i] as number);
      case 'offset':
        return b.preceding ? i - b.rows : i + b.rows;
      case 'range': {
        const t0 = keys!.t[i];
        // A NULL value's offset frame is its peer group (the other NULLs), as in PostgreSQL.
        if (t0 === null || t0 === undefined) return isStart ? (peerStart[i] as number) : (peerEnd[i] as number);
        const edge = b.preceding ? t0 - b.offset : t0 + b.offset;
        // Start: the first row at or after the edge; end: the last row at or before it.
        return isStart ? firstAtLeast(keys!, edge) : firstAtLeast(keys!, nextUp(edge)) - 1;
      }
    }
  };
  return [Math.max(at(frame.start, true), 0), Math.min(at(frame.end, false), n - 1)];
}

/** The smallest double greater than x: "last key <= x" is "first key >= nextUp(x)" minus one. */
function nextUp(x: number): number {
  if (x === Infinity || Number.isNaN(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigInt64(0);
  buf.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}
