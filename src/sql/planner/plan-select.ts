/**
 * Plans a SELECT (libpg-query's SelectStmt) into a logical plan: FROM and joins, WHERE,
 * GROUP BY with aggregates and HAVING, the select list, DISTINCT, UNION ALL; and, for
 * queries that return rows to a client, ORDER BY / LIMIT / OFFSET applied to the result.
 */
import { asCondition, bindExpr, coerce, literal, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import { parseExpression } from '../parser/fragments.ts';
import type { LogicalAggregateCall, LogicalPlan } from '../plan/logical.ts';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, SqlError, TEXT, castFunction, commonTypeOf, comparatorFor, formatType, type Comparator, type DataType } from '../types/index.ts';
import { orderedSetAggregate, singleValue, sqlAggregate } from './aggregates.ts';
import { conjuncts, exprKey, rewrite, shiftColumns } from './expr-utils.ts';
import { columnsOf } from '../binder/bound-expr.ts';
import { compileExpr } from '../codegen/compile-expr.ts';
import { planFrom, seriesCall, setReturning, type FromResult, type PlannerContext } from './plan-from.ts';
import type { JoinType } from '../../runtime/relational/hash-join.ts';
import { planGroupWindow } from './group-window.ts';
import { DOMAIN, decorrelate, domainColumn, hasAggregate, selectNode } from './correlated.ts';
import { RANK_MARKER, bindWindowCall, mapWindowCall, type RankFunctionName, type WindowBinding } from './plan-window.ts';
import { optimize } from '../optimizer/optimize.ts';
import { pruneColumns } from '../optimizer/prune-columns.ts';
import { notSupported, SqlState, undefinedColumn, syntaxError, undefinedFunction } from '../../errors/index.ts';

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

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

/** PostgreSQL's internal type names, which it uses as column names of casts (`SELECT 1::int` → int4). */
const TYPNAME: Record<string, string> = {
  boolean: 'bool', smallint: 'int2', integer: 'int4', bigint: 'int8', real: 'float4', double: 'float8', numeric: 'numeric',
  varchar: 'varchar', text: 'text', timestamp: 'timestamp', timestamptz: 'timestamptz', date: 'date', time: 'time',
  interval: 'interval', jsonb: 'jsonb', unknown: 'text',
};

/** PostgreSQL's FigureColname: the name a select-list item gets without AS. */
function columnName(node: PgNode): string {
  const [kind, n] = Object.entries(node as Obj)[0] as [string, Obj];
  switch (kind) {
    case 'ColumnRef': {
      const fields = list(n.fields);
      const last = fields[fields.length - 1] as Obj;
      return 'A_Star' in last ? '?column?' : sval(last);
    }
    case 'FuncCall': {
      const names = list(n.funcname).map(sval);
      return names[names.length - 1] as string;
    }
    case 'TypeCast': {
      const inner = columnName(n.arg as PgNode);
      if (inner !== '?column?') return inner;
      const names = list(obj(n.typeName).names).map(sval);
      const last = names[names.length - 1] as string;
      return TYPNAME[last] ?? last;
    }
    case 'CaseExpr':
      return 'case';
    case 'CoalesceExpr':
      return 'coalesce';
    case 'MinMaxExpr':
      return n.op === 'IS_GREATEST' ? 'greatest' : 'least';
    case 'SQLValueFunction':
      return String(n.op).replace(/^SVFOP_/, '').replace(/_N$/, '').toLowerCase();
    case 'A_ArrayExpr':
      return 'array';
    case 'SubLink': {
      // A scalar subquery is named after its one column, as in PostgreSQL.
      if (n.subLinkType === 'EXISTS_SUBLINK') return 'exists';
      if (n.subLinkType === 'ARRAY_SUBLINK') return 'array';
      if (n.subLinkType !== 'EXPR_SUBLINK') return '?column?';
      const first = obj(list(obj(obj(n.subselect).SelectStmt).targetList)[0]).ResTarget as Obj | undefined;
      if (first === undefined) return '?column?';
      return first.name !== undefined ? String(first.name) : columnName(first.val as PgNode);
    }
    default:
      return '?column?';
  }
}

export class QueryPlanner {
  private readonly ctx: PlannerContext;
  private readonly ctes = new Map<string, { plan: LogicalPlan; columns: readonly ScopeColumn[] }>();

  constructor(ctx: PlannerContext) {
    this.ctx = {
      ...ctx,
      lookupCte: (name) => this.ctes.get(name) ?? ctx.lookupCte?.(name),
      planLateral: (left, item, type, on) => this.planLateral(left, item, type, on),
    };
  }

  /**
   * `left [LEFT] JOIN LATERAL (SELECT ...) alias ON cond` and `FROM left, LATERAL (...)`:
   * the subquery is planned per distinct value of the left columns it reads and joined back
   * on them (see correlated.ts). A subquery that aggregates without GROUP BY gives every
   * left row one row, its value over no rows where nothing matched.
   */
  private planLateral(left: FromResult, item: Obj, type: JoinType, on: PgNode | null): FromResult {
    if (type === 'right' || type === 'full') throw syntaxError('The combining JOIN type must be INNER or LEFT for a LATERAL reference.');
    const select = obj(obj(item.subquery).SelectStmt);
    const alias = item.alias === undefined ? null : String(obj(item.alias).aliasname);
    const names = list(obj(item.alias).colnames).map(sval);
    const d = this.decorrelated(left.plan, left.scope, select);
    if (d === null) {
      // It reads nothing of the left side: an ordinary subquery in FROM.
      const sub = this.planSubquery(item.subquery as PgNode);
      const right: FromResult = { plan: sub.plan, scope: new Scope(sub.columns.map((c, i) => ({ name: names[i] ?? c.name, relation: alias, type: c.type }))) };
      return this.joinOn(left, right, type, on, [], []);
    }
    const { planned, ownColumns, domainWidth } = d;
    const own = planned.schema.slice(0, ownColumns).map((c, i): ScopeColumn => ({ name: names[i] ?? c.name, relation: alias, type: c.type }));
    // The right side: its own columns, the domain's (hidden), and a marker that a row matched.
    const marked: LogicalPlan = {
      kind: 'project',
      input: planned,
      exprs: [...planned.schema.slice(0, ownColumns + domainWidth).map((c, i) => colRef(new Scope(planned.schema), i)), { kind: 'literal', value: true, type: BOOLEAN }],
      schema: [
        ...own,
        ...planned.schema.slice(ownColumns, ownColumns + domainWidth).map((c, j) => ({ name: `d${j}`, relation: '$lateral', type: c.type, hidden: true })),
        { name: 'matched', relation: '$lateral', type: BOOLEAN, hidden: true },
      ],
    };
    const leftKeys = d.outerColumns.map((c) => colRef(left.scope, c));
    const rightKeys = Array.from({ length: domainWidth }, (_, j) => colRef(new Scope(marked.schema), ownColumns + j));
    if (!d.globalAggregate) return this.joinOn(left, { plan: marked, scope: new Scope(marked.schema) }, type, on, leftKeys, rightKeys);
    // One row per left row: the matched one, else the subquery's row over no rows.
    if (on !== null && !isTrueLiteral(on)) throw notSupported('LATERAL aggregates joined ON a condition other than TRUE', 'Filter in the subquery, and join ON TRUE.');
    const nLeft = left.plan.schema.length;
    const joinedSchema = [...left.plan.schema, ...marked.schema];
    const joined: LogicalPlan = { kind: 'join', type: 'left', left: left.plan, right: marked, leftKeys, rightKeys, residual: null, nullSafe: true, schema: joinedSchema };
    const empty = this.planSubquery(selectNode(d.empty));
    const withEmpty: LogicalPlan = {
      kind: 'join',
      type: 'inner',
      left: joined,
      right: empty.plan,
      leftKeys: [],
      rightKeys: [],
      residual: null,
      schema: [...joinedSchema, ...empty.plan.schema],
    };
    const all = new Scope(withEmpty.schema);
    const matched: BoundExpr = { kind: 'is-null', arg: colRef(all, nLeft + ownColumns + domainWidth), negated: true, type: BOOLEAN };
    const exprs: BoundExpr[] = [
      ...left.plan.schema.map((_, i) => colRef(all, i)),
      ...own.map((c, i): BoundExpr => ({ kind: 'case', whens: [[matched, colRef(all, nLeft + i)]], otherwise: colRef(all, joinedSchema.length + i), type: c.type })),
    ];
    const schema = [...left.scope.columns, ...own];
    return { plan: { kind: 'project', input: withEmpty, exprs, schema }, scope: new Scope(schema) };
  }

  /** Joins `right` to `left` on null-safe domain keys and the ON condition (as the residual). */
  private joinOn(left: FromResult, right: FromResult, type: JoinType, on: PgNode | null, leftKeys: BoundExpr[], rightKeys: BoundExpr[]): FromResult {
    const scope = Scope.concat(left.scope, right.scope);
    const bind = this.bindContext(scope, 'JOIN conditions');
    const residual = on === null ? null : asCondition(bindExpr(on, bind), bind, 'JOIN/ON');
    const plan: LogicalPlan = {
      kind: 'join',
      type,
      left: left.plan,
      right: right.plan,
      leftKeys,
      rightKeys,
      residual: residual !== null && residual.kind === 'literal' && residual.value === true ? null : residual,
      ...(leftKeys.length > 0 && { nullSafe: true }),
      schema: [...left.plan.schema, ...right.plan.schema],
    };
    return { plan, scope };
  }

  private bindContext(scope: Scope, clause: string, extra: Partial<BindContext> = {}): BindContext {
    return { ...this.ctx.bindBase, scope, session: this.ctx.session, clause, ...(this.scalarHook !== null && { scalarSubquery: this.scalarHook }), ...extra };
  }

  /** While planning one query level: how its scalar subqueries are bound. */
  private scalarHook: ((node: PgNode) => BoundExpr) | null = null;

