/**
 * Subqueries, each planned on its own as a query one level deeper (its references to this
 * query's columns are outer references), then joined to the rows that read it as a dependent
 * join, which unnest.ts turns into ordinary joins:
 *
 *   x [NOT] IN (q), [NOT] EXISTS (q)   as AND-ed parts of WHERE: semi and anti joins (NOT IN
 *                                      with SQL's NULL rule as the anti join's condition)
 *   (q), ARRAY(q), EXISTS (q),
 *   x op ANY/ALL (q) as values         one row per outer row, left-joined: an aggregate over q
 *                                      (its single value, its values as an array, whether it
 *                                      has rows, SQL's three-valued ANY/ALL)
 *   LATERAL (q) in FROM                an inner or left dependent join
 */
import { asCondition, bindExpr, bindOperator, literal, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalAggregateCall, LogicalPlan } from '../plan/logical.ts';
import type { JoinType } from '../../runtime/relational/hash-join.ts';
import { BOOLEAN } from '../types/index.ts';
import { singleValue, sqlAggregate } from '../functions/aggregates/aggregates.ts';
import { isCorrelated, mapOuterRefs, asOuter, outerColumns } from './outer-refs.ts';
import { columnsOf } from '../binder/bound-expr.ts';
import { shiftColumns } from './expr-utils.ts';
import { limitAsTopN, type PlannedQuery } from './planned-query.ts';
import type { FromResult } from './plan-from.ts';
import { dependentJoin } from './unnest.ts';
import { notSupported, syntaxError } from '../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

/** What subquery planning needs of the query planner of the enclosing query. */
export interface SubqueryHost {
  /** A planner for a query nested in this one, whose outer references of depth 1 read `scope`. */
  nested(scope: Scope): { planQuery(select: Obj): PlannedQuery; planSubquery(node: PgNode): { plan: LogicalPlan; columns: readonly ScopeColumn[] } };
  bindContext(scope: Scope, clause: string): BindContext;
  /** An uncorrelated scalar subquery's one-row relation, which an aggregate query joins again after grouping. */
  constantScalar(column: ScopeColumn, relation: LogicalPlan): void;
}

export interface JoinedValue {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
  readonly value: BoundExpr;
}

const col = (schema: readonly ScopeColumn[], index: number): BoundExpr => ({ kind: 'column', index, type: schema[index]!.type, name: schema[index]!.name });

/** The scope after joining: the new columns hidden (reachable only through the values bound to them). */
function extended(scope: Scope, plan: LogicalPlan): Scope {
  return new Scope([...scope.columns, ...plan.schema.slice(scope.columns.length).map((c) => ({ ...c, hidden: true as const }))]);
}

/** A global aggregate of `calls` over `input`, its columns named for the value they are. */
function aggregateOver(input: LogicalPlan, calls: readonly LogicalAggregateCall[], name: string): LogicalPlan {
  return {
    kind: 'aggregate',
    input,
    groupKeys: [],
    calls,
    schema: calls.map((c, i) => ({ name: `${name}${i === 0 ? '' : `_${i}`}`, relation: '$scalar', type: c.aggregate.resultType, hidden: true })),
  };
}

/** Whether a plan has at most one row: projections and filters over a global aggregate, or VALUES of one row. */
function atMostOneRow(p: LogicalPlan): boolean {
  switch (p.kind) {
    case 'project':
    case 'filter':
      return atMostOneRow(p.input);
    case 'aggregate':
      return p.groupKeys.length === 0;
    case 'values':
      return p.rows.length <= 1;
    default:
      return false;
  }
}

/**
 * Joins a relation of one row per outer row (at most one for a correlated one) to `plan`:
 * uncorrelated, a cross join with its single row; correlated, a left dependent join.
 */
function joinPerRow(plan: LogicalPlan, scope: Scope, perRow: LogicalPlan, host: SubqueryHost): { plan: LogicalPlan; scope: Scope; at: number } {
  const at = plan.schema.length;
  if (isCorrelated(perRow, 1)) {
    const joined = dependentJoin(plan, perRow, 'left', null, { nullTolerant: true });
    return { plan: joined, scope: extended(scope, joined), at };
  }
  const relation = mapOuterRefs(perRow, (o) => ({ ...o, depth: o.depth - 1 }));
  const joined: LogicalPlan = { kind: 'join', type: 'inner', left: plan, right: relation, leftKeys: [], rightKeys: [], residual: null, schema: [...plan.schema, ...relation.schema] };
  const joinedScope = extended(scope, joined);
  // Each value column with a relation of it alone, joined again as that one column.
  const only = (i: number): LogicalPlan => ({ kind: 'project', input: relation, exprs: [col(relation.schema, i)], schema: [relation.schema[i]!] });
  if (relation.kind === 'aggregate') joinedScope.columns.slice(at).forEach((c, i) => host.constantScalar(c, relation.schema.length === 1 ? relation : only(i)));
  return { plan: joined, scope: joinedScope, at };
}

