/**
 * GROUP BY and aggregate calls: grouping keys (output positions, expressions, GROUPING SETS /
 * ROLLUP / CUBE as sets of key indexes), aggregate and ordered-set aggregate calls bound as
 * marker columns, and expressions re-pointed at the aggregate's output.
 */
import { asCondition, bindExpr, coerce, literal, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { columnsOf } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalAggregateCall } from '../plan/logical.ts';
import { DOUBLE, INTEGER, SqlError, TEXT, comparatorFor, formatType, type DataType } from '../types/index.ts';
import { orderedSetAggregate, sqlAggregate } from '../functions/aggregates/aggregates.ts';
import { exprKey, rewrite } from './expr-utils.ts';
import { compileExpr } from '../codegen/compile-expr.ts';
import { RANK_MARKER } from './plan-window.ts';
import { notSupported, SqlState } from '../../errors/index.ts';
import type { ClausePlanner } from './clause-planner.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const colRef = (scope: Scope, index: number): BoundExpr => {
  const c = scope.columns[index] as ScopeColumn;
  return { kind: 'column', index, type: c.type, name: c.name };
};

/** A GROUP BY item: an output column position or name, or an expression over the input. */
/**
 * The GROUP BY clause as distinct key expressions and, when it has GROUPING SETS, ROLLUP
 * or CUBE, the sets (indexes into the keys) it stands for: items combine as a cross
 * product, as in PostgreSQL (`GROUP BY a, ROLLUP (b, c)` is (a,b,c), (a,b), (a)).
 */
export function bindGrouping(
  p: ClausePlanner,
  groupNodes: readonly PgNode[], bind: BindContext, targets: ReadonlyArray<{ node: PgNode | null; name: string; column?: number }>, scope: Scope,
): { keys: BoundExpr[]; sets: number[][] | null } {
  const keys: BoundExpr[] = [];
  const index = new Map<string, number>();
  const keyOf = (g: PgNode): number => {
    const e = bindGroupKey(p, g, bind, targets, scope);
    const k = exprKey(e);
    let i = index.get(k);
    if (i === undefined) {
      i = keys.length;
      keys.push(e);
      index.set(k, i);
    }
    return i;
  };
  // A unit of ROLLUP/CUBE: one expression, or a parenthesized list of them.
  const unit = (g: PgNode): number[] => {
    const row = obj(obj(g).RowExpr);
    return obj(g).RowExpr !== undefined ? list(row.args).map(keyOf) : [keyOf(g)];
  };
  const alternatives = (g: PgNode): number[][] => {
    const gs = obj(obj(g).GroupingSet);
    if (obj(g).GroupingSet === undefined) return [unit(g)];
    const content = list(gs.content);
    switch (String(gs.kind)) {
      case 'GROUPING_SET_EMPTY':
        return [[]];
      case 'GROUPING_SET_SIMPLE':
        return [content.flatMap(unit)];
      case 'GROUPING_SET_ROLLUP': {
        const units = content.map(unit);
        return units.map((_, i) => units.slice(0, units.length - i).flat()).concat([[]]);
      }
      case 'GROUPING_SET_CUBE': {
        const units = content.map(unit);
        if (units.length > 12) throw new SqlError(SqlState.statementTooComplex, 'CUBE is limited to 12 elements');
        const out: number[][] = [];
        for (let mask = (1 << units.length) - 1; mask >= 0; mask--) out.push(units.filter((_, i) => (mask & (1 << i)) !== 0).flat());
        return out;
      }
      case 'GROUPING_SET_SETS':
        return content.flatMap(alternatives);
      default:
        throw notSupported(`grouping sets of kind ${String(gs.kind)}`);
    }
  };
  const hasSets = groupNodes.some((g) => obj(g).GroupingSet !== undefined);
  let sets: number[][] = [[]];
  for (const g of groupNodes) {
    const alts = alternatives(g);
    sets = sets.flatMap((s) => alts.map((a) => [...s, ...a.filter((i) => !s.includes(i))]));
  }
  return { keys, sets: hasSets ? sets : null };
}

export function bindGroupKey(p: ClausePlanner, g: PgNode, bind: BindContext, targets: ReadonlyArray<{ node: PgNode | null; name: string; column?: number }>, scope: Scope): BoundExpr {
  const c = obj(obj(g).A_Const);
  if ('ival' in c) {
    const pos = Number(obj(c.ival).ival ?? 0);
    const t = targets[pos - 1];
    if (t === undefined) throw new SqlError(SqlState.invalidColumnReference, `GROUP BY position ${pos} is not in select list`);
    return t.node === null ? colRef(scope, t.column as number) : bindExpr(t.node, bind);
  }
  return bindExpr(g, bind);
}

