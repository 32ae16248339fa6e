/**
 * Translates a logical plan into the DataStream DAG (DESIGN §1: one engine for SQL and the
 * DataStream API). Rows are arrays; every operator passes change kinds along, so the same
 * translation serves a materialized view (changelog sources: snapshot, then changes) and a
 * one-off query (snapshot sources: a bounded job).
 */
import type { DataStream } from '../../api/datastream.ts';
import type { StreamExecutionEnvironment } from '../../api/environment.ts';
import type { Transformation } from '../../api/transformation.ts';
import { WatermarkStrategy } from '../../api/watermark-strategy.ts';
import type { CatalogEntry } from '../../catalog/index.ts';
import { TableSource } from '../../connectors/table/table-source.ts';
import type { TableReadable } from '../../connectors/table/table-store.ts';
import type { Source, SourceSplit } from '../../connectors/source.ts';
import type { AggregateCall } from '../../runtime/relational/aggregate-function.ts';
import { GLOBAL_GROUP_KEY, GroupAggregateOperator } from '../../runtime/relational/group-aggregate.ts';
import { HashJoinOperator, type HashJoinOptions, type JoinSideCleanup, type JoinType } from '../../runtime/relational/hash-join.ts';
import { WatermarkFilterOperator } from '../../runtime/relational/event-time.ts';
import { EvaluateOperator, type ErrorLedger } from '../../runtime/relational/evaluate.ts';
import { TemporalFilterOperator, type TemporalBound } from '../../runtime/relational/temporal-filter.ts';
import { withStatementTimestamp } from '../functions/session-clock.ts';
import { columnsOf } from '../binder/bound-expr.ts';
import type { StateCleanup } from '../../runtime/relational/state-cleaner.ts';
import { intervalJoinSides, watermarkColumns } from '../planner/watermarks.ts';
import { conjuncts, rewrite } from '../planner/expr-utils.ts';
import { isAppendOnly } from '../plan/properties.ts';
import { SessionWindowOperator } from '../../runtime/relational/session-window.ts';
import { SemiJoinOperator } from '../../runtime/relational/semi-join.ts';
import { TopNOperator } from '../../runtime/relational/top-n.ts';
import { OverWindowOperator, type Frame, type WindowFunctionSpec } from '../../runtime/relational/over-window.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { Collector } from '../../runtime/functions.ts';
import { compileExpr, compilePredicate, compileProjection } from '../codegen/compile-expr.ts';
import type { LogicalPlan, SeriesFunction } from '../plan/logical.ts';
import { SqlError, comparatorFor, hashKeyFor, type SessionContext } from '../types/index.ts';
import { SqlState, notSupported } from '../../errors/index.ts';

type Row = readonly unknown[];

export interface TranslateContext {
  readonly env: StreamExecutionEnvironment;
  readonly session: SessionContext;
  /** 'snapshot' for a one-off query, 'changelog' for a materialized view. */
  readonly mode: 'snapshot' | 'changelog';
  storeOf(entry: CatalogEntry): TableReadable;
  /** The connector behind a CREATE SOURCE. */
  sourceOf(entry: CatalogEntry): Source<Row, SourceSplit>;
  /**
   * A view's error ledger: with it, a projection or filter that fails on a row counts the
   * error (retractably) instead of failing the job. Without it (queries that end), the error
   * is the query's.
   */
  readonly errors?: ErrorLedger;
}

/** The key rows are partitioned and grouped by: equal SQL values give equal keys; NULL is its own key. */
function keyFunction(keys: readonly BoundExpr[], session: SessionContext, nullMatches: boolean): (row: Row) => unknown {
  const hashes = keys.map((k) => hashKeyFor(k.type));
  // Keys that are columns (the usual GROUP BY and join keys) are read from the row directly:
  // the key is computed for every row twice, where it is partitioned and where it is kept.
  const columns = keys.every((k) => k.kind === 'column') ? keys.map((k) => (k as Extract<BoundExpr, { kind: 'column' }>).index) : null;
  const project = columns === null ? compileProjection(keys, session).fn : null;
  const part = (v: unknown, i: number): string | null => {
    if (v === null) return nullMatches ? '\u0000null\u0001' : null;
    const h = hashes[i]!(v as never);
    return `${typeof h === 'bigint' ? `${h}n` : typeof h === 'string' ? JSON.stringify(h) : String(h)}\u0001`;
  };
  if (keys.length === 1) {
    const h = hashes[0]!;
    const single = (v: unknown): unknown => (v === null ? (nullMatches ? '\u0000null' : null) : h(v as never));
    if (columns !== null) {
      const c = columns[0]!;
      return (row) => single(row[c]);
    }
    return (row) => single(project!(row)[0]);
  }
  if (columns !== null) {
    const n = columns.length;
    return (row) => {
      let key = '';
      for (let i = 0; i < n; i++) {
        const p = part(row[columns[i]!], i);
        if (p === null) return null;
        key += p;
      }
      return key;
    };
  }
  return (row) => {
    const vs = project!(row);
    let key = '';
    for (let i = 0; i < vs.length; i++) {
      const p = part(vs[i], i);
      if (p === null) return null;
      key += p;
    }
    return key;
  };
}