/**
 * A subquery used as a value — `(q)`, `ARRAY(q)`, `EXISTS (q)`, `x op ANY/ALL (q)` — joined to
 * `plan` (whose columns `scope` names), with the expression that reads its value there.
 * `bindTest` binds the test expression of ANY/ALL over `scope`.
 */
export function joinValueSubquery(host: SubqueryHost, plan: LogicalPlan, scope: Scope, link: Obj, k: number, bindTest: (node: PgNode, scope: Scope) => BoundExpr): JoinedValue {
  const kind = String(link.subLinkType);
  const subselect = link.subselect as PgNode;
  const sub = (): { plan: LogicalPlan; columns: readonly ScopeColumn[] } => host.nested(scope).planSubquery(subselect);
  const trueValue = literal(true, BOOLEAN);
  const boolOr = (arg: BoundExpr): LogicalAggregateCall => ({ name: 'bool_or', aggregate: sqlAggregate('bool_or', BOOLEAN), arg, extra: null, distinct: false, filter: null });
  const orFalse = (e: BoundExpr): BoundExpr => ({ kind: 'coalesce', args: [e, literal(false, BOOLEAN)], type: BOOLEAN });
  switch (kind) {
    case 'EXPR_SUBLINK': {
      const q = sub();
      if (q.columns.length !== 1) throw syntaxError('subquery must return only one column');
      const c = q.plan.schema[0]!;
      const name = { name: `value${k}`, relation: '$scalar', type: c.type, hidden: true as const };
      // More than one row is an error (21000) where the subquery can have more.
      const one = atMostOneRow(q.plan) && isCorrelated(q.plan, 1)
        ? ({ kind: 'project', input: q.plan, exprs: [col(q.plan.schema, 0)], schema: [name] } satisfies LogicalPlan)
        : aggregateOver(q.plan, [{ name: 'value', aggregate: singleValue(c.type), arg: col(q.plan.schema, 0), extra: null, distinct: false, filter: null }], `value${k}`);
      const j = joinPerRow(plan, scope, one, host);
      return { plan: j.plan, scope: j.scope, value: col(j.plan.schema, j.at) };
    }
    case 'ARRAY_SUBLINK': {
      const q = host.nested(scope).planQuery(obj(obj(subselect).SelectStmt));
      if (q.columns.length !== 1) throw syntaxError('subquery must return only one column');
      const planned = limitAsTopN(q);
      const v = planned.schema[0]!;
      if (v.type.kind === 'array') throw notSupported('ARRAY() over a subquery of arrays (multidimensional arrays)');
      const order = q.orderBy.length === 0 ? null : {
        compare: q.orderBy.map((o) => o.cmp as unknown as (a: never, b: never) => number),
        descending: q.orderBy.map((o) => o.descending),
        nullsFirst: q.orderBy.map((o) => o.nullsFirst),
      };
      const aggregate = sqlAggregate('array_agg', v.type, order);
      const call: LogicalAggregateCall = {
        name: 'array', aggregate, arg: col(planned.schema, 0), extra: null, distinct: false, filter: null,
        ...(order !== null && { orderBy: q.orderBy.map((o) => col(planned.schema, o.column)) }),
      };
      const j = joinPerRow(plan, scope, aggregateOver(planned, [call], `value${k}`), host);
      // An empty array, not NULL, when the subquery has no rows.
      const value: BoundExpr = { kind: 'coalesce', args: [col(j.plan.schema, j.at), literal([], aggregate.resultType)], type: aggregate.resultType };
      return { plan: j.plan, scope: j.scope, value };
    }
    case 'EXISTS_SUBLINK': {
      const j = joinPerRow(plan, scope, aggregateOver(sub().plan, [boolOr(trueValue)], `value${k}`), host);
      return { plan: j.plan, scope: j.scope, value: orFalse(col(j.plan.schema, j.at)) };
    }
    case 'ANY_SUBLINK':
    case 'ALL_SUBLINK': {
      if ('RowExpr' in obj(link.testexpr)) throw notSupported('a row compared with a subquery as a value', 'Use it as an AND-ed condition of WHERE.');
      const op = list(link.operName).map(sval).pop() ?? '=';
      const all = kind === 'ALL_SUBLINK';
      const x = bindTest(link.testexpr as PgNode, scope);
      const q = sub();
      if (q.columns.length !== 1) throw syntaxError(q.columns.length > 1 ? 'subquery has too many columns' : 'subquery has too few columns');
      const rowScope = new Scope(q.plan.schema);
      const bind = host.bindContext(rowScope, 'WHERE');
      const compare = (operator: string): BoundExpr => asCondition(bindOperator(operator, asOuter(x), col(q.plan.schema, 0), bind), bind, `${operator} ${all ? 'ALL' : 'ANY'}`);
      if ((op === '=' && !all) || (op === '<>' && all)) {
        // x IN (q): true if some value equals x (a join on it), else NULL if x is NULL or q
        // has a NULL, over rows; false otherwise. x NOT IN (q), `<> ALL`, is its negation.
        const equal = compare('=');
        const matches = aggregateOver({ kind: 'filter', input: q.plan, predicate: equal, schema: q.plan.schema }, [boolOr(trueValue)], `value${k}`);
        const m = joinPerRow(plan, scope, matches, host);
        const stats = aggregateOver(q.plan, [boolOr({ kind: 'is-null', arg: col(q.plan.schema, 0), negated: false, type: BOOLEAN }), boolOr(trueValue)], `value${k}_stats`);
        const s = joinPerRow(m.plan, m.scope, stats, host);
        const found = orFalse(col(s.plan.schema, m.at));
        const hasNull = orFalse(col(s.plan.schema, s.at));
        const nonEmpty = orFalse(col(s.plan.schema, s.at + 1));
        const xNull: BoundExpr = { kind: 'is-null', arg: x, negated: false, type: BOOLEAN };
        const unknown = literal(null, BOOLEAN);
        const any: BoundExpr = {
          kind: 'case',
          whens: [[found, literal(true, BOOLEAN)], [{ kind: 'not', arg: nonEmpty, type: BOOLEAN }, literal(false, BOOLEAN)], [{ kind: 'or', args: [xNull, hasNull], type: BOOLEAN }, unknown]],
          otherwise: literal(false, BOOLEAN),
          type: BOOLEAN,
        };
        return { plan: s.plan, scope: s.scope, value: all ? { kind: 'not', arg: any, type: BOOLEAN } : any };
      }
      // Any other operator: whether some comparison is true (false for ALL), else whether some is NULL.
      const cmp = compare(op);
      const decisive: BoundExpr = all ? { kind: 'not', arg: cmp, type: BOOLEAN } : cmp;
      const perRow = aggregateOver(q.plan, [boolOr(decisive), boolOr({ kind: 'is-null', arg: cmp, negated: false, type: BOOLEAN })], `value${k}`);
      const j = joinPerRow(plan, scope, perRow, host);
      const value: BoundExpr = {
        kind: 'case',
        whens: [[col(j.plan.schema, j.at), literal(!all, BOOLEAN)], [col(j.plan.schema, j.at + 1), literal(null, BOOLEAN)]],
        otherwise: literal(all, BOOLEAN),
        type: BOOLEAN,
      };
      return { plan: j.plan, scope: j.scope, value };
    }
    default:
      throw notSupported(`a subquery of kind ${kind}`);
  }
}

