/**
 * Logical plans: relational algebra over bound expressions. Every node has its output
 * schema; expressions refer to columns of the node's input by position (for a join, the
 * left input's columns followed by the right's). Immutable tagged union.
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { BoundExpr, BoundFrame, BoundFrameBound, BoundWindowFunction } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { SqlAggregate } from '../functions/aggregates/aggregates.ts';
import type { SetReturningFunction } from '../functions/index.ts';
import type { JoinType } from '../../runtime/relational/hash-join.ts';
import { formatExpr, formatOutputs } from './format-expr.ts';

export interface LogicalAggregateCall {
  readonly name: string;
  readonly aggregate: SqlAggregate;
  /** The argument over the input row (count(*): a constant). */
  readonly arg: BoundExpr | null;
  /** string_agg's delimiter. */
  readonly extra: BoundExpr | null;
  /** `agg(x ORDER BY k1, k2)`: the keys the aggregate orders its values by (array_agg, string_agg). */
  readonly orderBy?: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly filter: BoundExpr | null;
}

/** A frame end as written: UNBOUNDED, CURRENT ROW, or a constant number of rows. */
export type LogicalFrameBound = BoundFrameBound;

/** One window function call of an `over` node, as the binder bound it. */
export type LogicalWindowCall = BoundWindowFunction;

export type LogicalFrame = BoundFrame;

/** The set-returning functions Weir runs: their values for one row of arguments. */
/** 'library': a set-returning function of the function library (regexp_matches, jsonb_array_elements, ...), the call's `library`. */
export type SeriesFunction = 'generate_series' | 'range' | 'unnest' | 'generate_subscripts' | '_pg_expandarray' | 'library';

/** One set-returning call of a `series` node; `library` is the function when `fn` is 'library'. */
export interface SeriesCall {
  readonly fn: SeriesFunction;
  readonly args: readonly BoundExpr[];
  readonly library?: SetReturningFunction;
}

export type LogicalPlan =
  /** A relation; `watermark` when it declares WATERMARK FOR (see planner/watermarks.ts). */
  | {
      readonly kind: 'scan';
      readonly relation: CatalogEntry;
      readonly schema: readonly ScopeColumn[];
      readonly watermark?: { readonly column: number; readonly expr: BoundExpr } | null;
      /** Its rows when planned, where known: what join ordering estimates sizes from. */
      readonly rows?: number;
    }
  | { readonly kind: 'values'; readonly rows: ReadonlyArray<readonly BoundExpr[]>; readonly schema: readonly ScopeColumn[] }
  | { readonly kind: 'filter'; readonly input: LogicalPlan; readonly predicate: BoundExpr; readonly schema: readonly ScopeColumn[] }
  | { readonly kind: 'project'; readonly input: LogicalPlan; readonly exprs: readonly BoundExpr[]; readonly schema: readonly ScopeColumn[] }
  | {
      readonly kind: 'aggregate';
      readonly input: LogicalPlan;
      readonly groupKeys: readonly BoundExpr[];
      readonly calls: readonly LogicalAggregateCall[];
      /** Output: the group keys, then one column per call. */
      readonly schema: readonly ScopeColumn[];
    }
  | {
      readonly kind: 'join';
      /** 'semi'/'anti': the left rows with some / no match (IN, NOT IN, EXISTS); output is the left row. */
      readonly type: JoinType | 'semi' | 'anti';
      readonly left: LogicalPlan;
      readonly right: LogicalPlan;
      /** Equi-join keys: leftKeys[i] (over the left row) = rightKeys[i] (over the right row). */
      readonly leftKeys: readonly BoundExpr[];
      readonly rightKeys: readonly BoundExpr[];
      /** The rest of the ON condition, over the joined row. */
      readonly residual: BoundExpr | null;
      /** Keys match when both are NULL too (IS NOT DISTINCT FROM): joins back to a domain. */
      readonly nullSafe?: boolean;
      readonly schema: readonly ScopeColumn[];
    }
  | { readonly kind: 'union'; readonly inputs: readonly LogicalPlan[]; readonly schema: readonly ScopeColumn[] }
  /**
   * A set-returning function over each input row (in the select list, or in FROM over
   * earlier FROM items): `generate_series(start, stop[, step])` or `unnest(array)`. Each input
   * row once per value (none for an empty or NULL series/array), the value appended, and with
   * `ordinality` its position (1, 2, ...) after it.
   */
  | {
      readonly kind: 'series';
      readonly input: LogicalPlan;
      readonly fn?: SeriesFunction;
      readonly args: readonly BoundExpr[];
      readonly library?: SetReturningFunction;
      readonly ordinality?: boolean;
      /**
       * Several set-returning functions of one select list, run in lockstep as PostgreSQL
       * does: one column each, as many rows as the longest, the shorter padded with NULL.
       * When present, `fn` and `args` are unused.
       */
      readonly zip?: readonly SeriesCall[];
      readonly schema: readonly ScopeColumn[];
    }
  /** Each input row (whose last column is a count) as that many copies of its other columns. */
  | { readonly kind: 'replicate'; readonly input: LogicalPlan; readonly schema: readonly ScopeColumn[] }
  /**
   * Ranking within partitions (ROW_NUMBER/RANK/DENSE_RANK OVER (PARTITION BY ... ORDER BY
   * ...)): the input row with its rank appended; only ranks up to `limit` when a filter on
   * the rank bounds it (Top-N), else every row.
   */
  | {
      readonly kind: 'rank';
      readonly input: LogicalPlan;
      readonly function: 'row_number' | 'rank' | 'dense_rank';
      readonly partitionBy: readonly BoundExpr[];
      readonly orderBy: ReadonlyArray<{ readonly expr: BoundExpr; readonly descending: boolean; readonly nullsFirst: boolean }>;
      readonly limit: number | null;
      readonly schema: readonly ScopeColumn[];
    }
  /**
   * Window functions over one window (PARTITION BY, ORDER BY): each input row followed by
   * one column per call, in order.
   */
  | {
      readonly kind: 'over';
      readonly input: LogicalPlan;
      readonly partitionBy: readonly BoundExpr[];
      readonly orderBy: ReadonlyArray<{ readonly expr: BoundExpr; readonly descending: boolean; readonly nullsFirst: boolean }>;
      readonly calls: readonly LogicalWindowCall[];
      readonly schema: readonly ScopeColumn[];
    }
  /**
   * A window table function: each input row, once per window containing its time column,
   * with `window_start` and `window_end` appended. Sizes in microseconds.
   *   tumble    windows of `size`
   *   hop       windows of `size` every `slide`
   *   cumulate  windows growing by `slide` from the start of each `size` window
   *   session   per partition, rows less than `size` (the gap) apart share one window;
   *             a row can move to another session as rows come and go
   */
  | {
      readonly kind: 'window';
      readonly input: LogicalPlan;
      readonly function: 'tumble' | 'hop' | 'cumulate' | 'session';
      readonly timeColumn: number;
      readonly size: number;
      readonly slide: number;
      /** Session windows: the partition keys (empty: one partition). */
      readonly partitionBy: readonly BoundExpr[];
      readonly schema: readonly ScopeColumn[];
    };