/**
 * Gives every operator that does not repartition its input (projections, filters, series,
 * window assignment, sinks without a parallelism of their own) its input's parallelism, as
 * Flink's SQL planner does for Calc: records then reach it on forward channels, in the order
 * their producer emitted them. An operator at a wider parallelism than its input would get
 * its records round-robin, and an update's retraction and insertion could take different
 * paths and arrive out of order. Only keyed exchanges (hash by the key, which keeps a key's
 * changes on one path) run wider than their input. Over union, the narrowest input counts.
 */
export function followInputParallelism(out: { readonly transformation: Transformation }, defaultParallelism: number): void {
  const resolved = new Map<number, number>();
  const resolve = (t: Transformation): number => {
    const known = resolved.get(t.id);
    if (known !== undefined) return known;
    let p: number;
    switch (t.type) {
      case 'physical': {
        const inputs = t.inputs.map(resolve);
        const exchange = t.inputs.some((i) => i.type === 'partition');
        if (t.nonParallel) p = 1;
        else if (t.parallelism !== null) p = t.parallelism;
        else if (inputs.length === 0 || exchange || t.keySelectors !== null) p = defaultParallelism;
        else {
          p = Math.min(...inputs);
          t.parallelism = p;
        }
        break;
      }
      case 'union':
        p = Math.min(...t.inputs.map(resolve));
        break;
      case 'partition':
      case 'side-output':
        p = resolve(t.input);
        break;
    }
    resolved.set(t.id, p);
    return p;
  };
  resolve(out.transformation);
}