/** An AND-ed part of WHERE that is a subquery condition: `x [NOT] IN (q)` or `[NOT] EXISTS (q)`. */
export interface SubqueryCondition {
  readonly test: PgNode | null;
  readonly subselect: PgNode;
  readonly negated: boolean;
}

/**
 * `[NOT] EXISTS (q)` → a semi (anti) join with q; `x IN (q)` → a semi join on x = q's column
 * (rows: each column); `x NOT IN (q)` → an anti join whose match is `x = y OR x IS NULL OR y
 * IS NULL`, so that a NULL on either side makes NOT IN unknown, as SQL says. Correlated or not.
 */
export function semiJoinSubquery(host: SubqueryHost, plan: LogicalPlan, scope: Scope, sub: SubqueryCondition): LogicalPlan {
  const q = host.nested(scope).planSubquery(sub.subselect);
  const type = sub.negated ? 'anti' : 'semi';
  if (sub.test === null) return dependentJoin(plan, q.plan, type, null);
  const row = obj(obj(sub.test).RowExpr);
  const tests = obj(sub.test).RowExpr === undefined ? [sub.test] : list(row.args);
  if (tests.length !== q.columns.length) throw syntaxError(tests.length < q.columns.length ? 'subquery has too many columns' : 'subquery has too few columns');
  const nLeft = plan.schema.length;
  const joined = new Scope([...plan.schema.map((c, i) => scope.columns[i] ?? { ...c, hidden: true as const }), ...q.plan.schema.map((c) => ({ ...c, hidden: true as const }))]);
  const bind = host.bindContext(joined, 'WHERE');
  const parts = tests.map((t, i) => {
    const x = bindExpr(t, host.bindContext(scope, 'WHERE'));
    const y = col(joined.columns, nLeft + i);
    const equal = asCondition(bindOperator('=', x, y, bind), bind, 'IN');
    if (!sub.negated) return equal;
    const isNull = (e: BoundExpr): BoundExpr => ({ kind: 'is-null', arg: e, negated: false, type: BOOLEAN });
    return { kind: 'or', args: [equal, isNull(x), isNull(y)], type: BOOLEAN } as BoundExpr;
  });
  return dependentJoin(plan, q.plan, type, parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: BOOLEAN });
}