export type LogicalKind = LogicalPlan['kind'];

/** An aggregate call as text over its input: `sum(DISTINCT x) FILTER (WHERE c)`. */
export function formatCall(c: LogicalAggregateCall, input: readonly ScopeColumn[]): string {
  const arg = c.arg === null || (c.name === 'count' && c.arg.kind === 'literal') ? '*' : formatExpr(c.arg, input);
  const extra = c.extra === null ? '' : `, ${formatExpr(c.extra, input)}`;
  const order = c.orderBy === undefined || c.orderBy.length === 0 ? '' : ` ORDER BY ${c.orderBy.map((o) => formatExpr(o, input)).join(', ')}`;
  const filter = c.filter === null ? '' : ` FILTER (WHERE ${formatExpr(c.filter, input)})`;
  return `${c.name}(${c.distinct ? 'DISTINCT ' : ''}${arg}${extra}${order})${filter}`;
}

type SortKey = { readonly expr: BoundExpr; readonly descending: boolean; readonly nullsFirst: boolean };
export const formatOrder = (keys: readonly SortKey[], input: readonly ScopeColumn[]): string =>
  keys.map((k) => `${formatExpr(k.expr, input)}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`).join(', ');

/** A window call as text: `lag(x, 1)`, `sum(x) ROWS BETWEEN ...`. */
export function formatWindowCall(c: LogicalWindowCall, input: readonly ScopeColumn[]): string {
  const bound = (b: LogicalFrameBound): string =>
    b.type === 'unbounded' ? 'UNBOUNDED' : b.type === 'current' ? 'CURRENT ROW' : `${b.type === 'offset' ? b.rows : b.offset} ${b.preceding ? 'PRECEDING' : 'FOLLOWING'}`;
  const frame = (f: LogicalFrame): string => ` ${f.mode.toUpperCase()} BETWEEN ${bound(f.start)} AND ${bound(f.end)}`;
  switch (c.kind) {
    case 'rank':
      return `${c.name}()`;
    case 'offset':
      return `${c.name}(${formatExpr(c.arg, input)}, ${c.offset}, ${formatExpr(c.fallback, input)})`;
    case 'value':
      return `${c.name}(${formatExpr(c.arg, input)}${c.nth === undefined ? '' : `, ${c.nth}`})${frame(c.frame)}`;
    case 'distribution':
      return `${c.name}(${c.buckets ?? ''})`;
    case 'aggregate':
      return `${c.name}(${formatExpr(c.arg, input)})${frame(c.frame)}`;
  }
}