export function translate(plan: LogicalPlan, ctx: TranslateContext): DataStream<Row> {
  switch (plan.kind) {
    case 'scan': {
      if (plan.relation.kind === 'source') {
        return withWatermark(ctx.env.fromSource(ctx.sourceOf(plan.relation), WatermarkStrategy.noWatermarks<Row>(), plan.relation.name), plan, ctx);
      }
      if (plan.relation.kind !== 'table' && plan.relation.kind !== 'materialized view') {
        throw notSupported(`reading from a ${plan.relation.kind}`);
      }
      const source = new TableSource(ctx.storeOf(plan.relation), ctx.mode);
      return withWatermark(ctx.env.fromSource(source, WatermarkStrategy.noWatermarks<Row>(), plan.relation.name), plan, ctx);
    }
    case 'values': {
      const rows = plan.rows.map((r) => compileProjection(r, ctx.session).fn([]));
      return ctx.env.fromCollection<Row>(rows).name('Values');
    }
    case 'filter': {
      if (ctx.mode === 'changelog') {
        const temporal = temporalFilter(plan, ctx);
        if (temporal !== null) return temporal;
      } else {
        const looked = indexLookup(plan, ctx);
        if (looked !== null) {
          const pred = compilePredicate(plan.predicate, ctx.session).fn;
          return looked.filter(pred).name('Filter');
        }
      }
      const pred = compilePredicate(plan.predicate, ctx.session).fn;
      const errors = ctx.errors;
      if (errors !== undefined) {
        return translate(plan.input, ctx).transform<Row>('Filter', 'filter', () => new EvaluateOperator({ fn: (row) => (pred(row) ? row : null), errors }));
      }
      return translate(plan.input, ctx).filter(pred).name('Filter');
    }
    case 'project': {
      const proj = compileProjection(plan.exprs, ctx.session).fn;
      const errors = ctx.errors;
      if (errors !== undefined) return translate(plan.input, ctx).transform<Row>('Project', 'project', () => new EvaluateOperator({ fn: proj, errors }));
      return translate(plan.input, ctx).map<Row>(proj).name('Project');
    }
    case 'aggregate': {
      const input = translate(plan.input, ctx);
      const calls: AggregateCall[] = plan.calls.map((c) => {
        const arg = c.arg === null ? () => 1 : compileExpr(c.arg, ctx.session).fn;
        const extra = c.extra === null ? null : compileExpr(c.extra, ctx.session).fn;
        if (c.orderBy !== undefined && c.orderBy.length > 0) {
          // Ordered aggregates get [value (with its delimiter), sort keys] and drop NULLs themselves.
          const keys = compileProjection(c.orderBy, ctx.session).fn;
          return {
            fn: c.aggregate.fn,
            arg: (row: Row) => {
              const v = arg(row);
              return [extra === null || v === null ? v : [v, extra(row)], keys(row)];
            },
            ...(c.filter !== null && { filter: compilePredicate(c.filter, ctx.session).fn }),
            distinct: c.distinct,
          };
        }
        return {
          fn: c.aggregate.fn,
          arg: extra === null ? arg : (row: Row) => {
            const v = arg(row);
            return v === null ? null : [v, extra(row)];
          },
          ...(c.filter !== null && { filter: compilePredicate(c.filter, ctx.session).fn }),
          distinct: c.distinct,
          // DISTINCT counts values SQL's = finds equal once (1.0 and 1.00, 'a' and 'a  '::char(3)).
          ...(c.distinct && extra === null && c.arg !== null && { distinctKey: hashKeyFor(c.arg.type) as (v: unknown) => unknown }),
        };
      });
      const global = plan.groupKeys.length === 0;
      const groupValues = compileProjection(plan.groupKeys, ctx.session).fn;
      const key = global ? () => GLOBAL_GROUP_KEY : keyFunction(plan.groupKeys, ctx.session, true);
      const cleanup = stateCleanup(plan, plan.groupKeys.map((_, i) => i), groupValues, ctx);
      const out = input
        .keyBy(key)
        .keyedOperator<Row>(global ? 'Aggregate' : 'HashAggregate', 'group-aggregate', () =>
          new GroupAggregateOperator({ groupValues, calls, global, ...(cleanup !== undefined && { cleanup }), ...(ctx.mode === 'snapshot' && { emitAtEnd: true }) }),
        );
      // One group: one subtask (the one the constant key belongs to, which is subtask 0 at parallelism 1).
      return global ? out.setParallelism(1) : out;
    }
    case 'join': {
      const left = translate(plan.left, ctx);
      const right = translate(plan.right, ctx);
      const cross = plan.leftKeys.length === 0;
      if (plan.type === 'semi' || plan.type === 'anti') {
        const leftKey = cross ? () => 0 : keyFunction(plan.leftKeys, ctx.session, false);
        const rightKey = cross ? () => 0 : keyFunction(plan.rightKeys, ctx.session, false);
        const cond = plan.residual === null ? undefined : compilePredicate(plan.residual, ctx.session).fn;
        const anti = plan.type === 'anti';
        const joined = left
          .connect(right)
          .keyBy(leftKey, rightKey)
          .transform<Row>(anti ? 'AntiJoin' : 'SemiJoin', 'semi-join', () =>
            new SemiJoinOperator({ anti, leftKey, rightKey, ...(cond !== undefined && { condition: (l: Row, r: Row) => cond([...l, ...r]) }) }),
          );
        return cross ? joined.setParallelism(1) : joined;
      }
      const leftKey = cross ? () => 0 : keyFunction(plan.leftKeys, ctx.session, plan.nullSafe === true);
      const rightKey = cross ? () => 0 : keyFunction(plan.rightKeys, ctx.session, plan.nullSafe === true);
      const condition = plan.residual === null ? undefined : compilePredicate(plan.residual, ctx.session).fn;
      const leftArity = plan.left.schema.length;
      const rightArity = plan.right.schema.length;
      const cleanup = intervalCleanup(plan, ctx);
      const joined = left
        .connect(right)
        .keyBy(leftKey, rightKey)
        .transform<Row>(cross ? 'NestedLoopJoin' : 'HashJoin', 'hash-join', () =>
          new HashJoinOperator({
            type: plan.type as JoinType,
            leftArity,
            rightArity,
            leftKey,
            rightKey,
            ...(condition !== undefined && { condition: (l: Row, r: Row) => condition([...l, ...r]) }),
            ...(cleanup !== undefined && { cleanup }),
          }),
        );
      return cross ? joined.setParallelism(1) : joined;
    }
    case 'over': {
      const compare = orderComparator(plan.orderBy, ctx);
      const first = plan.orderBy[0];
      const key = first === undefined ? null : compileExpr(first.expr, ctx.session).fn;
      // RANGE offsets compare the one ORDER BY value as a number.
      const withKey = (frame: Frame): Frame =>
        key === null || (frame.start.type !== 'range' && frame.end.type !== 'range')
          ? frame
          : { ...frame, rangeKey: (row) => { const v = key(row); return v === null ? null : Number(v); }, descending: first!.descending };
      const functions = plan.calls.map((c): WindowFunctionSpec => {
        switch (c.kind) {
          case 'rank':
            return { kind: 'rank', rank: c.name };
          case 'offset':
            return { kind: 'offset', arg: compileExpr(c.arg, ctx.session).fn, offset: c.offset, fallback: compileExpr(c.fallback, ctx.session).fn };
          case 'value':
            return {
              kind: 'value',
              which: c.name === 'first_value' ? 'first' : c.name === 'last_value' ? 'last' : 'nth',
              ...(c.nth !== undefined && { nth: c.nth }),
              arg: compileExpr(c.arg, ctx.session).fn,
              frame: withKey(c.frame),
            };
          case 'distribution':
            return { kind: 'distribution', which: c.name, ...(c.buckets !== undefined && { buckets: c.buckets }) };
          case 'aggregate':
            return { kind: 'aggregate', fn: c.aggregate.fn, arg: compileExpr(c.arg, ctx.session).fn, frame: withKey(c.frame) };
        }
      });
      const global = plan.partitionBy.length === 0;
      const partition = global ? () => 0 : keyFunction(plan.partitionBy, ctx.session, true);
      const out = translate(plan.input, ctx)
        .keyBy(partition)
        .keyedOperator<Row>('OverWindow', 'over-window', () => new OverWindowOperator({ compare, functions }));
      return global ? out.setParallelism(1) : out;
    }
    case 'rank': {
      const compare = orderComparator(plan.orderBy, ctx);
      const global = plan.partitionBy.length === 0;
      const key = global ? () => 0 : keyFunction(plan.partitionBy, ctx.session, true);
      const limit = plan.limit ?? Number.POSITIVE_INFINITY;
      const cleanup = stateCleanup(plan, plan.partitionBy.flatMap((p) => (p.kind === 'column' ? [p.index] : [])), (row) => row, ctx);
      const out = translate(plan.input, ctx)
        .keyBy(key)
        .keyedOperator<Row>(plan.limit === null ? 'Rank' : 'TopN', 'top-n', () =>
          new TopNOperator({ compare, rank: plan.function, limit, emitRank: true, ...(cleanup !== undefined && { cleanup }) }),
        );
      return global ? out.setParallelism(1) : out;
    }
    case 'series': {
      if (plan.zip !== undefined) {
        const calls = plan.zip.map((c) => ({ fn: c.fn, args: compileProjection(c.args, ctx.session).fn }));
        // Change kinds pass through flatMap: a retracted row retracts its whole series.
        return translate(plan.input, ctx)
          .flatMap((row: Row, out: Collector<Row>) => {
            const columns = calls.map((c) => seriesValues(c.fn, c.args(row)));
            const n = Math.max(0, ...columns.map((v) => v.length));
            for (let i = 0; i < n; i++) out.collect([...row, ...columns.map((v) => (i < v.length ? v[i] : null))]);
          })
          .name('ProjectSet');
      }
      const args = compileProjection(plan.args, ctx.session).fn;
      const ordinality = plan.ordinality === true;
      if (plan.fn === 'generate_subscripts' || plan.fn === '_pg_expandarray') {
        const fn = plan.fn;
        return translate(plan.input, ctx)
          .flatMap((row: Row, out: Collector<Row>) => {
            seriesValues(fn, args(row)).forEach((v, i) => out.collect(ordinality ? [...row, v, i + 1] : [...row, v]));
          })
          .name('ProjectSet');
      }
      // Change kinds pass through flatMap: a retracted row retracts its whole series.
      if (plan.fn === 'unnest') {
        return translate(plan.input, ctx)
          .flatMap((row: Row, out: Collector<Row>) => {
            const [arr] = args(row);
            if (arr === null || arr === undefined) return;
            (arr as readonly unknown[]).forEach((v, i) => out.collect(ordinality ? [...row, v, i + 1] : [...row, v]));
          })
          .name('ProjectSet');
      }
      return translate(plan.input, ctx)
        .flatMap((row: Row, out: Collector<Row>) => {
          const [start, stop, step = 1] = args(row);
          if (start === null || stop === null || step === null) return;
          const by = Number(step);
          if (by === 0) throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
          let i = 1;
          for (let v = Number(start); by > 0 ? v <= Number(stop) : v >= Number(stop); v += by) out.collect(ordinality ? [...row, v, i++] : [...row, v]);
        })
        .name('ProjectSet');
    }
    case 'replicate': {
      const width = plan.schema.length;
      // Change kinds pass through flatMap: a row whose count drops retracts its old copies.
      return translate(plan.input, ctx)
        .flatMap((row: Row, out: Collector<Row>) => {
          const n = Number(row[width]);
          const values = row.slice(0, width);
          for (let i = 0; i < n; i++) out.collect(values);
        })
        .name('Replicate');
    }
    case 'window': {
      const { timeColumn, size, slide } = plan;
      const input = translate(plan.input, ctx);
      if (plan.function === 'session') {
        const global = plan.partitionBy.length === 0;
        const key = global ? () => 0 : keyFunction(plan.partitionBy, ctx.session, true);
        const timeOf = (row: Row): number | null => (row[timeColumn] === null ? null : Number(row[timeColumn]));
        const out = input
          .keyBy(key)
          .keyedOperator<Row>('SessionWindow', 'session-window', () => new SessionWindowOperator({ timeOf, gap: size }));
        return global ? out.setParallelism(1) : out;
      }
      if (plan.function === 'cumulate') {
        // Windows [start, start + k * step) for k = 1 .. size / step that contain t, where
        // start is the beginning of t's window of the full size.
        return input
          .flatMap((row: Row, out: Collector<Row>) => {
            const t = row[timeColumn];
            if (t === null) return;
            const ts = Number(t);
            const start = ts - (((ts % size) + size) % size);
            for (let end = start + slide; end <= start + size; end += slide) if (end > ts) out.collect([...row, start, end]);
          })
          .name('Cumulate');
      }
      // Every window [start, start + size) that contains t, for starts on multiples of the slide.
      return input
        .flatMap((row: Row, out: Collector<Row>) => {
          const t = row[timeColumn];
          if (t === null) return;
          const ts = Number(t);
          const last = ts - (((ts % slide) + slide) % slide);
          for (let start = last; start > ts - size; start -= slide) out.collect([...row, start, start + size]);
        })
        .name(plan.function === 'tumble' ? 'Tumble' : 'Hop');
    }
    case 'union': {
      const [first, ...rest] = plan.inputs.map((i) => translate(i, ctx));
      return rest.length === 0 ? (first as DataStream<Row>) : (first as DataStream<Row>).union(...rest);
    }
  }
}

