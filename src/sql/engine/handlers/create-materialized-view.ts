/**
 * CREATE MATERIALIZED VIEW: plans the query, starts a streaming job over changelog sources
 * (the existing rows first — backfill — then every change) that keeps the view's result in
 * its store, and records the view. SELECT reads the store; FLUSH waits for the job.
 */
import type { DataStream } from '../../../api/datastream.ts';
import { StreamExecutionEnvironment } from '../../../api/environment.ts';
import type { ColumnEntry, MaterializedViewEntry } from '../../../catalog/index.ts';
import { TableSink } from '../../../connectors/table/table-sink.ts';
import type { JobClient } from '../../../graph/job-submission.ts';
import { EmitOnWindowCloseOperator } from '../../../runtime/relational/event-time.ts';
import { watermarkColumns, type WatermarkBound } from '../../planner/watermarks.ts';
import { parse, type CreateMaterializedViewStatement } from '../../parser/index.ts';
import { relationsRead } from '../../plan/properties.ts';
import { SqlError, comparatorFor } from '../../types/index.ts';
import { translate } from '../../translate/to-datastream.ts';
import { typeText } from '../column-types.ts';
import type { SqlEngine } from '../engine.ts';
import { plannerFor } from '../query.ts';
import { limitAsTopN } from '../../planner/plan-select.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';

export type PlannedView = ReturnType<ReturnType<typeof plannerFor>['planQuery']>;

/** Plans a view's query; `dependencies` collects the catalog objects it names. */
export function planView(engine: SqlEngine, querySql: string, dependencies?: Set<number>): PlannedView {
  const stmt = parse(querySql)[0];
  if (stmt === undefined || stmt.kind !== 'pg' || stmt.type !== 'SelectStmt') throw new SqlError('42601', 'a materialized view needs a query');
  const q = plannerFor(engine, { session: engine.defaults, ...(dependencies !== undefined && { dependencies }) }).planQuery((stmt.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>);
  // ORDER BY ... LIMIT in a view is a Top-N over its whole result.
  return { ...q, plan: limitAsTopN(q), limit: null, offset: 0, orderBy: [] };
}

/**
 * The output column that closes rows of an EMIT ON WINDOW CLOSE view: the first visible
 * column with a watermark (window_start, window_end, or the time column itself).
 */
function closingColumn(q: PlannedView): { column: number; bound: WatermarkBound } {
  const columns = watermarkColumns(q.plan);
  for (let i = 0; i < q.columns.length; i++) {
    const bound = columns.get(i);
    if (bound !== undefined) return { column: i, bound };
  }
  throw new SqlError('0A000', 'the query cannot be maintained with EMIT ON WINDOW CLOSE: none of its output columns has a watermark', {
    hint: 'Read a table or source declared with WATERMARK FOR col AS ..., and keep col, window_start or window_end (as a group key or partition key) in the output.',
  });
}

/**
 * The dataflow of a view up to its sink: the translated plan, its visible columns and, with
 * EMIT ON WINDOW CLOSE, the operator that holds rows back until their window closes.
 */
export function viewPipeline(
  engine: SqlEngine,
  q: PlannedView,
  emitOnWindowClose: boolean,
  env: StreamExecutionEnvironment,
  session = engine.defaults,
  errors?: (error: unknown, delta: 1 | -1) => void,
): DataStream<unknown[]> {
  let result: DataStream<unknown[]> = translate(q.plan, { env, session, mode: 'changelog', storeOf: (e) => engine.store(e), sourceOf: (e) => engine.source(e), ...(errors !== undefined && { errors }) })
    .map((r) => r.slice(0, q.columns.length))
    .name('Visible columns');
  if (emitOnWindowClose) {
    const { column, bound } = closingColumn(q);
    const compare = comparatorFor(q.columns[column]!.type) as (a: unknown, b: unknown) => number;
    result = result
      .transform<unknown[]>('EmitOnWindowClose', 'emit-on-window-close', () => new EmitOnWindowCloseOperator({ column, bound, compare }))
      .setParallelism(1);
  }
  return result;
}

/** Starts the job that maintains `view` (at CREATE, and again when Weir restarts). */
export function startViewJob(engine: SqlEngine, view: MaterializedViewEntry): JobClient {
  const q = planView(engine, view.querySql);
  const env = new StreamExecutionEnvironment(1);
  const store = engine.store(view);
  viewPipeline(engine, q, view.emitOnWindowClose, env, engine.defaults, engine.errorLedger(view)).sinkTo(new TableSink(store, 'strict'), `Materialize ${view.name}`);
  return engine.cluster.execute(env.buildJob(`materialized view ${view.name}`));
}

export function createMaterializedView(s: CreateMaterializedViewStatement, h: HandlerContext): StatementResult {
  const name = s.name.parts[s.name.parts.length - 1] as string;
  const existing = h.engine.catalog.get('public', name);
  if (existing !== undefined && s.ifNotExists) {
    return { command: 'CREATE MATERIALIZED VIEW', notices: [{ severity: 'NOTICE', code: '42P07', message: `relation "${name}" already exists, skipping` }] };
  }
  const querySql = h.text.slice(s.query.span.start, s.query.span.end);
  const dependencies = new Set<number>();
  const q = planView(h.engine, querySql, dependencies);
  if (s.emitOnWindowClose) closingColumn(q);
  const names = s.columns?.map((c) => c.name) ?? q.columns.map((c) => c.name);
  if (names.length !== q.columns.length) throw new SqlError('42601', 'the column list of the view does not match its query');
  const columns: ColumnEntry[] = q.columns.map((c, i) => ({ name: names[i] as string, type: typeText(c.type), nullable: true }));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new SqlError('42701', `column "${dup}" specified more than once`);
  const { entry } = h.engine.catalog.create({
    kind: 'materialized view',
    schema: 'public',
    name,
    columns,
    querySql,
    primaryKey: null,
    emitOnWindowClose: s.emitOnWindowClose,
    dependsOn: [...new Set([...relationsRead(q.plan).keys(), ...dependencies])],
    createSql: h.text.slice(s.span.start, s.span.end),
  });
  h.engine.registerJob(entry, startViewJob(h.engine, entry as MaterializedViewEntry));
  return { command: 'CREATE MATERIALIZED VIEW' };
}
