/**
 * COPY t [(cols)] FROM STDIN and COPY t | (query) TO STDOUT, in text or CSV format, as
 * psql's `\copy`, psycopg2's copy_expert and pgJDBC's CopyManager use them. COPY FROM reads
 * every row, then commits them in one durable commit (all or nothing, as in PostgreSQL);
 * columns left out take their defaults. COPY TO runs the query as SELECT does and returns
 * the lines for the wire layer to send. Files on the server are not read or written.
 */
import { INSERT, TableConstraintError } from '../../../connectors/table/table-store.ts';
import { parse } from '../../parser/index.ts';
import { SqlError, formatterFor, parserFor } from '../../types/index.ts';
import { CopyReader, copyFormat, copyLine, type CopyRecord } from '../copy-format.ts';
import { plannerFor, runQuery } from '../query.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { keyViolation } from './insert.ts';
import { rangeVarParts, relationOrError } from '../names.ts';
import { columnDefaults, rowConstraints, targetTable } from './table-target.ts';
import { SqlState, undefinedColumnOf } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');
const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const withContext = (e: SqlError, context: string): SqlError =>
  new SqlError(e.code, e.message, { ...(e.detail !== undefined && { detail: e.detail }), ...(e.hint !== undefined && { hint: e.hint }), ...(e.object !== undefined && { object: e.object }), context });

/** COPY's options as (name, value) pairs; a flag without a value is null. */
function options(n: Obj): Array<readonly [string, string | null]> {
  return ((n.options as Obj[] | undefined) ?? []).map((o) => {
    const d = obj(o.DefElem);
    const arg = obj(d.arg);
    let value: string | null = null;
    if (arg.String !== undefined) value = sval(arg);
    else if (arg.Boolean !== undefined) value = obj(arg.Boolean).boolval === true ? 'true' : 'false';
    else if (arg.Integer !== undefined) value = String(obj(arg.Integer).ival ?? 0);
    else if (arg.A_Star !== undefined) value = '*';
    else if (arg.List !== undefined) value = ((obj(arg.List).items as unknown[] | undefined) ?? []).map(sval).join(',');
    return [String(d.defname), value] as const;
  });
}

export async function copy(n: Obj, h: HandlerContext): Promise<StatementResult> {
  if (n.filename !== undefined || n.is_program === true) {
    throw new SqlError(SqlState.featureNotSupported, `COPY ${n.is_from === true ? 'from' : 'to'} a ${n.is_program === true ? 'program' : 'file'} is not supported`, {
      hint: `Use COPY ... ${n.is_from === true ? 'FROM STDIN' : 'TO STDOUT'}, as psql's \\copy does.`,
    });
  }
  return n.is_from === true ? copyFrom(n, h) : copyTo(n, h);
}

