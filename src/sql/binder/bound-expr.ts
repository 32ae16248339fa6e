/**
 * Bound expressions: what the binder makes of the parser's expression trees. Every node
 * has its result type; column references point at positions of the input row; literals
 * already hold runtime values (see src/sql/types/values.ts). Immutable tagged union.
 */
import type { CastFn, Comparator, DataType, OperatorImpl } from '../types/index.ts';
import type { SqlAggregate } from '../functions/aggregates/aggregates.ts';

export type BoundExpr =
  | { readonly kind: 'column'; readonly index: number; readonly type: DataType; readonly name: string }
  | { readonly kind: 'literal'; readonly value: unknown; readonly type: DataType }
  /**
   * A column of an enclosing query read by a subquery (a correlated reference): `depth` 1 is
   * the query the subquery is part of, 2 the one around that, ...; `index` is the column's
   * position in that query's FROM row. The planner unnests every such reference into joins
   * (see planner/unnest.ts), so none reaches code generation.
   */
  | { readonly kind: 'outer'; readonly depth: number; readonly index: number; readonly type: DataType; readonly name: string }
  /** A binary or prefix operator from the type system's catalogue (arguments already cast). */
  | { readonly kind: 'operator'; readonly op: string; readonly impl: OperatorImpl; readonly args: readonly BoundExpr[]; readonly type: DataType }
  /** `=, <>, <, <=, >, >=` with the comparator of the arguments' common type. */
  | { readonly kind: 'compare'; readonly op: string; readonly cmp: Comparator; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: DataType }
  | { readonly kind: 'cast'; readonly arg: BoundExpr; readonly fn: CastFn; readonly type: DataType }
  | {
      readonly kind: 'function';
      readonly name: string;
      readonly impl: (args: readonly unknown[], session: unknown) => unknown;
      readonly strict: boolean;
      readonly args: readonly BoundExpr[];
      readonly type: DataType;
      /** 'stable' (now(), ...) and 'volatile' calls are never folded to constants; absent: immutable. */
      readonly volatility?: 'immutable' | 'stable' | 'volatile';
    }
  | { readonly kind: 'and' | 'or'; readonly args: readonly BoundExpr[]; readonly type: DataType }
  | { readonly kind: 'not'; readonly arg: BoundExpr; readonly type: DataType }
  | { readonly kind: 'is-null'; readonly arg: BoundExpr; readonly negated: boolean; readonly type: DataType }
  /** `IS [NOT] TRUE/FALSE/UNKNOWN`. */
  | { readonly kind: 'is-bool'; readonly arg: BoundExpr; readonly value: boolean | null; readonly negated: boolean; readonly type: DataType }
  | { readonly kind: 'is-distinct'; readonly left: BoundExpr; readonly right: BoundExpr; readonly cmp: Comparator; readonly negated: boolean; readonly type: DataType }
  | { readonly kind: 'case'; readonly whens: ReadonlyArray<readonly [BoundExpr, BoundExpr]>; readonly otherwise: BoundExpr; readonly type: DataType }
  | { readonly kind: 'coalesce'; readonly args: readonly BoundExpr[]; readonly type: DataType }
  | { readonly kind: 'nullif'; readonly left: BoundExpr; readonly right: BoundExpr; readonly cmp: Comparator; readonly type: DataType }
  /** `x [NOT] IN (a, b, ...)`: SQL's three-valued membership. */
  | { readonly kind: 'in-list'; readonly arg: BoundExpr; readonly list: readonly BoundExpr[]; readonly cmp: Comparator; readonly negated: boolean; readonly type: DataType }
  /** `x [NOT] LIKE pattern` (ILIKE when `caseInsensitive`). */
  | { readonly kind: 'like'; readonly arg: BoundExpr; readonly pattern: BoundExpr; readonly caseInsensitive: boolean; readonly negated: boolean; readonly type: DataType }
  /**
   * An aggregate call of the query level being bound (PostgreSQL's Aggref), its aggregate
   * resolved for its argument's type: `arg` (count(*): the constant 1), string_agg's
   * delimiter (`extra`), `agg(x ORDER BY k)`'s keys. The planner pulls the calls out into
   * the level's aggregate node (planner/plan-aggregation.ts); none reaches code generation.
   */
  | {
      readonly kind: 'aggregate-call';
      readonly name: string;
      readonly aggregate: SqlAggregate;
      readonly arg: BoundExpr;
      readonly extra: BoundExpr | null;
      readonly distinct: boolean;
      readonly filter: BoundExpr | null;
      readonly orderBy?: readonly BoundExpr[];
      readonly type: DataType;
    }
  /** GROUPING(a, b, ...) (GroupingFunc): the planner checks its arguments against the level's keys. */
  | { readonly kind: 'grouping'; readonly args: readonly BoundExpr[]; readonly type: DataType }
  /**
   * `f(args) OVER (PARTITION BY ... ORDER BY ... [frame])` (WindowFunc), its named window
   * resolved; the planner pulls the calls out into `over` (or `rank`) nodes (planner/plan-window.ts).
   */
  | {
      readonly kind: 'window-call';
      readonly call: BoundWindowFunction;
      readonly partitionBy: readonly BoundExpr[];
      readonly orderBy: readonly BoundSortKey[];
      readonly type: DataType;
    };

