/**
 * The REPL's connection: one node-postgres client, statements sent one at a time with the
 * simple query protocol, notices passed on as they arrive, and cancel as psql does it.
 */
// node-postgres: the well-kept PostgreSQL client for Node; Weir's endpoint speaks the same
// protocol, so the REPL uses it rather than a second wire implementation.
import pg from 'pg';
import { sendCancelRequest } from './cancel-request.ts';
import type { ConnectionSettings } from './connection-settings.ts';
import { RawTextQuery } from './raw-text-query.ts';
import type { ServerMessage, StatementResult } from './statement-result.ts';

/** The backend key the server sent at startup (node-postgres keeps it on the client). */
interface BackendKey {
  readonly processID?: number;
  readonly secretKey?: number;
}

export class SqlSession {
  readonly settings: ConnectionSettings;
  private readonly client: pg.Client;
  private running: RawTextQuery | null = null;
  private lostError: Error | null = null;

  private constructor(settings: ConnectionSettings, client: pg.Client) {
    this.settings = settings;
    this.client = client;
  }

  /** Connects; rejects with the client's error (refused, unknown database, bad password). */
  static async connect(settings: ConnectionSettings, onNotice: (notice: ServerMessage) => void): Promise<SqlSession> {
    const client = new pg.Client({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      database: settings.database,
      ...(settings.password !== undefined && { password: settings.password }),
      application_name: 'weir sql',
    });
    const session = new SqlSession(settings, client);
    // After connecting, a dead socket is reported by the running query; remember it so the
    // next statement is not sent into the void.
    client.on('error', (e: Error) => (session.lostError = e));
    client.on('end', () => (session.lostError ??= new Error('server closed the connection unexpectedly')));
    client.on('notice', (n) => onNotice({ ...n, message: n.message ?? '' }));
    await client.connect();
    return session;
  }

  /** Why the connection is gone, or null while it is usable. */
  get lost(): Error | null {
    return this.lostError;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Runs one statement (or a string of several); rejects with the server's error. */
  async execute(sql: string): Promise<StatementResult[]> {
    if (this.lostError !== null) throw this.lostError;
    const query = new RawTextQuery(sql);
    this.running = query;
    try {
      this.client.query(query);
      return await query.done;
    } finally {
      this.running = null;
    }
  }

  /** Asks the server to cancel the running statement; false when nothing is running or it could not be sent. */
  async cancel(): Promise<boolean> {
    const key = this.client as unknown as BackendKey;
    if (this.running === null || key.processID === undefined || key.secretKey === undefined) return false;
    return sendCancelRequest(this.settings.host, this.settings.port, key.processID, key.secretKey);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
