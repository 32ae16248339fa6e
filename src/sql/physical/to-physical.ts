/**
 * Chooses the streaming physical plan for an optimized logical plan: which operator runs each
 * node (hash, interval or nested-loop join; index lookup; temporal filter; hash or simple
 * aggregate; Top-N; window assignment or sessions), where its input must be, and which state
 * it may clean by watermark. The translation (src/sql/translate) decides nothing: it maps
 * each node this returns to its DataStream operators.
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { isAppendOnly } from '../plan/properties.ts';
import { conjuncts } from '../planner/expr-utils.ts';
import { intervalJoinSides, watermarkColumns } from '../planner/watermarks.ts';
import { SqlError } from '../types/index.ts';
import { chooseBuildSide } from './build-side.ts';
import { indexLookup, temporalFilter, type CanLookUp } from './choose-filter.ts';
import { streamFilter } from './stream-filter.ts';
import { streamHashAgg, type AggregateFields } from './stream-hash-agg.ts';
import { streamHashJoin } from './stream-hash-join.ts';
import { streamIntervalJoin, type StreamIntervalJoin } from './stream-interval-join.ts';
import { streamNestedLoopJoin } from './stream-nested-loop-join.ts';
import { streamOverWindow } from './stream-over-window.ts';
import type { StreamPlan } from './stream-plan.ts';
import { streamProject } from './stream-project.ts';
import { streamProjectSet } from './stream-project-set.ts';
import { streamReplicate } from './stream-replicate.ts';
import { streamSemiJoin } from './stream-semi-join.ts';
import { streamSessionWindow } from './stream-session-window.ts';
import { streamSimpleAgg } from './stream-simple-agg.ts';
import { streamSource } from './stream-source.ts';
import { readingOnly, streamTableScan } from './stream-table-scan.ts';
import { streamTopN } from './stream-top-n.ts';
import { streamUnion } from './stream-union.ts';
import { streamValues } from './stream-values.ts';
import { streamWatermarkFilter } from './stream-watermark-filter.ts';
import { streamWindow } from './stream-window.ts';
import type { WatermarkCleanup } from './watermark-cleanup.ts';
import { notSupported } from '../../errors/index.ts';

export interface PhysicalOptions {
  /** 'snapshot' for a query that ends (tables read as they are), 'changelog' for a view or sink (tables followed). */
  readonly mode: 'snapshot' | 'changelog';
  /** Whether a lookup of `columns = values` in a table is answered by an index; without it, queries scan. */
  readonly canLookUp?: CanLookUp;
}

export function toPhysical(plan: LogicalPlan, options: PhysicalOptions): StreamPlan {
  const recurse = (p: LogicalPlan): StreamPlan => toPhysical(p, options);
  switch (plan.kind) {
    case 'scan':
      return scan(plan, options);
    case 'values':
      return streamValues(plan.rows, plan.schema);
    case 'filter': {
      if (options.mode === 'snapshot' && options.canLookUp !== undefined) {
        const looked = indexLookup(plan, options.canLookUp);
        if (looked !== null) return looked;
      }
      const input = recurse(plan.input);
      return (options.mode === 'changelog' ? temporalFilter(plan, input) : null) ?? streamFilter(input, plan.predicate);
    }
    case 'project': {
      const input = recurse(plan.input);
      return streamProject(input.kind === 'table-scan' ? readingOnly(input, plan.exprs) : input, plan.exprs, plan.schema);
    }
    case 'aggregate': {
      const fields: AggregateFields = {
        input: recurse(plan.input),
        groupKeys: plan.groupKeys,
        calls: plan.calls,
        emitAtEnd: options.mode === 'snapshot',
        cleanup: cleanup(plan, plan.groupKeys.map((_, i) => i), options),
      };
      return plan.groupKeys.length === 0 ? streamSimpleAgg(fields, plan.schema) : streamHashAgg(fields, plan.schema);
    }
    case 'join':
      return join(plan, recurse(plan.left), recurse(plan.right), options);
    case 'over':
      return streamOverWindow({ input: recurse(plan.input), partitionBy: plan.partitionBy, orderBy: plan.orderBy, calls: plan.calls }, plan.schema);
    case 'rank':
      return streamTopN(
        {
          input: recurse(plan.input),
          rank: plan.function,
          partitionBy: plan.partitionBy,
          orderBy: plan.orderBy,
          limit: plan.limit,
          cleanup: cleanup(plan, plan.partitionBy.flatMap((p) => (p.kind === 'column' ? [p.index] : [])), options),
        },
        plan.schema,
      );
    case 'series':
      return streamProjectSet(
        {
          input: recurse(plan.input),
          calls: plan.zip ?? [{ fn: plan.fn ?? 'generate_series', args: plan.args, ...(plan.library !== undefined && { library: plan.library }) }],
          zip: plan.zip !== undefined,
          ordinality: plan.ordinality === true,
        },
        plan.schema,
      );
    case 'replicate':
      return streamReplicate(recurse(plan.input), plan.schema);
    case 'window': {
      const input = recurse(plan.input);
      if (plan.function === 'session') return streamSessionWindow({ input, timeColumn: plan.timeColumn, gap: plan.size, partitionBy: plan.partitionBy }, plan.schema);
      return streamWindow({ input, function: plan.function, timeColumn: plan.timeColumn, size: plan.size, slide: plan.slide }, plan.schema);
    }
    case 'union':
      return streamUnion(plan.inputs.map(recurse), plan.schema);
  }
}

