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
import { joinOnSubqueries, joinValueSubquery, planLateral, semiJoinSubquery, type SubqueryCondition, type SubqueryHost } from './plan-subqueries.ts';
import { deeper } from './outer-refs.ts';
import { columnName } from './column-name.ts';
import { bindAggregate, bindGrouping, overAggregate } from './plan-grouping.ts';
import { constantLimit, orderColumn } from './plan-order.ts';
import { planSetOperation, planValues } from './plan-set-operation.ts';
import type { ClausePlanner } from './clause-planner.ts';
import { andOf, hasAggregate, hasSubLink, syntaxKey, whereConjuncts } from './syntax.ts';
import { RANK_MARKER, bindWindowCall, mapWindowCall, type RankFunctionName, type WindowBinding } from './plan-window.ts';
import { limitAsTopN, type OrderKey, type PlannedQuery } from './planned-query.ts';

export { limitAsTopN, type OrderKey, type PlannedQuery };

/** Marker columns of post-aggregation subqueries' values (below the window functions' markers). */
const POST_AGGREGATE_MARKER = 2 * RANK_MARKER;
import { notSupported, SqlState, undefinedColumn, syntaxError } from '../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');



export class QueryPlanner {
  private readonly ctx: PlannerContext;
  private readonly ctes = new Map<string, { plan: LogicalPlan; columns: readonly ScopeColumn[] }>();

  constructor(ctx: PlannerContext) {
    this.ctx = {
      ...ctx,
      lookupCte: (name) => this.ctes.get(name) ?? ctx.lookupCte?.(name),
      planLateral: (left, item, type, on) => planLateral(this.host, left, item, type, on),
      joinOnSubqueries: (type, left, right, on, join) => joinOnSubqueries(this.host, type, left, right, on, join),
      deferToWhere: (conditions) => {
        if (this.deferred === null) return false;
        this.deferred.push(...conditions);
        return true;
      },
    };
  }

  /** What the clause planners (grouping, ordering, set operations) use of this planner. */
  private readonly clauses: ClausePlanner = ((planner: QueryPlanner): ClausePlanner => ({
    get session() {
      return planner.ctx.session;
    },
    bindContext: (scope, clause) => planner.bindContext(scope, clause),
    planQuery: (select) => planner.planQuery(select),
  }))(this);

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
  private scalarHook: ((node: PgNode, ctx: BindContext) => BoundExpr) | null = null;