  /**
   * The value column of each uncorrelated scalar subquery joined to a FROM clause, and the
   * one-row relation it comes from: an aggregate query joins that again after grouping, so
   * the value reaches its result whatever the groups (also a global aggregate over no rows).
   */
  private readonly constantScalars = new WeakMap<ScopeColumn, LogicalPlan>();

  /** Plans `(SELECT x ...)` as a one-row relation (its single value) joined to `plan`. */
  private joinScalarSubquery(plan: LogicalPlan, scope: Scope, link: object, k: number, mayCorrelate = true): { plan: LogicalPlan; scope: Scope; value: BoundExpr } {
    const subselect = obj(obj(link).SubLink).subselect as PgNode;
    if (obj(obj(link).SubLink).subLinkType === 'ARRAY_SUBLINK') return this.joinArraySubquery(plan, scope, obj(obj(subselect).SelectStmt), k);
    let sub: { plan: LogicalPlan; columns: readonly ScopeColumn[] };
    try {
      sub = this.planSubquery(subselect);
    } catch (e) {
      // A name the subquery cannot resolve may be the outer query's: a correlated subquery.
      if (mayCorrelate && e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable)) {
        const correlated = this.joinCorrelatedScalar(plan, scope, obj(obj(subselect).SelectStmt), k);
        if (correlated !== null) return correlated;
      }
      throw e;
    }
    if (sub.columns.length !== 1) throw syntaxError('subquery must return only one column');
    const c = sub.columns[0] as ScopeColumn;
    const value: LogicalPlan = {
      kind: 'aggregate',
      input: sub.plan,
      groupKeys: [],
      calls: [{ name: 'value', aggregate: singleValue(c.type), arg: { kind: 'column', index: 0, type: c.type, name: c.name }, extra: null, distinct: false, filter: null }],
      schema: [{ name: `value${k}`, relation: '$scalar', type: c.type, hidden: true }],
    };
    const schema = [...plan.schema, ...value.schema];
    const joined: LogicalPlan = { kind: 'join', type: 'inner', left: plan, right: value, leftKeys: [], rightKeys: [], residual: null, schema };
    this.constantScalars.set(value.schema[0]!, value);
    return { plan: joined, scope: Scope.concat(scope, new Scope(value.schema)), value: colRef(new Scope(schema), schema.length - 1) };
  }

  /**
   * `ARRAY(SELECT x ...)`: the subquery's values as an array, in its ORDER BY (an empty
   * array, not NULL, when it has no rows); per outer row when it reads outer columns.
   */
  private joinArraySubquery(plan: LogicalPlan, scope: Scope, select: Obj, k: number): { plan: LogicalPlan; scope: Scope; value: BoundExpr } {
    let planned: LogicalPlan;
    let orderBy: readonly OrderKey[];
    let domain: { outerColumns: readonly number[]; width: number } | null = null;
    try {
      const q = this.planQuery(select);
      if (q.columns.length !== 1) throw syntaxError('subquery must return only one column');
      planned = limitAsTopN(q);
      orderBy = q.orderBy;
    } catch (e) {
      if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
      const d = this.decorrelated(plan, scope, select);
      if (d === null) throw e;
      if (d.ownColumns !== 1) throw syntaxError('subquery must return only one column');
      planned = d.planned;
      orderBy = d.orderBy;
      domain = { outerColumns: d.outerColumns, width: d.domainWidth };
    }
    const ps = new Scope(planned.schema);
    const v = planned.schema[0] as ScopeColumn;
    if (v.type.kind === 'array') throw notSupported('ARRAY() over a subquery of arrays (multidimensional arrays)');
    const order = {
      compare: orderBy.map((o) => o.cmp as unknown as (a: never, b: never) => number),
      descending: orderBy.map((o) => o.descending),
      nullsFirst: orderBy.map((o) => o.nullsFirst),
    };
    const aggregate = sqlAggregate('array_agg', v.type, orderBy.length > 0 ? order : null);
    const call: LogicalAggregateCall = {
      name: 'array',
      aggregate,
      arg: colRef(ps, 0),
      extra: null,
      distinct: false,
      filter: null,
      ...(orderBy.length > 0 && { orderBy: orderBy.map((o) => colRef(ps, o.column)) }),
    };
    const arrayType = aggregate.resultType;
    const emptyArray: BoundExpr = { kind: 'literal', value: [], type: arrayType };
    if (domain === null) {
      const value: LogicalPlan = { kind: 'aggregate', input: planned, groupKeys: [], calls: [call], schema: [{ name: `value${k}`, relation: '$scalar', type: arrayType, hidden: true }] };
      const schema = [...plan.schema, ...value.schema];
      const joined: LogicalPlan = { kind: 'join', type: 'inner', left: plan, right: value, leftKeys: [], rightKeys: [], residual: null, schema };
      const s = new Scope(schema);
      return { plan: joined, scope: Scope.concat(scope, new Scope(value.schema)), value: { kind: 'coalesce', args: [colRef(s, schema.length - 1), emptyArray], type: arrayType } };
    }
    const own = 1;
    const keys = Array.from({ length: domain.width }, (_, j) => colRef(ps, own + j));
    const perRow: LogicalPlan = {
      kind: 'aggregate',
      input: planned,
      groupKeys: keys,
      calls: [call],
      schema: [...keys.map((key, j) => ({ name: `d${j}`, relation: `$domain${k}`, type: key.type, hidden: true })), { name: `value${k}`, relation: '$scalar', type: arrayType, hidden: true }],
    };
    const joined = joinBackToDomain(plan, scope, domain.outerColumns, perRow);
    const schema = joined.schema;
    const s = new Scope(schema);
    return { plan: joined, scope: Scope.concat(scope, new Scope(perRow.schema)), value: { kind: 'coalesce', args: [colRef(s, schema.length - 1), emptyArray], type: arrayType } };
  }

  /**
   * A correlated scalar subquery: planned once per distinct value of the outer columns it
   * reads (the domain), its value joined back to the outer rows by those columns; rows
   * whose domain value has no row get the subquery's value over no rows. Null when the
   * subquery reads no outer column (the caller reports the original error).
   */
  private joinCorrelatedScalar(plan: LogicalPlan, scope: Scope, select: Obj, k: number): { plan: LogicalPlan; scope: Scope; value: BoundExpr } | null {
    const d = this.decorrelated(plan, scope, select);
    if (d === null) return null;
    const { planned, domainWidth } = d;
    const width = d.ownColumns;
    if (d.ownColumns !== 1) throw syntaxError('subquery must return only one column');
    const v = planned.schema[0] as ScopeColumn;
    const domainKeys = Array.from({ length: domainWidth }, (_, j): BoundExpr => ({ kind: 'column', index: width + j, type: planned.schema[width + j]!.type, name: `d${j}` }));
    // One value per domain row (21000 if the subquery gives more), and a marker that it has one.
    const perRow: LogicalPlan = {
      kind: 'aggregate',
      input: planned,
      groupKeys: domainKeys,
      calls: [
        { name: 'value', aggregate: singleValue(v.type), arg: { kind: 'column', index: 0, type: v.type, name: v.name }, extra: null, distinct: false, filter: null },
        { name: 'matched', aggregate: singleValue(BOOLEAN), arg: { kind: 'literal', value: true, type: BOOLEAN }, extra: null, distinct: false, filter: null },
      ],
      schema: [
        ...domainKeys.map((key, j) => ({ name: `d${j}`, relation: `$domain${k}`, type: key.type, hidden: true })),
        { name: `value${k}`, relation: '$scalar', type: v.type, hidden: true },
        { name: `matched${k}`, relation: '$scalar', type: BOOLEAN, hidden: true },
      ],
    };
    let joined = joinBackToDomain(plan, scope, d.outerColumns, perRow);
    let joinedScope = Scope.concat(scope, new Scope(perRow.schema));
    const value = colRef(joinedScope, plan.schema.length + domainWidth);
    if (!d.globalAggregate) return { plan: joined, scope: joinedScope, value };
    // A global aggregate has a value over no rows too (count(*) is 0): the subquery's own.
    const empty = this.joinScalarSubquery(joined, joinedScope, { SubLink: { subLinkType: 'EXPR_SUBLINK', subselect: selectNode(d.empty) } }, k + 1000, false);
    joined = empty.plan;
    joinedScope = empty.scope;
    const matched = colRef(joinedScope, plan.schema.length + domainWidth + 1);
    return {
      plan: joined,
      scope: joinedScope,
      value: { kind: 'case', whens: [[{ kind: 'is-null', arg: matched, negated: true, type: BOOLEAN }, value]], otherwise: coerce(empty.value, value.type, this.bindContext(joinedScope, 'SELECT')), type: value.type },
    };
  }

  /**
   * The columns a subquery's FROM clause offers its expressions. A function in FROM that
   * reads outer columns cannot be planned on its own: it offers its alias's column.
   */
  private innerScope(select: Obj): Scope {
    const items = list(select.fromClause);
    try {
      return planFrom(items, this.ctx, (q) => this.planSubquery(q)).scope;
    } catch (e) {
      if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
    }
    const itemColumns = (item: unknown): ScopeColumn[] => {
      const fn = obj(item).RangeFunction as Obj | undefined;
      if (fn !== undefined) {
        const alias = fn.alias === undefined ? null : String(obj(fn.alias).aliasname);
        const names = list(obj(fn.alias).colnames).map(sval);
        const call = obj(obj(list(list(fn.functions)[0])[0]).FuncCall);
        const fname = list(call.funcname).map(sval).pop() ?? '';
        return [{ name: names[0] ?? alias ?? fname, relation: alias ?? fname, type: TEXT }];
      }
      try {
        return [...planFrom([item as PgNode], this.ctx, (q) => this.planSubquery(q)).scope.columns];
      } catch (e) {
        if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
        // A join over such items: both sides' columns, a USING column once.
        const join = obj(item).JoinExpr as Obj | undefined;
        if (join !== undefined) {
          const using = list(join.usingClause).map(sval);
          return [...itemColumns(join.larg), ...itemColumns(join.rarg).filter((c) => !using.includes(c.name))];
        }
        const sub = obj(item).RangeSubselect as Obj | undefined;
        if (sub === undefined) throw e;
        // A derived table reading outer columns: its columns by name (for telling names apart).
        const alias = sub.alias === undefined ? null : String(obj(sub.alias).aliasname);
        const names = list(obj(sub.alias).colnames).map(sval);
        return list(obj(obj(sub.subquery).SelectStmt).targetList).map((t, i) => {
          const rt = obj(obj(t).ResTarget);
          return { name: names[i] ?? (rt.name === undefined ? columnName(rt.val as PgNode) : String(rt.name)), relation: alias, type: TEXT };
        });
      }
    };
    const columns = items.flatMap(itemColumns);
    return new Scope(columns);
  }

  /** The FROM columns of a query nested in a correlated subquery, or null when they cannot be known. */
  private nestedScope(body: Obj): Scope | null {
    try {
      return this.innerScope(body);
    } catch (e) {
      if (e instanceof SqlError) return null;
      throw e;
    }
  }

  /**
   * Plans a correlated subquery per row of its domain (see correlated.ts): the plan's output
   * is the subquery's columns, then the domain's; LIMIT/OFFSET apply per domain row.
   */
  private decorrelated(
    plan: LogicalPlan,
    scope: Scope,
    select: Obj,
  ): { planned: LogicalPlan; ownColumns: number; domainWidth: number; outerColumns: readonly number[]; globalAggregate: boolean; empty: Obj; orderBy: readonly OrderKey[] } | null {
    const d = decorrelate(select, this.innerScope(select), scope, plan.schema.map((c) => c.type), (body) => this.nestedScope(body));
    if (d === null) return null;
    const domainSchema: ScopeColumn[] = d.outerColumns.map((c, j) => ({ name: domainColumn(j), relation: DOMAIN, type: plan.schema[c]!.type, hidden: true }));
    const keys = domainSchema.map((c, j): BoundExpr => ({ kind: 'column', index: j, type: c.type, name: c.name }));
    const domain: LogicalPlan = {
      kind: 'aggregate',
      input: { kind: 'project', input: plan, exprs: d.outerColumns.map((c) => colRef(scope, c)), schema: domainSchema },
      groupKeys: keys,
      calls: [],
      schema: domainSchema,
    };
    const outerCtes = this.ctx.lookupCte;
    const planner = new QueryPlanner({ ...this.ctx, lookupCte: (name) => (name === DOMAIN ? { plan: domain, columns: domainSchema } : outerCtes?.(name)) });
    const q = planner.planQuery(d.select);
    const own = q.columns.length - domainSchema.length;
    const partition = domainSchema.map((c, j): BoundExpr => ({ kind: 'column', index: own + j, type: c.type, name: c.name }));
    return { planned: limitAsTopN(q, partition), ownColumns: own, domainWidth: domainSchema.length, outerColumns: d.outerColumns, globalAggregate: d.globalAggregate, empty: d.empty, orderBy: q.orderBy };
  }

  /**
   * Plans `select` (the SelectStmt's fields) for a client: with ORDER BY, LIMIT, OFFSET. Its
   * WITH names are visible in it alone: a nested query's CTE hides an outer one of the same
   * name only inside that query.
   */
  planQuery(select: Obj): PlannedQuery {
    if (select.withClause === undefined) return this.planQueryBody(select);
    const outer = new Map(this.ctes);
    try {
      this.defineCtes(obj(obj(select.withClause).WithClause ?? select.withClause));
      return this.planQueryBody(select);
    } finally {
      this.ctes.clear();
      for (const [name, cte] of outer) this.ctes.set(name, cte);
    }
  }

  private planQueryBody(select: Obj): PlannedQuery {
    if (select.op !== undefined && select.op !== 'SETOP_NONE') return this.planSetOperation(select);
    if (select.valuesLists !== undefined) return this.planValues(select);
    const from = planFrom(list(select.fromClause), this.ctx, (sub) => this.planSubquery(sub));
    let plan = from.plan;
    let scope = from.scope;
    // Scalar subqueries become relations joined to the FROM clause: an uncorrelated one a
    // single row, a correlated one its value per outer row (see correlated.ts).
    select = existsAsScalars(this.correlatedNotInAsScalars(select));
    // The WHERE conditions without subqueries filter the FROM rows first, so that the
    // subqueries' domains (the outer values they are planned for) are the rows that pass.
    ({ select, plan } = this.whereBeforeSubqueries(select, plan, scope));
    const scalars = new Map<object, BoundExpr>();
    for (const link of scalarSubLinks([select.targetList, select.whereClause, select.havingClause])) {
      const joined = this.joinScalarSubquery(plan, scope, link, scalars.size);
      scalars.set(link, joined.value);
      plan = joined.plan;
      scope = joined.scope;
    }
    const scalarSubquery = (node: PgNode): BoundExpr => {
      const value = scalars.get(node as object);
      if (value === undefined) throw notSupported('a nested scalar subquery');
      return value;
    };
    const outerHook = this.scalarHook;
    this.scalarHook = scalars.size === 0 ? null : scalarSubquery;
    try {
      return this.planSelectBody(select, plan, scope);
    } finally {
      this.scalarHook = outerHook;
    }
  }

  /**
   * A correlated `[NOT] IN` or `[NOT] EXISTS` condition that a semi/anti join cannot take — NOT
   * IN (its NULL rule is per outer row), or a subquery that groups, is DISTINCT, limits or
   * combines sets — as a scalar over the decorrelation domain instead: `x = ANY (q)` or
   * `(SELECT count(*) > 0 FROM (q))`, negated for NOT, three-valued as SQL says. The rest stay
   * semi and anti joins (uncorrelated NOT IN a null-aware anti join).
   */
  private correlatedNotInAsScalars(select: Obj): Obj {
    if (select.whereClause === undefined) return select;
    const parts = whereConjuncts(select.whereClause as PgNode);
    let changed = false;
    const rewritten = parts.map((part) => {
      const sub = subqueryCondition(part);
      if (sub === null || (sub.test !== null && 'RowExpr' in obj(sub.test))) return part;
      const sel = obj(obj(sub.subselect).SelectStmt);
      // A semi/anti join takes the correlation only from the subquery's WHERE conditions.
      const joinable = plainSelect(sel) && !(sub.negated && sub.test !== null) && !this.readsOuterBesideWhere(sel);
      if (joinable) return part;
      try {
        this.planSubquery(sub.subselect);
        return part;
      } catch (e) {
        if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) return part;
      }
      changed = true;
      const linkNode = sub.negated ? list(obj(obj(part).BoolExpr).args)[0] : part;
      const link = obj(obj(linkNode).SubLink);
      const scalar = sub.test === null ? existsAsScalar(link) : quantifiedAsScalar(link, link.testexpr);
      return (sub.negated ? { BoolExpr: { boolop: 'NOT_EXPR', args: [scalar], location: -1 } } : scalar) as unknown as PgNode;
    });
    if (!changed) return select;
    return { ...select, whereClause: rewritten.length === 1 ? rewritten[0] : { BoolExpr: { boolop: 'AND_EXPR', args: rewritten } } };
  }

  /** Whether a subquery reads outer columns outside its WHERE clause (its select list, its FROM). */
  private readsOuterBesideWhere(sel: Obj): boolean {
    const { whereClause: _where, ...rest } = sel;
    try {
      this.planSubquery(selectNode(rest));
      return false;
    } catch (e) {
      return e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable);
    }
  }

  /**
   * Of a WHERE clause that has subqueries, its conjuncts without any: applied to the FROM
   * rows now (the rest stays for the subqueries' joins). Unchanged without subqueries.
   */
  private whereBeforeSubqueries(select: Obj, plan: LogicalPlan, scope: Scope): { select: Obj; plan: LogicalPlan } {
    if (select.whereClause === undefined) return { select, plan };
    const parts = whereConjuncts(select.whereClause as PgNode);
    const plain = parts.filter((p) => !hasSubLink(p));
    if (plain.length === 0 || plain.length === parts.length) return { select, plan };
    const bind = this.bindContext(scope, 'WHERE');
    const where = plain.length === 1 ? (plain[0] as PgNode) : ({ BoolExpr: { boolop: 'AND_EXPR', args: plain } } as unknown as PgNode);
    const predicate = asCondition(bindExpr(where, bind), bind, 'WHERE');
    const rest = parts.filter(hasSubLink);
    const whereClause = rest.length === 1 ? rest[0] : { BoolExpr: { boolop: 'AND_EXPR', args: rest } };
    return { select: { ...select, whereClause }, plan: { kind: 'filter', input: pushRankLimit(plan, predicate), predicate, schema: plan.schema } };
  }

  private planSelectBody(select: Obj, from: LogicalPlan, fromScope: Scope): PlannedQuery {
    let plan = from;
    let scope = fromScope;
    if (select.whereClause !== undefined) {
      // Subquery conditions (IN, NOT IN, EXISTS) among the AND-ed parts become semi/anti joins.
      const parts = whereConjuncts(select.whereClause as PgNode);
      const plain: PgNode[] = [];
      for (const part of parts) {
        const sub = subqueryCondition(part);
        if (sub === null) plain.push(part);
        else plan = this.planSubqueryCondition(plan, scope, sub);
      }
      if (plain.length > 0) {
        const bind = this.bindContext(scope, 'WHERE');
        const where = plain.length === 1 ? (plain[0] as PgNode) : ({ BoolExpr: { boolop: 'AND_EXPR', args: plain } } as unknown as PgNode);
        const predicate = asCondition(bindExpr(where, bind), bind, 'WHERE');
        plan = { kind: 'filter', input: pushRankLimit(plan, predicate), predicate, schema: plan.schema };
      }
    }
    // Flink's group windows (GROUP BY ..., SESSION(ts, gap)) window the rows before grouping.
    ({ select, plan, scope } = planGroupWindow(select, plan, scope, this.ctx, (sc) => this.bindContext(sc, 'GROUP BY')));
    // The select list, with * expanded.
    const targets: Array<{ node: PgNode | null; name: string; column?: number }> = [];
    for (const t of list(select.targetList)) {
      const rt = obj(obj(t).ResTarget);
      const val = rt.val as PgNode;
      const fields = list(obj(obj(val).ColumnRef).fields);
      const last = fields[fields.length - 1] as Obj | undefined;
      if (last !== undefined && 'A_Star' in last) {
        const relation = fields.length >= 2 ? sval(fields[fields.length - 2]) : null;
        for (const i of scope.star(relation)) targets.push({ node: null, name: scope.columns[i]!.name, column: i });
        continue;
      }
      targets.push({ node: val, name: rt.name === undefined ? columnName(val) : String(rt.name) });
    }

    // A set-returning function (generate_series, unnest) in the select list: rows multiply before the rest.
    // A set-returning call, or a field of one (`(_pg_expandarray(a)).n`).
    const srfCall = (node: PgNode): PgNode | null => {
      if (isSeriesCall(node)) return node;
      const arg = obj(obj(node).A_Indirection).arg as PgNode | undefined;
      return arg !== undefined && isSeriesCall(arg) ? arg : null;
    };
    const srf = targets.filter((t) => t.node !== null && srfCall(t.node) !== null);
    if (srf.length > 1 || srf.some((t) => !isSeriesCall(t.node!))) {
      // Several: in lockstep, as PostgreSQL runs them (the shorter padded with NULL).
      const bind = this.bindContext(scope, 'SELECT');
      const zip = srf.map((t) => {
        const call = obj(obj(srfCall(t.node!)).FuncCall);
        const names = list(call.funcname).map(sval);
        return seriesCall((names[names.length - 1] ?? '').toLowerCase(), list(call.args).map((a) => bindExpr(a, bind)), bind);
      });
      const base = plan.schema.length;
      plan = {
        kind: 'series', input: plan, args: [], zip: zip.map((z) => ({ fn: z.fn, args: z.args })),
        schema: [...plan.schema, ...zip.map((z, i) => ({ name: `c${i}`, relation: '$srf', type: z.type, hidden: true }))],
      };
      scope = new Scope(plan.schema);
      srf.forEach((t, i) => {
        const indirection = obj(obj(t.node).A_Indirection);
        targets[targets.indexOf(t)] = isSeriesCall(t.node!)
          ? { node: null, name: t.name, column: base + i }
          : { node: { A_Indirection: { ...indirection, arg: { ColumnRef: { fields: [{ String: { sval: '$srf' } }, { String: { sval: `c${i}` } }], location: -1 } } } } as unknown as PgNode, name: t.name };
      });
    } else if (srf.length === 1) {
      const t = srf[0]!;
      const call = obj(obj(t.node).FuncCall);
      const names = list(call.funcname).map(sval);
      const fn = (names[names.length - 1] ?? '').toLowerCase();
      const index = plan.schema.length;
      plan = setReturning(plan, fn, list(call.args), this.bindContext(scope, 'SELECT'), false, fn, null);
      scope = new Scope(plan.schema);
      targets[targets.indexOf(t)] = { node: null, name: t.name, column: index };
    }

    const calls: LogicalAggregateCall[] = [];
    const groupNodes = list(select.groupClause);
    const groupBind = this.bindContext(scope, 'GROUP BY');
    const { keys: groupKeys, sets: groupingSets } = this.bindGrouping(groupNodes, groupBind, targets, scope);
    // GROUPING(a, b, ...): which of its arguments the current grouping set leaves out, as bits
    // (a leftmost). A stand-in call per use; its value is a constant per grouping set.
    const groupingCalls = new Map<number, readonly number[]>();
    const grouping = (node: PgNode, ctx: BindContext): BoundExpr => {
      const args = list(obj(obj(node).GroupingFunc).args).map((a) => bindExpr(a, { ...ctx, aggregate: undefined }));
      const keyIndexes = args.map((a) => {
        const i = groupKeys.findIndex((k) => exprKey(k) === exprKey(a));
        if (i < 0) throw new SqlError(SqlState.groupingError, 'arguments to GROUPING must be grouping expressions of the associated query level');
        return i;
      });
      if (keyIndexes.length > 31) throw new SqlError(SqlState.tooManyColumns, 'GROUPING must have fewer than 32 arguments');
      calls.push({ name: 'grouping', aggregate: sqlAggregate('count', null), arg: null, extra: null, distinct: false, filter: null });
      groupingCalls.set(calls.length - 1, keyIndexes);
      return { kind: 'column', index: -calls.length, type: INTEGER, name: 'grouping' };
    };
    const aggregating = (bind: BindContext): BindContext => ({ ...bind, aggregate: (call) => this.bindAggregate(call, scope, calls), grouping });
    const groupingMask = (set: readonly number[] | null, j: number): BoundExpr => {
      const idx = groupingCalls.get(j)!;
      let mask = 0;
      for (const i of idx) mask = (mask << 1) | (set === null || set.includes(i) ? 0 : 1);
      return literal(mask, INTEGER);
    };
    const windows: WindowBinding[] = [];
    const namedWindows = new Map(list(select.windowClause).map((w) => { const d = obj(obj(w).WindowDef); return [String(d.name), d]; }));
    const selectBind = (): BindContext => ({
      ...aggregating(this.bindContext(scope, 'SELECT')),
      windowFunction: (call, ctx) => bindWindowCall(call, ctx, windows, namedWindows),
    });
    let exprs = targets.map((t) => (t.node === null ? colRef(scope, t.column as number) : bindExpr(t.node, selectBind())));
    const aggregated = calls.length > 0 || groupNodes.length > 0;
    // General window functions: one node per distinct window, each appending its calls' columns.
    const applyWindows = (over: (e: BoundExpr) => BoundExpr): void => {
      const markers = new Map<number, BoundExpr>();
      const groups = new Map<string, WindowBinding[]>();
      for (const bound of windows) {
        const w: WindowBinding = { ...bound, call: mapWindowCall(bound.call, over), partitionBy: bound.partitionBy.map(over), orderBy: bound.orderBy.map((o) => ({ ...o, expr: over(o.expr) })) };
        const key = JSON.stringify([w.partitionBy.map(exprKey), w.orderBy.map((o) => [exprKey(o.expr), o.descending, o.nullsFirst])]);
        const g = groups.get(key);
        if (g === undefined) groups.set(key, [w]); else g.push(w);
      }
      for (const g of groups.values()) {
        const width = plan.schema.length;
        const first = g[0] as WindowBinding;
        plan = {
          kind: 'over',
          input: plan,
          partitionBy: first.partitionBy,
          orderBy: first.orderBy,
          calls: g.map((w) => w.call),
          schema: [...plan.schema, ...g.map((w) => ({ name: w.call.name, relation: null, type: w.type }))],
        };
        g.forEach((w, i) => markers.set(w.marker, { kind: 'column', index: width + i, type: w.type, name: w.call.name }));
      }
      exprs = exprs.map((e) => rewrite(e, (x) => (x.kind === 'column' ? markers.get(x.index) : undefined)));
      scope = new Scope(plan.schema);
    };
    if (!aggregated && (windows.length > 1 || (windows.length === 1 && windows[0]!.call.kind !== 'rank'))) {
      applyWindows((e) => e);
    } else if (!aggregated && windows.length === 1) {
      // One ranking function: a rank node, which a filter on the rank can turn into a Top-N.
      const w = windows[0] as WindowBinding;
      const r = { fn: w.call.name as RankFunctionName, partitionBy: w.partitionBy, orderBy: w.orderBy };
      const width = plan.schema.length;
      plan = {
        kind: 'rank',
        input: plan,
        function: r.fn,
        partitionBy: r.partitionBy,
        orderBy: r.orderBy,
        limit: null,
        schema: [...plan.schema, { name: r.fn, relation: null, type: BIGINT }],
      };
      const rankColumn: BoundExpr = { kind: 'column', index: width, type: BIGINT, name: r.fn };
      exprs = exprs.map((e) => rewrite(e, (x) => (x.kind === 'column' && x.index === w.marker ? rankColumn : undefined)));
      scope = new Scope(plan.schema);
    }
    let having: BoundExpr | null = null;
    if (select.havingClause !== undefined) {
      const bind = aggregating(this.bindContext(scope, 'HAVING'));
      having = asCondition(bindExpr(select.havingClause as PgNode, bind), bind, 'HAVING');
    }
    // In an aggregate query, ORDER BY over grouped input columns (`ORDER BY b % 2` under
    // `GROUP BY b % 2`), as the select list is.
    let overInput: ((node: PgNode) => BoundExpr) | null = null;
    let overGroups: ((e: BoundExpr) => BoundExpr) | null = null;
    if (calls.length > 0 || groupKeys.length > 0) {
      // ORDER BY and DISTINCT ON over the input may call aggregates of their own
      // (`ORDER BY count(*) DESC`): bound now, so that their calls are computed with the rest.
      const orderNodes = [...list(select.sortClause).map((s) => obj(obj(s).SortBy).node as PgNode), ...list(select.distinctClause).filter((d) => Object.keys(d as Obj).length > 0)];
      const preBound = new Map<PgNode, BoundExpr>();
      for (const node of orderNodes) {
        try {
          preBound.set(node, bindExpr(node, aggregating(this.bindContext(scope, 'ORDER BY'))));
        } catch (e) {
          // An output column's name or position, or an error that binding it later reports.
          if (!(e instanceof SqlError)) throw e;
        }
      }
      // A scalar subquery's value used outside aggregates is one value per group (of the
      // whole query, or of the group columns it reads): grouping by it as well keeps the
      // groups, and lets the select list use it beside aggregates. Inside an aggregate's
      // argument it is an input value like any other.
      const outside = new Set<number>();
      for (const e of [...exprs, ...(having === null ? [] : [having]), ...preBound.values()]) columnsOf(e, outside);
      const referenced = scope.columns.flatMap((c, i): BoundExpr[] => (c.relation === '$scalar' && outside.has(i) ? [{ kind: 'column', index: i, type: c.type, name: c.name }] : []));
      // An uncorrelated one is joined again after grouping (see constantScalars).
      const constants = referenced.filter((r) => r.kind === 'column' && this.constantScalars.has(scope.columns[r.index]!));
      const scalarRefs = referenced.filter((r) => !constants.includes(r));
      if (scalarRefs.length > 0) {
        if (groupKeys.length === 0) throw notSupported('a scalar subquery next to aggregates without GROUP BY');
        if (groupingSets !== null) throw notSupported('a scalar subquery next to GROUPING SETS');
        groupKeys.push(...scalarRefs);
      }
      const aggSchema: ScopeColumn[] = [
        ...groupKeys.map((k, i) => ({ name: `group${i}`, relation: null, type: k.type })),
        ...calls.map((c) => ({ name: c.name, relation: null, type: c.aggregate.resultType })),
      ];
      if (groupingSets === null) {
        plan = { kind: 'aggregate', input: plan, groupKeys, calls, schema: aggSchema };
        if (groupingCalls.size > 0) {
          // Without grouping sets every key is grouped: GROUPING(...) is 0.
          const out = new Scope(aggSchema);
          plan = { kind: 'project', input: plan, exprs: aggSchema.map((_, i) => (groupingCalls.has(i - groupKeys.length) ? groupingMask(null, i - groupKeys.length) : colRef(out, i))), schema: aggSchema };
        }
      } else {
        // GROUPING SETS / ROLLUP / CUBE: one aggregate per set, its missing keys NULL, all
        // of them together (UNION ALL) in the shape of an aggregate over every key.
        const input = plan;
        const branches = groupingSets.map((set): LogicalPlan => {
          const keys = set.map((i) => groupKeys[i] as BoundExpr);
          const schema: ScopeColumn[] = [
            ...keys.map((k, i) => ({ name: `group${i}`, relation: null, type: k.type })),
            ...calls.map((c) => ({ name: c.name, relation: null, type: c.aggregate.resultType })),
          ];
          const exprs: BoundExpr[] = [
            ...groupKeys.map((k, i): BoundExpr => (set.includes(i) ? { kind: 'column', index: set.indexOf(i), type: k.type, name: `group${i}` } : literal(null, k.type))),
            ...calls.map((c, j): BoundExpr => (groupingCalls.has(j) ? groupingMask(set, j) : { kind: 'column', index: keys.length + j, type: c.aggregate.resultType, name: c.name })),
          ];
          return { kind: 'project', input: { kind: 'aggregate', input, groupKeys: keys, calls, schema }, exprs, schema: aggSchema };
        });
        plan = branches.length === 1 ? (branches[0] as LogicalPlan) : { kind: 'union', inputs: branches, schema: aggSchema };
      }
      // The constant scalars' values after the aggregate's columns, in a join of one row each.
      const passthrough = new Map<number, number>();
      for (const r of constants) {
        const value = this.constantScalars.get(scope.columns[(r as { index: number }).index]!)!;
        passthrough.set((r as { index: number }).index, plan.schema.length);
        plan = { kind: 'join', type: 'inner', left: plan, right: value, leftKeys: [], rightKeys: [], residual: null, schema: [...plan.schema, ...value.schema] };
      }
      const toOutput = (e: BoundExpr): BoundExpr => this.overAggregate(e, groupKeys, scope, passthrough);
      overGroups = toOutput;
      const inputScope = scope;
      overInput = (node) => toOutput(preBound.get(node) ?? bindExpr(node, this.bindContext(inputScope, 'ORDER BY')));
      exprs = exprs.map(toOutput);
      if (having !== null) having = toOutput(having);
      scope = new Scope(plan.schema);
      if (having !== null) plan = { kind: 'filter', input: plan, predicate: having, schema: plan.schema };
    } else if (having !== null) {
      // HAVING without GROUP BY makes the query an aggregate over one group (SQL's rule).
      const empty: ScopeColumn[] = [];
      plan = { kind: 'aggregate', input: plan, groupKeys: [], calls: [], schema: empty };
      const inputScope = scope;
      const noColumns = (e: BoundExpr): BoundExpr => this.overAggregate(e, [], inputScope);
      exprs = exprs.map(noColumns);
      plan = { kind: 'filter', input: plan, predicate: noColumns(having), schema: plan.schema };
      scope = new Scope(empty);
    }
    // Window functions of an aggregate query run over its groups, after HAVING.
    if (aggregated && windows.length > 0) applyWindows(overGroups as (e: BoundExpr) => BoundExpr);
    // Columns of unknown type (string literals) are text in results, as in PostgreSQL.
    exprs = exprs.map((e) => (e.type.kind === 'unknown' ? coerce(e, TEXT, this.bindContext(scope, 'SELECT')) : e));
    const columns: ScopeColumn[] = exprs.map((e, i) => ({ name: targets[i]!.name, relation: null, type: e.type }));

    // ORDER BY may name output columns, positions, or (without DISTINCT/aggregates) input expressions.
    const hidden: BoundExpr[] = [];
    const orderBy: OrderKey[] = list(select.sortClause).map((s) => {
      const sb = obj(obj(s).SortBy);
      const column = this.orderColumn(sb.node as PgNode, columns, exprs, scope, hidden, calls.length > 0 || groupKeys.length > 0, overInput);
      const type = column < exprs.length ? (exprs[column] as BoundExpr).type : (hidden[column - exprs.length] as BoundExpr).type;
      const descending = sb.sortby_dir === 'SORTBY_DESC';
      const nullsFirst = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && descending);
      return { column, descending, nullsFirst, cmp: comparatorFor(type) };
    });
    // DISTINCT ON (exprs): the first row of each group of equal exprs, by ORDER BY.
    const onNodes = list(select.distinctClause).filter((d) => Object.keys(d as Obj).length > 0);
    const distinctOn = onNodes.map((node) => this.orderColumn(node as PgNode, columns, exprs, scope, hidden, calls.length > 0 || groupKeys.length > 0, overInput));
    const lead = orderBy.slice(0, distinctOn.length);
    if (distinctOn.length > 0 && lead.some((k) => !distinctOn.includes(k.column))) {
      throw new SqlError(SqlState.invalidColumnReference, 'SELECT DISTINCT ON expressions must match initial ORDER BY expressions');
    }
    const all = [...exprs, ...hidden];
    plan = { kind: 'project', input: plan, exprs: all, schema: [...columns, ...hidden.map((h, i) => ({ name: `order${i}`, relation: null, type: h.type }))] };
    const distinct = select.distinctClause !== undefined && distinctOn.length === 0;
    if (distinctOn.length > 0) {
      const out = new Scope(plan.schema);
      const ranked: LogicalPlan = {
        kind: 'rank',
        input: plan,
        function: 'row_number',
        partitionBy: distinctOn.map((c) => colRef(out, c)),
        orderBy: orderBy.map((k) => ({ expr: colRef(out, k.column), descending: k.descending, nullsFirst: k.nullsFirst })),
        limit: 1,
        schema: [...plan.schema, { name: 'row_number', relation: null, type: BIGINT }],
      };
      plan = { kind: 'project', input: ranked, exprs: plan.schema.map((_, i) => colRef(out, i)), schema: plan.schema };
    }
    if (distinct) {
      if (hidden.length > 0) throw new SqlError(SqlState.invalidColumnReference, 'for SELECT DISTINCT, ORDER BY expressions must appear in select list');
      plan = { kind: 'aggregate', input: plan, groupKeys: columns.map((_, i) => colRef(new Scope(columns), i)), calls: [], schema: columns };
    }
    return {
      plan: pruneColumns(optimize(plan)), columns, orderBy, limit: this.constant(select.limitCount, 'LIMIT'), offset: this.constant(select.limitOffset, 'OFFSET') ?? 0,
      withTies: select.limitOption === 'LIMIT_OPTION_WITH_TIES',
    };
  }

  /**
   * `x IN (SELECT y ...)` → semi join on x = y; `x NOT IN (...)` → anti join that treats NULL
   * on either side as matching (so a NULL makes NOT IN unknown, as SQL says); `[NOT] EXISTS
   * (SELECT ...)` without references to the outer query → semi/anti join on nothing.
   */
  private planSubqueryCondition(plan: LogicalPlan, scope: Scope, sub: SubqueryCondition): LogicalPlan {
    let right: { plan: LogicalPlan; columns: readonly ScopeColumn[] };
    try {
      right = this.planSubquery(sub.subselect);
    } catch (e) {
      // A name the subquery cannot resolve may be the outer query's: a correlated subquery.
      if (e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable)) return this.planCorrelated(plan, scope, sub, e);
      throw e;
    }
    const nLeft = plan.schema.length;
    const bind = this.bindContext(scope, 'WHERE');
    if (sub.test === null) {
      return { kind: 'join', type: sub.negated ? 'anti' : 'semi', left: plan, right: right.plan, leftKeys: [], rightKeys: [], residual: null, schema: plan.schema };
    }
    if (right.columns.length !== 1) throw syntaxError('subquery has too many columns');
    const x = bindExpr(sub.test, bind);
    const rc = right.columns[0] as ScopeColumn;
    const type = commonTypeOf([x.type.kind === 'unknown' ? rc.type : x.type, rc.type]);
    const left = coerce(x, type, bind);
    const y = coerce({ kind: 'column', index: 0, type: rc.type, name: rc.name }, type, bind);
    if (!sub.negated) {
      return { kind: 'join', type: 'semi', left: plan, right: right.plan, leftKeys: [left], rightKeys: [y], residual: null, schema: plan.schema };
    }
    // NOT IN: a row stays only if every subquery value is known and different.
    const joinedScope = new Scope([...plan.schema, ...right.plan.schema.slice(0, 1)]);
    const jb = this.bindContext(joinedScope, 'WHERE');
    const yOver = coerce({ kind: 'column', index: nLeft, type: rc.type, name: rc.name }, type, jb);
    const matches: BoundExpr = {
      kind: 'or',
      args: [
        { kind: 'compare', op: '=', cmp: comparatorFor(type), left, right: yOver, type: BOOLEAN },
        { kind: 'is-null', arg: left, negated: false, type: BOOLEAN },
        { kind: 'is-null', arg: yOver, negated: false, type: BOOLEAN },
      ],
      type: BOOLEAN,
    };
    return { kind: 'join', type: 'anti', left: plan, right: right.plan, leftKeys: [], rightKeys: [], residual: matches, schema: plan.schema };
  }

  /** WITH name [(columns)] AS (query), ...: each planned once, used by name in FROM. */
  private defineCtes(w: Obj): void {
    if (w.recursive === true) throw notSupported('WITH RECURSIVE');
    for (const c of list(w.ctes)) {
      const cte = obj(obj(c).CommonTableExpr);
      const sub = this.planSubquery(cte.ctequery as PgNode);
      const names = list(cte.aliascolnames).map(sval);
      this.ctes.set(String(cte.ctename), { plan: sub.plan, columns: sub.columns.map((col, i) => ({ ...col, name: names[i] ?? col.name })) });
    }
  }

  /**
   * A correlated `[NOT] EXISTS (SELECT ... FROM ... WHERE ...)` or `x IN (...)`: the
   * subquery's conditions that read the outer query become the semi/anti join's keys
   * (equalities) and condition (the rest); its own conditions filter its rows first.
   */
  private planCorrelated(plan: LogicalPlan, scope: Scope, sub: SubqueryCondition, why: SqlError): LogicalPlan {
    const sel = obj(obj(sub.subselect).SelectStmt);
    const simple = plainSelect(sel);
    if (!simple || (sub.negated && sub.test !== null)) {
      throw new SqlError(why.code, why.message, { hint: 'Correlated subqueries are supported as [NOT] EXISTS or IN over a plain SELECT ... FROM ... WHERE.' });
    }
    const inner = planFrom(list(sel.fromClause), this.ctx, (q) => this.planSubquery(q));
    const nOuter = plan.schema.length;
    const both = Scope.concat(scope, inner.scope);
    const innerBind = this.bindContext(inner.scope, 'WHERE');
    const bothBind = this.bindContext(both, 'WHERE');
    const own: BoundExpr[] = [];
    const leftKeys: BoundExpr[] = [];
    const rightKeys: BoundExpr[] = [];
    const residual: BoundExpr[] = [];
    const onlyOuter = (e: BoundExpr): boolean => [...columnsOf(e)].every((i) => i < nOuter) && columnsOf(e).size > 0;
    const onlyInner = (e: BoundExpr): boolean => [...columnsOf(e)].every((i) => i >= nOuter) && columnsOf(e).size > 0;
    const correlated = (c: BoundExpr): void => {
      if (c.kind === 'compare' && c.op === '=') {
        if (onlyOuter(c.left) && onlyInner(c.right)) {
          leftKeys.push(c.left);
          rightKeys.push(shiftColumns(c.right, -nOuter));
          return;
        }
        if (onlyInner(c.left) && onlyOuter(c.right)) {
          leftKeys.push(c.right);
          rightKeys.push(shiftColumns(c.left, -nOuter));
          return;
        }
      }
      residual.push(c);
    };
    for (const part of sel.whereClause === undefined ? [] : whereConjuncts(sel.whereClause as PgNode)) {
      try {
        own.push(asCondition(bindExpr(part, innerBind), innerBind, 'WHERE'));
      } catch (e) {
        if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
        for (const c of conjuncts(asCondition(bindExpr(part, bothBind), bothBind, 'WHERE'))) correlated(c);
      }
    }
    if (sub.test !== null) {
      const targets = list(sel.targetList);
      if (targets.length !== 1) throw syntaxError('subquery has too many columns');
      const x = bindExpr(sub.test, this.bindContext(scope, 'WHERE'));
      const y = bindExpr(obj(obj(targets[0]).ResTarget).val as PgNode, innerBind);
      const t = commonTypeOf([x.type.kind === 'unknown' ? y.type : x.type, y.type]);
      leftKeys.push(coerce(x, t, bothBind));
      rightKeys.push(coerce(y, t, innerBind));
    }
    const right: LogicalPlan = own.length === 0 ? inner.plan : { kind: 'filter', input: inner.plan, predicate: own.length === 1 ? (own[0] as BoundExpr) : { kind: 'and', args: own, type: BOOLEAN }, schema: inner.plan.schema };
    return {
      kind: 'join',
      type: sub.negated ? 'anti' : 'semi',
      left: plan,
      right,
      leftKeys,
      rightKeys,
      residual: residual.length === 0 ? null : residual.length === 1 ? (residual[0] as BoundExpr) : { kind: 'and', args: residual, type: BOOLEAN },
      schema: plan.schema,
    };
  }

  /** A subquery in FROM (ORDER BY without LIMIT there has no effect on the result). */
  planSubquery(node: PgNode): { plan: LogicalPlan; columns: readonly ScopeColumn[] } {
    const q = this.planQuery(obj(obj(node).SelectStmt));
    // ORDER BY ... LIMIT in a subquery keeps that query's top rows (a Top-N).
    return { plan: limitAsTopN(q), columns: q.columns };
  }

  private planValues(select: Obj): PlannedQuery {
    const bind = this.bindContext(new Scope([]), 'VALUES');
    const rows = list(select.valuesLists).map((r) => list(r).map((e) => bindExpr(e, bind)));
    const width = rows[0]?.length ?? 0;
    if (rows.some((r) => r.length !== width)) throw syntaxError('VALUES lists must all be the same length');
    const types = Array.from({ length: width }, (_, c) => {
      const known = rows.map((r) => (r[c] as BoundExpr).type).filter((t) => t.kind !== 'unknown');
      return known.length === 0 ? TEXT : commonTypeOf(known);
    });
    const typed = rows.map((r) => r.map((e, c) => coerce(e, types[c] as DataType, bind)));
    const columns = types.map((type, c) => ({ name: `column${c + 1}`, relation: null, type }));
    return { plan: { kind: 'values', rows: typed, schema: columns }, columns, orderBy: [], limit: null, offset: 0 };
  }

  /**
   * `CORRESPONDING [BY (names)]`: both sides reduced to the named columns (by default the
   * left side's columns that the right side has too, in the left side's order), matched by name.
   */
  private corresponding(op: string, left: PlannedQuery, right: PlannedQuery, by: readonly string[] | null): [PlannedQuery, PlannedQuery] {
    const leftNames = left.columns.map((c) => c.name);
    const rightNames = right.columns.map((c) => c.name);
    let names: readonly string[];
    if (by === null) {
      names = leftNames.filter((n) => rightNames.includes(n));
      if (names.length === 0) {
        throw syntaxError(`${op} CORRESPONDING needs a column name both sides have`, {
          detail: `Left side columns: ${leftNames.join(', ')}. Right side columns: ${rightNames.join(', ')}.`,
        });
      }
    } else {
      const missing = by.find((n) => !leftNames.includes(n) || !rightNames.includes(n));
      if (missing !== undefined) throw new SqlError(SqlState.undefinedColumn, `column "${missing}" in CORRESPONDING BY is not on both sides of the ${op}`);
      names = by;
    }
    const pick = (q: PlannedQuery, own: readonly string[]): PlannedQuery => {
      const scope = new Scope(q.plan.schema);
      const indexes = names.map((n) => own.indexOf(n));
      const columns = indexes.map((i) => q.columns[i]!);
      return { ...q, plan: { kind: 'project', input: limitAsTopN(q), exprs: indexes.map((i) => colRef(scope, i)), schema: columns }, columns, orderBy: [], limit: null, offset: 0 };
    };
    return [pick(left, leftNames), pick(right, rightNames)];
  }

  private planSetOperation(select: Obj): PlannedQuery {
    const op = String(select.op).replace('SETOP_', '');
    if (op !== 'UNION' && op !== 'INTERSECT' && op !== 'EXCEPT') throw notSupported(op);
    let left = this.planQuery(obj(select.larg));
    let right = this.planQuery(obj(select.rarg));
    const corresponding = select.corresponding as { by: readonly string[] | null } | undefined;
    if (corresponding !== undefined) [left, right] = this.corresponding(op, left, right, corresponding.by);
    if (left.columns.length !== right.columns.length) throw syntaxError(`each ${op} query must have the same number of columns`);
    const types = left.columns.map((c, i) => commonTypeOf([c.type, right.columns[i]!.type]));
    const columns = left.columns.map((c, i) => ({ name: c.name, relation: null, type: types[i] as DataType }));
    /** One side's rows in the common types, with `tag` appended when given (which side it came from). */
    const cast = (q: PlannedQuery, tag: number | null): LogicalPlan => {
      const scope = new Scope(q.columns);
      const exprs = q.columns.map((_, i) => coerce(colRef(scope, i), types[i] as DataType, this.bindContext(scope, op)));
      if (tag !== null) exprs.push(literal(tag, INTEGER));
      return { kind: 'project', input: q.plan, exprs, schema: [...columns, ...(tag === null ? [] : [{ name: 'side', relation: null, type: INTEGER }])] };
    };
    const all = select.all === true;
    const orderBy = setOperationOrder(select, columns);
    const finish = (plan: LogicalPlan): PlannedQuery => ({ plan, columns, orderBy, withTies: select.limitOption === 'LIMIT_OPTION_WITH_TIES', limit: this.constant(select.limitCount, 'LIMIT'), offset: this.constant(select.limitOffset, 'OFFSET') ?? 0 });
    const keys = columns.map((_, i) => colRef(new Scope(columns), i));
    if (op === 'UNION') {
      const union: LogicalPlan = { kind: 'union', inputs: [cast(left, null), cast(right, null)], schema: columns };
      return finish(all ? union : { kind: 'aggregate', input: union, groupKeys: keys, calls: [], schema: columns });
    }
    // INTERSECT / EXCEPT: count each distinct row on both sides, then keep it as often as SQL says.
    const n = columns.length;
    const tagged: LogicalPlan = { kind: 'union', inputs: [cast(left, 0), cast(right, 1)], schema: [...columns, { name: 'side', relation: null, type: INTEGER }] };
    const side: BoundExpr = { kind: 'column', index: n, type: INTEGER, name: 'side' };
    const fromSide = (k: number): BoundExpr => ({ kind: 'compare', op: '=', cmp: comparatorFor(INTEGER), left: side, right: literal(k, INTEGER), type: BOOLEAN });
    const count = sqlAggregate('count', null);
    const calls: LogicalAggregateCall[] = [0, 1].map((k) => ({ name: k === 0 ? 'left' : 'right', aggregate: count, arg: null, extra: null, distinct: false, filter: fromSide(k) }));
    const counted: LogicalPlan = {
      kind: 'aggregate',
      input: tagged,
      groupKeys: keys,
      calls,
      schema: [...columns, { name: 'left', relation: null, type: BIGINT }, { name: 'right', relation: null, type: BIGINT }],
    };
    const l: BoundExpr = { kind: 'column', index: n, type: BIGINT, name: 'left' };
    const r: BoundExpr = { kind: 'column', index: n + 1, type: BIGINT, name: 'right' };
    // How many copies of the row the result holds.
    const copies: BoundExpr = {
      kind: 'function',
      name: 'copies',
      impl: op === 'INTERSECT' ? ([a, b]) => (all ? Math.min(Number(a), Number(b)) : Number(a) > 0 && Number(b) > 0 ? 1 : 0) : ([a, b]) => (all ? Math.max(Number(a) - Number(b), 0) : Number(a) > 0 && Number(b) === 0 ? 1 : 0),
      strict: true,
      args: [l, r],
      type: BIGINT,
    };
    const withCopies: LogicalPlan = { kind: 'project', input: counted, exprs: [...keys, copies], schema: [...columns, { name: 'copies', relation: null, type: BIGINT }] };
    return finish({ kind: 'replicate', input: withCopies, schema: columns });
  }

  /** A GROUP BY item: an output column position or name, or an expression over the input. */
  /**
   * The GROUP BY clause as distinct key expressions and, when it has GROUPING SETS, ROLLUP
   * or CUBE, the sets (indexes into the keys) it stands for: items combine as a cross
   * product, as in PostgreSQL (`GROUP BY a, ROLLUP (b, c)` is (a,b,c), (a,b), (a)).
   */
  private bindGrouping(
    groupNodes: readonly PgNode[], bind: BindContext, targets: ReadonlyArray<{ node: PgNode | null; name: string; column?: number }>, scope: Scope,
  ): { keys: BoundExpr[]; sets: number[][] | null } {
    const keys: BoundExpr[] = [];
    const index = new Map<string, number>();
    const keyOf = (g: PgNode): number => {
      const e = this.bindGroupKey(g, bind, targets, scope);
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

  private bindGroupKey(g: PgNode, bind: BindContext, targets: ReadonlyArray<{ node: PgNode | null; name: string; column?: number }>, scope: Scope): BoundExpr {
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
  private bindAggregate(node: PgNode, scope: Scope, calls: LogicalAggregateCall[]): BoundExpr {
    const n = obj(obj(node).FuncCall);
    const names = list(n.funcname).map(sval);
    const name = (names[names.length - 1] as string).toLowerCase();
    const inner = this.bindContext(scope, 'aggregate function calls'); // no aggregate hook: nesting is an error
    const args = list(n.args).map((a) => bindExpr(a, inner));
    if (name === 'percentile_cont' || name === 'percentile_disc' || name === 'mode' || n.agg_within_group === true) {
      return this.bindOrderedSet(name, n, args, inner, calls);
    }
    const star = n.agg_star === true;
    if (star && name !== 'count') throw new SqlError(SqlState.wrongObjectType, `${name}(*) is not an aggregate that takes *`);
    const arg0 = star ? null : (args[0] ?? null);
    if (!star && arg0 === null) throw undefinedFunction(name, []);
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
    if (ordered && n.agg_distinct === true) throw notSupported(`DISTINCT with ORDER BY in ${name}()`);
    const aggregate = sqlAggregate(name, arg0 === null ? null : arg0.type, order, this.ctx.session);
    const arg = arg0 === null ? literal(1, INTEGER) : aggregate.argType === null ? arg0 : coerce(arg0, aggregate.argType, inner);
    const extra = name === 'string_agg' ? coerce(args[1] ?? literal(',', TEXT), TEXT, inner) : null;
    const filter = n.agg_filter === undefined ? null : asCondition(bindExpr(n.agg_filter as PgNode, inner), inner, 'FILTER');
    calls.push({ name, aggregate, arg, extra, distinct: n.agg_distinct === true, filter, ...(ordered && { orderBy }) });
    return { kind: 'column', index: -calls.length, type: aggregate.resultType, name };
  }

  /** `percentile_cont(f) / percentile_disc(f) / mode() WITHIN GROUP (ORDER BY x)`. */
  private bindOrderedSet(name: string, n: Obj, direct: BoundExpr[], inner: BindContext, calls: LogicalAggregateCall[]): BoundExpr {
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
      const value = f.kind === 'literal' ? f.value : compileExpr(f, this.ctx.session).fn([]);
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
  private overAggregate(e: BoundExpr, groupKeys: readonly BoundExpr[], scope: Scope, passthrough?: ReadonlyMap<number, number>): BoundExpr {
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

  private orderColumn(
    node: PgNode, columns: readonly ScopeColumn[], exprs: readonly BoundExpr[], scope: Scope, hidden: BoundExpr[], aggregated: boolean,
    overInput: ((node: PgNode) => BoundExpr) | null,
  ): number {
    const c = obj(obj(node).A_Const);
    if ('ival' in c) {
      const pos = Number(obj(c.ival).ival ?? 0);
      if (pos < 1 || pos > columns.length) throw new SqlError(SqlState.invalidColumnReference, `ORDER BY position ${pos} is not in select list`);
      return pos - 1;
    }
    const ref = list(obj(obj(node).ColumnRef).fields);
    if (ref.length === 1) {
      const i = columns.findIndex((col) => col.name === sval(ref[0]));
      if (i >= 0) return i;
    }
    if (aggregated) {
      // Over output columns, then expressed over the aggregate's output like the select list.
      let bound: BoundExpr;
      try {
        const overOutput = bindExpr(node, this.bindContext(new Scope(columns), 'ORDER BY'));
        bound = rewrite(overOutput, (x) => (x.kind === 'column' ? exprs[x.index] : undefined));
      } catch (e) {
        // A name the output does not have (42703), a qualified one (`t.g`, 42P01), or an
        // aggregate call (42803): over the input, as the select list is.
        if (!(e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable || e.code === SqlState.groupingError)) || overInput === null) throw e;
        bound = overInput(node);
      }
      return placeHidden(bound, exprs, hidden);
    }
    return placeHidden(bindExpr(node, this.bindContext(scope, 'ORDER BY')), exprs, hidden);
  }

  /** LIMIT/OFFSET: constant expressions evaluated at plan time (NULL or ALL means none). */
  private constant(node: unknown, what: string): number | null {
    if (node === undefined) return null;
    const bound = bindExpr(node as PgNode, this.bindContext(new Scope([]), what));
    if (bound.kind !== 'literal') throw notSupported(`a non-constant ${what}`);
    if (bound.value === null) return null;
    const v = Number(bound.type.kind === 'unknown' ? castFunction(bound.type, INTEGER)(bound.value as string) : bound.value);
    if (!Number.isInteger(v) || v < 0) throw new SqlError(SqlState.invalidRowCountInLimitClause, `${what} must not be negative`);
    return v;
  }
}

/**
 * The output column an ORDER BY or DISTINCT ON expression sorts by: a select-list item equal
 * to it, else a hidden column, shared with an equal expression placed before (so that
 * `DISTINCT ON (a) ... ORDER BY a` sorts and groups by one column when `a` is not selected).
 */
function placeHidden(bound: BoundExpr, exprs: readonly BoundExpr[], hidden: BoundExpr[]): number {
  const key = exprKey(bound);
  const i = exprs.findIndex((e) => exprKey(e) === key);
  if (i >= 0) return i;
  const h = hidden.findIndex((e) => exprKey(e) === key);
  if (h >= 0) return exprs.length + h;
  hidden.push(bound);
  return exprs.length + hidden.length - 1;
}

/**
 * `plan LEFT JOIN perRow`, where perRow's first columns are a correlated subquery's domain:
 * on the outer columns it was built from, NULL matching NULL.
 */
function joinBackToDomain(plan: LogicalPlan, scope: Scope, outerColumns: readonly number[], perRow: LogicalPlan): LogicalPlan {
  return {
    kind: 'join',
    type: 'left',
    left: plan,
    right: perRow,
    leftKeys: outerColumns.map((c) => colRef(scope, c)),
    rightKeys: outerColumns.map((_, j): BoundExpr => ({ kind: 'column', index: j, type: perRow.schema[j]!.type, name: `d${j}` })),
    residual: null,
    nullSafe: true,
    schema: [...plan.schema, ...perRow.schema],
  };
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

interface SubqueryCondition {
  readonly test: PgNode | null;
  readonly subselect: PgNode;
  readonly negated: boolean;
}

/** The AND-ed parts of a WHERE clause, as parse trees. */
function whereConjuncts(node: PgNode): PgNode[] {
  const b = obj(obj(node).BoolExpr);
  return b.boolop === 'AND_EXPR' ? list(b.args).flatMap(whereConjuncts) : [node];
}

/** `x [NOT] IN (SELECT ...)` or `[NOT] EXISTS (SELECT ...)`, or null for anything else. */
function subqueryCondition(node: PgNode): SubqueryCondition | null {
  let negated = false;
  let n = node;
  const not = obj(obj(node).BoolExpr);
  if (not.boolop === 'NOT_EXPR') {
    negated = true;
    n = list(not.args)[0] as PgNode;
  }
  const link = obj(obj(n).SubLink);
  if (link.subLinkType === 'EXISTS_SUBLINK') return { test: null, subselect: link.subselect as PgNode, negated };
  if (link.subLinkType === 'ANY_SUBLINK' && (link.operName === undefined || list(link.operName).map(sval).pop() === '=')) {
    return { test: link.testexpr as PgNode, subselect: link.subselect as PgNode, negated };
  }
  return null;
}


/** ORDER BY of a UNION/INTERSECT/EXCEPT: result columns by name or position, as PostgreSQL allows. */
function setOperationOrder(select: Obj, columns: readonly ScopeColumn[]): OrderKey[] {
  return list(select.sortClause).map((s) => {
    const sb = obj(obj(s).SortBy);
    const node = obj(sb.node);
    const position = obj(obj(node.A_Const).ival);
    const fields = list(obj(node.ColumnRef).fields);
    let column: number;
    if (node.A_Const !== undefined && obj(node.A_Const).ival !== undefined) {
      const n = Number(position.ival ?? 0);
      if (n < 1 || n > columns.length) throw new SqlError(SqlState.invalidColumnReference, `ORDER BY position ${n} is not in select list`);
      column = n - 1;
    } else if (fields.length === 1 && obj(fields[0]).String !== undefined) {
      const name = sval(fields[0]);
      column = columns.findIndex((c) => c.name === name);
      if (column < 0) throw undefinedColumn(name);
    } else {
      throw new SqlError(SqlState.featureNotSupported, 'invalid UNION/INTERSECT/EXCEPT ORDER BY clause', { detail: 'Only result column names can be used, not expressions or functions.' });
    }
    const descending = sb.sortby_dir === 'SORTBY_DESC';
    const nullsFirst = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && descending);
    return { column, descending, nullsFirst, cmp: comparatorFor(columns[column]!.type) };
  });
}

const EXISTS_TEMPLATE = `(SELECT count(*) > 0 FROM (SELECT) AS "${DOMAIN}_exists")`;

/**
 * `EXISTS (q)` where it is a value rather than a condition of WHERE (in the select list, in
 * HAVING, under OR or CASE): the scalar subquery `(SELECT count(*) > 0 FROM (q))`, which the
 * scalar subquery planning handles correlated or not (a count over no rows is 0).
 */
/** `EXISTS (q)` as the scalar `(SELECT count(*) > 0 FROM (q))`. */
function existsAsScalar(link: Obj): Obj {
  const scalar = parseExpression(EXISTS_TEMPLATE, { start: 0, end: EXISTS_TEMPLATE.length }) as unknown as Obj;
  const inner = obj(obj(scalar.SubLink).subselect);
  const range = obj(list(obj(inner.SelectStmt).fromClause)[0]).RangeSubselect as Obj;
  range.subquery = link.subselect;
  return scalar;
}

/**
 * A subquery a correlated semi/anti join can take: a plain SELECT ... FROM ... WHERE, whose
 * rows are its FROM's rows that pass (an aggregate without GROUP BY has one row even over
 * none, so EXISTS over it is true).
 */
function plainSelect(sel: Obj): boolean {
  return sel.groupClause === undefined && sel.havingClause === undefined && sel.distinctClause === undefined && sel.limitCount === undefined && (sel.op === undefined || sel.op === 'SETOP_NONE') && !hasAggregate(sel.targetList);
}

function existsAsScalars(select: Obj): Obj {
  const asScalar = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(asScalar);
    if (v === null || typeof v !== 'object' || 'SelectStmt' in v) return v; // a nested query rewrites its own
    const link = (v as Obj).SubLink as Obj | undefined;
    if (link?.subLinkType === 'EXISTS_SUBLINK') return existsAsScalar(link);
    if ((link?.subLinkType === 'ANY_SUBLINK' || link?.subLinkType === 'ALL_SUBLINK') && link.testexpr !== undefined && !('RowExpr' in obj(link.testexpr))) {
      return quantifiedAsScalar(link, asScalar(link.testexpr));
    }
    if (link !== undefined) return { SubLink: { ...link, testexpr: asScalar(link.testexpr) } };
    return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, asScalar(x)]));
  };
  const where = select.whereClause === undefined ? undefined : whereConjuncts(select.whereClause as PgNode).map((c) => (subqueryCondition(c) === null ? asScalar(c) : c));
  // The select list keeps PostgreSQL's names for EXISTS, IN, ANY and ALL items.
  const targetList = list(select.targetList).map((t) => {
    const rt = obj(obj(t).ResTarget);
    const link = obj(obj(rt.val).SubLink);
    if (rt.name !== undefined) return t;
    if (link.subLinkType === 'EXISTS_SUBLINK') return { ResTarget: { ...rt, name: 'exists' } };
    if (link.subLinkType === 'ANY_SUBLINK' || link.subLinkType === 'ALL_SUBLINK') return { ResTarget: { ...rt, name: '?column?' } };
    return t;
  });
  return {
    ...select,
    targetList: asScalar(targetList),
    ...(select.havingClause !== undefined && { havingClause: asScalar(select.havingClause) }),
    ...(where !== undefined && { whereClause: where.length === 1 ? where[0] : { BoolExpr: { boolop: 'AND_EXPR', args: where } } }),
  };
}

