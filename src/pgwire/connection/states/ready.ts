/**
 * State `ready`: between messages. A Query runs the simple protocol and ends in ReadyForQuery;
 * Parse/Bind/Describe/Execute/Close run one step of the extended protocol each, and Sync ends
 * the batch. An error in an extended-protocol step moves to `skipping-until-sync`.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html
 */
import { BackendError, toBackendError } from '../../backend-error.ts';
import type { FrontendMessage } from '../../protocol/frontend/messages.ts';
import type { PgConnection } from '../connection.ts';
import { bind, closeTarget, describe, execute, parse, sync } from '../extended-query.ts';
import { simpleQuery } from '../simple-query.ts';
import { disarmIdleTimeout, readyForQuery } from '../idle-timeout.ts';
import { resourceLimitError } from '../../../sql/types/index.ts';
import { SqlState } from '../../../errors/index.ts';

export async function onReadyMessage(conn: PgConnection, message: FrontendMessage): Promise<void> {
  disarmIdleTimeout(conn);
  switch (message.kind) {
    case 'query':
      await simpleQuery(conn, message.sql);
      return;
    case 'sync':
      await sync(conn);
      return;
    case 'flush':
      await conn.flush();
      return;
    case 'terminate':
      await conn.close('terminated by client');
      return;
    case 'copy-data':
    case 'copy-done':
    case 'copy-fail':
      // Left over from a COPY that failed while the client was still sending: ignored, as
      // PostgreSQL does.
      return;
    case 'invalid-text':
      if (message.query) {
        // As for any failed Query: the error, then ReadyForQuery.
        await conn.fail(message.error);
        await readyForQuery(conn);
        return;
      }
      break;
    case 'parse':
    case 'bind':
    case 'describe':
    case 'execute':
    case 'close':
    case 'password':
    case 'unsupported':
      break;
  }
  try {
    switch (message.kind) {
      case 'parse':
        await parse(conn, message);
        return;
      case 'bind':
        bind(conn, message);
        return;
      case 'describe':
        describe(conn, message);
        return;
      case 'execute':
        await execute(conn, message);
        return;
      case 'close':
        closeTarget(conn, message);
        return;
      case 'password':
        throw new BackendError(SqlState.protocolViolation, 'unexpected password message: the connection is already authenticated');
      case 'unsupported':
        throw new BackendError(SqlState.featureNotSupported, `${message.name} is not supported yet`);
      case 'invalid-text':
        throw message.error;
    }
  } catch (e) {
    const error = toBackendError(resourceLimitError(e) ?? e);
    if (error.severity !== 'ERROR') throw error;
    if (error.code === SqlState.internalError) conn.host.logger?.error(`session ${conn.processId}: ${error.message}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
    await conn.fail(error);
    conn.transition({ kind: 'skipping-until-sync' });
    // The client may wait for this error before sending Sync (after a Flush it does).
    await conn.flush();
  }
}
