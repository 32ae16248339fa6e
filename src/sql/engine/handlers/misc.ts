/** FLUSH, SHOW, SET/RESET and transaction statements. */
import type { DescribeStatement, ObjectName, ShowStatement } from '../../parser/index.ts';
import { currentSchema, relationNamed, relationOrError } from '../names.ts';
import { SqlError, TEXT, VARCHAR, sessionWithTimeZone } from '../../types/index.ts';
import { SERVER_SETTINGS, allSettings, withSettings } from '../../functions/settings.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { notSupported, SqlState, undefinedTable, undefinedSchema } from '../../../errors/index.ts';

/** FLUSH: returns once every change committed before it is reflected in every materialized view. */
export async function flush(h: HandlerContext): Promise<StatementResult> {
  await h.engine.flush();
  return { command: 'FLUSH' };
}

const SHOWN: Record<string, string> = {
  tables: 'table',
  views: 'view',
  materialized_views: 'materialized view',
  sources: 'source',
  sinks: 'sink',
  indexes: 'index',
};

/** The schema SHOW TABLES and friends list: the one named (FROM s), else the current schema. */
function shownSchema(from: ObjectName | null, h: HandlerContext): string | null {
  if (from === null) return currentSchema(h.engine.catalog, h.session);
  const schema = from.parts[from.parts.length - 1]!;
  if (h.engine.catalog.schema(schema) === undefined) throw undefinedSchema(schema);
  return schema;
}

export function show(s: ShowStatement, h: HandlerContext): StatementResult {
  const t = s.target;
  if (t.type === 'objects' && SHOWN[t.objectType] !== undefined) {
    const schema = shownSchema(t.from, h);
    const names = h.engine.catalog
      .list(SHOWN[t.objectType] as never)
      .filter((e) => e.schema === schema)
      .map((e) => e.name)
      .filter((n) => t.like === null || new RegExp(`^${t.like.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`).test(n))
      .sort();
    return { command: 'SHOW', columns: [{ name: 'Name', type: VARCHAR }], rows: names.map((n) => [n]), rowCount: names.length };
  }
  if (t.type === 'columns') {
    const e = relationOrError(h.engine, h.session, t.from.parts);
    if (e.kind === 'index' || e.kind === 'sink') throw undefinedTable(t.from.parts.join('.'));
    const rows = e.columns.map((c) => [c.name, c.type]);
    return { command: 'SHOW', columns: [{ name: 'Name', type: VARCHAR }, { name: 'Type', type: VARCHAR }], rows, rowCount: rows.length };
  }
  if (t.type === 'variable' && t.name === 'all') {
    const rows = allSettings(h.settings === undefined ? h.session : withSettings(h.session, h.settings)).map((x) => [x.name, x.value, x.description]);
    return { command: 'SHOW', columns: ['name', 'setting', 'description'].map((name) => ({ name, type: TEXT })), rows, rowCount: rows.length };
  }
  if (t.type === 'variable') {
    // The session's TimeZone, a value this session SET, or PostgreSQL's fixed settings.
    const value = t.name === 'timezone' ? h.session.timeZone.name : (h.settings?.get(t.name) ?? SERVER_SETTINGS[t.name]?.value);
    if (value !== undefined) return { command: 'SHOW', columns: [{ name: t.name === 'timezone' ? 'TimeZone' : t.name, type: VARCHAR }], rows: [[value]], rowCount: 1 };
    throw new SqlError(SqlState.undefinedObject, `unrecognized configuration parameter "${t.name}"`);
  }
  if (t.type === 'create') {
    const name = t.name.parts[t.name.parts.length - 1] as string;
    const kind = t.objectType.replace('_', ' ');
    const e = relationNamed(h.engine, h.session, t.name.parts);
    if (e === undefined || e.kind !== kind) throw new SqlError(SqlState.undefinedTable, `${kind} "${name}" does not exist`);
    return { command: 'SHOW', columns: [{ name: 'Name', type: VARCHAR }, { name: 'Create Sql', type: VARCHAR }], rows: [[name, e.createSql]], rowCount: 1 };
  }
  if (t.type === 'objects' && t.objectType === 'functions') {
    const schema = shownSchema(t.from, h);
    const rows = h.engine.catalog
      .list('function')
      .flatMap((f) => (f.kind === 'function' && f.schema === schema ? [[f.name, f.args.map((a) => (a.name === null ? a.type : `${a.name} ${a.type}`)).join(', '), f.returns, f.language]] : []))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const cols = ['Name', 'Arguments', 'Return Type', 'Language'].map((name) => ({ name, type: VARCHAR }));
    return { command: 'SHOW', columns: cols, rows, rowCount: rows.length };
  }
  if (t.type === 'objects' && (t.objectType === 'schemas' || t.objectType === 'databases')) {
    const rows = t.objectType === 'schemas' ? h.engine.catalog.schemas().map((x) => x.name).sort().map((x) => [x]) : [[h.engine.database]];
    return { command: 'SHOW', columns: [{ name: 'Name', type: VARCHAR }], rows, rowCount: rows.length };
  }
  if (t.type === 'objects' && t.objectType === 'jobs') {
    // The streaming jobs behind views, sinks and tables fed by connectors, with the
    // parallelism they run at and, for a job that failed, why.
    const rows = h.engine.catalog.list().flatMap((e) => {
      const job = h.engine.job(e);
      if (job === undefined) return [];
      const parallelism = e.kind === 'materialized view' ? h.engine.viewParallelism(e) : 1;
      const failure = h.engine.failure(e);
      const error = failure === undefined ? null : failure instanceof Error ? failure.message : String(failure);
      return [[job.jobId, e.name, e.kind, job.getJobStatus(), String(parallelism), error]];
    });
    const cols = ['Id', 'Name', 'Kind', 'Status', 'Parallelism', 'Error'].map((name) => ({ name, type: VARCHAR }));
    return { command: 'SHOW', columns: cols, rows, rowCount: rows.length };
  }
  throw notSupported(`this form of SHOW`);
}