/**
 * `x op ANY (q)` (and `x IN (q)`) and `x op ALL (q)` as values: scalar subqueries over q's rows
 * with SQL's three-valued answer — ANY: true if some comparison is true, else NULL if some is
 * NULL, else false (also over no rows); ALL: false if some is false, else NULL if some is
 * NULL, else true.
 */
function quantifiedAsScalar(link: Obj, test: unknown): Obj {
  const op = list(link.operName).map(sval).pop() ?? '=';
  if (!/^[<>=!~+\-*/%^&|#@]+$/.test(op)) throw notSupported(`${op} ANY/ALL (subquery)`);
  // The subquery's column has a name no query can write, so that the test expression's own
  // names (`c IN (...)` over a column c) still reach the outer query.
  const cmp = `"$test" ${op} "${DOMAIN}_q"."$value"`;
  const value = link.subLinkType === 'ALL_SUBLINK'
    ? `CASE WHEN bool_or(NOT (${cmp})) THEN false WHEN bool_or((${cmp}) IS NULL) THEN NULL ELSE true END`
    : `CASE WHEN bool_or(${cmp}) THEN true WHEN bool_or((${cmp}) IS NULL) THEN NULL ELSE false END`;
  const text = `(SELECT ${value} FROM (SELECT) AS "${DOMAIN}_q"("$value"))`;
  const scalar = parseExpression(text, { start: 0, end: text.length }) as unknown as Obj;
  // The test expression where the template names "$test"; the subquery where it has (SELECT).
  const place = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(place);
    if (v === null || typeof v !== 'object') return v;
    const ref = obj((v as Obj).ColumnRef);
    if (list(ref.fields).length === 1 && sval(list(ref.fields)[0]) === '$test') return test;
    const range = (v as Obj).RangeSubselect as Obj | undefined;
    if (range !== undefined) return { RangeSubselect: { ...range, subquery: link.subselect } };
    return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, place(x)]));
  };
  return place(scalar) as Obj;
}

