/**
 * A session to Weir for running TPC-H queries that may run away: every statement has
 * statement_timeout, and should Weir not answer even a while after it, the session gives up
 * on the connection (the disconnect ends the statement's slot thread) and opens a new one, so
 * one stuck query cannot stall the run.
 */
import pg from 'pg';
import { outcome, type Outcome } from './compare.ts';

/** How long after statement_timeout the client waits before it drops the connection. */
const GRACE_MS = 10_000;

export class WeirSession {
  #client: pg.Client | null = null;
  private readonly port: number;
  private readonly timeoutMs: number;

  constructor(port: number, timeoutMs: number) {
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  async #connect(): Promise<pg.Client> {
    if (this.#client !== null) return this.#client;
    const c = new pg.Client({ host: '127.0.0.1', port: this.port, user: 'weir', database: 'dev' });
    c.on('error', () => {}); // a connection given up on errors when its socket is destroyed
    await c.connect();
    await c.query(`SET statement_timeout = ${this.timeoutMs}`);
    this.#client = c;
    return c;
  }

  /** `sql`'s rows as text or its error; an error, too, when Weir does not answer in time. */
  async outcome(sql: string): Promise<Outcome> {
    const c = await this.#connect();
    const wait = this.timeoutMs + GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp: Outcome = { error: `no answer ${wait / 1000} s after it was sent, though statement_timeout is ${this.timeoutMs / 1000} s (the client disconnected)` };
    const late = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve(gaveUp), wait)));
    const o = await Promise.race([outcome(c, sql), late]);
    clearTimeout(timer);
    if (o === gaveUp) {
      // pg has no way to abandon a query but closing its socket.
      (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      this.#client = null;
    }
    return o;
  }

  /** Runs `sql`, which must succeed (loading, refreshes, DDL of the harness). */
  async exec(sql: string): Promise<void> {
    const o = await this.outcome(sql);
    if ('error' in o) throw new Error(`Weir failed on ${sql.slice(0, 120)}: ${o.error}`);
  }

  async close(): Promise<void> {
    await this.#client?.end().catch(() => {});
    this.#client = null;
  }
}
