/**
 * EXPLAIN: the logical plan of a query (or of a materialized view's query), its streaming
 * physical plan (each operator with its changelog mode, key and required distribution), and
 * the JobGraph it is translated to — the chains of operators and the exchanges between
 * them — without running anything.
 */
import { StreamExecutionEnvironment } from '../../../api/environment.ts';
import { jobGraphToText } from '../../../graph/print.ts';
import { TableSink } from '../../../connectors/table/table-sink.ts';
import { TableStore } from '../../../connectors/table/table-store.ts';
import type { ExplainStatement } from '../../parser/index.ts';
import { explainLogical } from '../../plan/logical.ts';
import { explainPhysical } from '../../physical/explain-physical.ts';
import { TEXT } from '../../types/index.ts';
import { plannerFor } from '../query.ts';
import { planView, viewPipeline } from './create-materialized-view.ts';
import type { StatementResult } from '../result.ts';
import { searchPathOf } from '../names.ts';
import { dataflow, physicalPlan } from '../stages.ts';
import type { HandlerContext } from './context.ts';
import { notSupported } from '../../../errors/index.ts';

/** The steps applied to a query's result rows: `then sort, LIMIT 5`. */
function finishing(sorted: boolean, limit: number | null, offset: number): string[] {
  const steps = [...(sorted ? ['sort'] : []), ...(limit !== null ? [`LIMIT ${limit}`] : []), ...(offset > 0 ? [`OFFSET ${offset}`] : [])];
  return steps.length === 0 ? [] : [`  then ${steps.join(', ')}`];
}

export function explain(s: ExplainStatement, h: HandlerContext): StatementResult {
  const inner = s.statement;
  let select: Record<string, unknown>;
  let mode: 'snapshot' | 'changelog' = 'snapshot';
  if (inner.kind === 'pg' && inner.type === 'SelectStmt') {
    select = (inner.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>;
  } else if (inner.kind === 'create_materialized_view') {
    select = (inner.query.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>;
    mode = 'changelog';
  } else {
    throw notSupported(`EXPLAIN of ${inner.kind === 'pg' ? inner.type : inner.kind}`, 'EXPLAIN a SELECT or a CREATE MATERIALIZED VIEW.');
  }
  const view = inner.kind === 'create_materialized_view';
  const eowc = view && inner.emitOnWindowClose;
  // A view is planned and built exactly as CREATE MATERIALIZED VIEW does.
  const q = view ? planView(h.engine, h.text.slice(inner.query.span.start, inner.query.span.end), undefined, searchPathOf(h.session)) : plannerFor(h.engine, { session: h.session }).planQuery(select);
  const physical = physicalPlan(h.engine, q.plan, mode);
  const env = new StreamExecutionEnvironment(1);
  const sink = TableStore.open({ name: 'explain', columns: q.plan.schema.map((c) => c.name), primaryKey: null, dir: null });
  const stream = view
    ? viewPipeline(h.engine, q, eowc, env, h.session, () => {})
    : dataflow(h.engine, physical, env, h.session);
  stream.sinkTo(new TableSink(sink, 'strict'), mode === 'changelog' ? 'Materialize' : 'Result');
  const text = [
    'Logical plan:',
    ...explainLogical(q.plan, '  ').split('\n'),
    ...finishing(q.orderBy.length > 0, q.limit, q.offset),
    '',
    `Streaming plan (${mode === 'changelog' ? 'changelog modes of a view' : 'over snapshots'}):`,
    ...(eowc ? ['  StreamEmitOnWindowClose  (append-only)'] : []),
    ...explainPhysical(physical, eowc ? '    ' : '  ').split('\n'),
    '',
    `Job graph (${mode === 'changelog' ? 'streaming: snapshot, then changes' : 'bounded'}):`,
    ...jobGraphToText(env.getJobGraph(mode === 'changelog' ? 'materialized view' : 'SELECT')).trimEnd().split('\n').map((l) => `  ${l}`),
  ];
  return { command: 'EXPLAIN', columns: [{ name: 'QUERY PLAN', type: TEXT }], rows: text.map((l) => [l]), rowCount: text.length };
}
