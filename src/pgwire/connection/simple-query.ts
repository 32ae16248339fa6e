/**
 * The simple query protocol: one Query message, possibly several statements, each answered
 * with RowDescription + DataRows + CommandComplete (or CommandComplete alone, or
 * EmptyQueryResponse); the first error ends the message; ReadyForQuery ends the cycle.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY
 */
import { toBackendError } from '../backend-error.ts';
import { writeNoticeResponse } from '../protocol/backend/error-messages.ts';
import {
  writeCommandComplete, writeCopyData, writeCopyDone, writeCopyResponse, writeDataRow, writeEmptyQueryResponse, writeRowDescription,
} from '../protocol/backend/query-messages.ts';
import type { ColumnDescription } from '../session.ts';
import { checkedUtf8Chunks } from '../protocol/utf8-text.ts';
import type { PgConnection } from './connection.ts';
import { QueryRun } from './query-run.ts';
import { readyForQuery } from './idle-timeout.ts';
import { resourceLimitError } from '../../sql/types/index.ts';
import { SqlState } from '../../errors/index.ts';

/** Only whitespace and semicolons: PostgreSQL answers EmptyQueryResponse without parsing. */
const BLANK = /^[\s;]*$/;

export async function simpleQuery(conn: PgConnection, sql: string): Promise<void> {
  const session = conn.session!;
  // A simple Query destroys the unnamed statement and portal.
  conn.statements.delete('');
  conn.portals.get('')?.close();
  conn.portals.delete('');

  if (BLANK.test(sql)) {
    writeEmptyQueryResponse(conn.out);
    await readyForQuery(conn);
    return;
  }
  const run = new QueryRun(session, session.execute(sql, { copyIn: (columns) => checkedUtf8Chunks(conn.copyIn(columns)) }));
  conn.transition({ kind: 'in-query', cancel: () => run.cancel() });
  try {
    await streamResults(conn, run);
  } catch (e) {
    const error = toBackendError(resourceLimitError(e) ?? e);
    if (error.code === SqlState.internalError) conn.host.logger?.error(`session ${conn.processId}: ${error.message}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
    await conn.fail(error);
    // A COPY FROM STDIN that failed early: the client's remaining data is read and dropped.
    await conn.discardCopyIn();
  } finally {
    run.close();
    conn.transition({ kind: 'ready' });
  }
  await readyForQuery(conn);
}

async function streamResults(conn: PgConnection, run: QueryRun): Promise<void> {
  let columns: readonly ColumnDescription[] | null = null;
  let rowCount = 0;
  let copying = false;
  for (;;) {
    const event = await run.next();
    if (event === null) return;
    switch (event.kind) {
      case 'columns':
        columns = event.columns;
        rowCount = 0;
        writeRowDescription(conn.out, columns, null);
        break;
      case 'rows':
        if (columns === null) throw new Error('the session sent rows before their columns');
        for (const row of event.rows) writeDataRow(conn.out, row);
        rowCount += event.rows.length;
        await conn.flushIfFull();
        break;
      case 'copy-out':
        writeCopyResponse(conn.out, 'out', event.columns);
        copying = true;
        break;
      case 'copy-data':
        for (const line of event.lines) writeCopyData(conn.out, Buffer.from(line, 'utf8'));
        await conn.flushIfFull();
        break;
      case 'flush':
        await conn.flush();
        break;
      case 'complete':
        if (copying) writeCopyDone(conn.out);
        copying = false;
        writeCommandComplete(conn.out, event.command, columns === null ? event.rowCount : rowCount);
        columns = null;
        break;
      case 'empty':
        writeEmptyQueryResponse(conn.out);
        break;
      case 'notice':
        writeNoticeResponse(conn.out, event.notice);
        break;
      case 'parameter':
        conn.reportParameter(event.name, event.value);
        break;
    }
  }
}