/** Whether a raw expression holds a subquery anywhere. */
function hasSubLink(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasSubLink);
  if (v === null || typeof v !== 'object') return false;
  if ('SubLink' in (v as Obj)) return true;
  return Object.values(v as Obj).some(hasSubLink);
}

/** The uncorrelated scalar subqueries `(SELECT ...)` in these parse trees (not inside nested queries). */
function scalarSubLinks(trees: readonly unknown[]): object[] {
  const out: object[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const link = (v as Obj).SubLink as Obj | undefined;
    if (link !== undefined) {
      if (link.subLinkType === 'EXPR_SUBLINK' || link.subLinkType === 'ARRAY_SUBLINK') out.push(v);
      else visit(link.testexpr); // IN/EXISTS are planned as joins; their own subquery is not this level's
      return;
    }
    for (const x of Object.values(v as Obj)) visit(x);
  };
  trees.forEach(visit);
  return out;
}

/** `TRUE` as written in ON TRUE. */
function isTrueLiteral(node: PgNode): boolean {
  return obj(obj(obj(node).A_Const).boolval).boolval === true;
}

/** `generate_series(...)` as a whole select-list item (not nested in an expression). */
function isSeriesCall(node: PgNode): boolean {
  const call = obj(obj(node).FuncCall);
  if (obj(node).FuncCall === undefined || call.over !== undefined) return false;
  const names = list(call.funcname).map(sval);
  const name = (names[names.length - 1] ?? '').toLowerCase();
  return name === 'generate_series' || name === 'unnest' || name === 'generate_subscripts' || name === '_pg_expandarray';
}

