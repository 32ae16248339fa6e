/**
 * One run of the view-parallelism benchmark in a fresh process:
 *   node bench/view-case.ts <q5|tables> <parallelism> <events or rows>
 * Weir as `weir standalone` runs it (statements and views on slot threads, one view thread
 * per core), with its views at the given parallelism (SET parallelism.default), through
 * node-postgres. Prints one JSON line: the work done, wall ms, CPU ms of every thread of the
 * process, and a checksum of the views' result (runs at different parallelism must agree).
 *
 * q5: Nexmark q5 (examples/nexmark/q5.sql) as a materialized view over a bounded nexmark
 * source; the time runs from CREATE until the view's job has read every event and finished.
 * tables: bench/table-workload.ts (two views kept current while rows change), until the last
 * FLUSH.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MiniCluster } from '../src/cluster/mini-cluster.ts';
import { SlotPool } from '../src/cluster/slot-pool.ts';
import { EngineSessionFactory } from '../src/pgwire/engine-session.ts';
import { PgServer } from '../src/pgwire/server.ts';
import { SqlEngine } from '../src/sql/engine/engine.ts';
import { startViewJob } from '../src/sql/engine/handlers/create-materialized-view.ts';
import { STATEMENT_PROGRAM } from '../src/sql/slots/run-on-slot.ts';
import { VIEW_PROGRAM, VIEW_SLOTS } from '../src/sql/slots/view-on-slot.ts';
import { sessionWithTimeZone } from '../src/sql/types/index.ts';
import { tableWorkload } from './table-workload.ts';

const [name = 'q5', pText = '1', sizeText = '200000'] = process.argv.slice(2);
const parallelism = Number(pText);
const size = Number(sizeText);
const MEMORY = 2 * 2 ** 30;

const Q5 = readFileSync(new URL('../examples/nexmark/q5.sql', import.meta.url), 'utf8').replace(/^--.*$/gm, '').trim();

const dir = mkdtempSync(join(tmpdir(), 'weir-bench-views-'));
const slots = new SlotPool({ memoryLimitBytes: MEMORY, preload: [STATEMENT_PROGRAM] });
const viewSlots = new SlotPool({ memoryLimitBytes: MEMORY, preload: [VIEW_PROGRAM], ...VIEW_SLOTS });
const engine = SqlEngine.open({ dataDir: dir, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC'), slots, viewSlots }, startViewJob);
const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
const client = new pg.Client({ host: '127.0.0.1', port: (server.server.address() as { port: number }).port, user: 'weir', database: 'dev' });
await client.connect();
// Let the slot threads start and load their modules before the clock starts.
await client.query('SELECT 1');
for (let i = 0; i < 100 && viewSlots.stats.threads < viewSlots.maxThreads; i++) await new Promise((r) => setTimeout(r, 50));
await new Promise((r) => setTimeout(r, 1000));
await client.query(`SET parallelism.default = ${parallelism}`);

async function q5(): Promise<{ work: number; wallMs: number; cpuMs: number; checksum: string }> {
  await client.query(
    `CREATE SOURCE bid (auction bigint, bidder bigint, price bigint, channel varchar, url varchar, date_time timestamp, extra varchar) WITH (connector = 'nexmark', nexmark.table.type = 'Bid', nexmark.event.num = '${size}')`,
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await client.query(Q5);
  for (;;) {
    const { rows } = await client.query<{ Name: string; Status: string; Error: string | null }>('SHOW JOBS');
    const job = rows.find((r) => r.Name === 'nexmark_q5');
    if (job === undefined) throw new Error('no job for nexmark_q5');
    if (job.Status === 'FINISHED') break;
    if (job.Status !== 'RUNNING') throw new Error(`nexmark_q5 ${job.Status}: ${job.Error}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { rows } = await client.query('SELECT count(*) AS n, sum(num) AS bids, sum(auction) AS auctions FROM nexmark_q5');
  return { work: size, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, checksum: JSON.stringify(rows[0]) };
}

async function tables(): Promise<{ work: number; wallMs: number; cpuMs: number; checksum: string }> {
  const cpu0 = process.cpuUsage();
  const r = await tableWorkload(client, size, { flush: true, views: true });
  const cpu = process.cpuUsage(cpu0);
  return { work: r.changes, wallMs: r.seconds * 1000, cpuMs: (cpu.user + cpu.system) / 1000, checksum: r.checksum ?? '' };
}

try {
  const r = name === 'q5' ? await q5() : await tables();
  console.log(JSON.stringify({ name, parallelism, ...r, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  await client.end();
  await server.close();
  await engine.close();
  await slots.close();
  await viewSlots.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
