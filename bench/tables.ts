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

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 20_000);
const RUNS = arg('runs', 3);
const BATCH = 1000;

const VIEWS = [
  'CREATE MATERIALIZED VIEW by_group AS SELECT g, count(*) AS n, sum(v) AS total FROM t GROUP BY g',
  'CREATE MATERIALIZED VIEW join_agg AS SELECT t.g, count(*) AS n, sum(u.w) AS total FROM t JOIN u ON t.id = u.t_id GROUP BY t.g',
];

/** Runs the workload; returns row changes and seconds. */
async function workload(client: pg.Client, flush: boolean, views: boolean): Promise<{ changes: number; seconds: number }> {
  await client.query('CREATE TABLE t (id int PRIMARY KEY, g int, v int)');
  await client.query('CREATE TABLE u (id int PRIMARY KEY, t_id int, w int)');
  if (views) for (const v of VIEWS) await client.query(v);
  const start = performance.now();
  let changes = 0;
  const sync = async () => {
    if (flush) await client.query('FLUSH');
  };
  for (let i = 0; i < ROWS; i += BATCH) {
    const n = Math.min(BATCH, ROWS - i);
    const tv = Array.from({ length: n }, (_, k) => `(${i + k}, ${(i + k) % 97}, ${(i + k) % 1000})`).join(',');
    const uv = Array.from({ length: n }, (_, k) => `(${i + k}, ${(i + k * 7) % ROWS}, ${(i + k) % 500})`).join(',');
    await client.query(`INSERT INTO t VALUES ${tv}`);
    await client.query(`INSERT INTO u VALUES ${uv}`);
    changes += 2 * n;
  }
  await sync();
  for (let i = 0; i < ROWS; i += BATCH) {
    await client.query(`UPDATE t SET v = v + 1, g = (g + 1) % 97 WHERE id >= ${i} AND id < ${i + BATCH}`);
    await client.query(`UPDATE u SET w = w * 2 WHERE id >= ${i} AND id < ${i + BATCH}`);
    changes += 2 * Math.min(BATCH, ROWS - i);
  }
  await sync();
  for (let i = 0; i < ROWS; i += BATCH) {
    await client.query(`DELETE FROM t WHERE id >= ${i} AND id < ${i + BATCH}`);
    await client.query(`DELETE FROM u WHERE id >= ${i} AND id < ${i + BATCH}`);
    changes += 2 * Math.min(BATCH, ROWS - i);
  }
  await sync();
  const seconds = (performance.now() - start) / 1000;
  return { changes, seconds };
}

async function weirRun(): Promise<{ changes: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'weir-bench-tables-'));
  const engine = SqlEngine.open({ dataDir: dir, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC') }, startViewJob);
  const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  const client = new pg.Client({ host: '127.0.0.1', port: (server.server.address() as { port: number }).port, user: 'weir', database: 'dev' });
  await client.connect();
  try {
    return await workload(client, true, true);
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
    return await workload(server.client, false, false);
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
