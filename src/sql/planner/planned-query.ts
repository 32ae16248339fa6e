/**
 * A planned query as a client or an enclosing query receives it: the plan, the columns it
 * shows, and the ORDER BY / LIMIT / OFFSET that apply to its result.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { BIGINT, BOOLEAN, comparatorFor, type Comparator } from '../types/index.ts';
import { notSupported } from '../../errors/index.ts';

export interface OrderKey {
  /** Column of the planned output (visible or hidden) to sort by. */
  readonly column: number;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  readonly cmp: Comparator;
}

export interface PlannedQuery {
  readonly plan: LogicalPlan;
  /** The columns the client sees: the first `columns.length` of the plan's output. */
  readonly columns: readonly ScopeColumn[];
  readonly orderBy: readonly OrderKey[];
  readonly limit: number | null;
  readonly offset: number;
  /** `FETCH FIRST n ROWS WITH TIES`: rows that tie with the last one kept are kept too. */
  readonly withTies?: boolean;
}

/**
 * A continuously maintained ORDER BY ... LIMIT n [OFFSET m]: a Top-N over the whole result
 * (one partition), keeping rows ranked m+1 .. m+n; without ORDER BY, any n rows.
 */
export function limitAsTopN(q: PlannedQuery, partitionBy: readonly BoundExpr[] = []): LogicalPlan {
  if (q.limit === null && q.offset === 0) return q.plan;
  const width = q.plan.schema.length;
  const orderBy = q.orderBy.map((k) => ({
    expr: { kind: 'column', index: k.column, type: q.plan.schema[k.column]!.type, name: q.plan.schema[k.column]!.name } as BoundExpr,
    descending: k.descending,
    nullsFirst: k.nullsFirst,
  }));
  // WITH TIES keeps every row ranked within the limit: rank(), where ties share a rank.
  if (q.withTies === true && q.offset !== 0) throw notSupported('FETCH ... WITH TIES with an OFFSET in a materialized view');
  const ranked: LogicalPlan = {
    kind: 'rank',
    input: q.plan,
    function: q.withTies === true ? 'rank' : 'row_number',
    partitionBy,
    orderBy,
    limit: q.limit === null ? null : q.offset + q.limit,
    schema: [...q.plan.schema, { name: 'row_number', relation: null, type: BIGINT }],
  };
  const rank: BoundExpr = { kind: 'column', index: width, type: BIGINT, name: 'row_number' };
  const kept: LogicalPlan =
    q.offset === 0
      ? ranked
      : {
          kind: 'filter',
          input: ranked,
          predicate: { kind: 'compare', op: '>', cmp: comparatorFor(BIGINT), left: rank, right: { kind: 'literal', value: q.offset, type: BIGINT }, type: BOOLEAN },
          schema: ranked.schema,
        };
  return { kind: 'project', input: kept, exprs: q.plan.schema.map((c, i) => ({ kind: 'column', index: i, type: c.type, name: c.name }) as BoundExpr), schema: q.plan.schema };
}
