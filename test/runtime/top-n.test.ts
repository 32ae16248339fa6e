import { describe, expect, it } from 'vitest';
import { Batch, RowKind } from '../../src/runtime/batch.ts';
import { TopNOperator, type RankFunction } from '../../src/runtime/relational/top-n.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';

const K = ['+I', '-U', '+U', '-D'];
type Row = [string, number];
const { INSERT: I, DELETE: D } = RowKind;

async function topN(rank: RankFunction, limit: number, emitRank = true, offset = 0) {
  // Highest score first.
  const op = new TopNOperator({ compare: (a, b) => (b[1] as number) - (a[1] as number), rank, limit, offset, emitRank });
  const h = new OperatorHarness(op, { keySelector: (r) => (r as Row)[0] });
  await h.open();
  return (changes: Array<[number, Row]>): string[] => {
    h.clearOutput();
    op.processBatch(new Batch(changes.map((c) => c[1]), null, changes.map((c) => c[0])));
    return h.output.flatMap((o) => (o.kind === 'record' ? [`${K[o.rowKind]} ${JSON.stringify(o.value)}`] : []));
  };
}

describe('TopNOperator', () => {
  it('keeps the top 2 by row number per partition and promotes the next row on retraction', async () => {
    const t = await topN('row_number', 2);
    expect(t([[I, ['g', 10]], [I, ['g', 30]], [I, ['g', 20]], [I, ['h', 5]]])).toEqual([
      '+I ["g",30,1]',
      '+I ["g",20,2]',
      '+I ["h",5,1]',
    ]);
    // 25 enters at rank 2 and pushes 20 out.
    expect(t([[I, ['g', 25]]])).toEqual(['-D ["g",20,2]', '+I ["g",25,2]']);
    // The leader leaves: everyone moves up a rank, 20 comes back.
    expect(t([[D, ['g', 30]]])).toEqual(['-D ["g",30,1]', '-D ["g",25,2]', '+I ["g",25,1]', '+I ["g",20,2]']);
  });

  it('ranks ties equally with rank and dense_rank', async () => {
    const rank = await topN('rank', 2);
    expect(rank([[I, ['g', 9]], [I, ['g', 9]], [I, ['g', 7]]])).toEqual(['+I ["g",9,1]', '+I ["g",9,1]']);
    const dense = await topN('dense_rank', 2);
    expect(dense([[I, ['g', 9]], [I, ['g', 9]], [I, ['g', 7]]])).toEqual(['+I ["g",9,1]', '+I ["g",9,1]', '+I ["g",7,2]']);
  });

  it('deduplicates with row_number = 1 and no rank column, and honours an offset', async () => {
    const first = await topN('row_number', 1, false);
    expect(first([[I, ['k', 1]], [I, ['k', 3]]])).toEqual(['+I ["k",3]']);
    const second = await topN('row_number', 1, false, 1);
    expect(second([[I, ['k', 1]], [I, ['k', 3]], [I, ['k', 2]]])).toEqual(['+I ["k",2]']);
  });
});
