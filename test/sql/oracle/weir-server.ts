/** An in-process Weir SQL endpoint (engine + mini-cluster + wire server) for tests, with a pg client. */
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { MiniCluster } from '../../../src/cluster/mini-cluster.ts';
import { SlotPool, type SlotPoolOptions } from '../../../src/cluster/slot-pool.ts';
import { STATEMENT_PROGRAM } from '../../../src/sql/slots/run-on-slot.ts';
import { VIEW_PROGRAM, VIEW_SLOTS } from '../../../src/sql/slots/view-on-slot.ts';
import { PgServer } from '../../../src/pgwire/server.ts';
import { EngineSessionFactory } from '../../../src/pgwire/engine-session.ts';
import { SqlEngine } from '../../../src/sql/engine/engine.ts';
import { startViewJob } from '../../../src/sql/engine/handlers/create-materialized-view.ts';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';

export interface WeirHandle {
  readonly client: pg.Client;
  readonly engine: SqlEngine;
}

export interface WeirOptions {
  /**
   * Statements and views run on slot threads, as in `weir standalone` (with these limits);
   * false keeps everything on the test's thread (the SQL layer alone). Default: slots.
   */
  readonly slots?: Partial<SlotPoolOptions> | false;
  /** With `slots`: the views' slot threads. */
  readonly viewSlots?: Partial<SlotPoolOptions>;
}

/** Starts an engine (in memory) with a wire server on a free port and a connected client. */
export async function startWeir(dataDir: string | null = null, options: WeirOptions = {}): Promise<WeirHandle & { port: number; slots: SlotPool | null; viewSlots: SlotPool | null; close(): Promise<void> }> {
  const slots = options.slots === false ? null : new SlotPool({ memoryLimitBytes: 512 * 2 ** 20, preload: [STATEMENT_PROGRAM], ...options.slots });
  const viewSlots = options.slots === false ? null : new SlotPool({ memoryLimitBytes: 512 * 2 ** 20, preload: [VIEW_PROGRAM], ...VIEW_SLOTS, ...options.viewSlots });
  const engine = SqlEngine.open({ dataDir, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC'), slots, viewSlots }, startViewJob);
  const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'weir', database: 'dev' });
  await client.connect();
  return {
    client,
    engine,
    port,
    slots,
    viewSlots,
    async close() {
      await client.end();
      await server.close();
      await engine.close();
      await slots?.close();
      await viewSlots?.close();
    },
  };
}

export function useWeir(): WeirHandle {
  let engine!: SqlEngine;
  let client!: pg.Client;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ engine, client, close } = await startWeir());
  });
  afterAll(async () => {
    await close?.();
  });
  return {
    get client() {
      return client;
    },
    get engine() {
      return engine;
    },
  };
}

/** A query's rows as PostgreSQL prints them (JSON of text values), or `error SQLSTATE`: for comparing Weir with PostgreSQL. */
export async function textOutcome(c: unknown, sql: string): Promise<string> {
  try {
    const r = await (c as { query(q: object): Promise<{ rows: unknown[][] }> }).query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    return JSON.stringify(r.rows);
  } catch (e) {
    return `error ${(e as { code?: string }).code}`;
  }
}
