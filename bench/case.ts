/**
 * One benchmark run in a fresh process (so peak memory is this run's own):
 *   node bench/case.ts <generator|source|q0|q1|q2|q5> <parallelism> <events>
 * Prints one JSON line: events, wall ms, CPU ms, peak RSS.
 */
import { NexmarkConfig } from '../src/connectors/nexmark/config.ts';
import { NexmarkGenerator } from '../src/connectors/nexmark/generator.ts';
import { StreamExecutionEnvironment } from '../src/index.ts';
import { buildQuery, type QueryName } from './queries.ts';

const [name = 'q0', pText = '1', eventsText = '2000000'] = process.argv.slice(2);
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
  const result = await env.execute(name);
  if (result.metrics.sourceRecords !== events) throw new Error(`read ${result.metrics.sourceRecords} of ${events} events`);
  return { output: sink.count };
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
    events,
    output,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
