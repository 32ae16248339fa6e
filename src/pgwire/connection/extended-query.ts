/**
 * The extended query protocol's steps. Each may fail; the caller (state `ready`) turns a
 * failure into ErrorResponse and the skip-until-Sync recovery.
 *
 * Lifetimes follow PostgreSQL: named statements live until Close or the end of the session,
 * the unnamed one until the next Parse into it (or a simple Query); portals live until Close
 * or the end of the transaction, which outside a transaction block is the next Sync.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
import { BackendError } from '../backend-error.ts';
import { writeNoticeResponse } from '../protocol/backend/error-messages.ts';
import {
  writeBindComplete, writeCloseComplete, writeCommandComplete, writeCopyData, writeCopyDone, writeCopyResponse, writeDataRow, writeDataRowWithFormats, writeEmptyQueryResponse, writeNoData, writeParameterDescription, writeParseComplete, writePortalSuspended, writeRowDescription,
} from '../protocol/backend/query-messages.ts';
import type { FormatCode, FrontendMessage } from '../protocol/frontend/messages.ts';
import { binaryNotSupported, decodeBinary, decodeUntypedBinary, supportsBinary } from '../protocol/value-formats.ts';
import { decodeUtf8 } from '../protocol/utf8-text.ts';
import type { TextValue } from '../session.ts';
import type { PgConnection } from './connection.ts';
import { Portal, portalLabel, statementLabel } from './portal.ts';
import { QueryRun } from './query-run.ts';
import { readyForQuery } from './idle-timeout.ts';
import { SqlState } from '../../errors/index.ts';

/** Only whitespace and semicolons: no statement, EmptyQueryResponse on Execute. */
const BLANK = /^[\s;]*$/;
const EMPTY = '\0empty';

type Message<K extends FrontendMessage['kind']> = Extract<FrontendMessage, { kind: K }>;

export async function parse(conn: PgConnection, m: Message<'parse'>): Promise<void> {
  if (m.statement !== '' && conn.statements.has(m.statement)) {
    throw new BackendError(SqlState.duplicatePreparedStatement, `prepared statement "${m.statement}" already exists`);
  }
  const session = conn.session!;
  const description = BLANK.test(m.sql) ? { parameterTypes: [], columns: null } : await session.describe(m.sql, m.parameterTypes);
  conn.statements.set(m.statement, { name: m.statement, sql: m.sql, parameterTypes: description.parameterTypes, declaredTypes: m.parameterTypes, columns: description.columns });
  writeParseComplete(conn.out);
}

export function bind(conn: PgConnection, m: Message<'bind'>): void {
  const statement = conn.statements.get(m.statement);
  if (statement === undefined) throw new BackendError(SqlState.invalidSqlStatementName, `${statementLabel(m.statement)} does not exist`);
  if (m.portal !== '' && conn.portals.has(m.portal)) throw new BackendError(SqlState.duplicateCursor, `cursor "${m.portal}" already exists`);
  const types = statement.parameterTypes;
  if (m.parameters.length !== types.length) {
    throw new BackendError(
      SqlState.protocolViolation,
      `bind message supplies ${m.parameters.length} parameters, but ${statementLabel(m.statement)} requires ${types.length}`,
    );
  }
  const parameterFormats = perItem(m.parameterFormats, types.length, 'parameter');
  const parameters: TextValue[] = m.parameters.map((raw, i) => {
    if (raw === null) return null;
    if (parameterFormats[i] !== 1) return decodeUtf8(raw);
    return (statement.declaredTypes?.[i] ?? 0) === 0 ? decodeUntypedBinary(raw) : decodeBinary(types[i]!, raw, i);
  });
  const columns = statement.columns ?? [];
  const resultFormats = perItem(m.resultFormats, columns.length, 'result');
  columns.forEach((c, i) => {
    if (resultFormats[i] === 1 && !supportsBinary(c.typeOid)) throw binaryNotSupported(c.typeOid, `result column "${c.name}"`);
  });
  conn.portals.get(m.portal)?.close();
  conn.portals.set(m.portal, new Portal(m.portal, statement, parameters, resultFormats));
  writeBindComplete(conn.out);
}

/** Format codes as sent (none: all text; one: all alike; else one each) → one per item. */
function perItem(codes: readonly FormatCode[], count: number, what: string): FormatCode[] {
  if (codes.length === 0) return new Array<FormatCode>(count).fill(0);
  if (codes.length === 1) return new Array<FormatCode>(count).fill(codes[0]!);
  if (codes.length !== count) throw new BackendError(SqlState.protocolViolation, `bind message has ${codes.length} ${what} formats but ${count} ${what}s`);
  return [...codes];
}