/** A sort key of a window's ORDER BY. */
export interface BoundSortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** A frame end as written: UNBOUNDED, CURRENT ROW, or a constant number of rows. */
export type BoundFrameBound =
  | { readonly type: 'unbounded' }
  | { readonly type: 'current' }
  | { readonly type: 'offset'; readonly rows: number; readonly preceding: boolean }
  /** RANGE offset over the single ORDER BY column, in its units (microseconds for timestamps). */
  | { readonly type: 'range'; readonly offset: number; readonly preceding: boolean };

export interface BoundFrame {
  readonly mode: 'rows' | 'range';
  readonly start: BoundFrameBound;
  readonly end: BoundFrameBound;
}

/** The function of a window call, with its arguments (the planner's `over` nodes run these). */
export type BoundWindowFunction =
  | { readonly kind: 'rank'; readonly name: 'row_number' | 'rank' | 'dense_rank' }
  | { readonly kind: 'offset'; readonly name: 'lag' | 'lead'; readonly arg: BoundExpr; readonly offset: number; readonly fallback: BoundExpr }
  | { readonly kind: 'value'; readonly name: 'first_value' | 'last_value' | 'nth_value'; readonly arg: BoundExpr; readonly frame: BoundFrame; readonly nth?: number }
  /** percent_rank, cume_dist (double precision) and ntile(buckets) (integer): positions among the partition's rows. */
  | { readonly kind: 'distribution'; readonly name: 'percent_rank' | 'cume_dist' | 'ntile'; readonly buckets?: number }
  | { readonly kind: 'aggregate'; readonly name: string; readonly aggregate: SqlAggregate; readonly arg: BoundExpr; readonly frame: BoundFrame };

/** A window function with its expressions re-pointed. */
export function mapWindowFunction(c: BoundWindowFunction, f: (e: BoundExpr) => BoundExpr): BoundWindowFunction {
  switch (c.kind) {
    case 'rank':
    case 'distribution':
      return c;
    case 'offset':
      return { ...c, arg: f(c.arg), fallback: f(c.fallback) };
    case 'value':
    case 'aggregate':
      return { ...c, arg: f(c.arg) };
  }
}

/**
 * The expressions a node holds, in the order the binder bound them (which is the order the
 * planner registers aggregate and window calls in).
 */
export function childrenOf(e: BoundExpr): readonly BoundExpr[] {
  switch (e.kind) {
    case 'column':
    case 'literal':
    case 'outer':
      return [];
    case 'operator':
    case 'function':
    case 'and':
    case 'or':
    case 'coalesce':
    case 'grouping':
      return e.args;
    case 'compare':
    case 'is-distinct':
    case 'nullif':
      return [e.left, e.right];
    case 'cast':
    case 'not':
    case 'is-null':
    case 'is-bool':
      return [e.arg];
    case 'case':
      return [...e.whens.flat(), e.otherwise];
    case 'in-list':
      return [e.arg, ...e.list];
    case 'like':
      return [e.arg, e.pattern];
    case 'aggregate-call':
      return [e.arg, ...(e.extra === null ? [] : [e.extra]), ...(e.orderBy ?? []), ...(e.filter === null ? [] : [e.filter])];
    case 'window-call': {
      const inner: BoundExpr[] = [...e.partitionBy, ...e.orderBy.map((o) => o.expr)];
      mapWindowFunction(e.call, (x) => (inner.push(x), x));
      return inner;
    }
  }
}

export type BoundExprKind = BoundExpr['kind'];

/** The columns a bound expression reads. */
export function columnsOf(e: BoundExpr, out: Set<number> = new Set()): Set<number> {
  switch (e.kind) {
    case 'column':
      out.add(e.index);
      break;
    case 'literal':
    case 'outer':
      break;
    case 'operator':
    case 'function':
    case 'and':
    case 'or':
    case 'coalesce':
      for (const a of e.args) columnsOf(a, out);
      break;
    case 'compare':
    case 'is-distinct':
    case 'nullif':
      columnsOf(e.left, out);
      columnsOf(e.right, out);
      break;
    case 'cast':
    case 'not':
    case 'is-null':
    case 'is-bool':
      columnsOf(e.arg, out);
      break;
    case 'case':
      for (const [w, t] of e.whens) {
        columnsOf(w, out);
        columnsOf(t, out);
      }
      columnsOf(e.otherwise, out);
      break;
    case 'in-list':
      columnsOf(e.arg, out);
      for (const a of e.list) columnsOf(a, out);
      break;
    case 'like':
      columnsOf(e.arg, out);
      columnsOf(e.pattern, out);
      break;
    case 'aggregate-call':
    case 'grouping':
    case 'window-call':
      for (const a of childrenOf(e)) columnsOf(a, out);
      break;
  }
  return out;
}
