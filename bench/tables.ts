/**
 * Tables with views, through the SQL endpoint: how many row changes per second Weir takes
 * while keeping a group-by view and a join-aggregate view current, over node-postgres like
 * any client. The same statements run against PostgreSQL without views, in the same run,
 * as the baseline (the cost of storing the changes alone). The yardstick, PostgreSQL
 * with pg_ivm keeping the same two views, measured about 51 k changes/s on this machine.
 *
 *   node bench/tables.ts [--rows N] [--runs R]
 *
 * Each run: N rows into each of two tables in 1000-row INSERTs, then UPDATEs and DELETEs of
 * every row in 1000-row statements, FLUSH after each phase (Weir's durable tables fsync each
 * commit; the baseline PostgreSQL runs with fsync off, as the test harness starts it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MiniCluster } from '../src/cluster/mini-cluster.ts';
import { EngineSessionFactory } from '../src/pgwire/engine-session.ts';
import { PgServer } from '../src/pgwire/server.ts';
import { SqlEngine } from '../src/sql/engine/engine.ts';
import { startViewJob } from '../src/sql/engine/handlers/create-materialized-view.ts';
import { sessionWithTimeZone } from '../src/sql/types/index.ts';
import { postgresSkipReason, startPostgres } from '../test/support/postgres.ts';
import { BATCH, tableWorkload } from './table-workload.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 20_000);
const RUNS = arg('runs', 3);
async function weirRun(): Promise<{ changes: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'weir-bench-tables-'));
  const engine = SqlEngine.open({ dataDir: dir, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC') }, startViewJob);
  const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  const client = new pg.Client({ host: '127.0.0.1', port: (server.server.address() as { port: number }).port, user: 'weir', database: 'dev' });
  await client.connect();
  try {
    return await tableWorkload(client, ROWS, { flush: true, views: true });
  } finally {
    await client.end();
    await server.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRun(): Promise<{ changes: number; seconds: number }> {
  const server = await startPostgres({ timeZone: 'UTC' });
  try {
    return await tableWorkload(server.client, ROWS, { flush: false, views: false });
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (r: { changes: number; seconds: number }): number => r.changes / r.seconds;
const k = (x: number): string => `${(x / 1000).toFixed(1)} k`;

const weir: number[] = [];
const postgres: number[] = [];
for (let i = 0; i < RUNS; i++) {
  weir.push(rate(await weirRun()));
  if (postgresSkipReason() === false && !process.argv.includes("--weir-only")) postgres.push(rate(await postgresRun()));
}
console.log(`Tables with views: ${ROWS} rows per table, ${BATCH}-row statements, median of ${RUNS} runs, node ${process.version}, ${new Date().toISOString()}`);
console.log(`weir, 2 views kept current (group-by, join-aggregate)   ${k(median(weir))} row changes/s`);
if (postgres.length > 0) {
  console.log(`postgresql ${''.padEnd(2)}no views (baseline, fsync off)            ${k(median(postgres))} row changes/s`);
  console.log(`weir / postgresql-without-views                        ${(median(weir) / median(postgres)).toFixed(2)}`);
} else console.log(`postgresql: skipped (${postgresSkipReason()})`);
console.log(`weir / pg_ivm yardstick (51 k/s, measured on this machine) ${(median(weir) / 51_000).toFixed(2)}`);
process.exit(0);
