/**
 * Plans a query (libpg-query's SelectStmt) into a logical plan, one level at a time: its
 * WITH names, then a set operation or VALUES (plan-set-operation.ts), or a SELECT: FROM and
 * joins (plan-from.ts), the subqueries used as values joined to its rows (plan-subqueries.ts,
 * unnest.ts), and the clauses after (planSelectBody, each clause in its own file). For
 * queries that return rows to a client, ORDER BY / LIMIT / OFFSET apply to the result.
 */
import { asCondition, bindExpr, coerce, type BindContext } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { BOOLEAN, TEXT } from '../types/index.ts';
import { notSupported } from '../../errors/index.ts';
import { planFrom, type FromResult, type PlannerContext } from './plan-from.ts';
import { planGroupWindow } from './group-window.ts';
import { joinOnSubqueries, joinValueSubquery, planLateral, type SubqueryHost } from './plan-subqueries.ts';
import { deeper } from './outer-refs.ts';
import { distinctOnNodes, planOutput } from './plan-order.ts';
import { LevelAggregation, type PostAggregateSubquery } from './plan-aggregation.ts';
import { planSetReturningTargets, selectTargets, type Target } from './plan-select-list.ts';
import { planWhere, valueSubLinks, whereBeforeSubqueries } from './plan-where.ts';
import { placeRank, placeWindows } from './place-windows.ts';
import { planSetOperation, planValues } from './plan-set-operation.ts';
import type { ClausePlanner } from './clause-planner.ts';
import { andOf, hasAggregate, syntaxKey } from './syntax.ts';
import { RANK_MARKER, LevelWindows } from './plan-window.ts';
import { limitAsTopN, type OrderKey, type PlannedQuery } from './planned-query.ts';

export { limitAsTopN, type OrderKey, type PlannedQuery };

/** Marker columns of post-aggregation subqueries' values (below the window functions' markers). */
const POST_AGGREGATE_MARKER = 2 * RANK_MARKER;

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
  private postAggregate: PostAggregateSubquery[] = [];

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
    ({ select, plan } = whereBeforeSubqueries(select, plan, scope, (sc, clause) => this.bindContext(sc, clause)));
    // Subqueries used as values become relations joined to the FROM rows (see
    // plan-subqueries.ts); the expressions that use them read the joined columns.
    const values = new Map<object, BoundExpr>();
    const post: typeof this.postAggregate = [];
    const valueOf = (node: PgNode, ctx: BindContext): BoundExpr => {
      const value = values.get(node as object);
      if (value !== undefined) return value;
      const link = obj(obj(node).SubLink);
      if (link.testexpr !== undefined && hasAggregate(link.testexpr) && ctx.aggregates === true) {
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
   * The level after FROM (and the subqueries joined as values): WHERE, group windows, the
   * select list with its set-returning calls, window functions, aggregation and HAVING, then
   * the output (ORDER BY, DISTINCT [ON], LIMIT). Each clause is planned in its own file.
   */
  private planSelectBody(select: Obj, from: LogicalPlan, fromScope: Scope): PlannedQuery {
    const bind = (scope: Scope, clause: string): BindContext => this.bindContext(scope, clause);
    let plan = planWhere(this.host, select.whereClause as PgNode | undefined, from, fromScope, bind);
    let scope = fromScope;
    // Flink's group windows (GROUP BY ..., SESSION(ts, gap)) window the rows before grouping.
    ({ select, plan, scope } = planGroupWindow(select, plan, scope, this.ctx, (sc) => bind(sc, 'GROUP BY')));
    let targets: Target[];
    ({ plan, scope, targets } = planSetReturningTargets(selectTargets(select.targetList, scope), plan, scope, bind(scope, 'SELECT')));

    const aggregation = new LevelAggregation(this.clauses, list(select.groupClause), targets, scope, this.postAggregate);
    const levelWindows = new LevelWindows();
    const windows = levelWindows.windows;
    const namedWindows = new Map(list(select.windowClause).map((w) => { const d = obj(obj(w).WindowDef); return [String(d.name), d]; }));
    const selectBind: BindContext = { ...aggregation.aggregating(bind(scope, 'SELECT')), windows: namedWindows };
    // The select list's aggregate calls and window calls (and the aggregate calls in those
    // calls' arguments), collected item by item in the order they were bound.
    const collect = (e: BoundExpr): BoundExpr => levelWindows.collect(e, (x) => aggregation.collect(x), (x) => aggregation.collectNode(x));
    let exprs = targets.map((t) => (t.node === null ? colRef(scope, t.column as number) : collect(bindExpr(t.node, selectBind))));
    const grouped = aggregation.grouped;
    if (!grouped && windows.length > 0) {
      // One ranking function alone is a rank node, which a filter on the rank can turn into a Top-N.
      const rank = windows.length === 1 && windows[0]!.call.kind === 'rank';
      ({ plan, exprs } = rank ? placeRank(plan, windows[0]!, exprs) : placeWindows(plan, windows, exprs, (e) => e));
      scope = new Scope(plan.schema);
    }
    let having: BoundExpr | null = null;
    if (select.havingClause !== undefined) {
      const ctx = aggregation.aggregating(bind(scope, 'HAVING'));
      having = aggregation.collect(asCondition(bindExpr(select.havingClause as PgNode, ctx), ctx, 'HAVING'));
    }
    // In an aggregate query, ORDER BY over grouped input columns (`ORDER BY b % 2` under
    // `GROUP BY b % 2`), as the select list is.
    let overInput: ((node: PgNode) => BoundExpr) | null = null;
    // HAVING without GROUP BY makes the query an aggregate over one group (SQL's rule).
    if (aggregation.calls.length > 0 || aggregation.groupKeys.length > 0 || having !== null) {
      const orderNodes = [...list(select.sortClause).map((s) => obj(obj(s).SortBy).node as PgNode), ...distinctOnNodes(select)];
      const groups = aggregation.plan({ plan, scope, exprs, having, orderNodes, constantScalars: this.constantScalars, host: this.host });
      ({ plan, scope, overInput } = groups);
      exprs = groups.exprs;
      // Window functions of an aggregate query run over its groups, after HAVING.
      if (grouped && windows.length > 0) {
        ({ plan, exprs } = placeWindows(plan, windows, exprs, groups.overGroups));
        scope = new Scope(plan.schema);
      }
    }
    // Columns of unknown type (string literals) are text in results, as in PostgreSQL.
    exprs = exprs.map((e) => (e.type.kind === 'unknown' ? coerce(e, TEXT, bind(scope, 'SELECT')) : e));
    const aggregated = aggregation.calls.length > 0 || aggregation.groupKeys.length > 0;
    return planOutput(this.clauses, select, { plan, scope, exprs, names: targets.map((t) => t.name), aggregated, overInput });
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



function colRef(scope: Scope, index: number): BoundExpr {
  const c = scope.columns[index] as ScopeColumn;
  return { kind: 'column', index, type: c.type, name: c.name };
}
