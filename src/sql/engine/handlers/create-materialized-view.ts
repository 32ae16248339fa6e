/**
 * CREATE MATERIALIZED VIEW: plans the query, starts a streaming job over changelog sources
 * (the existing rows first — backfill — then every change) that keeps the view's result in
 * its store, and records the view. SELECT reads the store; FLUSH waits for the job.
 */
import type { DataStream } from '../../../api/datastream.ts';
import { StreamExecutionEnvironment } from '../../../api/environment.ts';
import type { ColumnEntry, MaterializedViewEntry } from '../../../catalog/index.ts';
import { TableSink } from '../../../connectors/table/table-sink.ts';
import type { JobClient, SubmittedJob } from '../../../graph/job-submission.ts';
import type { TableWritable } from '../../../connectors/table/table-store.ts';
import { startViewOnSlot } from '../../slots/view-on-slot.ts';
import { EmitOnWindowCloseOperator } from '../../../runtime/relational/event-time.ts';
import { watermarkColumns, type WatermarkBound } from '../../planner/watermarks.ts';
import { parse, type CreateMaterializedViewStatement } from '../../parser/index.ts';
import { relationsRead } from '../../plan/properties.ts';
import { SqlError, comparatorFor } from '../../types/index.ts';
import { followInputParallelism } from '../../translate/parallelism.ts';
import { dataflow, physicalPlan } from '../stages.ts';
import { PARALLELISM_DEFAULT_SETTING, settingValue } from '../../functions/settings.ts';
import { typeText } from '../column-types.ts';
import type { SqlEngine } from '../engine.ts';
import { plannerFor } from '../query.ts';
import { limitAsTopN } from '../../planner/plan-select.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { newObjectName, searchPathOf, withSearchPath } from '../names.ts';
import { SqlState, duplicateColumn, syntaxError } from '../../../errors/index.ts';

