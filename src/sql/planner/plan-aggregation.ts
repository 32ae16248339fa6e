/**
 * A query level's aggregation: its GROUP BY keys (and grouping sets), the aggregate calls
 * and GROUPING(...) uses the binder left in its select list, HAVING and ORDER BY (collected
 * in the order they were bound, each replaced by a marker column until the aggregate
 * exists), and the aggregate node with what must follow it: the
 * constant scalar subqueries joined again, the subqueries whose test reads the aggregates,
 * and HAVING. The level's expressions are then re-expressed over the groups.
 */
import { bindExpr, literal, type BindContext } from '../binder/bind-expr.ts';
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalAggregateCall, LogicalPlan } from '../plan/logical.ts';
import { INTEGER, SqlError } from '../types/index.ts';
import { notSupported, SqlState } from '../../errors/index.ts';
import { sqlAggregate } from '../functions/aggregates/aggregates.ts';
import type { ClausePlanner } from './clause-planner.ts';
import { exprKey, rewrite } from './expr-utils.ts';
import { bindGrouping, overAggregate } from './plan-grouping.ts';
import type { Target } from './plan-select-list.ts';
import { joinValueSubquery, type SubqueryHost } from './plan-subqueries.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;

/**
 * A subquery whose test reads this level's aggregates (`count(*) IN (SELECT ...)`): its test
 * bound with the level's other expressions, the subquery joined to the groups; `marker` is
 * the column that stands for its value until then.
 */
export interface PostAggregateSubquery {
  readonly link: object;
  readonly marker: number;
  test: BoundExpr | null;
}

/** What the aggregate step needs of the level being planned. */
export interface AggregationInput {
  readonly plan: LogicalPlan;
  /** The rows' scope (FROM, after WHERE and set-returning calls). */
  readonly scope: Scope;
  readonly exprs: readonly BoundExpr[];
  readonly having: BoundExpr | null;
  /** The ORDER BY and DISTINCT ON expressions, which may call aggregates of their own. */
  readonly orderNodes: readonly PgNode[];
  /** The one-row relation of each uncorrelated scalar subquery joined to the rows. */
  readonly constantScalars: WeakMap<ScopeColumn, LogicalPlan>;
  readonly host: SubqueryHost;
}

export interface Aggregated {
  readonly plan: LogicalPlan;
  /** The groups' scope. */
  readonly scope: Scope;
  readonly exprs: BoundExpr[];
  /** An expression over the rows, over the groups instead. */
  readonly overGroups: (e: BoundExpr) => BoundExpr;
  /** An ORDER BY expression over the rows (as the select list reads them), over the groups. */
  readonly overInput: (node: PgNode) => BoundExpr;
}

export class LevelAggregation {
  readonly calls: LogicalAggregateCall[] = [];
  readonly groupKeys: BoundExpr[];
  private readonly groupingSets: number[][] | null;
  /** GROUPING(...) uses: the call index of each, and the keys it reads. */
  private readonly groupingCalls = new Map<number, readonly number[]>();

  /** The marker column of each aggregate call or GROUPING(...) node collected (one per node bound). */
  private readonly markers = new Map<BoundExpr, BoundExpr>();
  /** The subqueries whose test reads the aggregates, and those whose test has been collected. */
  private readonly postAggregate: readonly PostAggregateSubquery[];
  private readonly collectedTests = new Set<PostAggregateSubquery>();

  private readonly clauses: ClausePlanner;
  private readonly groupNodes: readonly PgNode[];

  constructor(clauses: ClausePlanner, groupNodes: readonly PgNode[], targets: readonly Target[], scope: Scope, postAggregate: readonly PostAggregateSubquery[]) {
    this.clauses = clauses;
    this.groupNodes = groupNodes;
    this.postAggregate = postAggregate;
    const { keys, sets } = bindGrouping(clauses, groupNodes, clauses.bindContext(scope, 'GROUP BY'), targets, scope);
    this.groupKeys = keys;
    this.groupingSets = sets;
  }

  /** Whether the level groups or aggregates, as its select list was bound. */
  get grouped(): boolean {
    return this.calls.length > 0 || this.groupNodes.length > 0;
  }

  /** A binding context in which this level's aggregate calls and GROUPING(...) may appear. */
  aggregating(bind: BindContext): BindContext {
    return { ...bind, aggregates: true, grouping: true };
  }