export function describe(conn: PgConnection, m: Message<'describe'>): void {
  if (m.target === 'statement') {
    const statement = conn.statements.get(m.name);
    if (statement === undefined) throw new BackendError(SqlState.invalidSqlStatementName, `${statementLabel(m.name)} does not exist`);
    writeParameterDescription(conn.out, statement.parameterTypes);
    // Formats are not known before Bind: the statement's RowDescription says text.
    if (statement.columns === null) writeNoData(conn.out);
    else writeRowDescription(conn.out, statement.columns, null);
    return;
  }
  const portal = conn.portals.get(m.name);
  if (portal === undefined) throw new BackendError(SqlState.invalidCursorName, `${portalLabel(m.name)} does not exist`);
  if (portal.statement.columns === null) writeNoData(conn.out);
  else writeRowDescription(conn.out, portal.statement.columns, portal.resultFormats);
}

export function closeTarget(conn: PgConnection, m: Message<'close'>): void {
  // Closing what does not exist is not an error.
  if (m.target === 'statement') conn.statements.delete(m.name);
  else {
    conn.portals.get(m.name)?.close();
    conn.portals.delete(m.name);
  }
  writeCloseComplete(conn.out);
}

export async function execute(conn: PgConnection, m: Message<'execute'>): Promise<void> {
  const portal = conn.portals.get(m.portal);
  if (portal === undefined) throw new BackendError(SqlState.invalidCursorName, `${portalLabel(m.portal)} does not exist`);
  if (portal.completedCommand === EMPTY || BLANK.test(portal.statement.sql)) {
    writeEmptyQueryResponse(conn.out);
    return;
  }
  if (portal.completedCommand !== null) {
    writeCommandComplete(conn.out, portal.completedCommand, 0);
    return;
  }
  const session = conn.session!;
  const run = (portal.run ??= new QueryRun(
    session,
    session.execute(portal.statement.sql, { parameters: portal.parameters, parameterTypes: portal.statement.parameterTypes }),
  ));
  conn.transition({ kind: 'in-query', cancel: () => run.cancel() });
  try {
    await executeSteps(conn, portal, run, m.maxRows);
  } catch (e) {
    // A failed portal cannot be resumed.
    portal.close();
    conn.portals.delete(portal.name);
    throw e;
  } finally {
    conn.transition({ kind: 'ready' });
  }
}

async function executeSteps(conn: PgConnection, portal: Portal, run: QueryRun, maxRows: number): Promise<void> {
  const columns = portal.statement.columns ?? [];
  let sent = 0;
  let copying = false;
  for (;;) {
    while (portal.pendingIndex < portal.pending.length) {
      if (maxRows > 0 && sent === maxRows) {
        writePortalSuspended(conn.out);
        return;
      }
      const row = portal.pending[portal.pendingIndex++]!;
      if (portal.anyBinary) writeDataRowWithFormats(conn.out, row, columns, portal.resultFormats);
      else writeDataRow(conn.out, row);
      sent++;
    }
    await conn.flushIfFull();
    if (maxRows > 0 && sent === maxRows) {
      // PostgreSQL does not look ahead either: the next Execute may find no more rows.
      writePortalSuspended(conn.out);
      return;
    }
    const event = await run.next();
    if (event === null) throw new Error('the session ended a statement without completing it');
    switch (event.kind) {
      case 'columns':
        // Announced by Describe; Execute sends no RowDescription.
        break;
      case 'rows':
        portal.pending = event.rows;
        portal.pendingIndex = 0;
        break;
      case 'copy-out':
        writeCopyResponse(conn.out, 'out', event.columns);
        copying = true;
        break;
      case 'copy-data':
        for (const line of event.lines) writeCopyData(conn.out, Buffer.from(line, 'utf8'));
        await conn.flushIfFull();
        break;
      case 'complete':
        if (copying) writeCopyDone(conn.out);
        writeCommandComplete(conn.out, event.command, portal.statement.columns === null ? event.rowCount : sent);
        portal.completedCommand = event.command;
        portal.close();
        return;
      case 'empty':
        writeEmptyQueryResponse(conn.out);
        portal.completedCommand = EMPTY;
        portal.close();
        return;
      case 'notice':
        writeNoticeResponse(conn.out, event.notice);
        break;
      case 'parameter':
        conn.reportParameter(event.name, event.value);
        break;
      case 'flush':
        await conn.flush();
        break;
    }
  }
}

/** Ends an extended-protocol batch: portals end with the implicit transaction. */
export async function sync(conn: PgConnection): Promise<void> {
  if (conn.session?.transactionStatus() === 'idle') {
    for (const portal of conn.portals.values()) portal.close();
    conn.portals.clear();
  }
  await readyForQuery(conn);
}