/**
 * `left [LEFT] JOIN LATERAL (q) alias ON cond`, and `FROM left, LATERAL (q)`: q may read
 * left's columns; a dependent join of left with it.
 */
export function planLateral(host: SubqueryHost, left: FromResult, item: Obj, type: JoinType, on: PgNode | null): FromResult {
  if (type === 'right' || type === 'full') throw syntaxError('The combining JOIN type must be INNER or LEFT for a LATERAL reference.');
  const alias = item.alias === undefined ? null : String(obj(item.alias).aliasname);
  const names = list(obj(item.alias).colnames).map(sval);
  const q = host.nested(left.scope).planSubquery(item.subquery as PgNode);
  const own: ScopeColumn[] = q.columns.map((c, i) => ({ name: names[i] ?? c.name, relation: alias, type: c.type }));
  const rightScope = new Scope([...own, ...q.plan.schema.slice(own.length).map((c) => ({ ...c, hidden: true as const }))]);
  const both = Scope.concat(left.scope, rightScope);
  const bind = host.bindContext(both, 'JOIN conditions');
  const bound = on === null ? null : asCondition(bindExpr(on, bind), bind, 'JOIN/ON');
  const condition = bound !== null && bound.kind === 'literal' && bound.value === true ? null : bound;
  const plan = dependentJoin(left.plan, q.plan, type === 'left' ? 'left' : 'inner', condition);
  return { plan, scope: extended(both, plan) };
}

/** The subqueries in a raw expression (not those nested in them), innermost first. */
function subLinksOf(tree: unknown, out: object[] = []): object[] {
  if (Array.isArray(tree)) {
    for (const x of tree) subLinksOf(x, out);
    return out;
  }
  if (tree === null || typeof tree !== 'object') return out;
  const link = (tree as Obj).SubLink as Obj | undefined;
  if (link !== undefined) {
    subLinksOf(link.testexpr, out);
    out.push(tree);
    return out;
  }
  for (const x of Object.values(tree as Obj)) subLinksOf(x, out);
  return out;
}

/**
 * An ON condition with subqueries (of an outer join, whose condition cannot move to WHERE).
 * Where each subquery reads one side's columns (or none), its value is joined to that side's
 * rows first and the condition reads it there. Otherwise the outer join is built from its
 * parts: the inner join J (the subqueries' values joined to the pairs of rows, the condition
 * a filter over them), and the rows of the preserved side that no row of J holds, padded
 * with NULLs (an anti join on all their columns, NULL matching NULL).
 */
