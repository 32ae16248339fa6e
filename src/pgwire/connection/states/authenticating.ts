/**
 * State `authenticating`: the client answers AuthenticationCleartextPassword or
 * AuthenticationMD5Password with a PasswordMessage, or AuthenticationSASL with the SCRAM
 * exchange (scram.ts); a right password starts the session.
 * MD5's answer is "md5" + md5(md5(password + user) + salt), in hex.
 *
 * @see https://www.postgresql.org/docs/15/auth-password.html
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BackendError, ProtocolViolation } from '../../backend-error.ts';
import { passwordOf, type FrontendMessage } from '../../protocol/frontend/messages.ts';
import { writeAuthenticationOk, writeAuthenticationSaslContinue, writeAuthenticationSaslFinal, writeBackendKeyData } from '../../protocol/backend/startup-messages.ts';
import { MessageReader } from '../../protocol/message-reader.ts';
import { SCRAM_SHA_256, ScramExchange } from '../scram.ts';
import type { PgConnection } from '../connection.ts';
import type { ConnectionState } from '../state.ts';
import type { StartupParams } from '../startup-params.ts';
import { readyForQuery } from '../idle-timeout.ts';
import { SqlState } from '../../../errors/index.ts';

type Authenticating = Extract<ConnectionState, { kind: 'authenticating' }>;

export async function onAuthenticatingMessage(conn: PgConnection, state: Authenticating, message: FrontendMessage): Promise<void> {
  if (message.kind === 'terminate') {
    await conn.close('terminated during authentication');
    return;
  }
  if (message.kind !== 'password') throw new ProtocolViolation(`expected password response, got message type ${message.kind}`);
  if (state.method === 'scram-sha-256') {
    await scramStep(conn, state, message.body);
    return;
  }
  const given = passwordOf(message.body);
  const password = conn.host.settings.auth?.password ?? '';
  const expected = state.method === 'md5' ? md5Answer(password, state.params.user, state.salt) : password;
  if (!sameString(given, expected)) {
    conn.host.logger?.info(`password authentication failed for user "${state.params.user}" from ${conn.remoteAddress}`);
    throw new BackendError(SqlState.invalidPassword, `password authentication failed for user "${state.params.user}"`, { severity: 'FATAL' });
  }
  await startSession(conn, state.params);
}

/**
 * SCRAM-SHA-256: SASLInitialResponse (mechanism, client-first) gets server-first; SASLResponse
 * (client-final) gets server-final and the session when its proof is right, 28P01 when not.
 */
async function scramStep(conn: PgConnection, state: Authenticating, body: Buffer): Promise<void> {
  const verifier = conn.host.settings.auth!.scram;
  if (state.scram === undefined) {
    const r = new MessageReader(body, 'SASLInitialResponse');
    const mechanism = r.cstring();
    if (mechanism !== SCRAM_SHA_256) throw new BackendError(SqlState.protocolViolation, `SASL authentication mechanism ${mechanism} is not supported`, { severity: 'FATAL' });
    const length = r.int32();
    const data = length < 0 ? '' : r.bytes(length).toString('utf8');
    r.end();
    const exchange = new ScramExchange(verifier, data);
    writeAuthenticationSaslContinue(conn.out, exchange.serverFirst);
    conn.transition({ ...state, scram: exchange });
    await conn.flush();
    return;
  }
  const serverFinal = state.scram.finish(body.toString('utf8'));
  if (serverFinal === null) {
    conn.host.logger?.info(`password authentication failed for user "${state.params.user}" from ${conn.remoteAddress}`);
    throw new BackendError(SqlState.invalidPassword, `password authentication failed for user "${state.params.user}"`, { severity: 'FATAL' });
  }
  writeAuthenticationSaslFinal(conn.out, serverFinal);
  await startSession(conn, state.params);
}

export function md5Answer(password: string, user: string, salt: Buffer): string {
  const inner = createHash('md5').update(password + user).digest('hex');
  return 'md5' + createHash('md5').update(inner).update(salt).digest('hex');
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authenticated: AuthenticationOk, then the session is opened (it may refuse, e.g. 3D000),
 * then ParameterStatus for every reported setting, BackendKeyData and ReadyForQuery.
 */
export async function startSession(conn: PgConnection, params: StartupParams): Promise<void> {
  writeAuthenticationOk(conn.out);
  const session = await conn.host.settings.sessions.open({
    user: params.user,
    database: params.database,
    applicationName: params.applicationName,
    settings: params.settings,
    remoteAddress: conn.remoteAddress,
    processId: conn.processId,
  });
  if (conn.state.kind === 'closed') {
    // The client left while the session opened.
    await session.close();
    return;
  }
  conn.session = session;
  for (const [name, value] of conn.host.settings.parameterStatus) conn.reportParameter(name, value);
  conn.reportParameter('application_name', params.applicationName);
  conn.reportParameter('session_authorization', params.user);
  writeBackendKeyData(conn.out, conn.processId, conn.secretKey);
  conn.transition({ kind: 'ready' });
  conn.host.logger?.debug(`session ${conn.processId} started: user ${params.user}, database ${params.database}, from ${conn.remoteAddress}`);
  await readyForQuery(conn);
}
