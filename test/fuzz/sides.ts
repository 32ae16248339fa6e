/**
 * The two servers the fuzzer compares: a throw-away PostgreSQL 15 and an in-process Weir
 * (statements and views on slot threads, as `weir standalone` runs them), each session with
 * the same time zone and a statement timeout. A Weir that stops answering is replaced.
 */
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { startWeir } from '../sql/oracle/weir-server.ts';
import { run } from './outcome.ts';
import type { Sides } from './scenario.ts';

/** A statement that runs longer than this is a hang (Weir) or discarded (PostgreSQL). */
const STATEMENT_TIMEOUT = '20s';

type WeirServer = Awaited<ReturnType<typeof startWeir>>;

export interface OpenSides extends Sides {
  close(): Promise<void>;
}

async function freshWeir(): Promise<WeirServer> {
  const w = await startWeir();
  await run(w.client, `SET statement_timeout = '${STATEMENT_TIMEOUT}'`);
  return w;
}

export async function openSides(): Promise<OpenSides> {
  const pg: PostgresServer = await startPostgres({ timeZone: 'UTC' });
  await run(pg.client, `SET statement_timeout = '${STATEMENT_TIMEOUT}'`);
  let weir = await freshWeir();
  const closeWeir = async (w: WeirServer): Promise<void> => {
    // A Weir that hung may not close either: give it a while, then leave it.
    await Promise.race([w.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000).unref())]);
  };
  const sides: OpenSides = {
    pg: pg.client,
    weir: weir.client,
    loaded: null,
    async restartWeir() {
      await closeWeir(weir);
      weir = await freshWeir();
      sides.weir = weir.client;
      sides.loaded = null;
    },
    async close() {
      await closeWeir(weir);
      await pg.stop();
    },
  };
  return sides;
}