/**
 * A query that ends, filtering a table on `col = constant` conditions that its primary key
 * or an index (CREATE INDEX) covers: only the matching rows are read. Returns the filter's
 * input stream (the rows looked up, projected as the plan says), or null to scan as usual.
 */
function indexLookup(plan: Extract<LogicalPlan, { kind: 'filter' }>, ctx: TranslateContext): DataStream<Row> | null {
  let input = plan.input;
  let project: Extract<LogicalPlan, { kind: 'project' }> | null = null;
  if (input.kind === 'project' && input.exprs.every((e) => e.kind === 'column')) {
    project = input;
    input = input.input;
  }
  if (input.kind !== 'scan' || (input.relation.kind !== 'table' && input.relation.kind !== 'materialized view')) return null;
  // col = constant, with col a column of the table (through the projection).
  const equal = new Map<number, unknown>();
  for (const c of conjuncts(plan.predicate)) {
    if (c.kind !== 'compare' || c.op !== '=') continue;
    const [col, lit] = c.left.kind === 'column' && c.right.kind === 'literal' ? [c.left, c.right] : c.right.kind === 'column' && c.left.kind === 'literal' ? [c.right, c.left] : [null, null];
    if (col === null || lit === null || lit.value === null || col.type.kind !== lit.type.kind) continue;
    const source = project === null ? col.index : (project.exprs[col.index] as Extract<BoundExpr, { kind: 'column' }>).index;
    equal.set(source, lit.value);
  }
  if (equal.size === 0) return null;
  const store = ctx.storeOf(input.relation);
  const all = [...equal.keys()];
  const candidates = [all, ...(all.length > 1 ? all.map((c) => [c]) : [])];
  const columns = candidates.find((cols) => store.lookupWhere(cols, cols.map((c) => equal.get(c))) !== undefined);
  if (columns === undefined) return null;
  const values = columns.map((c) => equal.get(c));
  const source = new TableSource(store, 'snapshot', () => store.lookupWhere(columns, values) ?? []);
  const rows = ctx.env.fromSource(source, WatermarkStrategy.noWatermarks<Row>(), `${input.relation.name} (key lookup)`);
  if (project === null) return rows;
  const proj = compileProjection(project.exprs, ctx.session).fn;
  return rows.map<Row>(proj).name('Project');
}

