import { describe, expect, it } from 'vitest';
import { Batch, RowKind } from '../../src/runtime/batch.ts';
import { HashJoinOperator, type JoinType } from '../../src/runtime/relational/hash-join.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';

const K = ['+I', '-U', '+U', '-D'];
type Row = [number | null, string];
const key = (r: unknown) => (r as Row)[0];

async function join(type: JoinType, condition?: (l: readonly unknown[], r: readonly unknown[]) => boolean) {
  const op = new HashJoinOperator({ type, leftArity: 2, rightArity: 2, leftKey: key, rightKey: key, ...(condition && { condition }) });
  const h = new OperatorHarness(op, { keySelector: key, keySelector2: key });
  await h.open();
  return (input: 0 | 1, kind: number, row: Row): string[] => {
    h.clearOutput();
    op.processBatch(new Batch([row], null, [kind]), input);
    return h.output.flatMap((o) => (o.kind === 'record' ? [`${K[o.rowKind]} ${JSON.stringify(o.value)}`] : []));
  };
}

const L = 0;
const R = 1;
const { INSERT: I, DELETE: D } = RowKind;

describe('HashJoinOperator', () => {
  it('inner join emits and retracts matches', async () => {
    const j = await join('inner');
    expect(j(L, I, [1, 'a'])).toEqual([]);
    expect(j(R, I, [1, 'x'])).toEqual(['+I [1,"a",1,"x"]']);
    expect(j(R, I, [1, 'y'])).toEqual(['+I [1,"a",1,"y"]']);
    expect(j(L, I, [1, 'a'])).toEqual(['+I [1,"a",1,"x"]', '+I [1,"a",1,"y"]']); // a duplicate row joins again
    expect(j(R, D, [1, 'x'])).toEqual(['-D [1,"a",1,"x"]', '-D [1,"a",1,"x"]']);
    expect(j(L, I, [null, 'n'])).toEqual([]); // NULL keys match nothing
  });

  it('left join pads rows without a match and retracts the padding when one comes', async () => {
    const j = await join('left');
    expect(j(L, I, [1, 'a'])).toEqual(['+I [1,"a",null,null]']);
    expect(j(R, I, [1, 'x'])).toEqual(['-D [1,"a",null,null]', '+I [1,"a",1,"x"]']);
    expect(j(R, I, [1, 'y'])).toEqual(['+I [1,"a",1,"y"]']);
    expect(j(R, D, [1, 'x'])).toEqual(['-D [1,"a",1,"x"]']);
    expect(j(R, D, [1, 'y'])).toEqual(['-D [1,"a",1,"y"]', '+I [1,"a",null,null]']);
    expect(j(L, D, [1, 'a'])).toEqual(['-D [1,"a",null,null]']);
    expect(j(R, I, [2, 'z'])).toEqual([]); // right rows alone do not show in a left join
    expect(j(L, I, [null, 'n'])).toEqual(['+I [null,"n",null,null]']);
  });

  it('full join pads both sides; a residual ON condition limits matches', async () => {
    const j = await join('full', (l, r) => (l[1] as string) < (r[1] as string));
    expect(j(R, I, [1, 'b'])).toEqual(['+I [null,null,1,"b"]']);
    expect(j(L, I, [1, 'c'])).toEqual(['+I [1,"c",null,null]']); // 'c' < 'b' is false: no match
    expect(j(L, I, [1, 'a'])).toEqual(['-D [null,null,1,"b"]', '+I [1,"a",1,"b"]']);
    expect(j(L, D, [1, 'a'])).toEqual(['-D [1,"a",1,"b"]', '+I [null,null,1,"b"]']);
  });
});
