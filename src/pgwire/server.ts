/**
 * `PgServer`: the SQL endpoint. It accepts TCP connections, runs one `PgConnection` per
 * client, keeps the cancel keys, and limits how many sessions exist. A failing session ends
 * only its own connection.
 *
 * @example
 *   const pg = new PgServer({ sessions: myFactory, logger });
 *   const { port } = await pg.listen('localhost', 5433);
 *   // psql -h localhost -p 5433 -U weir dev
 *   await pg.close();
 */
import { randomInt } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from '../config/logging.ts';
import { listenOn } from '../config/process.ts';
import { WEIR_VERSION } from '../config/version.ts';
import { BackendError } from './backend-error.ts';
import { PgConnection, type ConnectionHost } from './connection/connection.ts';
import type { ServerSettings } from './connection/server-settings.ts';
import type { SqlSessionFactory } from './session.ts';
import { scramVerifier } from './connection/scram.ts';
import { createSecureContext } from 'node:tls';
import { SqlState } from '../errors/index.ts';

export interface PgServerOptions {
  readonly sessions: SqlSessionFactory;
  /**
   * Password authentication for every user: SCRAM-SHA-256 (PostgreSQL's default), MD5 or
   * cleartext. Without it, loopback clients are trusted and
   * others are refused (28000). `md5` is what libpq and pgJDBC answer by default.
   */
  readonly auth?: { readonly method: 'password' | 'md5' | 'scram-sha-256'; readonly password: string };
  /** Sessions at once; more get 53300 "too many clients". Default 100. */
  readonly maxConnections?: number;
  /** Reported as server_version; clients parse the leading "15.0". */
  readonly serverVersion?: string;
  /** Reported as TimeZone; default the server's zone. */
  readonly timeZone?: string;
  /** Largest frontend message accepted; larger is a protocol violation. Default 64 MiB. */
  readonly maxMessageBytes?: number;
  /** A client must finish startup and authentication within this time. Default 60 s. */
  readonly startupTimeoutMs?: number;
  /**
   * A certificate and its private key (PEM): SSLRequest is answered 'S' and the connection
   * continues over TLS. Without it, 'N' (clients continue in the clear or give up).
   */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly logger?: Logger;
}

export class PgServer {
  /** The listening socket; bind it with `listen`, or with config/process.ts's `listenOn`. */
  readonly server: Server;
  private readonly settings: ServerSettings;
  private readonly logger: Logger | null;
  private readonly maxConnections: number;
  private readonly connections = new Set<PgConnection>();
  private readonly admitted = new Set<PgConnection>();
  private readonly byProcessId = new Map<number, PgConnection>();
  private nextProcessId = 1;

  constructor(options: PgServerOptions) {
    this.logger = options.logger ?? null;
    this.maxConnections = options.maxConnections ?? 100;
    this.settings = {
      sessions: options.sessions,
      // SCRAM's salted verifier is derived once, not per connection.
      auth: options.auth === undefined ? null : { ...options.auth, scram: scramVerifier(options.auth.password) },
      parameterStatus: initialParameterStatus(options),
      maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024,
      startupTimeoutMs: options.startupTimeoutMs ?? 60_000,
      tls: options.tls === undefined ? null : createSecureContext({ cert: options.tls.cert, key: options.tls.key }),
    };
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => this.logger?.error(`SQL endpoint: ${e.message}`));
  }

  /**
   * Binds the endpoint (port 0: any free port) and answers where. A taken port rejects with
   * config/process.ts's PortBindError naming `sql.port` and, when Weir holds it, the pid.
   */
  async listen(host: string, port: number, pidDir = '/tmp'): Promise<AddressInfo> {
    await listenOn(this.server, { host, port, key: 'sql.port', hostKey: 'sql.bind-address', purpose: 'SQL endpoint' }, pidDir);
    const address = this.server.address() as AddressInfo;
    this.logger?.info(`SQL endpoint (PostgreSQL protocol) listening on ${address.address}:${address.port}`);
    return address;
  }

  /** Connections open now, including those still in startup. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, ends every session with 57P01, and waits for the sockets to close. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all(
      [...this.connections].map((c) =>
        c.fail(new BackendError(SqlState.adminShutdown, 'terminating connection due to administrator command', { severity: 'FATAL' })),
      ),
    );
    await closed;
  }

  private accept(socket: Socket): void {
    const processId = this.allocateProcessId();
    const host: ConnectionHost = {
      settings: this.settings,
      logger: this.logger,
      admit: (c) => this.admit(c),
      cancel: (pid, key) => this.cancel(pid, key),
      closed: (c) => this.forget(c),
    };
    const connection = new PgConnection(socket, host, processId, randomInt(-0x80000000, 0x7fffffff));
    this.connections.add(connection);
    this.byProcessId.set(processId, connection);
  }

  private allocateProcessId(): number {
    // Process ids are Int32 on the wire; skip ids still in use after a wrap.
    do {
      this.nextProcessId = this.nextProcessId >= 0x7fffffff ? 1 : this.nextProcessId + 1;
    } while (this.byProcessId.has(this.nextProcessId));
    return this.nextProcessId;
  }

  private admit(connection: PgConnection): boolean {
    if (this.admitted.size >= this.maxConnections) {
      this.logger?.warn(`refused connection from ${connection.remoteAddress}: ${this.maxConnections} sessions already`);
      return false;
    }
    this.admitted.add(connection);
    return true;
  }

  private cancel(processId: number, secretKey: number): void {
    const target = this.byProcessId.get(processId);
    if (target === undefined || target.secretKey !== secretKey) {
      this.logger?.debug(`ignored cancel request for unknown session ${processId}`);
      return;
    }
    this.logger?.debug(`cancel request for session ${processId}`);
    target.cancel();
  }

  private forget(connection: PgConnection): void {
    this.connections.delete(connection);
    this.admitted.delete(connection);
    if (this.byProcessId.get(connection.processId) === connection) this.byProcessId.delete(connection.processId);
  }
}

/** What PostgreSQL 15 reports at startup, with Weir's answers. */
function initialParameterStatus(options: PgServerOptions): ReadonlyMap<string, string> {
  return new Map([
    ['server_version', options.serverVersion ?? `15.0 (Weir ${WEIR_VERSION})`],
    ['server_encoding', 'UTF8'],
    ['client_encoding', 'UTF8'],
    ['DateStyle', 'ISO, MDY'],
    ['IntervalStyle', 'postgres'],
    ['TimeZone', options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone],
    ['integer_datetimes', 'on'],
    ['standard_conforming_strings', 'on'],
    ['is_superuser', 'off'],
    ['default_transaction_read_only', 'off'],
    ['in_hot_standby', 'off'],
  ]);
}
