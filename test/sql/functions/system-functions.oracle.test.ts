/**
 * System information and comparison functions against PostgreSQL: pg_typeof over every type
 * and untyped literals, num_nulls / num_nonnulls, pg_size_pretty (bigint and numeric) and
 * pg_size_bytes over generated sizes and spellings.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Arg, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const TYPED: Arg[] = [
  ['integer', '1'], ['smallint', '1'], ['bigint', '1'], ['real', '1'], ['double precision', '1'], ['numeric', '1'], ['numeric(5,2)', '1'],
  ['text', 'a'], ['varchar', 'a'], ['varchar(3)', 'a'], ['boolean', 'true'], ['date', '2020-01-01'], ['time', '01:02'], ['time(3)', '01:02'],
  ['timestamp', '2020-01-01'], ['timestamp(2)', '2020-01-01'], ['timestamptz', '2020-01-01'], ['interval', '1 day'],
  ['interval day to second', '1 day'], ['jsonb', '{}'], ['integer[]', '{1}'], ['text[]', '{a}'], ['numeric(4,1)[]', '{1}'],
  [null, 'a'], [null, null],
];

describe.skipIf(pg.skipReason)('system information and comparison functions match PostgreSQL', () => {
  it('pg_typeof, num_nulls and num_nonnulls', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    for (const a of TYPED) { f('pg_typeof', a); f('pg_typeof', [a[0], null]); }
    const r = rng(3);
    for (let k = 0; k < 60; k++) {
      const args = Array.from({ length: int(r, 1, 6) }, (): Arg => {
        const a = pick(r, TYPED);
        return r() < 0.4 ? [a[0], null] : a;
      });
      f('num_nulls', ...args); f('num_nonnulls', ...args);
    }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('pg_typeof / num_nulls', tally, 150);
  });

  it('pg_size_pretty and pg_size_bytes', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const r = rng(11);
    const edges = ['0', '1', '-1', '10239', '10240', '-10240', '10752', '20971519', '20971520', '9223372036854775807', '-9223372036854775808', '1125899906842624', '23089744183296000'];
    for (const e of edges) { f('pg_size_pretty', ['bigint', e]); f('pg_size_pretty', ['numeric', e]); }
    for (let k = 0; k < 150; k++) {
      const bits = int(r, 0, 62);
      const v = BigInt(Math.floor(r() * 2 ** 30)) << BigInt(Math.max(0, bits - 30));
      const signed = r() < 0.2 ? -v : v;
      f('pg_size_pretty', ['bigint', String(signed)]);
      f('pg_size_pretty', ['numeric', `${signed}${r() < 0.5 ? `.${int(r, 0, 999)}` : ''}`]);
    }
    for (const v of ['1e30', '-1e30', '123.45', '10239.99', '10240.5', '-0.5', 'NaN', 'Infinity', '-Infinity']) f('pg_size_pretty', ['numeric', v]);
    const texts = ['1', ' 12  kB ', '1.5 GB', '1PB', '-.5 mb', '1e3 bytes', '1 b', 'abc', '1 KB', '1e400', '+7 tb', '.', '5.', '1E+2kB', '1e kB',
      '9223372036854775807', '9223372036854775808', '8191 PB', '8192 PB', '1 kB x', '', '  ', '0.0001 kB', '2.5 bytes', '1 eb'];
    for (const t of texts) f('pg_size_bytes', ['text', t]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('pg_size_pretty / pg_size_bytes', tally, 350);
  });
});
