/**
 * to_number(text, template) against PostgreSQL: the cases of PostgreSQL's numeric tests
 * (group separators, PR brackets, S/MI/PL/SG before and after, blanks, L, TH, V, FM), errors
 * (EEEE, RN, overflow, nothing read), and round trips of generated numbers through to_char.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['-34,338,492', '99G999G999'], ['-34,338,492.654,878', '99G999G999D999G999'], ['<564646.654564>', '999999.999999PR'], ['0.00001-', '9.999999S'],
  ['5.01-', 'FM9.999999S'], ['5.01-', 'FM9.999999MI'], ['5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9'], ['.01', 'FM9.99'], ['.0', '99999999.99999999'], ['0', '99.99'],
  ['.-01', 'S99.99'], ['.01-', '99.99S'], [' . 0 1-', ' 9 9 . 9 9 S'], ['34,50', '999,99'], ['123,000', '999G'], ['123456', '999G999'], ['$1234.56', 'L9,999.99'],
  ['$1234.56', 'L99,999.99'], ['$1,234.56', 'L99,999.99'], ['1234.56', 'L99,999.99'], ['1,234.56', 'L99,999.99'], ['42nd', '99th'], ['123456', '99999V99'],
  ['1e5', '9.9EEEE'], ['XIV', 'RN'], ['12345', '99'], ['abc', '999'], ['', '999'], ['12', ''], ['-12', '99'], ['+12', 'S99'], ['12+', '99S'], ['12-', '99MI'], ['12+', '99PL'],
  ['-12', 'SG99'], ['+12', 'SG99'], ['12.345', '99.99'], ['12.345', '99D999'], ['1,2,3', '9,9,9'], ['  12', '9999'], ['12  ', '9999'], ['0012', '0000'], ['-0', '9'],
  ['1.5', '9'], ['99.9', '99.9'], ['100.0', '99.9'], ['1 234', '9 999'], ['<12>', '99PR'], ['12>', '99PR'], ['-', '9'], ['.', '9.9'], ['5', 'FM9'], ['1,234', 'FM9G999'],
  ['1234', 'FM9G999'], ['12.3-', 'FM99.9MI'], ['12.3', 'B99.9'], ['1.2.3', '9.9.9'], ['12', '9x9'], ['1x2', '9x9'], ['$12', 'L99'], ['12', 'L99'], ['ab12', 'LL99'],
  ['1-2', '9x9'], ['1,234', '9,999'], ['1234', '9,999'], ['1,234', 'FM9,999'],
];

describe.skipIf(pg.skipReason)('to_number matches PostgreSQL', () => {
  it("on PostgreSQL's cases and round trips through to_char", async () => {
    const calls: Call[] = CASES.map(([s, f]) => functionCall('to_number', [['text', s], ['text', f]], session));
    const r = rng(42);
    const templates = ['999999.99', 'FM999999.99', '9G999G999D99', 'S999999.999', '999999.999S', 'FM999999.999MI', '999999PR', '0000000.00', 'L999,999.99', 'SG99999', 'PL99999.9', '99999V99', 'FM9999990.0999'];
    for (let k = 0; k < 200; k++) {
      const v = (r() < 0.5 ? -1 : 1) * Math.round(r() * 10 ** int(r, 0, 6)) / 10 ** int(r, 0, 3);
      const template = pick(r, templates);
      const text = (await pg.query<{ t: string }>('SELECT to_char($1::numeric, $2) AS t', [String(v), template])).rows[0]!.t;
      calls.push(functionCall('to_number', [['text', text], ['text', template]], session));
    }
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_number', tally, 250);
  });
});
