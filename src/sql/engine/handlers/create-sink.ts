/**
 * CREATE SINK name FROM relation | AS query WITH (connector = ...): a streaming job that
 * writes the query's changes to a connector, as a materialized view writes them to its store.
 *
 *   blackhole  discards (benchmarks)
 *   print      prints each change to stdout as `+I[v1, v2]` / `-D[...]`, as Flink's print
 *   file       `path` = a directory; rows as CSV lines in rolling part files; append-only
 *              queries only (a file cannot take a row back)
 */
import { StreamExecutionEnvironment } from '../../../api/environment.ts';
import type { SinkEntry } from '../../../catalog/index.ts';
import { BlackholeSink } from '../../../connectors/sink/blackhole-sink.ts';
import { PrintSink } from '../../../connectors/sink/print-sink.ts';
import { FileSink } from '../../../connectors/file/file-sink.ts';
import type { Sink } from '../../../connectors/sink.ts';
import type { JobClient, SubmittedJob } from '../../../graph/job-submission.ts';
import { startViewOnSlot } from '../../slots/view-on-slot.ts';
import { parse, type CreateSinkStatement } from '../../parser/index.ts';
import type { LogicalPlan } from '../../plan/logical.ts';
import { isAppendOnly, relationsRead } from '../../plan/properties.ts';
import { formatterFor, SqlError, type DataType } from '../../types/index.ts';
import { dataflow, physicalPlan } from '../stages.ts';
import type { SqlEngine } from '../engine.ts';
import { plannerFor } from '../query.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { newObjectName, searchPathOf, withSearchPath } from '../names.ts';
import { quoteIdent } from '../constraint-text.ts';
import { optionText } from './create-source.ts';
import { notSupported, SqlState, syntaxError } from '../../../errors/index.ts';

type Row = readonly unknown[];
const KIND = ['+I', '-U', '+U', '-D'];

/** Text of a row, each value as PostgreSQL prints it. */
function rowText(types: readonly DataType[], engine: SqlEngine): (row: Row) => string[] {
  const format = types.map((t) => formatterFor(t, engine.defaults));
  return (row) => row.map((v, i) => (v === null ? '' : format[i]!(v as never)));
}

function sinkFor(entry: SinkEntry, types: readonly DataType[], plan: LogicalPlan, engine: SqlEngine): Sink<Row> {
  const text = rowText(types, engine);
  switch ((entry.options.connector ?? '').toLowerCase()) {
    case 'blackhole':
      return new BlackholeSink<Row>();
    case 'print': {
      // Flink's print connector shows the change kind of each row.
      const sink = new PrintSink<string>({});
      return {
        name: 'Print',
        async createWriter(ctx) {
          const w = await sink.createWriter(ctx);
          return {
            write: (values, ts, kinds) => w.write(values.map((r, i) => `${KIND[kinds?.[i] ?? 0]}[${text(r).join(', ')}]`), ts),
            flush: (end) => w.flush(end),
            close: () => w.close(),
          };
        },
      };
    }
    case 'file': {
      if (!isAppendOnly(plan, 'changelog')) {
        throw new SqlError(SqlState.featureNotSupported, `the file sink "${entry.name}" needs an append-only query (a file cannot take back a row)`, {
          hint: 'Sink a query without aggregates or joins over tables, or use a materialized view.',
        });
      }
      const path = entry.options.path;
      if (path === undefined) throw syntaxError(`the file sink "${entry.name}" needs WITH (path = '...')`);
      const csv = (cells: string[]): string => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
      return FileSink.forRowFormat<Row>(path, (row) => csv(text(row)));
    }
    default:
      throw new SqlError(SqlState.featureNotSupported, `the sink connector '${entry.options.connector ?? ''}' is not supported yet`, { hint: 'Supported: blackhole, print, file.' });
  }
}

function planSink(engine: SqlEngine, sink: SinkEntry, dependencies?: Set<number>) {
  const stmt = parse(sink.querySql)[0];
  if (stmt === undefined || stmt.kind !== 'pg' || stmt.type !== 'SelectStmt') throw syntaxError('a sink needs a query');
  return plannerFor(engine, { session: withSearchPath(engine.defaults, sink.searchPath), ...(dependencies !== undefined && { dependencies }) }).planQuery((stmt.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>);
}

/** The job that feeds a sink: its query's changes into the connector's writer. */
export function buildSinkJob(engine: SqlEngine, sink: SinkEntry): SubmittedJob {
  const q = planSink(engine, sink);
  const env = new StreamExecutionEnvironment(1);
  const connector = sinkFor(sink, q.columns.map((c) => c.type), q.plan, engine);
  dataflow(engine, physicalPlan(engine, q.plan, 'changelog'), env, engine.defaults)
    .map((r) => r.slice(0, q.columns.length))
    .name('Visible columns')
    .sinkTo(connector, `Sink ${sink.name}`);
  return env.buildJob(`sink ${sink.name}`);
}

/**
 * Starts the job that feeds a sink (at CREATE, and again when Weir restarts): on a view slot
 * when the engine has them, as a view's job runs, so that it cannot stall the endpoint.
 */
export function startSinkJob(engine: SqlEngine, sink: SinkEntry): JobClient {
  if (engine.viewSlots !== null) return startViewOnSlot(engine, sink);
  return engine.cluster.execute(buildSinkJob(engine, sink));
}

export function createSink(s: CreateSinkStatement, h: HandlerContext): StatementResult {
  if (s.format !== null) throw notSupported('FORMAT ... ENCODE ... on sinks');
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  const querySql = s.query !== null ? h.text.slice(s.query.span.start, s.query.span.end) : `SELECT * FROM ${(s.from as { parts: readonly string[] }).parts.map(quoteIdent).join('.')}`;
  const options: Record<string, string> = {};
  for (const o of s.with) options[o.key.toLowerCase() === 'connector' ? 'connector' : o.key] = optionText(o);
  const draft: Omit<SinkEntry, 'oid' | 'createdAt'> = {
    kind: 'sink', schema, name, querySql, searchPath: searchPathOf(h.session), options, dependsOn: [], createSql: h.text.slice(s.span.start, s.span.end),
  };
  const dependencies = new Set<number>();
  const q = planSink(h.engine, { ...draft, oid: 0, createdAt: 0 }, dependencies);
  // Check the connector and its options before recording the sink.
  sinkFor({ ...draft, oid: 0, createdAt: 0 }, q.columns.map((c) => c.type), q.plan, h.engine);
  const { entry, notice } = h.engine.catalog.create({ ...draft, dependsOn: [...new Set([...relationsRead(q.plan).keys(), ...dependencies])] }, s.ifNotExists);
  if (notice === undefined) h.engine.registerJob(entry, startSinkJob(h.engine, entry as SinkEntry));
  return { command: 'CREATE SINK', ...(notice !== undefined && { notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: notice }] }) };
}
