/**
 * Materialized views at parallelism 1 and 2 (npm run bench:parallel): Nexmark q5 as a view
 * over a bounded nexmark source, and the tables-with-views workload (bench/table-workload.ts),
 * each run in a fresh process (bench/view-case.ts) with Weir's view slots (one thread per
 * core), alternating the parallelism so that both see the same machine. Prints medians, the
 * speed-up of parallelism 2 over 1 in the same run, and checks that both computed the same
 * result.
 *
 *   node bench/view-parallelism.ts [--events N] [--rows N] [--runs R] [--only q5|tables]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const EVENTS = Number(arg('events', '400000'));
const ROWS = Number(arg('rows', '20000'));
const RUNS = Number(arg('runs', '3'));
const ONLY = arg('only', 'q5,tables').split(',');

interface Run {
  readonly work: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly checksum: string;
  readonly peakRssMb: number;
}

const CASE = new URL('./view-case.ts', import.meta.url).pathname;
function once(name: string, p: number, size: number): Run {
  const out = execFileSync(process.execPath, [CASE, name, String(p), String(size)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const k = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`);

console.log(`Views at parallelism 1 and 2: ${availableParallelism()} cores, median of ${RUNS} runs, node ${process.version}, ${new Date().toISOString()}`);
console.log(`${'case'.padEnd(8)} ${'p'.padEnd(3)} ${'work'.padStart(9)} ${'per s'.padStart(10)} ${'per cpu-s'.padStart(10)} ${'wall s'.padStart(7)} ${'peak RSS'.padStart(9)}`);
for (const name of ONLY) {
  const size = name === 'q5' ? EVENTS : ROWS;
  const runs: Record<number, Run[]> = { 1: [], 2: [] };
  for (let r = 0; r < RUNS; r++) for (const p of [1, 2]) runs[p]!.push(once(name, p, size));
  const sums = new Set([...runs[1]!, ...runs[2]!].map((r) => r.checksum));
  if (sums.size !== 1) throw new Error(`${name}: parallelism 1 and 2 disagree: ${[...sums].join(' vs ')}`);
  const rate: Record<number, number> = {};
  for (const p of [1, 2]) {
    const rs = runs[p]!;
    const work = rs[0]!.work;
    const wall = median(rs.map((r) => r.wallMs));
    const cpu = median(rs.map((r) => r.cpuMs));
    rate[p] = work / (wall / 1000);
    console.log(
      `${name.padEnd(8)} ${String(p).padEnd(3)} ${String(work).padStart(9)} ${k(rate[p]!).padStart(10)} ${k(work / (cpu / 1000)).padStart(10)} ${(wall / 1000).toFixed(2).padStart(7)} ${`${Math.round(median(rs.map((r) => r.peakRssMb)))} MB`.padStart(9)}`,
    );
  }
  console.log(`${name.padEnd(8)} speed-up of parallelism 2 over 1 (wall clock): ${(rate[2]! / rate[1]!).toFixed(2)}; results equal (${[...sums][0]})`);
}
