/**
 * Oracle test for error wording: psql users see the message, so SQLSTATE, message and detail
 * must equal PostgreSQL's, not just the code.
 */
import { describe, expect, it } from 'vitest';
import { OPERATOR_IMPLS, UNKNOWN, castFunction, parseTypeName, resolveBinaryOperator, sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { lit } from './oracle.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const describeError = (e: unknown): string => {
  const x = e as { code?: string; message?: string; detail?: string };
  return `${x.code}: ${x.message}${x.detail ? ` (${x.detail})` : ''}`;
};

/** [type, literal] casts and [op, ltype, a, rtype, b] expressions that must fail alike. */
const CASTS: Array<[string, string]> = [
  ['integer', 'abc'], ['integer', '2147483648'], ['smallint', '-32769'], ['bigint', '9223372036854775808'], ['boolean', 'maybe'],
  ['numeric', 'x1'], ['numeric(5,2)', '1000'], ['numeric(5,2)', 'Infinity'], ['numeric(3,5)', '0.01'], ['double precision', '1e999'],
  ['real', '1e39'], ['double precision', 'one'], ['timestamp', 'nope'], ['timestamp', '2024-02-30'], ['date', '2024-13-01'],
  ['timestamptz', '2024-01-01 10:00 Nowhere/City'], ['interval', '1 fortnight'], ['jsonb', '{"a":}'], ['jsonb', '"\\u0000"'],
  ['varchar(2)', 'abc'], ['time', '25:00'],
];
const EXPRS: Array<[string, string, string, string, string]> = [
  ['+', 'integer', '2147483647', 'integer', '1'], ['*', 'smallint', '300', 'smallint', '300'], ['-', 'bigint', '-9223372036854775808', 'bigint', '1'],
  ['/', 'integer', '1', 'integer', '0'], ['%', 'bigint', '1', 'bigint', '0'], ['/', 'numeric', '1', 'numeric', '0'],
  ['/', 'double precision', '1', 'double precision', '0'], ['*', 'double precision', '1e300', 'double precision', '1e300'],
  ['+', 'timestamp', '294276-12-31', 'interval', '1 day'], ['+', 'date', '5874897-12-31', 'integer', '1'],
  ['+', 'integer', '1', 'boolean', 'true'], ['-', 'text', 'a', 'integer', '1'], ['*', 'interval', '1 day', 'double precision', '1e300'],
];

describe.skipIf(pg.skipReason)('error messages match PostgreSQL', () => {
  it('for casts and operators', async () => {
    const mismatches: string[] = [];
    const check = async (sql: string, weir: () => unknown): Promise<void> => {
      let expected = 'no error', actual = 'no error';
      try { await pg.query(sql); } catch (e) { expected = describeError(e); }
      try { weir(); } catch (e) { actual = describeError(e); }
      if (expected !== actual) mismatches.push(`${sql}\n    pg:   ${expected}\n    weir: ${actual}`);
    };
    for (const [t, v] of CASTS) {
      const m = /^(\w[\w ]*?)(?:\((\d+)(?:,(\d+))?\))?$/.exec(t)!;
      const type = parseTypeName(m[1]!, [m[2], m[3]].filter((x) => x !== undefined).map(Number));
      await check(`SELECT ${lit(v)}::${t}`, () => castFunction(UNKNOWN, type, 'e', session)(v));
    }
    for (const [op, lt, a, rt, b] of EXPRS) {
      await check(`SELECT ${lit(a)}::${lt} ${op} ${lit(b)}::${rt}`, () => {
        const l = parseTypeName(lt), r = parseTypeName(rt);
        const sig = resolveBinaryOperator(op, l, r);
        const av = castFunction(l, sig.left!, 'i', session)(castFunction(UNKNOWN, l, 'e', session)(a)!);
        const bv = castFunction(r, sig.right, 'i', session)(castFunction(UNKNOWN, r, 'e', session)(b)!);
        return OPERATOR_IMPLS[sig.impl]!(av, bv, session);
      });
    }
    expect(mismatches).toEqual([]);
  });
});
