/** An in-process Weir SQL endpoint (engine + mini-cluster + wire server) for tests, with a pg client. */
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { MiniCluster } from '../../../src/cluster/mini-cluster.ts';
import { PgServer } from '../../../src/pgwire/server.ts';
import { EngineSessionFactory } from '../../../src/pgwire/engine-session.ts';
import { SqlEngine } from '../../../src/sql/engine/engine.ts';
import { startViewJob } from '../../../src/sql/engine/handlers/create-materialized-view.ts';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';

export interface WeirHandle {
  readonly client: pg.Client;
  readonly engine: SqlEngine;
}

/** Starts an engine (in memory) with a wire server on a free port and a connected client. */
export async function startWeir(dataDir: string | null = null): Promise<WeirHandle & { close(): Promise<void> }> {
  const engine = SqlEngine.open({ dataDir, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC') }, startViewJob);
  const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'weir', database: 'dev' });
  await client.connect();
  return {
    client,
    engine,
    async close() {
      await client.end();
      await server.close();
      await engine.close();
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