/**
 * A relation's rows. With WATERMARK FOR and followed as a stream, a watermark filter drops
 * late rows and raises the watermark; read as a snapshot (a query that ends) it needs none.
 */
function scan(plan: Extract<LogicalPlan, { kind: 'scan' }>, options: PhysicalOptions): StreamPlan {
  const r: CatalogEntry = plan.relation;
  let rows: StreamPlan;
  if (r.kind === 'source') rows = streamSource(r, plan.schema);
  else if (r.kind === 'table' || r.kind === 'materialized view') rows = streamTableScan(r, plan.schema, options.mode);
  else throw notSupported(`reading from a ${r.kind}`);
  if (!plan.watermark || options.mode === 'snapshot') return rows;
  return streamWatermarkFilter(rows, r.kind === 'table' ? 'stamped' : 'generate', plan.watermark.column, plan.watermark.expr);
}

function join(plan: Extract<LogicalPlan, { kind: 'join' }>, left: StreamPlan, right: StreamPlan, options: PhysicalOptions): StreamPlan {
  const build = chooseBuildSide(plan, left, right, options.mode);
  if (plan.type === 'semi' || plan.type === 'anti') {
    return streamSemiJoin({ anti: plan.type === 'anti', left, right, leftKeys: plan.leftKeys, rightKeys: plan.rightKeys, residual: plan.residual, nullSafe: plan.nullSafe === true, build }, plan.schema);
  }
  const fields = { joinType: plan.type, left, right, leftKeys: plan.leftKeys, rightKeys: plan.rightKeys, residual: plan.residual, nullSafe: plan.nullSafe === true, build };
  const expire = intervalExpiry(plan, options);
  if (expire !== null) return streamIntervalJoin({ ...fields, build: null }, expire, plan.schema);
  return plan.leftKeys.length === 0 ? streamNestedLoopJoin(fields, plan.schema) : streamHashJoin(fields, plan.schema);
}

/** A join over inputs that only grow, with watermarks and time bounds between the sides: which stored rows can expire. */
function intervalExpiry(plan: Extract<LogicalPlan, { kind: 'join' }>, options: PhysicalOptions): StreamIntervalJoin['expire'] | null {
  if (options.mode === 'snapshot' || plan.residual === null || !isAppendOnly(plan.left, options.mode) || !isAppendOnly(plan.right, options.mode)) return null;
  const { left, right } = intervalJoinSides(plan, conjuncts(plan.residual));
  if (left === undefined && right === undefined) return null;
  return { ...(left !== undefined && { left }), ...(right !== undefined && { right }) };
}

/**
 * Watermark-based state cleaning for a node keyed by some of its output columns
 * (`keyColumns`): when one of them is a watermark column and the input only grows (by the
 * logical plan's account, which leaves out joins: a join row can come with an old time), keys
 * the watermark has closed can drop their state.
 */
function cleanup(plan: Extract<LogicalPlan, { kind: 'aggregate' | 'rank' }>, keyColumns: readonly number[], options: PhysicalOptions): WatermarkCleanup | null {
  if (options.mode === 'snapshot' || !isAppendOnly(plan.input, options.mode)) return null;
  const bounds = watermarkColumns(plan);
  const column = keyColumns.find((c) => bounds.has(c));
  return column === undefined ? null : { column, bound: bounds.get(column)! };
}

