/**
 * LIKE and `~` on ordinary patterns: the linear-time matchers (like-pattern.ts; RE2JS via
 * regex-engine.ts) against the JS RegExp they replaced, measured in the same run. The old
 * engines are reproduced here as they were (a pattern compiled once to an anchored RegExp).
 *
 *   node bench/like-regex.ts [--rows N] [--runs R]
 *
 * Each run matches N generated strings (~40 characters, a quarter of them matching) against
 * each pattern; the figure is the median ns per match over R runs, and the ratio new/old.
 */
import { like } from '../src/sql/functions/text/like.ts';
import { compiledRegex } from '../src/sql/functions/text/regex-engine.ts';
import { DEFAULT_REGEX_OPTIONS } from '../src/sql/functions/text/regex-flags.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 200_000);
const RUNS = arg('runs', 7);

/** The LIKE of before: `%` → `.*`, `_` → `.`, the rest quoted, anchored. */
function oldLikeRegExp(pattern: string): RegExp {
  let src = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') src += pattern[++i]!.replace(/[\\^$.*+?()[\]{}|/]/, '\\$&');
    else if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += c.replace(/[\\^$.*+?()[\]{}|/]/, '\\$&');
  }
  return new RegExp(src + '$', 'su');
}

function texts(): string[] {
  let seed = 7;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const words = ['abc', 'axc', 'user', 'mail', 'b', 'c', 'x1', '42', 'foo', 'bar@baz.com', ' ', '-'];
  return Array.from({ length: ROWS }, () => {
    let s = '';
    while (s.length < 40) s += words[Math.floor(rand() * words.length)];
    return s;
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median ns per call of `f` over the texts; the count of trues keeps the work observable. */
function measure(data: readonly string[], f: (s: string) => boolean): { ns: number; hits: number } {
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < RUNS; r++) {
    hits = 0;
    const t0 = process.hrtime.bigint();
    for (const s of data) if (f(s)) hits++;
    times.push(Number(process.hrtime.bigint() - t0) / data.length);
  }
  return { ns: median(times), hits };
}

const data = texts();
const rows: string[][] = [['operator', 'pattern', 'old ns', 'new ns', 'new/old', 'matches']];
const compare = (op: string, pattern: string, oldF: (s: string) => boolean, newF: (s: string) => boolean): void => {
  const o = measure(data, oldF), n = measure(data, newF);
  if (o.hits !== n.hits) throw new Error(`${op} ${pattern}: old matched ${o.hits}, new ${n.hits}`);
  rows.push([op, pattern, o.ns.toFixed(0), n.ns.toFixed(0), (n.ns / o.ns).toFixed(2), String(n.hits)]);
};

for (const p of ['abc%', '%abc%', 'a_c', '%a%b%c%', '%bar@%.com']) {
  const re = oldLikeRegExp(p);
  compare('LIKE', p, (s) => re.test(s), (s) => like(s, p));
}
for (const p of ['^abc', 'mail', '[0-9]+', '(\\w+)@(\\w+)\\.com', 'a.c.*user$']) {
  const re = new RegExp(p, 'su');
  compare('~', p, (s) => re.test(s), (s) => compiledRegex(p, DEFAULT_REGEX_OPTIONS).test(s));
}

console.log(`${ROWS} strings, median of ${RUNS} runs (Node ${process.version})`);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((v, c) => v.padStart(widths[c]!)).join('  '));
