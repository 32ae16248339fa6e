/**
 * Joins: hash, interval and nested-loop joins are `HashJoinOperator` (an interval join with
 * its expiry, a nested loop over one constant key); semi and anti joins `SemiJoinOperator`.
 * A join over snapshots with a build side is `BuildProbeJoinOperator`, whichever its type.
 */
import type { DataStream } from '../../api/datastream.ts';
import { BuildProbeJoinOperator, type BuildProbeJoinType } from '../../runtime/relational/build-probe-join.ts';
import { HashJoinOperator, type HashJoinOptions, type JoinSideCleanup } from '../../runtime/relational/hash-join.ts';
import { SemiJoinOperator } from '../../runtime/relational/semi-join.ts';
import { compilePredicate } from '../codegen/compile-expr.ts';
import type { StreamHashJoin } from '../physical/stream-hash-join.ts';
import type { StreamIntervalJoin } from '../physical/stream-interval-join.ts';
import type { StreamNestedLoopJoin } from '../physical/stream-nested-loop-join.ts';
import type { StreamSemiJoin } from '../physical/stream-semi-join.ts';
import type { IntervalSide } from '../planner/watermarks.ts';
import type { Row, TranslateContext } from './context.ts';
import { inputKey, placed } from './keys.ts';

/** The condition over a left and a right row, from one over the joined row. */
function pairCondition(p: { readonly residual: StreamSemiJoin['residual'] }, ctx: TranslateContext): { condition?: (l: Row, r: Row) => boolean } {
  if (p.residual === null) return {};
  const cond = compilePredicate(p.residual, ctx.session).fn;
  return { condition: (l: Row, r: Row) => cond([...l, ...r]) };
}

function expiry(side: IntervalSide | undefined): JoinSideCleanup | undefined {
  if (side === undefined) return undefined;
  const column = side.column;
  return { timeOf: (row) => (row[column] === null ? null : Number(row[column])), expireBelow: side.expireBelow };
}

export function join(p: StreamHashJoin | StreamIntervalJoin | StreamNestedLoopJoin, left: DataStream<Row>, right: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const leftKey = inputKey(p.distribution, 0, ctx.session);
  const rightKey = inputKey(p.distribution, 1, ctx.session);
  const condition = pairCondition(p, ctx);
  const leftArity = p.left.schema.length;
  const rightArity = p.right.schema.length;
  let cleanup: HashJoinOptions['cleanup'];
  if (p.kind === 'interval-join') {
    const l = expiry(p.expire.left);
    const r = expiry(p.expire.right);
    cleanup = { ...(l !== undefined && { left: l }), ...(r !== undefined && { right: r }) };
  }
  const name = p.distribution.kind === 'singleton' ? 'NestedLoopJoin' : 'HashJoin';
  if (p.kind !== 'interval-join' && p.build !== null) return buildProbe(p, p.joinType, name, left, right, ctx);
  const joined = left
    .connect(right)
    .keyBy(leftKey, rightKey)
    .transform<Row>(name, 'hash-join', () =>
      new HashJoinOperator({ type: p.joinType, leftArity, rightArity, leftKey, rightKey, ...condition, ...(cleanup !== undefined && { cleanup }) }),
    );
  return placed(joined, p.distribution);
}

export function semiJoin(p: StreamSemiJoin, left: DataStream<Row>, right: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  if (p.build !== null) return buildProbe(p, p.anti ? 'anti' : 'semi', p.anti ? 'AntiJoin' : 'SemiJoin', left, right, ctx);
  const leftKey = inputKey(p.distribution, 0, ctx.session);
  const rightKey = inputKey(p.distribution, 1, ctx.session);
  const joined = left
    .connect(right)
    .keyBy(leftKey, rightKey)
    .transform<Row>(p.anti ? 'AntiJoin' : 'SemiJoin', 'semi-join', () => new SemiJoinOperator({ anti: p.anti, leftKey, rightKey, ...pairCondition(p, ctx) }));
  return placed(joined, p.distribution);
}

/** A join over snapshots that reads its build side to the end, then streams the other side through it. */
function buildProbe(
  p: StreamHashJoin | StreamNestedLoopJoin | StreamSemiJoin,
  type: BuildProbeJoinType,
  name: string,
  left: DataStream<Row>,
  right: DataStream<Row>,
  ctx: TranslateContext,
): DataStream<Row> {
  const leftKey = inputKey(p.distribution, 0, ctx.session);
  const rightKey = inputKey(p.distribution, 1, ctx.session);
  const options = { type, build: p.build === 'left' ? 0 : 1, leftArity: p.left.schema.length, rightArity: p.right.schema.length, leftKey, rightKey, ...pairCondition(p, ctx) } as const;
  const joined = left
    .connect(right)
    .keyBy(leftKey, rightKey)
    .transform<Row>(`${name} (build ${p.build})`, 'build-probe-join', () => new BuildProbeJoinOperator(options));
  return placed(joined, p.distribution);
}