/**
 * DESCRIBE name: one row per column (name, type, whether hidden, description), then the
 * relation's primary key, watermark and kind, as RisingWave's DESCRIBE shows them.
 */
export function describe(s: DescribeStatement, h: HandlerContext): StatementResult {
  const e = relationOrError(h.engine, h.session, s.name.parts);
  if (e.kind === 'index' || e.kind === 'sink') throw undefinedTable(s.name.parts.join('.'));
  const rows: Array<Array<string | null>> = e.columns.map((c) => [c.name, c.type, 'false', null]);
  if (e.kind === 'table' && e.primaryKey !== null) rows.push(['primary key', e.primaryKey.join(', '), null, null]);
  if ((e.kind === 'table' || e.kind === 'source') && e.watermark !== null) rows.push(['watermark', `${e.watermark.column} AS ${e.watermark.expressionSql}`, null, null]);
  const kind = e.kind === 'table' && e.appendOnly ? 'append-only table' : e.kind === 'materialized view' && e.emitOnWindowClose ? 'materialized view, emit on window close' : e.kind;
  rows.push(['relation kind', kind, null, null]);
  return {
    command: 'DESCRIBE',
    columns: [{ name: 'Name', type: VARCHAR }, { name: 'Type', type: VARCHAR }, { name: 'Is Hidden', type: VARCHAR }, { name: 'Description', type: VARCHAR }],
    rows,
    rowCount: rows.length,
  };
}

/** Settings Weir acts on, kept per session. */
const KNOWN = [
  'rw_implicit_flush', 'implicit_flush', 'timezone', 'search_path',
  'statement_timeout', 'idle_session_timeout', 'idle_in_transaction_session_timeout', 'parallelism.default', 'streaming_parallelism',
];

/** SET/RESET: kept in the session; settings Weir does not act on yet get a notice saying so. */
export function set(name: string, command: 'SET' | 'RESET', h?: HandlerContext, value?: string): StatementResult {
  const key = name.toLowerCase();
  let v = value;
  if (key === 'timezone' && v !== undefined) {
    if (/^(local|default)$/i.test(v)) v = undefined;
    else {
      try {
        sessionWithTimeZone(v);
      } catch {
        throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "TimeZone": "${v}"`);
      }
    }
  }
  value = v;
  if (h?.settings !== undefined) {
    if (command === 'RESET' || value === undefined) h.settings.delete(key);
    else h.settings.set(key, value);
  }
  if (KNOWN.includes(key)) return { command };
  const quiet = ['client_encoding', 'datestyle', 'extra_float_digits', 'application_name', 'search_path', 'client_min_messages'];
  return quiet.includes(name.toLowerCase())
    ? { command }
    : { command, notices: [{ severity: 'NOTICE', code: SqlState.successfulCompletion, message: `setting "${name}" is accepted and ignored by Weir` }] };
}

/** BEGIN/COMMIT/ROLLBACK: every statement commits on its own in Weir; blocks are accepted as such. */
export function transaction(kind: string): StatementResult {
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return { command: 'BEGIN', notices: [{ severity: 'WARNING', code: SqlState.warning, message: 'Weir runs each statement in its own transaction; BEGIN does not group them' }] };
    case 'TRANS_STMT_COMMIT':
      return { command: 'COMMIT' };
    case 'TRANS_STMT_ROLLBACK':
      return { command: 'ROLLBACK', notices: [{ severity: 'WARNING', code: SqlState.warning, message: 'statements before ROLLBACK were already committed' }] };
    default:
      throw notSupported(`the transaction statement ${kind}`);
  }
}
