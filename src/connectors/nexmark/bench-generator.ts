/**
 * Micro benchmark of the Nexmark generator alone (no reader, no runtime): the ceiling for
 * any Nexmark query. Prints events/s, the median of 3 runs.
 *
 *   npx node src/connectors/nexmark/bench-generator.ts [events=5000000] [seed=0]
 */
import { NexmarkConfig } from './config.ts';
import { NexmarkGenerator } from './generator.ts';
import type { NexmarkEvent } from './model.ts';

const events = Number(process.argv[2] ?? 5_000_000);
const seed = Number(process.argv[3] ?? 0);
const generator = new NexmarkGenerator(new NexmarkConfig({ seed }));

function run(): number {
  let checksum = 0;
  let last: NexmarkEvent | null = null;
  const start = performance.now();
  for (let n = 0; n < events; n++) {
    last = generator.event(n);
    checksum += last.dateTime & 1; // keeps the work observable
  }
  const seconds = (performance.now() - start) / 1000;
  if (last === null || checksum < 0) throw new Error('unreachable');
  return events / seconds;
}

run(); // warm-up: let the JIT settle before measuring
const rates = [run(), run(), run()].sort((a, b) => a - b);
const median = rates[1] ?? 0;
const fmt = (r: number): string => `${(r / 1e6).toFixed(2)} M`;
console.log(`nexmark generator: ${fmt(median)} events/s (median of 3: ${rates.map(fmt).join(', ')})`);