async function copyFrom(n: Obj, h: HandlerContext): Promise<StatementResult> {
  if (n.whereClause !== undefined) throw new SqlError(SqlState.featureNotSupported, 'COPY FROM ... WHERE is not supported');
  const t = targetTable(n.relation, h, 'copy to');
  const names = t.entry.columns.map((c) => c.name);
  const targets = n.attlist === undefined ? names.map((_, i) => i) : (n.attlist as unknown[]).map((a) => {
    const name = sval(a);
    const i = names.indexOf(name);
    if (i < 0) throw undefinedColumnOf(name, t.entry.name);
    return i;
  });
  const format = copyFormat(options(n), targets.map((i) => names[i]!));
  if (h.copyIn === undefined) throw new SqlError(SqlState.featureNotSupported, 'COPY FROM STDIN is not supported here', { hint: 'Send it as a simple query (psql, psycopg2 and pgJDBC do).' });
  const parsers = targets.map((i) => parserFor(t.types[i]!, h.session));
  const defaults = columnDefaults(t, h);
  const check = rowConstraints(t, h);
  const store = h.engine.store(t.entry);
  const reader = new CopyReader(format);
  const batch = store.begin();
  // As PostgreSQL's COPY, rows wait in a buffer (1000 rows or 64 kB of lines) checked row by
  // row (NOT NULL, CHECK); their keys are checked when it is flushed, so the first error is
  // the same one PostgreSQL reports.
  let buffer: Array<{ row: unknown[]; line: number }> = [];
  let bufferBytes = 0;
  let rowCount = 0;
  const flush = (): void => {
    for (const { row, line } of buffer) {
      try {
        batch.add([INSERT, row]);
      } catch (e) {
        if (e instanceof TableConstraintError) throw withContext(keyViolation(e, t.entry.schema), `COPY ${t.entry.name}, line ${line}`);
        throw e;
      }
      rowCount++;
    }
    buffer = [];
    bufferBytes = 0;
  };
  const where = (r: CopyRecord, column?: number, value?: string | null): string =>
    `COPY ${t.entry.name}, line ${r.line}${column === undefined ? `: "${r.text}"` : `, column ${names[targets[column]!]}: ${value === null ? 'null input' : `"${value}"`}`}`;
  const take = (records: readonly CopyRecord[]): void => {
    for (const r of records) {
      if (r.fields.length !== targets.length) {
        const message = r.fields.length > targets.length ? 'extra data after last expected column' : `missing data for column "${names[targets[r.fields.length]!]}"`;
        throw new SqlError(SqlState.badCopyFileFormat, message, { context: where(r) });
      }
      const row: unknown[] = names.map((_, i) => (targets.includes(i) ? null : defaults[i]!()));
      r.fields.forEach((v, k) => {
        try {
          row[targets[k]!] = v === null ? null : parsers[k]!(v);
        } catch (e) {
          if (e instanceof SqlError) throw withContext(e, where(r, k, v));
          throw e;
        }
      });
      try {
        check(row);
      } catch (e) {
        if (e instanceof SqlError) throw withContext(e, where(r));
        throw e;
      }
      // A table with a watermark drops rows that come below it.
      if (store.isLate(row)) continue;
      buffer.push({ row, line: r.line });
      bufferBytes += Buffer.byteLength(r.text);
      if (buffer.length >= 1000 || bufferBytes >= 65_535) flush();
    }
  };
  try {
    for await (const chunk of h.copyIn(targets.length)) take(reader.push(chunk));
    take(reader.end());
  } catch (e) {
    // Malformed data (a bad quote, invalid UTF-8) is located by the reader.
    if (e instanceof SqlError && e.context?.startsWith('line ')) throw withContext(e, `COPY ${t.entry.name}, ${e.context}`);
    if (e instanceof TypeError && /encoded data/.test(e.message)) throw new SqlError(SqlState.characterNotInRepertoire, 'invalid byte sequence for encoding "UTF8"', { context: `COPY ${t.entry.name}` });
    throw e;
  }
  flush();
  store.commitBatch(batch);
  return { command: 'COPY', rowCount };
}

async function copyTo(n: Obj, h: HandlerContext): Promise<StatementResult> {
  let select: Obj;
  if (n.query !== undefined) {
    select = obj(obj(n.query).SelectStmt);
    if (obj(n.query).SelectStmt === undefined) throw new SqlError(SqlState.featureNotSupported, 'COPY (query) TO supports SELECT queries only');
  } else {
    const entry = relationOrError(h.engine, h.session, rangeVarParts(n.relation));
    const name = entry.name;
    if (entry.kind === 'view') throw new SqlError(SqlState.wrongObjectType, `cannot copy from view "${name}"`, { hint: 'Try the COPY (SELECT ...) TO variant.' });
    if (entry.kind === 'sink' || entry.kind === 'index') throw new SqlError(SqlState.wrongObjectType, `cannot copy from ${entry.kind} "${name}"`);
    for (const a of (n.attlist as unknown[] | undefined) ?? []) {
      if (!entry.columns.some((c) => c.name === sval(a))) throw undefinedColumnOf(sval(a), name);
    }
    const columns = n.attlist === undefined ? '*' : (n.attlist as unknown[]).map((a) => quoteIdent(sval(a))).join(', ');
    const [stmt] = parse(`SELECT ${columns} FROM ${quoteIdent(entry.schema)}.${quoteIdent(name)}`);
    select = obj(obj(stmt?.kind === 'pg' ? stmt.tree : {}).SelectStmt);
  }
  const planned = plannerFor(h.engine, { session: h.session }).planQuery(select);
  const format = copyFormat(options(n), planned.columns.map((c) => c.name));
  const rows = await runQuery(h.engine, planned, h.session, { tree: select, ...(h.signal && { signal: h.signal }) });
  const formatters = planned.columns.map((c) => formatterFor(c.type, h.session));
  const lines: string[] = [];
  if (format.header) lines.push(copyLine({ ...format, forceQuote: new Set() }, planned.columns.map((c) => c.name)));
  for (const r of rows) lines.push(copyLine(format, r.map((v, i) => (v === null ? null : formatters[i]!(v as never)))));
  return { command: 'COPY', rowCount: rows.length, copyOut: { columns: planned.columns.length, lines } };
}
