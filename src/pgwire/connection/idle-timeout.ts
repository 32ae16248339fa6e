/**
 * `idle_in_transaction_session_timeout` and `idle_session_timeout`: after ReadyForQuery the
 * server waits for the client's next message at most that long (the session's current value;
 * 0 = no limit), then ends the connection with FATAL, as PostgreSQL's PostgresMain does. The
 * wait ends when a whole message has arrived: a client half-way through one is still idle.
 *
 * @see https://www.postgresql.org/docs/15/runtime-config-client.html#GUC-IDLE-IN-TRANSACTION-SESSION-TIMEOUT
 */
import { BackendError } from '../backend-error.ts';
import type { PgConnection } from './connection.ts';
import { SqlState } from '../../errors/index.ts';

const timers = new WeakMap<PgConnection, NodeJS.Timeout>();

/** Sends ReadyForQuery and starts the wait for the client's next message. */
export async function readyForQuery(conn: PgConnection): Promise<void> {
  await conn.readyForQuery();
  armIdleTimeout(conn);
}

/** A message arrived: the client is not idle. */
export function disarmIdleTimeout(conn: PgConnection): void {
  const timer = timers.get(conn);
  if (timer === undefined) return;
  clearTimeout(timer);
  timers.delete(conn);
}

function armIdleTimeout(conn: PgConnection): void {
  disarmIdleTimeout(conn);
  const session = conn.session;
  if (session === null || session.idleTimeouts === undefined || conn.state.kind !== 'ready') return;
  const inTransaction = session.transactionStatus() !== 'idle';
  const limits = session.idleTimeouts();
  const ms = inTransaction ? limits.inTransactionMs : limits.sessionMs;
  if (!(ms > 0)) return;
  const timer = setTimeout(() => {
    timers.delete(conn);
    if (conn.state.kind !== 'ready') return;
    const error = inTransaction
      ? new BackendError(SqlState.idleInTransactionSessionTimeout, 'terminating connection due to idle-in-transaction timeout', { severity: 'FATAL' })
      : new BackendError(SqlState.idleSessionTimeout, 'terminating connection due to idle-session timeout', { severity: 'FATAL' });
    conn.host.logger?.info(`connection ${conn.processId} from ${conn.remoteAddress} ended: ${error.code} ${error.message}`);
    void conn.fail(error);
  }, ms);
  // An idle connection does not keep the process alive.
  timer.unref();
  timers.set(conn, timer);
}
