/**
 * Maps a streaming physical plan (src/sql/physical) to the DataStream DAG (DESIGN §1: one
 * engine for SQL and the DataStream API), node by node, each to its operators. It chooses
 * nothing: which operator, where its input must be and what state it cleans are the nodes'.
 * Rows are arrays; every operator passes change kinds along, so the same translation serves
 * a materialized view (changelog sources: snapshot, then changes) and a one-off query
 * (snapshot sources: a bounded job).
 */
import type { DataStream } from '../../api/datastream.ts';
import { streamInputs, type StreamPlan } from '../physical/stream-plan.ts';
import { aggregate } from './aggregate.ts';
import type { Row, TranslateContext } from './context.ts';
import { join, semiJoin } from './joins.ts';
import { filter, project, temporalFilter } from './row-operators.ts';
import { indexScan, source, tableScan, values, watermarkFilter } from './scans.ts';
import { projectSet, replicate } from './series.ts';
import { overWindow, sessionWindow, topN, windowAssign } from './windows.ts';

export type { TranslateContext } from './context.ts';

export function translate(plan: StreamPlan, ctx: TranslateContext): DataStream<Row> {
  // Inputs first, left to right: operators are added to the environment in that order.
  const inputs = streamInputs(plan).map((i) => translate(i, ctx));
  const input = inputs[0]!;
  switch (plan.kind) {
    case 'table-scan':
      return tableScan(plan, ctx);
    case 'index-scan':
      return indexScan(plan, ctx);
    case 'source':
      return source(plan, ctx);
    case 'values':
      return values(plan, ctx);
    case 'watermark-filter':
      return watermarkFilter(plan, input, ctx);
    case 'filter':
      return filter(plan, input, ctx);
    case 'temporal-filter':
      return temporalFilter(plan, input, ctx);
    case 'project':
      return project(plan, input, ctx);
    case 'hash-agg':
    case 'simple-agg':
      return aggregate(plan, input, ctx);
    case 'hash-join':
    case 'interval-join':
    case 'nested-loop-join':
      return join(plan, input, inputs[1]!, ctx);
    case 'semi-join':
      return semiJoin(plan, input, inputs[1]!, ctx);
    case 'over-window':
      return overWindow(plan, input, ctx);
    case 'top-n':
      return topN(plan, input, ctx);
    case 'project-set':
      return projectSet(plan, input, ctx);
    case 'replicate':
      return replicate(plan, input);
    case 'window':
      return windowAssign(plan, input);
    case 'session-window':
      return sessionWindow(plan, input, ctx);
    case 'union': {
      const [first, ...rest] = inputs as [DataStream<Row>, ...DataStream<Row>[]];
      return rest.length === 0 ? first : first.union(...rest);
    }
  }
}