export function joinOnSubqueries(
  host: SubqueryHost, type: JoinType, left: FromResult, right: FromResult, on: PgNode,
  join: (left: FromResult, right: FromResult, values: (node: PgNode) => BoundExpr) => FromResult,
): FromResult {
  const both = Scope.concat(left.scope, right.scope);
  const nLeft = left.scope.columns.length;
  const links = subLinksOf(on);
  const sideOf = (link: object): 'left' | 'right' | null => {
    const sub = obj(obj(link).SubLink);
    if (subLinksOf(sub.testexpr).length > 0) return null;
    const read = [...outerColumns(host.nested(both).planSubquery(sub.subselect as PgNode).plan, 1)];
    if (sub.testexpr !== undefined) read.push(...columnsOf(bindExpr(sub.testexpr as PgNode, host.bindContext(both, 'JOIN conditions'))));
    return read.every((c) => c < nLeft) ? 'left' : read.every((c) => c >= nLeft) ? 'right' : null;
  };
  const placed = links.map(sideOf);
  if (placed.some((p) => p === null)) return outerJoinFromParts(host, type, left, right, on, links);
  const sides = { left: { ...left }, right: { ...right } };
  const values = new Map<object, { side: 'left' | 'right'; value: BoundExpr }>();
  links.forEach((link, k) => {
    const side = placed[k]!;
    const target = sides[side];
    const joined = joinValueSubquery(host, target.plan, target.scope, obj(obj(link).SubLink), k, (node, sc) => bindExpr(node, host.bindContext(sc, 'JOIN conditions')));
    sides[side] = { plan: joined.plan, scope: joined.scope };
    values.set(link, { side, value: joined.value });
  });
  const width = sides.left.plan.schema.length;
  return join(sides.left, sides.right, (node) => {
    const v = values.get(node as object);
    if (v === undefined) throw notSupported('this subquery in JOIN conditions');
    return v.side === 'left' ? v.value : shiftColumns(v.value, width);
  });
}

function outerJoinFromParts(host: SubqueryHost, type: JoinType, left: FromResult, right: FromResult, on: PgNode, links: readonly object[]): FromResult {
  const both = Scope.concat(left.scope, right.scope);
  const nLeft = left.plan.schema.length;
  const nRight = right.plan.schema.length;
  const pairs = [...left.plan.schema, ...right.plan.schema];
  let plan: LogicalPlan = { kind: 'join', type: 'inner', left: left.plan, right: right.plan, leftKeys: [], rightKeys: [], residual: null, schema: pairs };
  let scope = both;
  const values = new Map<object, BoundExpr>();
  const valueOf = (node: PgNode): BoundExpr => {
    const v = values.get(node as object);
    if (v === undefined) throw notSupported('this subquery in JOIN conditions');
    return v;
  };
  links.forEach((link, k) => {
    const joined = joinValueSubquery(host, plan, scope, obj(obj(link).SubLink), k, (node, sc) => bindExpr(node, { ...host.bindContext(sc, 'JOIN conditions'), scalarSubquery: valueOf }));
    plan = joined.plan;
    scope = joined.scope;
    values.set(link, joined.value);
  });
  const bind: BindContext = { ...host.bindContext(scope, 'JOIN conditions'), scalarSubquery: valueOf };
  const condition = asCondition(bindExpr(on, bind), bind, 'JOIN/ON');
  const matched: LogicalPlan = { kind: 'filter', input: plan, predicate: condition, schema: plan.schema };
  const inner: LogicalPlan = { kind: 'project', input: matched, exprs: pairs.map((_, i) => col(plan.schema, i)), schema: pairs };
  // The rows of one side that no matched pair holds, padded with NULLs for the other.
  const unmatched = (side: 'left' | 'right'): LogicalPlan => {
    const own = side === 'left' ? left.plan : right.plan;
    const offset = side === 'left' ? 0 : nLeft;
    const held: LogicalPlan = { kind: 'project', input: inner, exprs: own.schema.map((_, i) => col(pairs, offset + i)), schema: own.schema };
    const keys = own.schema.map((_, i) => col(own.schema, i));
    const alone: LogicalPlan = { kind: 'join', type: 'anti', left: own, right: held, leftKeys: keys, rightKeys: keys, residual: null, nullSafe: true, schema: own.schema };
    const nulls = (from: number, n: number): BoundExpr[] => pairs.slice(from, from + n).map((c) => literal(null, c.type));
    const exprs = side === 'left' ? [...keys, ...nulls(nLeft, nRight)] : [...nulls(0, nLeft), ...keys];
    return { kind: 'project', input: alone, exprs, schema: pairs };
  };
  const parts = [inner, ...(type === 'left' || type === 'full' ? [unmatched('left')] : []), ...(type === 'right' || type === 'full' ? [unmatched('right')] : [])];
  return { plan: parts.length === 1 ? inner : { kind: 'union', inputs: parts, schema: pairs }, scope: both };
}
