/**
 * The sorted multiset under min/max and the ordered-set aggregates
 * (src/sql/functions/aggregates/sorted-counts.ts), against a plain sorted list of the same values: random
 * adds and retractions of few and of many distinct values keep the same entries in order.
 */
import { describe, expect, it } from 'vitest';
import { sortedCounts } from '../../../src/sql/functions/aggregates/sorted-counts.ts';

function model(values: number[]): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

describe('sorted counts', () => {
  for (const distinct of [3, 5000]) {
    it(`keeps ${distinct} distinct values in order through adds and retractions`, () => {
      const ops = sortedCounts((a: never, b: never) => (a as number) - (b as number));
      let acc = ops.create();
      const held: number[] = [];
      let seed = 42;
      const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
      for (let step = 0; step < 20_000; step++) {
        if (held.length > 0 && next() % 3 === 0) {
          const [v] = held.splice(next() % held.length, 1);
          acc = ops.retract(acc, v);
        } else {
          const v = next() % distinct;
          held.push(v);
          acc = ops.add(acc, v);
        }
      }
      const expected = model(held);
      expect([...ops.entries(acc)]).toEqual(expected);
      expect(ops.first(acc)).toBe(expected[0]?.[0]);
      expect(ops.last(acc)).toBe(expected[expected.length - 1]?.[0]);
      for (const v of [...held]) acc = ops.retract(acc, v);
      expect(acc).toEqual([]);
      expect(ops.first(acc)).toBeUndefined();
    });
  }
});