/** Waits for `p`, or stops waiting when the statement is canceled (the view stays, as created). */
function untilAborted(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return p;
  return Promise.race([p, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
}

export type PlannedView = ReturnType<ReturnType<typeof plannerFor>['planQuery']>;

/**
 * Plans a view's query, its names along `searchPath` (the view's, kept from its CREATE;
 * absent: the default path); `dependencies` collects the catalog objects it names.
 */
export function planView(engine: SqlEngine, querySql: string, dependencies?: Set<number>, searchPath?: string): PlannedView {
  const stmt = parse(querySql)[0];
  if (stmt === undefined || stmt.kind !== 'pg' || stmt.type !== 'SelectStmt') throw syntaxError('a materialized view needs a query');
  const q = plannerFor(engine, { session: withSearchPath(engine.defaults, searchPath), ...(dependencies !== undefined && { dependencies }) }).planQuery((stmt.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>);
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
  throw new SqlError(SqlState.featureNotSupported, 'the query cannot be maintained with EMIT ON WINDOW CLOSE: none of its output columns has a watermark', {
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
  let result: DataStream<unknown[]> = dataflow(engine, physicalPlan(engine, q.plan, 'changelog'), env, session, errors)
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

/** The job that maintains `view`, writing its result to `sink` and counting row errors in `errors`. */
export function buildViewJob(
  engine: SqlEngine,
  view: MaterializedViewEntry,
  sink: TableWritable,
  errors: (error: unknown, delta: 1 | -1) => void,
  parallelism = engine.viewParallelism(view),
): SubmittedJob {
  const q = planView(engine, view.querySql, undefined, view.searchPath);
  const env = new StreamExecutionEnvironment(parallelism);
  // The result has one writer: the changes of every part meet there, each part's in order.
  const out = viewPipeline(engine, q, view.emitOnWindowClose, env, engine.defaults, errors).sinkTo(new TableSink(sink, 'strict'), `Materialize ${view.name}`).setParallelism(1);
  followInputParallelism(out, parallelism);
  return env.buildJob(`materialized view ${view.name}`);
}

/** Most parallelism a view may ask for. */
const MAX_VIEW_PARALLELISM = 256;

/**
 * The parallelism a new view asks for: WITH (parallelism = n), else the session's
 * `parallelism.default` (or RisingWave's `streaming_parallelism`, where 0 means the
 * default); null leaves it to the server's default when the job starts.
 */
function requestedParallelism(s: CreateMaterializedViewStatement, h: HandlerContext): number | null {
  const read = (text: string, what: string, zeroIsDefault: boolean): number | null => {
    const t = text.trim().toLowerCase();
    if (t === 'default' || t === 'auto' || t === 'adaptive' || (zeroIsDefault && t === '0')) return null;
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1 || n > MAX_VIEW_PARALLELISM) {
      throw new SqlError(SqlState.invalidParameterValue, `invalid value for ${what}: "${text}"`, { hint: `Give a whole number from 1 to ${MAX_VIEW_PARALLELISM}, or default.` });
    }
    return n;
  };
  for (const o of s.with) {
    if (o.key.toLowerCase() === 'parallelism') return read(String(o.value.value), 'parallelism', false);
    throw syntaxError(`unrecognized materialized view option "${o.key}"`, { hint: 'Materialized views take WITH (parallelism = n).' });
  }
  const set = settingValue(h.session, 'parallelism.default');
  if (set !== undefined && set !== PARALLELISM_DEFAULT_SETTING) return read(set, 'parameter "parallelism.default"', false);
  const rw = settingValue(h.session, 'streaming_parallelism');
  if (rw !== undefined) return read(rw, 'parameter "streaming_parallelism"', true);
  return null;
}

/**
 * Starts the job that maintains `view` (at CREATE, and again when Weir restarts): on a slot
 * thread of its own when the engine has view slots (so that it cannot stall the endpoint or
 * take the process down with it), else on this thread.
 */
export function startViewJob(engine: SqlEngine, view: MaterializedViewEntry): JobClient {
  if (engine.viewSlots !== null) return startViewOnSlot(engine, view);
  return engine.cluster.execute(buildViewJob(engine, view, engine.store(view), engine.errorLedger(view)));
}

export async function createMaterializedView(s: CreateMaterializedViewStatement, h: HandlerContext): Promise<StatementResult> {
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  const existing = h.engine.catalog.get(schema, name);
  if (existing !== undefined && s.ifNotExists) {
    return { command: 'CREATE MATERIALIZED VIEW', notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: `relation "${name}" already exists, skipping` }] };
  }
  const querySql = h.text.slice(s.query.span.start, s.query.span.end);
  const parallelism = requestedParallelism(s, h);
  const dependencies = new Set<number>();
  const searchPath = searchPathOf(h.session);
  const q = planView(h.engine, querySql, dependencies, searchPath);
  if (s.emitOnWindowClose) closingColumn(q);
  const names = s.columns?.map((c) => c.name) ?? q.columns.map((c) => c.name);
  if (names.length !== q.columns.length) throw syntaxError('the column list of the view does not match its query');
  const columns: ColumnEntry[] = q.columns.map((c, i) => ({ name: names[i] as string, type: typeText(c.type), nullable: true }));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw duplicateColumn(dup);
  const { entry } = h.engine.catalog.create({
    kind: 'materialized view',
    schema,
    name,
    columns,
    querySql,
    searchPath,
    primaryKey: null,
    emitOnWindowClose: s.emitOnWindowClose,
    parallelism,
    dependsOn: [...new Set([...relationsRead(q.plan).keys(), ...dependencies])],
    createSql: h.text.slice(s.span.start, s.span.end),
  });
  const job = startViewJob(h.engine, entry as MaterializedViewEntry);
  h.engine.registerJob(entry, job);
  // Over tables and views, CREATE returns once the view holds the rows they hold now (its
  // backfill is done), as in RisingWave: a SELECT right after sees them. (A view over a
  // source follows it from now on; there is no "done" to wait for.)
  const inputs = [...relationsRead(q.plan).values()];
  if ('settle' in job && typeof job.settle === 'function' && inputs.every((e) => e.kind === 'table' || e.kind === 'materialized view')) {
    await untilAborted((job as { settle(): Promise<void> }).settle(), h.signal);
  }
  return { command: 'CREATE MATERIALIZED VIEW' };
}