const NOW_FUNCTIONS = new Set(['now', 'current_timestamp', 'statement_timestamp', 'transaction_timestamp', 'localtimestamp', 'current_date', 'clock_timestamp']);

/** Whether `e` calls now() (or another function of the current time). */
function readsNow(e: BoundExpr): boolean {
  let found = false;
  rewrite(e, (x) => {
    if (x.kind === 'function' && (x.volatility ?? 'immutable') !== 'immutable' && NOW_FUNCTIONS.has(x.name)) found = true;
    return undefined;
  });
  return found;
}

/**
 * A filter with conditions `expr(row) <op> expr(now())` in a view: the other conditions
 * filter first, then a temporal filter re-checks the time conditions as time passes (rows
 * leave a `ts > now() - interval` window when they get old). Null without such conditions.
 */
function temporalFilter(plan: Extract<LogicalPlan, { kind: 'filter' }>, ctx: TranslateContext): DataStream<Row> | null {
  const parts = conjuncts(plan.predicate);
  const bounds: TemporalBound[] = [];
  const rest: BoundExpr[] = [];
  for (const c of parts) {
    if (c.kind === 'compare' && readsNow(c.right) && columnsOf(c.right).size === 0 && !readsNow(c.left) && columnsOf(c.left).size > 0) {
      bounds.push(temporalBound(c.op, c.left, c.right, c.cmp, ctx));
    } else if (c.kind === 'compare' && readsNow(c.left) && columnsOf(c.left).size === 0 && !readsNow(c.right) && columnsOf(c.right).size > 0) {
      const flipped = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[c.op] ?? c.op;
      bounds.push(temporalBound(flipped, c.right, c.left, c.cmp, ctx));
    } else rest.push(c);
  }
  if (bounds.length === 0) return null;
  let input = translate(plan.input, ctx);
  if (rest.length > 0) {
    const predicate: BoundExpr = rest.length === 1 ? rest[0]! : { kind: 'and', args: rest, type: plan.predicate.type };
    // The same filter without its time conditions.
    input = translate({ ...plan, predicate }, ctx);
  }
  return input
    .transform<Row>('TemporalFilter', 'temporal-filter', () => new TemporalFilterOperator({ bounds, tickMs: 1000 }))
    .setParallelism(1);
}