  /**
   * `e` (bound in an `aggregating` context) with its aggregate calls and GROUPING(...) uses
   * registered as this level's calls, each replaced by its marker column; also those of the
   * tests of the post-aggregate subqueries it uses, where it uses them.
   */
  collect(e: BoundExpr): BoundExpr {
    return rewrite(e, (x) => this.collectNode(x));
  }

  /** `collect` for one node, as `rewrite` asks: its marker, or undefined to look inside it. */
  collectNode(x: BoundExpr): BoundExpr | undefined {
    if (x.kind === 'aggregate-call' || x.kind === 'grouping') {
      let marker = this.markers.get(x);
      if (marker === undefined) {
        marker = x.kind === 'grouping' ? this.grouping(x.args) : this.register(x);
        this.markers.set(x, marker);
      }
      return marker;
    }
    if (x.kind === 'column' && x.index < 0) {
      const post = this.postAggregate.find((p) => p.marker === x.index);
      if (post !== undefined && !this.collectedTests.has(post)) {
        this.collectedTests.add(post);
        post.test = this.collect(post.test!);
      }
    }
    return undefined;
  }

  private register(call: Extract<BoundExpr, { kind: 'aggregate-call' }>): BoundExpr {
    const { name, aggregate, arg, extra, distinct, filter, orderBy } = call;
    this.calls.push({ name, aggregate, arg, extra, distinct, filter, ...(orderBy !== undefined && { orderBy }) });
    return { kind: 'column', index: -this.calls.length, type: call.type, name };
  }

  /**
   * GROUPING(a, b, ...): which of its arguments the current grouping set leaves out, as bits
   * (a leftmost). A stand-in call per use; its value is a constant per grouping set.
   */
  private grouping(args: readonly BoundExpr[]): BoundExpr {
    const keyIndexes = args.map((a) => {
      const i = this.groupKeys.findIndex((k) => exprKey(k) === exprKey(a));
      if (i < 0) throw new SqlError(SqlState.groupingError, 'arguments to GROUPING must be grouping expressions of the associated query level');
      return i;
    });
    if (keyIndexes.length > 31) throw new SqlError(SqlState.tooManyColumns, 'GROUPING must have fewer than 32 arguments');
    this.calls.push({ name: 'grouping', aggregate: sqlAggregate('count', null), arg: null, extra: null, distinct: false, filter: null });
    this.groupingCalls.set(this.calls.length - 1, keyIndexes);
    return { kind: 'column', index: -this.calls.length, type: INTEGER, name: 'grouping' };
  }

  private groupingMask(set: readonly number[] | null, j: number): BoundExpr {
    let mask = 0;
    for (const i of this.groupingCalls.get(j)!) mask = (mask << 1) | (set === null || set.includes(i) ? 0 : 1);
    return literal(mask, INTEGER);
  }

