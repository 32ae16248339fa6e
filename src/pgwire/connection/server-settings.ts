import type { SecureContext } from 'node:tls';
import type { ScramVerifier } from './scram.ts';
/** The server's settings as connections see them, defaults applied. */
import type { SqlSessionFactory } from '../session.ts';

export interface ServerSettings {
  readonly sessions: SqlSessionFactory;
  /** When set, every connection authenticates with this password. */
  readonly auth: { readonly method: 'password' | 'md5' | 'scram-sha-256'; readonly password: string; readonly scram: ScramVerifier } | null;
  /** ParameterStatus values reported at startup (server_version, TimeZone, ...). */
  readonly parameterStatus: ReadonlyMap<string, string>;
  readonly maxMessageBytes: number;
  readonly startupTimeoutMs: number;
  /** TLS for clients that ask (SSLRequest), when a certificate is configured. */
  readonly tls: SecureContext | null;
}
