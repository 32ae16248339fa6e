/**
 * `left ASOF [LEFT] JOIN right ON l.k = r.k AND l.t <= r.t` (RisingWave's as-of join): each
 * left row with, of the right rows that match it, only the closest in the inequality's column
 * — the smallest `r.t` for `<`/`<=`, the largest for `>`/`>=` — and among those the one with
 * the smallest primary key (all of the right row's columns when it has none). An ASOF LEFT
 * JOIN keeps a left row without a match, padded with NULLs, as a left join does.
 *
 * Planned as the join followed by a Top-1 per left row (a `rank` node with limit 1, ordered
 * by the inequality's right side, then the right row's key), so in a view a deleted or a new
 * right row re-picks the match as any Top-N does. Identical left rows each keep their match.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import { columnsOf } from '../binder/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import type { JoinType } from '../../runtime/relational/hash-join.ts';
import { BIGINT, SqlError } from '../types/index.ts';
import { conjuncts } from './expr-utils.ts';
import { notSupported, SqlState } from '../../errors/index.ts';
import type { FromResult } from './plan-from.ts';

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** The as-of join of `joined`, the plain join of its two sides (`nLeft` columns on the left) over the same ON condition. */
export function asofJoin(type: JoinType, joined: FromResult, nLeft: number, right: LogicalPlan): FromResult {
  if (type !== 'inner' && type !== 'left') throw notSupported(`ASOF ${type.toUpperCase()} JOIN`, 'ASOF joins are inner (ASOF JOIN) or left (ASOF LEFT JOIN).');
  const plan = joined.plan;
  if (plan.kind !== 'join' || plan.leftKeys.length === 0) {
    throw new SqlError(SqlState.syntaxError, 'ASOF JOIN requires at least one equality condition between its two sides in ON');
  }
  const inequalities = (plan.residual === null ? [] : conjuncts(plan.residual)).flatMap((p) => {
    if (p.kind !== 'compare' || FLIPPED[p.op] === undefined) return [];
    const side = (e: BoundExpr): 'left' | 'right' | null => {
      const cs = [...columnsOf(e)];
      if (cs.length === 0) return null;
      if (cs.every((c) => c < nLeft)) return 'left';
      return cs.every((c) => c >= nLeft) ? 'right' : null;
    };
    const [l, r] = [side(p.left), side(p.right)];
    if (l === 'left' && r === 'right') return [{ op: p.op, right: p.right }];
    if (l === 'right' && r === 'left') return [{ op: FLIPPED[p.op]!, right: p.left }];
    return [];
  });
  if (inequalities.length !== 1) {
    throw new SqlError(SqlState.syntaxError, 'ASOF JOIN requires exactly one inequality condition (<, <=, >, >=) between its two sides in ON');
  }
  const { op, right: closest } = inequalities[0]!;
  const width = plan.schema.length;
  const column = (i: number): BoundExpr => ({ kind: 'column', index: i, type: plan.schema[i]!.type, name: plan.schema[i]!.name });
  const ranked: LogicalPlan = {
    kind: 'rank',
    input: plan,
    function: 'rank',
    partitionBy: plan.schema.slice(0, nLeft).map((_, i) => column(i)),
    orderBy: [
      { expr: closest, descending: op === '>' || op === '>=', nullsFirst: false },
      ...rightKey(right).map((i) => ({ expr: column(nLeft + i), descending: false, nullsFirst: false })),
    ],
    limit: 1,
    schema: [...plan.schema, { name: 'rank', relation: null, type: BIGINT }],
  };
  const exprs = plan.schema.map((_, i) => column(i));
  return { plan: { kind: 'project', input: ranked, exprs, schema: plan.schema.slice(0, width) }, scope: joined.scope };
}

/** The positions of the right side's primary key columns, or of all its columns when it has none known. */
function rightKey(right: LogicalPlan): number[] {
  if (right.kind === 'scan' && 'primaryKey' in right.relation && right.relation.primaryKey !== null && 'columns' in right.relation) {
    const names = right.relation.columns.map((c) => c.name);
    const key = right.relation.primaryKey.map((k) => names.indexOf(k));
    if (key.every((i) => i >= 0)) return key;
  }
  return right.schema.map((_, i) => i);
}
