import { describe, expect, it } from 'vitest';
import { RowKind } from '../../src/runtime/batch.ts';
import { Batch } from '../../src/runtime/batch.ts';
import type { RetractableAggregate } from '../../src/runtime/relational/aggregate-function.ts';
import { GLOBAL_GROUP_KEY, GroupAggregateOperator } from '../../src/runtime/relational/group-aggregate.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';

const count: RetractableAggregate<number> = {
  create: () => 0,
  add: (a) => a + 1,
  retract: (a) => a - 1,
  result: (a) => a,
  ignoresNulls: true,
};
const sum: RetractableAggregate<{ n: number; s: number }> = {
  create: () => ({ n: 0, s: 0 }),
  add: (a, v) => ({ n: a.n + 1, s: a.s + (v as number) }),
  retract: (a, v) => ({ n: a.n - 1, s: a.s - (v as number) }),
  result: (a) => (a.n === 0 ? null : a.s),
  ignoresNulls: true,
};
const K = ['+I', '-U', '+U', '-D'];

type Row = [string, number | null];

function harness(global = false) {
  const op = new GroupAggregateOperator({
    groupValues: global ? () => [] : (r) => [r[0]],
    global,
    calls: [
      { fn: count, arg: () => 1 }, // count(*)
      { fn: count, arg: (r) => r[1] }, // count(v)
      { fn: sum, arg: (r) => r[1] }, // sum(v)
      { fn: count, arg: (r) => r[1], distinct: true }, // count(DISTINCT v)
      { fn: sum, arg: (r) => r[1], filter: (r) => (r[1] as number) > 1 }, // sum(v) FILTER (WHERE v > 1)
    ],
  });
  return new OperatorHarness(op, { keySelector: global ? () => GLOBAL_GROUP_KEY : (r) => (r as Row)[0] });
}

function feed(h: OperatorHarness, changes: Array<[number, Row]>): string[] {
  h.clearOutput();
  h.operator.processBatch(new Batch(changes.map((c) => c[1]), null, changes.map((c) => c[0])), 0);
  return h.output.flatMap((o) => (o.kind === 'record' ? [`${K[o.rowKind]} ${JSON.stringify(o.value)}`] : []));
}

describe('GroupAggregateOperator', () => {
  it('emits inserts, update pairs and deletes as groups change, with retraction', async () => {
    const h = harness();
    await h.open();
    expect(feed(h, [[RowKind.INSERT, ['a', 1]], [RowKind.INSERT, ['a', 2]], [RowKind.INSERT, ['b', null]]])).toEqual([
      '+I ["a",2,2,3,2,2]',
      '+I ["b",1,0,null,0,null]',
    ]);
    // An update of a row: one -U/+U pair for the group, after the whole batch.
    expect(feed(h, [[RowKind.UPDATE_BEFORE, ['a', 1]], [RowKind.UPDATE_AFTER, ['a', 2]]])).toEqual([
      '-U ["a",2,2,3,2,2]',
      '+U ["a",2,2,4,1,4]',
    ]);
    // The last row of a group leaves: the group's row is deleted.
    expect(feed(h, [[RowKind.DELETE, ['b', null]]])).toEqual(['-D ["b",1,0,null,0,null]']);
    // A change that leaves the result as it was emits nothing.
    expect(feed(h, [[RowKind.INSERT, ['a', 5]], [RowKind.DELETE, ['a', 5]]])).toEqual([]);
    expect(h.backend!.size()).toBe(1);
  });

  it('keeps one row for an aggregate without GROUP BY, from the empty input on', async () => {
    const h = harness(true);
    await h.open();
    expect(h.output.flatMap((o) => (o.kind === 'record' ? [`${K[o.rowKind]} ${JSON.stringify(o.value)}`] : []))).toEqual(['+I [0,0,null,0,null]']);
    expect(feed(h, [[RowKind.INSERT, ['x', 3]]])).toEqual(['-U [0,0,null,0,null]', '+U [1,1,3,1,3]']);
    expect(feed(h, [[RowKind.DELETE, ['x', 3]]])).toEqual(['-U [1,1,3,1,3]', '+U [0,0,null,0,null]']);
  });

  it('restores its groups from a snapshot and goes on as before', async () => {
    const a = harness();
    await a.open();
    feed(a, [[RowKind.INSERT, ['a', 1]], [RowKind.INSERT, ['b', 2]]]);
    const b = harness();
    await b.open([a.snapshot()]);
    expect(feed(b, [[RowKind.DELETE, ['a', 1]], [RowKind.INSERT, ['b', 2]]])).toEqual([
      '-D ["a",1,1,1,1,null]',
      '-U ["b",1,1,2,1,2]',
      '+U ["b",2,2,4,1,4]',
    ]);
  });
});