/** Collects an aggregate call; returns a marker column (negative index) resolved by overAggregate. */
export function bindAggregate(p: ClausePlanner, node: PgNode, scope: Scope, calls: LogicalAggregateCall[]): BoundExpr {
  const n = obj(obj(node).FuncCall);
  const names = list(n.funcname).map(sval);
  const name = (names[names.length - 1] as string).toLowerCase();
  const inner = p.bindContext(scope, 'aggregate function calls'); // no aggregate hook: nesting is an error
  const args = list(n.args).map((a) => bindExpr(a, inner));
  if (name === 'percentile_cont' || name === 'percentile_disc' || name === 'mode' || n.agg_within_group === true) {
    return bindOrderedSet(p, name, n, args, inner, calls);
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
  const aggregate = sqlAggregate(name, arg0 === null ? null : arg0.type, order, p.session);
  const arg = arg0 === null ? literal(1, INTEGER) : aggregate.argType === null ? arg0 : coerce(arg0, aggregate.argType, inner);
  const extra = name === 'string_agg' ? coerce(args[1] ?? literal(',', TEXT), TEXT, inner) : null;
  const filter = n.agg_filter === undefined ? null : asCondition(bindExpr(n.agg_filter as PgNode, inner), inner, 'FILTER');
  calls.push({ name, aggregate, arg, extra, distinct: n.agg_distinct === true, filter, ...(ordered && { orderBy }) });
  return { kind: 'column', index: -calls.length, type: aggregate.resultType, name };
}

/** `percentile_cont(f) / percentile_disc(f) / mode() WITHIN GROUP (ORDER BY x)`. */
export function bindOrderedSet(p: ClausePlanner, name: string, n: Obj, direct: BoundExpr[], inner: BindContext, calls: LogicalAggregateCall[]): BoundExpr {
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
    const value = f.kind === 'literal' ? f.value : compileExpr(f, p.session).fn([]);
    fraction = value === null ? null : Number(value);
  }
  if (name === 'percentile_cont' && !['smallint', 'integer', 'bigint', 'real', 'double', 'numeric', 'unknown'].includes(x.type.kind)) {
    throw new SqlError(SqlState.undefinedFunction, `function percentile_cont(double precision) within group (order by ${formatType(x.type)}) does not exist`);
  }
  const aggregate = orderedSetAggregate(name, x.type, sb.sortby_dir === 'SORTBY_DESC', fraction);
  const arg = coerce(x, aggregate.argType as DataType, inner);
  const filter = n.agg_filter === undefined ? null : asCondition(bindExpr(n.agg_filter as PgNode, inner), inner, 'FILTER');
  calls.push({ name, aggregate, arg, extra: null, distinct: false, filter });
  return { kind: 'column', index: -calls.length, type: aggregate.resultType, name };
}

/**
 * Re-points an expression over the input at the aggregate's output: group-key
 * expressions become their key column, aggregate markers their call's column; any other
 * input column is an error, as in PostgreSQL.
 */
export function overAggregate(p: ClausePlanner, e: BoundExpr, groupKeys: readonly BoundExpr[], scope: Scope, passthrough?: ReadonlyMap<number, number>): BoundExpr {
  const keys = new Map(groupKeys.map((k, i) => [exprKey(k), i]));
  return rewrite(e, (x) => {
    if (x.kind === 'column' && passthrough?.has(x.index)) return { ...x, index: passthrough.get(x.index)! };
    if (x.kind === 'column' && x.index <= RANK_MARKER) return x; // a window function's result, placed later
    if (x.kind === 'column' && x.index < 0) return { ...x, index: groupKeys.length + (-x.index - 1) };
    const k = keys.get(exprKey(x));
    if (k !== undefined) return { kind: 'column', index: k, type: x.type, name: `group${k}` };
    if (x.kind === 'column') {
      const c = scope.columns[x.index] as ScopeColumn;
      throw new SqlError(SqlState.groupingError, `column "${c.relation === null ? c.name : `${c.relation}.${c.name}`}" must appear in the GROUP BY clause or be used in an aggregate function`);
    }
    return undefined;
  });
}