/**
 * Deterministic tree rendering for EXPLAIN and golden tests: each node with what it computes
 * (predicates, expressions, keys, calls), expressions over the names of its input's columns.
 */
export function explainLogical(p: LogicalPlan, indent = ''): string {
  const cols = (s: readonly ScopeColumn[]): string => s.map((c) => c.name).join(', ');
  let line: string;
  switch (p.kind) {
    case 'scan':
      line = `LogicalScan { ${p.relation.kind}: ${p.relation.name}, columns: [${cols(p.schema)}]${p.watermark ? `, watermark: ${p.schema[p.watermark.column]?.name}` : ''} }`;
      break;
    case 'values':
      line = `LogicalValues { rows: ${p.rows.length}, columns: [${cols(p.schema)}] }`;
      break;
    case 'filter':
      line = `LogicalFilter { ${formatExpr(p.predicate, p.input.schema)} }`;
      break;
    case 'project':
      line = `LogicalProject { [${formatOutputs(p.exprs, p.input.schema, p.schema)}] }`;
      break;
    case 'aggregate':
      line = `LogicalAggregate { group: [${p.groupKeys.map((k) => formatExpr(k, p.input.schema)).join(', ')}], calls: [${p.calls.map((c) => formatCall(c, p.input.schema)).join(', ')}] }`;
      break;
    case 'join': {
      const keys = p.leftKeys.map((l, i) => `${formatExpr(l, p.left.schema)} ${p.nullSafe === true ? 'IS NOT DISTINCT FROM' : '='} ${formatExpr(p.rightKeys[i]!, p.right.schema)}`);
      const joined = [...p.left.schema, ...p.right.schema];
      line = `LogicalJoin { type: ${p.type}${keys.length > 0 ? `, on: [${keys.join(', ')}]` : ''}${p.residual ? `, residual: ${formatExpr(p.residual, joined)}` : ''} }`;
      break;
    }
    case 'union':
      line = 'LogicalUnion { all }';
      break;
    case 'series': {
      const calls: readonly SeriesCall[] = p.zip ?? [{ fn: p.fn ?? 'generate_series', args: p.args, ...(p.library !== undefined && { library: p.library }) }];
      line = `LogicalProjectSet { ${calls.map((c) => `${c.library?.name ?? c.fn}(${c.args.map((a) => formatExpr(a, p.input.schema)).join(', ')})`).join(', ')}${p.ordinality === true ? ', ordinality' : ''} }`;
      break;
    }
    case 'replicate':
      line = 'LogicalReplicate';
      break;
    case 'rank':
      line = `LogicalRank { ${p.function}, partition: [${p.partitionBy.map((e) => formatExpr(e, p.input.schema)).join(', ')}], order: [${formatOrder(p.orderBy, p.input.schema)}]${p.limit === null ? '' : `, limit: ${p.limit}`} }`;
      break;
    case 'over':
      line = `LogicalOverWindow { [${p.calls.map((c) => formatWindowCall(c, p.input.schema)).join(', ')}], partition: [${p.partitionBy.map((e) => formatExpr(e, p.input.schema)).join(', ')}], order: [${formatOrder(p.orderBy, p.input.schema)}] }`;
      break;
    case 'window':
      line = `LogicalWindow { ${p.function}, time: ${p.input.schema[p.timeColumn]?.name}, ${p.function === 'session' ? 'gap' : 'size'}: ${p.size / 1e6} s${
        p.function === 'hop' || p.function === 'cumulate' ? `, ${p.function === 'hop' ? 'slide' : 'step'}: ${p.slide / 1e6} s` : ''
      }${p.partitionBy.length > 0 ? `, partition: [${p.partitionBy.map((e) => formatExpr(e, p.input.schema)).join(', ')}]` : ''} }`;
      break;
  }
  const inputs = p.kind === 'join' ? [p.left, p.right] : p.kind === 'union' ? p.inputs : 'input' in p ? [p.input] : [];
  return [indent + line, ...inputs.map((i) => explainLogical(i, `${indent}  `))].join('\n');
}
