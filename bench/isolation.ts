/**
 * Isolation: the latency of `SELECT 1` from one session while another session runs a heavy
 * join, with statements on this thread (how Weir ran before slot threads; the baseline) and
 * on slot threads (now), in the same run; then a runaway join that only ends at its memory
 * limit, on slots, with the heap it reached before its 53200. (The runaway cannot be measured
 * on this thread: it takes the process down, which is what slot threads fix.)
 *
 *   node bench/isolation.ts [--runs R] [--rows N]
 *
 * Prints medians over R runs of p50 and p99 of SELECT 1 round trips (one every 5 ms).
 */
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

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 3);
const ROWS = arg('rows', 2000);
const MB = 2 ** 20;
const LIMIT = 512 * MB;

interface Server {
  port: number;
  close(): Promise<void>;
}

async function start(slotted: boolean): Promise<Server> {
  const slots = slotted ? new SlotPool({ memoryLimitBytes: LIMIT, preload: [STATEMENT_PROGRAM] }) : null;
  const viewSlots = slotted ? new SlotPool({ memoryLimitBytes: LIMIT, preload: [VIEW_PROGRAM], ...VIEW_SLOTS }) : null;
  const engine = SqlEngine.open({ dataDir: null, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC'), slots, viewSlots }, startViewJob);
  const server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  // Let the spare slot threads start before measuring.
  await new Promise((r) => setTimeout(r, 1500));
  return {
    port: (server.server.address() as { port: number }).port,
    async close() {
      await server.close();
      await engine.close();
      await slots?.close();
      await viewSlots?.close();
    },
  };
}

async function client(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'weir', database: 'dev' });
  await c.connect();
  return c;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);

/** SELECT 1 round trips from `probe` while `work` runs; p50/p99 in ms, and how `work` ended. */
async function during(probe: pg.Client, work: Promise<unknown>): Promise<{ p50: number; p99: number; ended: string }> {
  let done = false;
  let ended = 'ok';
  const w = work.then(
    () => (done = true),
    (e: { code?: string; detail?: string }) => {
      done = true;
      ended = `${e.code ?? '?'} ${e.detail ?? ''}`.trim();
    },
  );
  const lat: number[] = [];
  while (!done) {
    const t = performance.now();
    await probe.query('SELECT 1');
    lat.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  await w;
  return { p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), ended };
}

async function setup(port: number): Promise<pg.Client> {
  const c = await client(port);
  await c.query('CREATE TABLE t (id int PRIMARY KEY, v int)');
  await c.query(`INSERT INTO t SELECT i, i % 97 FROM generate_series(1, ${ROWS}) i`);
  return c;
}

const HEAVY = 'SELECT count(*) FROM t a, t b WHERE a.v + b.v > 50';
const RUNAWAY = 'SELECT count(*) FROM t a, t b, t c, t d WHERE a.v + b.v + c.v + d.v > 0 GROUP BY a.id, b.id, c.id';

const results: Record<string, { p50: number[]; p99: number[] }> = {};
const note = (key: string, r: { p50: number; p99: number }): void => {
  const e = (results[key] ??= { p50: [], p99: [] });
  e.p50.push(r.p50);
  e.p99.push(r.p99);
};
const reached: string[] = [];

for (let run = 0; run < RUNS; run++) {
  for (const slotted of [false, true]) {
    const s = await start(slotted);
    const worker = await setup(s.port);
    const probe = await client(s.port);
    note(`idle, ${slotted ? 'slots' : 'this thread'}`, await during(probe, new Promise((r) => setTimeout(r, 500))));
    note(`heavy join, ${slotted ? 'slots' : 'this thread'}`, await during(probe, worker.query(HEAVY)));
    if (slotted) {
      const r = await during(probe, worker.query(RUNAWAY));
      note('runaway join, slots', r);
      reached.push(r.ended);
    }
    await worker.end();
    await probe.end();
    await s.close();
  }
}

console.log(`SELECT 1 latency from a second session, ms (median of ${RUNS} runs; table of ${ROWS} rows)`);
console.log('case'.padEnd(34), 'p50'.padStart(8), 'p99'.padStart(8));
for (const [k, v] of Object.entries(results)) console.log(k.padEnd(34), median(v.p50).toFixed(2).padStart(8), median(v.p99).toFixed(2).padStart(8));
const base = results['heavy join, this thread']!;
const now = results['heavy join, slots']!;
console.log(`heavy join p99, slots / this thread: ${(median(now.p99) / median(base.p99)).toFixed(3)}`);
console.log(`runaway join ended with: ${reached.join(' | ')}`);
