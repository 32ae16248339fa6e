import { describe, expect, it } from 'vitest';
import { Batch, RowKind } from '../../src/runtime/batch.ts';
import { BuildProbeJoinOperator, type BuildProbeJoinType } from '../../src/runtime/relational/build-probe-join.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';

type Row = [number | null, string];
const key = (r: unknown): unknown => (r as readonly unknown[])[0];
const below = (l: readonly unknown[], r: readonly unknown[]): boolean => (l[1] as string) < (r[1] as string);

/** The join by its definition: every pair, then the rows nothing matched. */
function reference(type: BuildProbeJoinType, left: Row[], right: Row[], condition?: typeof below): string[] {
  const pairs = (l: Row, r: Row): boolean => l[0] !== null && l[0] === r[0] && (condition === undefined || condition(l, r));
  const out: unknown[][] = [];
  if (type === 'semi' || type === 'anti') {
    for (const l of left) if (right.some((r) => pairs(l, r)) === (type === 'semi')) out.push(l);
  } else {
    for (const l of left) for (const r of right) if (pairs(l, r)) out.push([...l, ...r]);
    if (type === 'left' || type === 'full') for (const l of left) if (!right.some((r) => pairs(l, r))) out.push([...l, null, null]);
    if (type === 'right' || type === 'full') for (const r of right) if (!left.some((l) => pairs(l, r))) out.push([null, null, ...r]);
  }
  return out.map((r) => JSON.stringify(r)).sort();
}

/**
 * Runs the operator over `left` and `right` in batches of two, the probe side's first batch
 * before the build side ends when `early` (as a task that does not honour selectInput would).
 */
async function run(type: BuildProbeJoinType, build: 0 | 1, left: Row[], right: Row[], early: boolean, condition?: typeof below) {
  const op = new BuildProbeJoinOperator({ type, build, leftArity: 2, rightArity: 2, leftKey: key, rightKey: key, ...(condition && { condition }) });
  const h = new OperatorHarness(op, { keySelector: key, keySelector2: key });
  await h.open();
  const inputs = [left, right];
  const batches = (rows: Row[]): Row[][] => Array.from({ length: Math.ceil(rows.length / 2) }, (_, i) => rows.slice(2 * i, 2 * i + 2));
  const buildBatches = batches(inputs[build]!);
  const probeBatches = batches(inputs[1 - build]!);
  const selections: Array<number | null> = [op.selectInput()];
  if (early && probeBatches.length > 0) op.processBatch(new Batch(probeBatches.shift()!), 1 - build);
  for (const b of buildBatches) op.processBatch(new Batch(b), build);
  op.endInput(build);
  selections.push(op.selectInput());
  for (const b of probeBatches) op.processBatch(new Batch(b), 1 - build);
  op.endInput(1 - build);
  await op.finish();
  const records = h.output.flatMap((o) => (o.kind === 'record' ? [o] : []));
  return { rows: records.map((o) => JSON.stringify(o.value)).sort(), kinds: new Set(records.map((o) => o.rowKind)), selections };
}

const LEFT: Row[] = [[1, 'a'], [1, 'a'], [2, 'c'], [null, 'n'], [3, 'b'], [4, 'z']];
const RIGHT: Row[] = [[1, 'b'], [1, 'x'], [2, 'a'], [null, 'm'], [5, 'q'], [3, 'c'], [3, 'c']];
const TYPES: BuildProbeJoinType[] = ['inner', 'left', 'right', 'full', 'semi', 'anti'];

describe('BuildProbeJoinOperator', () => {
  for (const type of TYPES) {
    for (const build of [0, 1] as const) {
      it(`${type} join building ${build === 0 ? 'left' : 'right'} gives the join's rows, inserts only, whatever comes first`, async () => {
        for (const condition of [undefined, below]) {
          for (const early of [false, true]) {
            const got = await run(type, build, LEFT, RIGHT, early, condition);
            expect(got.rows).toEqual(reference(type, LEFT, RIGHT, condition));
            expect([...got.kinds].every((k) => k === RowKind.INSERT)).toBe(true);
          }
        }
      });
    }
  }

  it('asks for the build input until it ends, then for either', async () => {
    expect((await run('inner', 0, LEFT, RIGHT, false)).selections).toEqual([0, null]);
    expect((await run('left', 1, LEFT, RIGHT, false)).selections).toEqual([1, null]);
  });

  it('handles empty inputs on either side', async () => {
    for (const type of TYPES) {
      for (const build of [0, 1] as const) {
        expect((await run(type, build, [], RIGHT, false)).rows).toEqual(reference(type, [], RIGHT));
        expect((await run(type, build, LEFT, [], false)).rows).toEqual(reference(type, LEFT, []));
      }
    }
  });
});
