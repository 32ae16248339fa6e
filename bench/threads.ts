/**
 * Single thread vs slot threads: q0, q1, q2 and q5 at p=1 (one thread) and p=2 threaded
 * (two slot threads loading bench/programs/nexmark.ts), each `runs` times in a fresh
 * process; prints medians of events/s (wall clock) and events per CPU-second (all threads).
 *
 *   node bench/threads.ts [--events 3000000] [--q5-events 1000000] [--runs 3] [--p 2]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ParameterTool } from '../src/api/parameter-tool.ts';

const params = ParameterTool.fromArgs(process.argv.slice(2));
const events = params.getInt('events', 3_000_000);
const q5Events = params.getInt('q5-events', 1_000_000);
const runs = params.getInt('runs', 3);
const p = params.getInt('p', 2);
const CASE = fileURLToPath(new URL('./case.ts', import.meta.url));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function measure(query: string, parallelism: number, n: number, mode: string): { rate: number; perCpu: number } {
  const rates: number[] = [];
  const perCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [CASE, query, String(parallelism), String(n), mode], { encoding: 'utf8' });
    const s = JSON.parse(out.trim().split('\n').pop() as string) as { wallMs: number; cpuMs: number };
    rates.push(n / (s.wallMs / 1000));
    perCpu.push(n / (s.cpuMs / 1000));
  }
  return { rate: median(rates), perCpu: median(perCpu) };
}

const fmt = (x: number): string => `${(x / 1e6).toFixed(2)}M`.padStart(8);
console.log(`query  events   p=1 ev/s  p=1 ev/cpu-s  p=${p}T ev/s  p=${p}T ev/cpu-s  speed-up`);
for (const q of ['q0', 'q1', 'q2', 'q5']) {
  const n = q === 'q5' ? q5Events : events;
  const one = measure(q, 1, n, 'local');
  const many = measure(q, p, n, 'threads');
  console.log(
    `${q.padEnd(6)} ${String(n).padStart(7)} ${fmt(one.rate)}  ${fmt(one.perCpu)}      ${fmt(many.rate)}  ${fmt(many.perCpu)}       ${(many.rate / one.rate).toFixed(2)}x`,
  );
}