  /** The aggregate over `input.plan`, HAVING applied, and the level's expressions over its groups. */
  plan(input: AggregationInput): Aggregated {
    const { scope, host } = input;
    const { groupKeys } = this;
    // ORDER BY and DISTINCT ON over the input may call aggregates of their own
    // (`ORDER BY count(*) DESC`): bound now, so that their calls are computed with the rest.
    const preBound = new Map<PgNode, BoundExpr>();
    for (const node of input.orderNodes) {
      try {
        preBound.set(node, this.collect(bindExpr(node, this.aggregating(this.clauses.bindContext(scope, 'ORDER BY')))));
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
    for (const e of [...input.exprs, ...(input.having === null ? [] : [input.having]), ...preBound.values()]) columnsOf(e, outside);
    const referenced = scope.columns.flatMap((c, i): BoundExpr[] => (c.relation === '$scalar' && outside.has(i) ? [{ kind: 'column', index: i, type: c.type, name: c.name }] : []));
    // An uncorrelated one is joined again after grouping (see constantScalars).
    const constants = referenced.filter((r) => r.kind === 'column' && input.constantScalars.has(scope.columns[r.index]!));
    const scalarRefs = referenced.filter((r) => !constants.includes(r));
    if (scalarRefs.length > 0) {
      if (groupKeys.length === 0) throw notSupported('a scalar subquery next to aggregates without GROUP BY');
      if (this.groupingSets !== null) throw notSupported('a scalar subquery next to GROUPING SETS');
      groupKeys.push(...scalarRefs);
    }
    let plan = this.aggregate(input.plan);
    // The constant scalars' values after the aggregate's columns, in a join of one row each.
    const passthrough = new Map<number, number>();
    for (const r of constants) {
      const index = (r as { index: number }).index;
      const value = input.constantScalars.get(scope.columns[index]!)!;
      passthrough.set(index, plan.schema.length);
      plan = { kind: 'join', type: 'inner', left: plan, right: value, leftKeys: [], rightKeys: [], residual: null, schema: [...plan.schema, ...value.schema] };
    }
    const toOutput = (e: BoundExpr): BoundExpr => overAggregate(this.clauses, e, groupKeys, scope, passthrough);
    // Subqueries whose test reads the aggregates: joined to the groups now, their outer
    // references reading the grouped columns.
    const postValues = new Map<number, BoundExpr>();
    if (this.postAggregate.length > 0) {
      let groupsScope = new Scope(plan.schema.map((c, i) => {
        const key = groupKeys[i];
        const from = key?.kind === 'column' && i < groupKeys.length ? scope.columns[key.index] : undefined;
        return from === undefined ? { ...c, hidden: true as const } : { ...from, type: c.type };
      }));
      this.postAggregate.forEach((p, i) => {
        const test = toOutput(p.test!);
        const joined = joinValueSubquery(host, plan, groupsScope, obj(obj(p.link).SubLink), 500 + i, () => test);
        plan = joined.plan;
        groupsScope = joined.scope;
        postValues.set(p.marker, joined.value);
      });
    }
    const withValues = (e: BoundExpr): BoundExpr => (postValues.size === 0 ? e : rewrite(e, (x) => (x.kind === 'column' ? postValues.get(x.index) : undefined)));
    const overGroups = (e: BoundExpr): BoundExpr => withValues(toOutput(e));
    const having = input.having === null ? null : overGroups(input.having);
    if (having !== null) plan = { kind: 'filter', input: plan, predicate: having, schema: plan.schema };
    return {
      plan,
      scope: new Scope(plan.schema),
      exprs: input.exprs.map(overGroups),
      overGroups,
      overInput: (node) => overGroups(preBound.get(node) ?? bindExpr(node, this.clauses.bindContext(scope, 'ORDER BY'))),
    };
  }

  /**
   * The aggregate node: its keys' columns, then its calls'. GROUPING SETS / ROLLUP / CUBE are
   * one aggregate per set, its missing keys NULL, all of them together (UNION ALL) in the
   * shape of an aggregate over every key.
   */
  private aggregate(input: LogicalPlan): LogicalPlan {
    const { groupKeys, calls } = this;
    const aggSchema: ScopeColumn[] = [
      ...groupKeys.map((k, i) => ({ name: `group${i}`, relation: null, type: k.type })),
      ...calls.map((c) => ({ name: c.name, relation: null, type: c.aggregate.resultType })),
    ];
    if (this.groupingSets === null) {
      const plan: LogicalPlan = { kind: 'aggregate', input, groupKeys, calls, schema: aggSchema };
      if (this.groupingCalls.size === 0) return plan;
      // Without grouping sets every key is grouped: GROUPING(...) is 0.
      const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: aggSchema[i]!.type, name: aggSchema[i]!.name });
      return { kind: 'project', input: plan, exprs: aggSchema.map((_, i) => (this.groupingCalls.has(i - groupKeys.length) ? this.groupingMask(null, i - groupKeys.length) : col(i))), schema: aggSchema };
    }
    const branches = this.groupingSets.map((set): LogicalPlan => {
      const keys = set.map((i) => groupKeys[i] as BoundExpr);
      const schema: ScopeColumn[] = [
        ...keys.map((k, i) => ({ name: `group${i}`, relation: null, type: k.type })),
        ...calls.map((c) => ({ name: c.name, relation: null, type: c.aggregate.resultType })),
      ];
      const exprs: BoundExpr[] = [
        ...groupKeys.map((k, i): BoundExpr => (set.includes(i) ? { kind: 'column', index: set.indexOf(i), type: k.type, name: `group${i}` } : literal(null, k.type))),
        ...calls.map((c, j): BoundExpr => (this.groupingCalls.has(j) ? this.groupingMask(set, j) : { kind: 'column', index: keys.length + j, type: c.aggregate.resultType, name: c.name })),
      ];
      return { kind: 'project', input: { kind: 'aggregate', input, groupKeys: keys, calls, schema }, exprs, schema: aggSchema };
    });
    return branches.length === 1 ? (branches[0] as LogicalPlan) : { kind: 'union', inputs: branches, schema: aggSchema };
  }
}
