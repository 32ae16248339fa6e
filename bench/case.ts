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

const [name = 'q0', pText = '1', eventsText = '2000000', mode = 'local'] = process.argv.slice(2);
const threaded = mode === 'threads';
const PROGRAM = new URL('./programs/nexmark.ts', import.meta.url).href;
// `weir run`'s loader: slot threads rebuild the job from the program as `weir run` would.
const LOADER = new URL('../src/cli/commands/run.ts', import.meta.url).href;
const parallelism = Number(pText);
const events = Number(eventsText);

async function run(): Promise<{ output: number }> {
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
