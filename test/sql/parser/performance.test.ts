/**
 * Parsing is linear: deep nesting must not blow up (node-sql-parser took over 20 s at depth
 * 20). Throughput is printed for docs/sql-parser.md, never asserted; the only bound is a
 * generous one that an exponential parser would miss by orders of magnitude.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/sql/parser/index.ts';

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

describe('nesting', () => {
  const depth = 200;
  const nestedParens = `select ${'('.repeat(depth)}a = 1 and b = 2${')'.repeat(depth)} from t`;
  let nestedAnds = 'a = 1';
  for (let i = 0; i < depth; i++) nestedAnds = `(${nestedAnds} and c${i} = ${i})`;
  const cases: Array<[string, string]> = [
    ['200-deep parentheses', nestedParens],
    ['200-deep ANDs', `select * from t where ${nestedAnds}`],
    ['200-deep ANDs in a materialized view', `create materialized view m as select * from t where ${nestedAnds} emit on window close`],
    ['200-deep ANDs in a watermark', `create table t (ts timestamp, watermark for ts as ${nestedAnds.replaceAll('a = 1', 'ts')})`],
  ];
  it.each(cases)('%s parses in well under a second', (name, sql) => {
    parse(sql); // warm up
    const [stmts, ms] = timed(() => parse(sql));
    console.log(`[parser] ${name}: ${ms.toFixed(2)} ms`);
    expect(stmts).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
  });
});

describe('throughput (printed, not asserted)', () => {
  it('measures statements per second', () => {
    const workloads: Record<string, string> = {
      'simple SELECT (PostgreSQL route)': 'select a, b from t where a = 1',
      'INSERT of 10 rows (PostgreSQL route)': `insert into t values ${Array.from({ length: 10 }, (_, i) => `(${i}, 'x${i}')`).join(', ')}`,
      'SET (grammar route)': 'set streaming_parallelism = 4',
      'CREATE TABLE with watermark (grammar + fragments)':
        "create table t (a int primary key, b varchar, ts timestamp, watermark for ts as ts - interval '5' second) append only with (connector = 'datagen')",
      'CREATE MATERIALIZED VIEW (grammar + query)':
        "create materialized view m as select window_start, count(*) from tumble(t, ts, interval '1' minute) group by window_start emit on window close",
    };
    for (const [name, sql] of Object.entries(workloads)) {
      const script = Array.from({ length: 2000 }, () => sql).join(';\n');
      // Best of five runs, after the JIT has warmed up on the first.
      let ms = Infinity;
      let perStmt = Infinity;
      for (let run = 0; run < 5; run++) {
        ms = Math.min(ms, timed(() => parse(script))[1]);
        perStmt = Math.min(
          perStmt,
          timed(() => {
            for (let i = 0; i < 2000; i++) parse(sql);
          })[1],
        );
      }
      console.log(
        `[parser] ${name}: ${Math.round(2000 / (ms / 1000))} statements/s in one script, ${Math.round(2000 / (perStmt / 1000))}/s one per call`,
      );
    }
  });
});
