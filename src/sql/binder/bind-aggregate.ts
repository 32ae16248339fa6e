/**
 * Aggregate calls and GROUPING(...) as bound nodes (PostgreSQL's Aggref and GroupingFunc):
 * the aggregate resolved for its argument's type (plain and ordered-set aggregates, DISTINCT,
 * FILTER, ORDER BY within the call), its arguments bound where aggregates may not nest. The
 * planner pulls these nodes out of the level's expressions (planner/plan-aggregation.ts).
 */
import type { PgNode } from '../parser/index.ts';
import { DOUBLE, INTEGER, SqlError, TEXT, comparatorFor, formatType, type DataType } from '../types/index.ts';
import { orderedSetAggregate, sqlAggregate } from '../functions/aggregates/aggregates.ts';
import { compileExpr } from '../codegen/compile-expr.ts';
import { notSupported, SqlState } from '../../errors/index.ts';
import { asCondition, bindExpr, coerce, literal, type BindContext } from './bind-expr.ts';
import { columnsOf, type BoundExpr } from './bound-expr.ts';
import { exprKey } from './expr-key.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** The context an aggregate's own arguments are bound in: no aggregates (nesting is an error), no GROUPING, no window calls. */
function argumentContext(ctx: BindContext): BindContext {
  return { ...ctx, clause: 'aggregate function calls', aggregates: false, grouping: false, windows: undefined };
}

/** `name(args)` (a FuncCall's fields) where aggregates are allowed. */
export function bindAggregateCall(name: string, n: Obj, ctx: BindContext): BoundExpr {
  const inner = argumentContext(ctx);
  const args = list(n.args).map((a) => bindExpr(a, inner));
  if (name === 'percentile_cont' || name === 'percentile_disc' || name === 'mode' || n.agg_within_group === true) {
    return bindOrderedSet(name, n, args, inner);
  }
  const star = n.agg_star === true;
  if (star && name !== 'count') throw new SqlError(SqlState.wrongObjectType, `${name}(*) is not an aggregate that takes *`);
  const arg0 = star ? null : (args[0] ?? null);
  if (!star && arg0 === null) throw new SqlError(SqlState.undefinedFunction, `function ${name}() does not exist`);
  // agg(x ORDER BY k [DESC] [NULLS FIRST|LAST], ...): for the aggregates whose result has an order.
  const sorts = list(n.agg_order).map((o) => obj(obj(o).SortBy));
  if (sorts.length > 0 && name !== 'array_agg' && name !== 'string_agg' && name !== 'jsonb_agg') {
    if (!['count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'bit_and', 'bit_or', 'bit_xor'].includes(name)) throw notSupported(`ORDER BY in ${name}()`);
  }
  const ordered = sorts.length > 0 && (name === 'array_agg' || name === 'string_agg' || name === 'jsonb_agg');
  const orderBy = ordered ? sorts.map((sb) => bindExpr(sb.node as PgNode, inner)) : [];
  const order = ordered
    ? {
        compare: orderBy.map((k) => comparatorFor(k.type) as (a: never, b: never) => number),
        descending: sorts.map((sb) => sb.sortby_dir === 'SORTBY_DESC'),
        nullsFirst: sorts.map((sb) => sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && sb.sortby_dir === 'SORTBY_DESC')),
      }
    : null;
  // DISTINCT over ordered values: each ORDER BY expression is an argument (PostgreSQL's
  // rule), so that the values distinct are also the values sorted.
  if (ordered && n.agg_distinct === true && orderBy.some((o) => !args.some((a) => exprKey(a) === exprKey(o)))) {
    throw new SqlError(SqlState.invalidColumnReference, 'in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list');
  }
  const aggregate = sqlAggregate(name, arg0 === null ? null : arg0.type, order, ctx.session);
  const arg = arg0 === null ? literal(1, INTEGER) : aggregate.argType === null ? arg0 : coerce(arg0, aggregate.argType, inner);
  const extra = name === 'string_agg' ? coerce(args[1] ?? literal(',', TEXT), TEXT, inner) : null;
  const filter = n.agg_filter === undefined ? null : asCondition(bindExpr(n.agg_filter as PgNode, inner), inner, 'FILTER');
  return { kind: 'aggregate-call', name, aggregate, arg, extra, distinct: n.agg_distinct === true, filter, ...(ordered && { orderBy }), type: aggregate.resultType };
}

/** `percentile_cont(f) / percentile_disc(f) / mode() WITHIN GROUP (ORDER BY x)`. */
function bindOrderedSet(name: string, n: Obj, direct: BoundExpr[], inner: BindContext): BoundExpr {
  if (name !== 'percentile_cont' && name !== 'percentile_disc' && name !== 'mode') {
    throw new SqlError(SqlState.wrongObjectType, `${name} is not an ordered-set aggregate, so it cannot have WITHIN GROUP`);
  }
  if (n.agg_within_group !== true) throw new SqlError(SqlState.wrongObjectType, `WITHIN GROUP is required for ordered-set aggregate ${name}`);
  const order = list(n.agg_order);
  if (order.length !== 1) throw new SqlError(SqlState.undefinedFunction, `function ${name} takes one ORDER BY expression`);
  if (direct.length !== (name === 'mode' ? 0 : 1)) throw new SqlError(SqlState.undefinedFunction, `function ${name} takes ${name === 'mode' ? 'no' : 'one'} direct argument`);
  const sb = obj(obj(order[0]).SortBy);
  const x = bindExpr(sb.node as PgNode, inner);
  let fraction: number | null = null;
  if (direct.length === 1) {
    const f = coerce(direct[0]!, DOUBLE, inner, 'i');
    // The fraction is a constant expression (`0.2 + 0.3`), evaluated once here.
    if (f.kind !== 'literal' && columnsOf(f).size > 0) throw notSupported(`a fraction in ${name}() that reads columns`);
    const value = f.kind === 'literal' ? f.value : compileExpr(f, inner.session).fn([]);
    fraction = value === null ? null : Number(value);
  }
  if (name === 'percentile_cont' && !['smallint', 'integer', 'bigint', 'real', 'double', 'numeric', 'unknown'].includes(x.type.kind)) {
    throw new SqlError(SqlState.undefinedFunction, `function percentile_cont(double precision) within group (order by ${formatType(x.type)}) does not exist`);
  }
  const aggregate = orderedSetAggregate(name, x.type, sb.sortby_dir === 'SORTBY_DESC', fraction);
  const arg = coerce(x, aggregate.argType as DataType, inner);
  const filter = n.agg_filter === undefined ? null : asCondition(bindExpr(n.agg_filter as PgNode, inner), inner, 'FILTER');
  return { kind: 'aggregate-call', name, aggregate, arg, extra: null, distinct: false, filter, type: aggregate.resultType };
}

/** GROUPING(a, b, ...) (a GroupingFunc's fields): its arguments, bound where aggregates are not allowed. */
export function bindGroupingCall(n: Obj, ctx: BindContext): BoundExpr {
  const args = list(n.args).map((a) => bindExpr(a, { ...ctx, aggregates: false }));
  return { kind: 'grouping', args, type: INTEGER };
}
