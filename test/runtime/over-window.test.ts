import { describe, expect, it } from 'vitest';
import { Batch, RowKind } from '../../src/runtime/batch.ts';
import { OverWindowOperator, type WindowFunctionSpec } from '../../src/runtime/relational/over-window.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';
import type { RetractableAggregate } from '../../src/runtime/relational/aggregate-function.ts';

const K = ['+I', '-U', '+U', '-D'];
type Row = [string, number];
const { INSERT: I, DELETE: D } = RowKind;

const sum: RetractableAggregate<number> = {
  create: () => 0,
  add: (acc, v) => acc + (v as number),
  retract: (acc, v) => acc - (v as number),
  result: (acc) => acc,
  ignoresNulls: true,
};

async function over(functions: WindowFunctionSpec[]) {
  const op = new OverWindowOperator({ compare: (a, b) => (a[1] as number) - (b[1] as number), functions });
  const h = new OperatorHarness(op, { keySelector: (r) => (r as Row)[0] });
  await h.open();
  return (changes: Array<[number, Row]>): string[] => {
    h.clearOutput();
    op.processBatch(new Batch(changes.map((c) => c[1]), null, changes.map((c) => c[0])));
    return h.output.flatMap((o) => (o.kind === 'record' ? [`${K[o.rowKind]} ${JSON.stringify(o.value)}`] : []));
  };
}

const value = (r: readonly unknown[]): unknown => r[1];

describe('OverWindowOperator', () => {
  it('computes lag and a running sum per partition, and re-emits only the rows a change affects', async () => {
    const t = await over([
      { kind: 'offset', arg: value, offset: -1, fallback: () => null },
      { kind: 'aggregate', fn: sum, arg: value, frame: { mode: 'rows', start: { type: 'unbounded' }, end: { type: 'current' } } },
    ]);
    expect(t([[I, ['g', 10]], [I, ['g', 30]], [I, ['h', 5]]])).toEqual(['+I ["g",10,null,10]', '+I ["g",30,10,40]', '+I ["h",5,null,5]']);
    // 20 lands between 10 and 30: 30's lag and running sum change, 10 and partition h do not.
    expect(t([[I, ['g', 20]]])).toEqual(['-D ["g",30,10,40]', '+I ["g",20,10,30]', '+I ["g",30,20,60]']);
    expect(t([[D, ['g', 10]]])).toEqual(['-D ["g",10,null,10]', '-D ["g",20,10,30]', '-D ["g",30,20,60]', '+I ["g",20,null,20]', '+I ["g",30,20,50]']);
  });

  it('slides ROWS frames and bounds RANGE frames by value', async () => {
    const t = await over([
      { kind: 'aggregate', fn: sum, arg: value, frame: { mode: 'rows', start: { type: 'offset', rows: 1, preceding: true }, end: { type: 'offset', rows: 1, preceding: false } } },
      { kind: 'value', which: 'first', arg: value, frame: { mode: 'range', start: { type: 'range', offset: 5, preceding: true }, end: { type: 'current' }, rangeKey: (r) => r[1] as number } },
    ]);
    expect(t([[I, ['g', 1]], [I, ['g', 4]], [I, ['g', 8]], [I, ['g', 20]]])).toEqual([
      '+I ["g",1,5,1]',
      '+I ["g",4,13,1]',
      '+I ["g",8,32,4]',
      '+I ["g",20,28,20]',
    ]);
  });
});
