/**
 * TPC-H: each of the 22 queries (test/tpch/queries) as a SELECT in Weir beside PostgreSQL
 * in the same run, over the same data (test/tpch/generate.ts), median of R runs each, and
 * the ratio. PostgreSQL gets ANALYZE after loading (its planner needs the statistics; Weir
 * plans without). A query Weir fails (an error, a wrong answer, the timeout) shows why
 * instead of a time, and is run once. Timings are printed, never asserted.
 *
 *   node bench/tpch.ts [--sf 0.1] [--runs 3] [--only q1,q6] [--timeout 60]
 *
 * --timeout is Weir's statement_timeout in seconds.
 */
import { postgresSkipReason, startPostgres } from '../test/support/postgres.ts';
import { startWeir } from '../test/sql/oracle/weir-server.ts';
import { difference, outcome, type Outcome } from '../test/tpch/compare.ts';
import { createStatements, generate, insertStatements } from '../test/tpch/generate.ts';
import { QUERIES } from '../test/tpch/queries.ts';
import { WeirSession } from '../test/tpch/weir-session.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SF = Number(arg('sf', '0.1'));
const RUNS = Number(arg('runs', '3'));
const ONLY = arg('only', '').split(',').filter((q) => q !== '');
const TIMEOUT_MS = Number(arg('timeout', '60')) * 1000;
const GB = 2 ** 30;

if (postgresSkipReason() !== false) {
  console.log(`bench:tpch needs PostgreSQL: ${postgresSkipReason()}`);
  process.exit(1);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const timed = async (f: () => Promise<Outcome>): Promise<[Outcome, number]> => {
  const t = performance.now();
  const o = await f();
  return [o, performance.now() - t];
};

let t = performance.now();
const data = generate(SF);
const statements = [...createStatements(), ...insertStatements(data)];
const generated = performance.now() - t;

const pg = await startPostgres({ timeZone: 'UTC' });
// The limits `weir standalone` has on a machine with 16 GB or more.
const weir = await startWeir(null, { slots: { memoryLimitBytes: 2 * GB }, viewSlots: { memoryLimitBytes: 2 * GB } });
const session = new WeirSession(weir.port, TIMEOUT_MS);
try {
  t = performance.now();
  for (const s of statements) await pg.client.query(s);
  await pg.client.query('ANALYZE');
  const pgLoad = performance.now() - t;
  t = performance.now();
  for (const s of statements) await session.exec(s);
  const weirLoad = performance.now() - t;

  console.log(`TPC-H SF ${SF} (${data.lineitem.length} lineitem rows), SELECT, median of ${RUNS} runs, node ${process.version}, ${new Date().toISOString()}`);
  console.log(`generated in ${ms(generated)}; loaded (INSERT, 1,000 rows a statement) into PostgreSQL in ${ms(pgLoad)}, into Weir in ${ms(weirLoad)}`);
  console.log(`Weir: statement_timeout ${TIMEOUT_MS / 1000} s, statement.memory.limit 2 GB`);
  console.log('');
  console.log('query   postgresql         weir   weir / postgresql');
  for (const q of QUERIES.filter((x) => ONLY.length === 0 || ONLY.includes(x.name))) {
    const pgTimes: number[] = [];
    const weirTimes: number[] = [];
    let failed: string | null = null;
    for (let r = 0; r < RUNS && failed === null; r++) {
      const [want, pgMs] = await timed(() => outcome(pg.client, q.sql));
      const [got, weirMs] = await timed(() => session.outcome(q.sql));
      pgTimes.push(pgMs);
      weirTimes.push(weirMs);
      failed = difference(want, got, q.orderBy);
    }
    const p = median(pgTimes);
    if (failed !== null) {
      console.log(`${q.name.padEnd(5)} ${ms(p).padStart(12)}   fails after ${ms(weirTimes.at(-1)!)}: ${failed.slice(0, 160)}`);
    } else {
      const w = median(weirTimes);
      console.log(`${q.name.padEnd(5)} ${ms(p).padStart(12)} ${ms(w).padStart(12)}   ${(w / p).toFixed(1).padStart(8)}`);
    }
  }
} finally {
  await session.close();
  await weir.close();
  await pg.stop();
}
process.exit(0);