function temporalBound(op: string, value: BoundExpr, time: BoundExpr, cmp: unknown, ctx: TranslateContext): TemporalBound {
  const valueOf = compileExpr(value, ctx.session).fn;
  return {
    valueOf: (row) => valueOf(row),
    // now() is read from the session's statement time: set it to the check's processing time.
    boundAt: (nowMs) => compileExpr(time, withStatementTimestamp(ctx.session, nowMs * 1000)).fn([]),
    compare: cmp as (a: unknown, b: unknown) => number,
    op: op as TemporalBound['op'],
  };
}

/**
 * Watermark-based state cleaning for a node keyed by some of its output columns (`keyColumns`,
 * values taken from `values(row)` of an input row): when one of them is a watermark column
 * and the input only grows, keys the watermark has closed can drop their state.
 */
function stateCleanup(
  plan: LogicalPlan,
  keyColumns: readonly number[],
  values: (row: Row) => readonly unknown[],
  ctx: TranslateContext,
): StateCleanup | undefined {
  if (ctx.mode === 'snapshot' || !('input' in plan) || !isAppendOnly(plan.input, ctx.mode)) return undefined;
  const bounds = watermarkColumns(plan);
  const column = keyColumns.find((c) => bounds.has(c));
  if (column === undefined) return undefined;
  return { valueOf: (row) => values(row)[column], bound: bounds.get(column)! };
}

