/**
 * State `skipping-until-sync`: after an error in the extended protocol, the server discards
 * every message until Sync, then answers ReadyForQuery, so a client that pipelined
 * Parse/Bind/Execute gets exactly one error and a clean place to start again. Like
 * PostgreSQL, a simple Query is discarded too: only Sync ends the skip.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
import type { FrontendMessage } from '../../protocol/frontend/messages.ts';
import type { PgConnection } from '../connection.ts';
import { sync } from '../extended-query.ts';

export async function onSkippingMessage(conn: PgConnection, message: FrontendMessage): Promise<void> {
  switch (message.kind) {
    case 'sync':
      conn.transition({ kind: 'ready' });
      await sync(conn);
      return;
    case 'terminate':
      await conn.close('terminated by client');
      return;
    default:
      return;
  }
}
