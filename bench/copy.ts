/**
 * Bulk loading with COPY: psql's `\copy t FROM file CSV` into Weir (a durable table with a
 * group-by view kept current; the time includes FLUSH, so the view has every row) and into
 * PostgreSQL without views (fsync off, as the test harness starts it), in the same run, as
 * the baseline.
 *
 *   node bench/copy.ts [--rows N] [--runs R]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { MiniCluster } from '../src/cluster/mini-cluster.ts';
import { EngineSessionFactory } from '../src/pgwire/engine-session.ts';
import { PgServer } from '../src/pgwire/server.ts';
import { SqlEngine } from '../src/sql/engine/engine.ts';
import { startViewJob } from '../src/sql/engine/handlers/create-materialized-view.ts';
import { sessionWithTimeZone } from '../src/sql/types/index.ts';
import { postgresSkipReason, startPostgres } from '../test/support/postgres.ts';

const run = promisify(execFile);
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 200_000);
const RUNS = arg('runs', 3);

const dir = mkdtempSync(join(tmpdir(), 'weir-bench-copy-'));
const file = join(dir, 'rows.csv');
writeFileSync(file, Array.from({ length: ROWS }, (_, i) => `${i},group ${i % 97},${(i * 7) % 1000}.25,2024-03-01 12:${String(i % 60).padStart(2, '0')}:00`).join('\n') + '\n');

const TABLE = 'CREATE TABLE t (id int PRIMARY KEY, g text, amount numeric(10,2), at timestamp)';
const VIEW = 'CREATE MATERIALIZED VIEW per_group AS SELECT g, count(*) AS n, sum(amount) AS total FROM t GROUP BY g';

/** Seconds for `\copy` (and FLUSH for Weir) through real psql. */
async function load(port: number, database: string, flush: boolean): Promise<number> {
  const start = performance.now();
  await run('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-d', database, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy t FROM '${file}' CSV`], { maxBuffer: 1 << 20 });
  if (flush) await run('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-d', database, '-c', 'FLUSH']);
  return (performance.now() - start) / 1000;
}

async function weirRun(): Promise<number> {
  const data = mkdtempSync(join(tmpdir(), 'weir-bench-copy-data-'));
  const engine = SqlEngine.open({ dataDir: data, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC') }, startViewJob);
  const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'weir', database: 'dev' });
  await client.connect();
  try {
    await client.query(TABLE);
    await client.query(VIEW);
    const seconds = await load(port, 'dev', true);
    const n = (await client.query('SELECT sum(n)::int AS n FROM per_group')).rows[0].n as number;
    if (n !== ROWS) throw new Error(`the view has ${n} rows, expected ${ROWS}`);
    return ROWS / seconds;
  } finally {
    await client.end();
    await server.close();
    await engine.close();
    rmSync(data, { recursive: true, force: true });
  }
}

async function postgresRun(): Promise<number> {
  const server = await startPostgres({ timeZone: 'UTC' });
  try {
    await server.client.query(TABLE);
    return ROWS / (await load(server.port, server.database, false));
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const k = (x: number): string => `${(x / 1000).toFixed(1)} k`;
const weir: number[] = [];
const postgres: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    weir.push(await weirRun());
    if (postgresSkipReason() === false) postgres.push(await postgresRun());
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`COPY FROM STDIN (psql \\copy, CSV): ${ROWS} rows, median of ${RUNS} runs, node ${process.version}, ${new Date().toISOString()}`);
console.log(`weir, durable table + group-by view, until FLUSH   ${k(median(weir))} rows/s`);
if (postgres.length > 0) {
  console.log(`postgresql, table only (fsync off)                 ${k(median(postgres))} rows/s`);
  console.log(`weir / postgresql                                  ${(median(weir) / median(postgres)).toFixed(2)}`);
} else console.log(`postgresql: skipped (${postgresSkipReason()})`);
process.exit(0);