/** An interval join over append-only inputs with watermarks: which stored rows can expire. */
function intervalCleanup(plan: Extract<LogicalPlan, { kind: 'join' }>, ctx: TranslateContext): HashJoinOptions['cleanup'] {
  if (ctx.mode === 'snapshot' || plan.residual === null || !isAppendOnly(plan.left, ctx.mode) || !isAppendOnly(plan.right, ctx.mode)) return undefined;
  const sides = intervalJoinSides(plan, conjuncts(plan.residual));
  const time = (column: number) => (row: Row): number | null => (row[column] === null ? null : Number(row[column]));
  const out: { left?: JoinSideCleanup; right?: JoinSideCleanup } = {};
  if (sides.left !== undefined) out.left = { timeOf: time(sides.left.column), expireBelow: sides.left.expireBelow };
  if (sides.right !== undefined) out.right = { timeOf: time(sides.right.column), expireBelow: sides.right.expireBelow };
  return out.left === undefined && out.right === undefined ? undefined : out;
}

/**
 * A relation with WATERMARK FOR, followed as a stream, drops late rows and generates the
 * watermark (a table drops late rows as they are inserted, and stamps each change with the
 * watermark it allows). Read as a snapshot (a query that ends) it needs neither.
 */
function withWatermark(stream: DataStream<Row>, plan: Extract<LogicalPlan, { kind: 'scan' }>, ctx: TranslateContext): DataStream<Row> {
  if (!plan.watermark || ctx.mode === 'snapshot') return stream;
  if (plan.relation.kind === 'table') {
    return stream.transform<Row>('WatermarkFilter', 'watermark-filter', () => new WatermarkFilterOperator({ mode: 'stamped' }));
  }
  const column = plan.watermark.column;
  const expr = compileExpr(plan.watermark.expr, ctx.session).fn;
  const asNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return stream.transform<Row>('WatermarkFilter', 'watermark-filter', () =>
    new WatermarkFilterOperator({ mode: 'generate', timeOf: (row) => asNumber(row[column]), watermarkOf: (row) => asNumber(expr(row)) }),
  );
}

/** Orders rows by ORDER BY keys, with each key's direction and NULLS FIRST/LAST; peers compare 0. */
function orderComparator(
  orderBy: ReadonlyArray<{ readonly expr: BoundExpr; readonly descending: boolean; readonly nullsFirst: boolean }>,
  ctx: TranslateContext,
): (a: Row, b: Row) => number {
  const order = compileProjection(orderBy.map((o) => o.expr), ctx.session).fn;
  const cmps = orderBy.map((o) => comparatorFor(o.expr.type));
  // [direction of values, sign of "NULL comes first"]
  const dirs = orderBy.map((o) => [o.descending ? -1 : 1, o.nullsFirst ? 1 : -1] as const);
  return (a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) {
      const u = x[i];
      const v = y[i];
      if (u === null || v === null) {
        if (u === v) continue;
        return (u === null ? -1 : 1) * dirs[i]![1];
      }
      const c = cmps[i]!(u as never, v as never);
      if (c !== 0) return c * dirs[i]![0];
    }
    return 0;
  };
}

/** The values of one set-returning function call, for one row's arguments. */
function seriesValues(fn: SeriesFunction, args: readonly unknown[]): readonly unknown[] {
  switch (fn) {
    case 'unnest':
      return (args[0] as readonly unknown[] | null) ?? [];
    case '_pg_expandarray':
      return ((args[0] as readonly unknown[] | null) ?? []).map((v, i) => [v, i + 1]);
    case 'generate_subscripts': {
      // One-dimensional arrays (Weir's): subscripts 1..n of dimension 1, reversed on request.
      const [arr, dim, reverse] = args;
      if (arr === null || dim === null || Number(dim) !== 1) return [];
      const n = (arr as readonly unknown[]).length;
      const subscripts = Array.from({ length: n }, (_, i) => i + 1);
      return reverse === true ? subscripts.reverse() : subscripts;
    }
    case 'generate_series': {
      const [start, stop, step = 1] = args;
      if (start === null || stop === null || step === null) return [];
      const by = Number(step);
      if (by === 0) throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
      const values: number[] = [];
      for (let v = Number(start); by > 0 ? v <= Number(stop) : v >= Number(stop); v += by) values.push(v);
      return values;
    }
  }
}