  /**
   * While planning one query level: the subqueries whose test reads this level's aggregates
   * (`count(*) IN (SELECT ...)`), which are joined to the groups after aggregation. Bound,
   * each is a marker column until then.
   */
  private postAggregate: Array<{ readonly link: object; readonly marker: number; test: BoundExpr | null }> = [];

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
    if (select.op !== undefined && select.op !== 'SETOP_NONE') return planSetOperation(this.clauses, select);
    if (select.valuesLists !== undefined) return planValues(this.clauses, select);
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
    const post: typeof this.postAggregate = [];
    const valueOf = (node: PgNode, ctx: BindContext): BoundExpr => {
      const value = values.get(node as object);
      if (value !== undefined) return value;
      const link = obj(obj(node).SubLink);
      if (link.testexpr !== undefined && hasAggregate(link.testexpr) && ctx.aggregate !== undefined) {
        // Its test over the groups: bound now (its aggregates computed with the rest), the
        // subquery joined after the aggregate (planSelectBody).
        let entry = post.find((p) => p.link === node);
        if (entry === undefined) {
          entry = { link: node, marker: POST_AGGREGATE_MARKER - post.length, test: null };
          post.push(entry);
          entry.test = bindExpr(link.testexpr as PgNode, ctx);
        }
        return { kind: 'column', index: entry.marker, type: BOOLEAN, name: '?column?' };
      }
      throw notSupported('a subquery here', 'Subqueries are supported in the select list, WHERE and HAVING.');
    };
    const outerHook = this.scalarHook;
    const outerPost = this.postAggregate;
    this.postAggregate = post;
    try {
      // The same subquery written twice is one value (as PostgreSQL finds them equal).
      const byText = new Map<string, BoundExpr>();
      for (const link of valueSubLinks(select)) {
        // A test over this level's aggregates waits for the groups.
        const test = obj(obj(link).SubLink).testexpr;
        if (test !== undefined && hasAggregate(test)) continue;
        this.scalarHook = valueOf;
        const text = syntaxKey(link);
        const same = byText.get(text);
        if (same !== undefined) {
          values.set(link, same);
          continue;
        }
        const joined = joinValueSubquery(this.host, plan, scope, obj(obj(link).SubLink), values.size, (node, sc) => bindExpr(node, this.bindContext(sc, 'WHERE')));
        values.set(link, joined.value);
        byText.set(text, joined.value);
        plan = joined.plan;
        scope = joined.scope;
      }
      this.scalarHook = valueOf;
      return this.planSelectBody(select, plan, scope);
    } finally {
      this.scalarHook = outerHook;
      this.postAggregate = outerPost;
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
    const { keys: groupKeys, sets: groupingSets } = bindGrouping(this.clauses, groupNodes, groupBind, targets, scope);
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
    const aggregating = (bind: BindContext): BindContext => ({ ...bind, aggregate: (call) => bindAggregate(this.clauses, call, scope, calls), grouping });
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
      const toOutput = (e: BoundExpr): BoundExpr => overAggregate(this.clauses, e, groupKeys, scope, passthrough);
      const inputScope = scope;
      exprs = exprs.map(toOutput);
      if (having !== null) having = toOutput(having);
      // Subqueries whose test reads the aggregates: joined to the groups now, their outer
      // references reading the grouped columns.
      const postValues = new Map<number, BoundExpr>();
      if (this.postAggregate.length > 0) {
        const grouped = new Scope(plan.schema.map((c, i) => {
          const key = groupKeys[i];
          const from = key?.kind === 'column' && i < groupKeys.length ? inputScope.columns[key.index] : undefined;
          return from === undefined ? { ...c, hidden: true as const } : { ...from, type: c.type };
        }));
        let groupsScope = grouped;
        for (const p of this.postAggregate) {
          const test = toOutput(p.test!);
          const joined = joinValueSubquery(this.host, plan, groupsScope, obj(obj(p.link).SubLink), POST_AGGREGATE_MARKER - p.marker + 500, () => test);
          plan = joined.plan;
          groupsScope = joined.scope;
          postValues.set(p.marker, joined.value);
        }
      }
      const withValues = (e: BoundExpr): BoundExpr => (postValues.size === 0 ? e : rewrite(e, (x) => (x.kind === 'column' ? postValues.get(x.index) : undefined)));
      exprs = exprs.map(withValues);
      if (having !== null) having = withValues(having);
      overGroups = (e) => withValues(toOutput(e));
      overInput = (node) => withValues(toOutput(preBound.get(node) ?? bindExpr(node, this.bindContext(inputScope, 'ORDER BY'))));
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
      const column = orderColumn(this.clauses, sb.node as PgNode, columns, exprs, scope, hidden, calls.length > 0 || groupKeys.length > 0, overInput);
      const type = column < exprs.length ? (exprs[column] as BoundExpr).type : (hidden[column - exprs.length] as BoundExpr).type;
      const descending = sb.sortby_dir === 'SORTBY_DESC';
      const nullsFirst = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && descending);
      return { column, descending, nullsFirst, cmp: comparatorFor(type) };
    });
    // DISTINCT ON (exprs): the first row of each group of equal exprs, by ORDER BY.
    const onNodes = list(select.distinctClause).filter((d) => Object.keys(d as Obj).length > 0);
    const distinctOn = onNodes.map((node) => orderColumn(this.clauses, node as PgNode, columns, exprs, scope, hidden, calls.length > 0 || groupKeys.length > 0, overInput));
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
      plan, columns, orderBy, limit: constantLimit(this.clauses, select.limitCount, 'LIMIT'), offset: constantLimit(this.clauses, select.limitOffset, 'OFFSET') ?? 0,
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
