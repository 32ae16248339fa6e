/**
 * Values with their multiplicities, kept sorted: the accumulator of min/max and of the
 * ordered-set aggregates, where a retraction must take back exactly one value.
 *
 * One sorted array made every insert of a new value a splice of everything after it, so a
 * group of n distinct values cost O(n²) (max(l_comment) over 600,000 TPC-H lines took two
 * minutes). The values are held in blocks of at most BLOCK entries, each sorted and all in
 * order: an insert or a removal searches the blocks by their last values, then one block, and
 * moves at most BLOCK entries. The accumulator is plain arrays, so it clones like any state.
 */
export type Entry = [value: unknown, count: number];
export type SortedCounts = Entry[][];

const BLOCK = 512;

export interface SortedCountsOps {
  create(): SortedCounts;
  add(a: SortedCounts, v: unknown): SortedCounts;
  retract(a: SortedCounts, v: unknown): SortedCounts;
  /** The least value, or undefined when empty. */
  first(a: SortedCounts): unknown;
  /** The greatest value, or undefined when empty. */
  last(a: SortedCounts): unknown;
  /** Every entry in order. */
  entries(a: SortedCounts): Iterable<Entry>;
}

export function sortedCounts(cmp: (a: never, b: never) => number): SortedCountsOps {
  const c = (x: unknown, y: unknown): number => cmp(x as never, y as never);
  /** The first block whose last value is not below v (the last block when v is above all). */
  const blockOf = (a: SortedCounts, v: unknown): number => {
    let lo = 0;
    let hi = a.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const b = a[mid]!;
      if (c(b[b.length - 1]![0], v) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The first position in a block whose value is not below v. */
  const within = (b: Entry[], v: unknown): number => {
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c(b[mid]![0], v) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    create: () => [],
    add(a, v) {
      if (a.length === 0) {
        a.push([[v, 1]]);
        return a;
      }
      const k = blockOf(a, v);
      const b = a[k]!;
      const i = within(b, v);
      const e = b[i];
      if (e !== undefined && c(e[0], v) === 0) e[1]++;
      else {
        b.splice(i, 0, [v, 1]);
        if (b.length > 2 * BLOCK) a.splice(k + 1, 0, b.splice(BLOCK));
      }
      return a;
    },
    retract(a, v) {
      if (a.length === 0) return a;
      const k = blockOf(a, v);
      const b = a[k]!;
      const i = within(b, v);
      const e = b[i];
      if (e !== undefined && c(e[0], v) === 0 && --e[1] === 0) {
        b.splice(i, 1);
        if (b.length === 0) a.splice(k, 1);
      }
      return a;
    },
    first: (a) => (a.length === 0 ? undefined : a[0]![0]![0]),
    last(a) {
      if (a.length === 0) return undefined;
      const b = a[a.length - 1]!;
      return b[b.length - 1]![0];
    },
    *entries(a) {
      for (const b of a) yield* b;
    },
  };
}
