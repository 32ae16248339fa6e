/**
 * Watermark-based state cleaning for keyed relational operators (a group per window, a
 * Top-N partition per window): each key is filed under the value of its watermark column
 * (window_start, a timestamp, ...). When the watermark says no row below a bound can come
 * any more, every key filed below the bound is final and its state can go.
 *
 * Used only over append-only inputs: a retraction for a cleaned key would find no state.
 * The index is operator state (snapshotted with the operator; on restore each subtask keeps
 * the keys of its key groups).
 */
import { keyGroupFor, normalizeKey, type KeyGroupRange } from '../key-groups.ts';

export interface StateCleanup {
  /** The watermark column's value for a row. */
  readonly valueOf: (row: readonly unknown[]) => unknown;
  /** The lowest value any future row can have, given the input watermark. */
  readonly bound: (watermark: number) => number;
}

export class StateCleaner {
  /** Distinct values, ascending, each with its keys. */
  private values: number[] = [];
  private readonly keys = new Map<number, Set<unknown>>();
  /** Keys cleaned so far (a metric for tests). */
  cleaned = 0;

  /** Files `key` under `value` (NULL values never close: not filed). */
  add(value: unknown, key: unknown): void {
    if (value === null || value === undefined) return;
    const v = Number(value);
    let set = this.keys.get(v);
    if (set === undefined) {
      set = new Set();
      this.keys.set(v, set);
      const vs = this.values;
      let lo = 0;
      let hi = vs.length;
      if (hi > 0 && (vs[hi - 1] as number) < v) lo = hi;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((vs[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      vs.splice(lo, 0, v);
    }
    set.add(key);
  }

  /** Calls `clear` for every key filed below `bound`, and forgets them. */
  removeBelow(bound: number, clear: (key: unknown) => void): void {
    let n = 0;
    for (const v of this.values) {
      if (!(v < bound)) break;
      n++;
      for (const key of this.keys.get(v) ?? []) {
        clear(key);
        this.cleaned++;
      }
      this.keys.delete(v);
    }
    if (n > 0) this.values = this.values.slice(n);
  }

  /** How many keys are filed. */
  get size(): number {
    let n = 0;
    for (const s of this.keys.values()) n += s.size;
    return n;
  }

  snapshot(): Array<[number, unknown[]]> {
    return this.values.map((v) => [v, [...(this.keys.get(v) ?? [])]]);
  }

  restore(states: ReadonlyArray<Array<[number, unknown[]]> | null | undefined>, range: KeyGroupRange, maxParallelism: number): void {
    for (const s of states) {
      for (const [v, keys] of s ?? []) {
        for (const key of keys) {
          const g = keyGroupFor(normalizeKey(key), maxParallelism);
          if (g >= range.start && g <= range.end) this.add(v, key);
        }
      }
    }
  }
}
