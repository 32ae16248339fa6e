/**
 * State `awaiting-startup`: the untyped packets before the session starts. SSLRequest is
 * answered 'S' and the connection continues over TLS when a certificate is configured, 'N'
 * otherwise; GSS encryption is refused with 'N' (clients then continue in the clear, or give
 * up when they require it); a CancelRequest is passed to the server and the connection closes without an
 * answer, as in PostgreSQL; the StartupMessage picks the authentication.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-START-UP
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { BackendError } from '../../backend-error.ts';
import type { StartupPacket } from '../../protocol/frontend/startup-packets.ts';
import { writeAuthenticationCleartextPassword, writeAuthenticationMd5Password, writeAuthenticationSasl, writeEncryptionRefused, writeNegotiateProtocolVersion } from '../../protocol/backend/startup-messages.ts';
import { SCRAM_SHA_256 } from '../scram.ts';
import type { PgConnection } from '../connection.ts';
import { checkStartupParams } from '../startup-params.ts';
import { startSession } from './authenticating.ts';
import { SqlState } from '../../../errors/index.ts';

export async function onStartupPacket(conn: PgConnection, packet: StartupPacket): Promise<void> {
  switch (packet.kind) {
    case 'ssl-request':
      if (conn.host.settings.tls !== null && !conn.encrypted) {
        // 'S', then the TLS handshake; the startup message follows inside TLS.
        conn.out.rawByte('S');
        await conn.flush();
        conn.startTls(conn.host.settings.tls);
        return;
      }
      writeEncryptionRefused(conn.out);
      await conn.flush();
      return;
    case 'gssenc-request':
      writeEncryptionRefused(conn.out);
      await conn.flush();
      return;
    case 'cancel-request':
      conn.host.cancel(packet.processId, packet.secretKey);
      await conn.close('cancel request');
      return;
    case 'startup':
      break;
  }
  if (packet.majorVersion !== 3) {
    throw new BackendError(
      SqlState.featureNotSupported,
      `unsupported frontend protocol ${packet.majorVersion}.${packet.minorVersion}: server supports 3.0 to 3.0`,
      { severity: 'FATAL' },
    );
  }
  conn.framer.startTyped();
  const unrecognized = [...packet.parameters.keys()].filter((k) => k.startsWith('_pq_.'));
  if (packet.minorVersion > 0 || unrecognized.length > 0) writeNegotiateProtocolVersion(conn.out, 0, unrecognized);

  const params = checkStartupParams(packet.parameters);
  if (!conn.host.admit(conn)) {
    throw new BackendError(SqlState.tooManyConnections, 'sorry, too many clients already', { severity: 'FATAL' });
  }
  const auth = conn.host.settings.auth;
  if (auth !== null) {
    const salt = randomBytes(4);
    if (auth.method === 'scram-sha-256') writeAuthenticationSasl(conn.out, [SCRAM_SHA_256]);
    else if (auth.method === 'md5') writeAuthenticationMd5Password(conn.out, salt);
    else writeAuthenticationCleartextPassword(conn.out);
    conn.transition({ kind: 'authenticating', params, method: auth.method, salt });
    await conn.flush();
    return;
  }
  if (!isLoopback(conn.remoteAddress)) {
    throw new BackendError(
      SqlState.invalidAuthorizationSpecification,
      `connection from ${conn.remoteAddress} refused: without a password only loopback connections are trusted`,
      { severity: 'FATAL', hint: 'Configure a password for the SQL endpoint, or connect from this machine.' },
    );
  }
  await startSession(conn, params);
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