/**
 * Top-N: `WHERE rn <= N` (or `rn < N`, `rn = 1`) over a subquery whose column `rn` is a
 * rank becomes that rank node's limit, so it keeps only the top rows of each partition.
 */
function pushRankLimit(plan: LogicalPlan, predicate: BoundExpr): LogicalPlan {
  if (plan.kind !== 'project' || plan.input.kind !== 'rank') return plan;
  const rank = plan.input;
  const rankIndex = rank.schema.length - 1;
  let limit: number | null = null;
  for (const c of conjuncts(predicate)) {
    if (c.kind !== 'compare' || c.left.kind !== 'column' || c.right.kind !== 'literal') continue;
    const projected = plan.exprs[c.left.index];
    if (projected?.kind !== 'column' || projected.index !== rankIndex) continue;
    const n = Number(c.right.value);
    const bound = c.op === '<=' || c.op === '=' ? n : c.op === '<' ? n - 1 : null;
    if (bound !== null && Number.isFinite(bound)) limit = Math.min(limit ?? Infinity, bound);
  }
  if (limit === null || limit < 1) return plan;
  return { ...plan, input: { ...rank, limit } };
}

function colRef(scope: Scope, index: number): BoundExpr {
  const c = scope.columns[index] as ScopeColumn;
  return { kind: 'column', index, type: c.type, name: c.name };
}
