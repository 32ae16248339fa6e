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
import { joinValueSubquery, planLateral, semiJoinSubquery, type SubqueryCondition, type SubqueryHost } from './plan-subqueries.ts';
import { deeper } from './outer-refs.ts';
import { andOf, hasSubLink, whereConjuncts } from './syntax.ts';
import { RANK_MARKER, bindWindowCall, mapWindowCall, type RankFunctionName, type WindowBinding } from './plan-window.ts';
import { optimize } from '../optimizer/optimize.ts';
import { limitAsTopN, type OrderKey, type PlannedQuery } from './planned-query.ts';

export { limitAsTopN, type OrderKey, type PlannedQuery };
import { pruneColumns } from '../optimizer/prune-columns.ts';
import { notSupported, SqlState, undefinedColumn, syntaxError } from '../../errors/index.ts';

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
      planLateral: (left, item, type, on) => planLateral(this.host, left, item, type, on),
      deferToWhere: (conditions) => {
        if (this.deferred === null) return false;
        this.deferred.push(...conditions);
        return true;
      },
    };
  }

  /** What subquery planning (plan-subqueries.ts) uses of this planner. */
  private readonly host: SubqueryHost = {
    nested: (scope) => {
      const lookup = this.ctx.lookupCte;
      const outer = this.ctx.bindBase.outer ?? [];
      return new QueryPlanner({
        ...this.ctx,
        // A CTE of this query read one level deeper: its outer references reach one further.
        lookupCte: (name) => {
          const cte = lookup?.(name);
          return cte === undefined ? undefined : { plan: deeper(cte.plan, 1), columns: cte.columns };
        },
        bindBase: { ...this.ctx.bindBase, outer: [scope, ...outer] },
      });
    },
    bindContext: (scope, clause) => this.bindContext(scope, clause),
    constantScalar: (column, relation) => this.constantScalars.set(column, relation),
  };

  private bindContext(scope: Scope, clause: string, extra: Partial<BindContext> = {}): BindContext {
    return { ...this.ctx.bindBase, scope, session: this.ctx.session, clause, ...(this.scalarHook !== null && { scalarSubquery: this.scalarHook }), ...extra };
  }

  /** While planning one query level's FROM clause: the join conditions it leaves to WHERE. */
  private deferred: PgNode[] | null = null;

  /** While planning one query level: how its scalar subqueries are bound. */
  private scalarHook: ((node: PgNode) => BoundExpr) | null = null;

  /**
   * The value column of each uncorrelated scalar subquery joined to a FROM clause, and the
   * one-row relation it comes from: an aggregate query joins that again after grouping, so
   * the value reaches its result whatever the groups (also a global aggregate over no rows).
   */
  private readonly constantScalars = new WeakMap<ScopeColumn, LogicalPlan>();

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
    // Subquery conditions of inner joins' ON clauses are conditions of WHERE here.
    const deferred: PgNode[] = [];
    const outerDeferred = this.deferred;
    this.deferred = deferred;
    let from: FromResult;
    try {
      from = planFrom(list(select.fromClause), this.ctx, (sub) => this.planSubquery(sub));
    } finally {
      this.deferred = outerDeferred;
    }
    if (deferred.length > 0) select = { ...select, whereClause: andOf([...(select.whereClause === undefined ? [] : [select.whereClause as PgNode]), ...deferred]) };
    let plan = from.plan;
    let scope = from.scope;
    // The WHERE conditions without subqueries filter the FROM rows first, so that the
    // subqueries' domains (the outer values they are planned for) are the rows that pass.
    ({ select, plan } = this.whereBeforeSubqueries(select, plan, scope));
    // Subqueries used as values become relations joined to the FROM rows (see
    // plan-subqueries.ts); the expressions that use them read the joined columns.
    const values = new Map<object, BoundExpr>();
    const valueOf = (node: PgNode): BoundExpr => {
      const value = values.get(node as object);
      if (value === undefined) throw notSupported('a subquery here', 'Subqueries are supported in the select list, WHERE and HAVING.');
      return value;
    };
    const outerHook = this.scalarHook;
    try {
      for (const link of valueSubLinks(select)) {
        this.scalarHook = valueOf;
        const joined = joinValueSubquery(this.host, plan, scope, obj(obj(link).SubLink), values.size, (node, sc) => bindExpr(node, this.bindContext(sc, 'WHERE')));
        values.set(link, joined.value);
        plan = joined.plan;
        scope = joined.scope;
      }
      this.scalarHook = values.size === 0 ? null : valueOf;
      return this.planSelectBody(select, plan, scope);
    } finally {
      this.scalarHook = outerHook;
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
        else plan = semiJoinSubquery(this.host, plan, scope, sub);
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
    // HAVING without GROUP BY makes the query an aggregate over one group (SQL's rule).
    if (calls.length > 0 || groupKeys.length > 0 || having !== null) {
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

/**
 * The subqueries of a query used as values, innermost first: in its select list, its HAVING,
 * and its WHERE except the AND-ed subquery conditions (semi and anti joins). Those of nested
 * queries are theirs.
 */
function valueSubLinks(select: Obj): object[] {
  const out: object[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const link = (v as Obj).SubLink as Obj | undefined;
    if (link !== undefined) {
      visit(link.testexpr);
      out.push(v);
      return;
    }
    for (const x of Object.values(v as Obj)) visit(x);
  };
  visit(select.targetList);
  for (const part of select.whereClause === undefined ? [] : whereConjuncts(select.whereClause as PgNode)) {
    const sub = subqueryCondition(part);
    if (sub === null) visit(part);
    else visit(sub.test);
  }
  visit(select.havingClause);
  return out;
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
