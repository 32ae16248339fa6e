/**
 * `npm run bench`: Nexmark throughput of the DataStream engine. Runs the generator alone
 * (the ceiling), the source feeding a blackhole, and q0, q1, q2 and q5, at parallelism 1
 * and 2 — at 2 both with the subtasks sharing one thread and on two slot threads (as
 * `weir run -p 2` runs a program) — and q0–q2, q5 also in SQL (the same query as a sink
 * into a blackhole, planned by the SQL engine), each three times in a fresh process, and
 * prints medians:
 *
 *   events/s        events over wall-clock time
 *   per core        events per CPU-second used by the process (user + system, all
 *                   threads), i.e. the throughput one core sustains; the figure to
 *                   compare with published per-core numbers
 *   vs ceiling      per-core rate relative to the generator alone, measured in the same run
 *   peak RSS        the process's maximum resident memory
 *
 *   npm run bench -- [--events N] [--q5-events N] [--runs 3] [--only q1,q5]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ParameterTool } from '../src/api/parameter-tool.ts';

interface Sample {
  name: string;
  parallelism: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

const params = ParameterTool.fromArgs(process.argv.slice(2));
const events = params.getInt('events', 5_000_000);
const q5Events = params.getInt('q5-events', 2_000_000);
const runs = params.getInt('runs', 3);
const only = params.has('only') ? new Set(params.getRequired('only').split(',')) : null;
const caseScript = fileURLToPath(new URL('./case.ts', import.meta.url));

type Mode = 'local' | 'threads';

function runCase(name: string, p: number, n: number, mode: Mode): Sample {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', caseScript, name, String(p), String(n), mode], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = out.trim().split('\n').pop() as string;
  return JSON.parse(last) as Sample;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const fmtRate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : `${(r / 1e3).toFixed(0)} k`);

const cases: Array<[string, number, number, Mode]> = [['generator', 1, events, 'local']];
for (const q of ['source', 'q0', 'q1', 'q2', 'q5']) {
  const n = q === 'q5' ? q5Events : events;
  cases.push([q, 1, n, 'local']);
  // The same query in SQL, at parallelism 1, right after its DataStream version.
  if (q !== 'source') cases.push([`sql-${q}`, 1, n, 'local']);
  cases.push([q, 2, n, 'local'], [q, 2, n, 'threads']);
}

console.log(`Nexmark on Weir's DataStream engine: median of ${runs} runs, node ${process.version}, ${new Date().toISOString()}`);
console.log('query      p   threads  events      events/s    per core   vs ceiling  peak RSS');
let ceiling = 0;
for (const [name, p, n, mode] of cases) {
  if (only !== null && name !== 'generator' && !only.has(name.replace(/^sql-/, ''))) continue;
  const samples = Array.from({ length: runs }, () => runCase(name, p, n, mode));
  const wall = median(samples.map((s) => n / (s.wallMs / 1000)));
  const perCore = median(samples.map((s) => n / (s.cpuMs / 1000)));
  const rss = median(samples.map((s) => s.peakRssMb));
  if (name === 'generator') ceiling = perCore;
  console.log(
    [
      name.padEnd(10),
      String(p).padEnd(3),
      String(mode === 'threads' ? p : 1).padEnd(8),
      String(n).padEnd(11),
      fmtRate(wall).padStart(9),
      fmtRate(perCore).padStart(11),
      `${((perCore / ceiling) * 100).toFixed(0)} %`.padStart(11),
      `${rss.toFixed(0)} MB`.padStart(9),
    ].join(' '),
  );
}
