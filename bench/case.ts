/**
 * One benchmark run in a fresh process (so peak memory is this run's own):
 *   node bench/case.ts <generator|source|q0|q1|q2|q5> <parallelism> <events> [threads]
 * Prints one JSON line: events, wall ms, CPU ms (all threads), peak RSS. With `threads`, the
 * job carries bench/programs/nexmark.ts as its program, so the mini-cluster runs it on slot
 * threads (one per parallel pipeline); without, it runs on this thread.
 */
import { NexmarkConfig } from '../src/connectors/nexmark/config.ts';
import { NexmarkGenerator } from '../src/connectors/nexmark/generator.ts';
import { MiniCluster, StreamExecutionEnvironment } from '../src/index.ts';
import { buildQuery, type QueryName } from './queries.ts';
import { readFileSync } from 'node:fs';
import { SqlEngine } from '../src/sql/engine/engine.ts';
import { executeStatement } from '../src/sql/engine/execute.ts';
import { startViewJob } from '../src/sql/engine/handlers/create-materialized-view.ts';
import { parse } from '../src/sql/parser/index.ts';
import { sessionWithTimeZone } from '../src/sql/types/index.ts';

const [name = 'q0', pText = '1', eventsText = '2000000', mode = 'local'] = process.argv.slice(2);
const threaded = mode === 'threads';
const PROGRAM = new URL('./programs/nexmark.ts', import.meta.url).href;
// `weir run`'s loader: slot threads rebuild the job from the program as `weir run` would.
const LOADER = new URL('../src/cli/commands/run.ts', import.meta.url).href;
const parallelism = Number(pText);
const events = Number(eventsText);

/** The SQL versions: the same query as a sink into a blackhole, run by the SQL engine. */
const SQL: Record<string, string> = {
  'sql-q0': 'SELECT auction, bidder, price, date_time, extra FROM bid',
  'sql-q1': 'SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid',
  'sql-q2': 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
  'sql-q5': readFileSync(new URL('../examples/nexmark/q5.sql', import.meta.url), 'utf8').replace(/^--.*$/gm, '').replace(/^[\s\S]*? AS\s/, '').replace(/;\s*$/, ''),
};

async function runSql(query: string): Promise<{ output: number }> {
  const engine = SqlEngine.open({ dataDir: null, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC') }, startViewJob);
  const exec = async (sql: string) => {
    for (const st of parse(sql)) await executeStatement(st, { engine, session: engine.defaults, text: sql });
  };
  await exec(
    `CREATE SOURCE bid (auction bigint, bidder bigint, price bigint, channel varchar, url varchar, date_time timestamp, extra varchar) WITH (connector = 'nexmark', nexmark.table.type = 'Bid', nexmark.event.num = '${events}')`,
  );
  await exec(`CREATE SINK out AS ${query} WITH (connector = 'blackhole')`);
  const entry = engine.catalog.get('public', 'out');
  const result = await engine.job(entry!)!.getJobExecutionResult();
  await engine.close();
  return { output: result.metrics.sinkRecords };
}

async function run(): Promise<{ output: number }> {
  const sql = SQL[name];
  if (sql !== undefined) return runSql(sql);
  if (name === 'generator') {
    // The ceiling: the generator's loop with nothing else.
    const gen = new NexmarkGenerator(new NexmarkConfig({}));
    let checksum = 0;
    for (let n = 0; n < events; n++) checksum += gen.event(n).dateTime & 1;
    return { output: checksum };
  }
  const env = new StreamExecutionEnvironment(parallelism);
  const sink = buildQuery(env, name as QueryName, events);
  if (!threaded) {
    const result = await env.execute(name);
    if (result.metrics.sourceRecords !== events) throw new Error(`read ${result.metrics.sourceRecords} of ${events} events`);
    return { output: sink.count };
  }
  const job = { ...env.buildJob(name), program: { url: PROGRAM, args: [name, String(events)], defaults: { parallelism }, jobIndex: 0, loader: LOADER } };
  const result = await new MiniCluster({ threads: 'auto' }).execute(job).getJobExecutionResult();
  if (result.metrics.sourceRecords !== events) throw new Error(`read ${result.metrics.sourceRecords} of ${events} events`);
  // The blackhole sinks counted on the slot threads; the job's metrics carry their sum.
  return { output: result.metrics.sinkRecords };
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { output } = await run();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    name,
    parallelism,
    mode,
    events,
    output,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
