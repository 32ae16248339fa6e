/**
 * Oracle test: for generated literals of every type, PostgreSQL's `SELECT 'literal'::type`
 * (its output function, text format) and Weir's cast from an unknown literal + formatValue
 * give the same text, or fail with the same SQLSTATE.
 */
import { describe, expect, it } from 'vitest';
import { UNKNOWN, castFunction, formatType, formatValue, parseTypeName, sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { digits, int, lit, pgOutcome, pick, rng, show, weirOutcome } from './oracle.ts';

const TZ = 'America/New_York';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

function cases(): Array<[string, string]> {
  const r = rng(42);
  const out: Array<[string, string]> = [];
  const add = (type: string, ...texts: string[]): void => { for (const t of texts) out.push([type, t]); };
  // Booleans, incl. prefixes and errors.
  add('boolean', 't', 'TRUE', ' yes ', 'y', 'on', 'of', 'o', 'off', '1', '0', 'false', 'nope', '', 'tr');
  // Integers at the boundaries and past them.
  for (const [ty, lo, hi] of [['smallint', -32768n, 32767n], ['integer', -2147483648n, 2147483647n], ['bigint', -9223372036854775808n, 9223372036854775807n]] as const) {
    add(ty, String(lo), String(hi), String(lo - 1n), String(hi + 1n), ' 42 ', '+7', '-0', '1.5', 'abc', '', '1e3', '0x10');
    for (let i = 0; i < 15; i++) add(ty, String(BigInt(int(r, -1e9, 1e9)) * BigInt(int(r, 0, 10 ** int(r, 0, 9)))));
  }
  // Floats: shortest round trip, subnormals, exponents, specials.
  const floats = ['0.1', '1e100', '1e-5', '1e-4', '123456789012345678', '1e15', '1e14', '-0', '0', 'NaN', 'Infinity', '-inf',
    '4.9e-324', '2.2250738585072014e-308', '1.7976931348623157e308', '1e309', '1e-400', '3.14159', '100', '1.5e-7', 'abc', '0.30000000000000004',
    '1e-45', '1.4e-45', '3.4028235e38', '3.5e38', '1e-50', '16777217', '0.000123456', '123456.7', '1234567'];
  for (let i = 0; i < 40; i++) floats.push(`${int(r, -9, 9)}.${digits(r, int(r, 1, 17))}e${int(r, -320, 310)}`);
  for (let i = 0; i < 20; i++) floats.push(String(r() * 10 ** int(r, -10, 20)));
  add('double precision', ...floats);
  add('real', ...floats);
  // Numerics: scales, huge values, rounding into typmods, specials.
  const nums = ['0', '-0', '0.000', '1.50', '1e3', '1.5e-3', '.5', '5.', '-12.3400', 'NaN', 'nan', 'Infinity', '-Infinity', 'inf',
    '1e-20', '123456789012345678901234567890.123456789', 'abc', '1.2.3', '+-1', ' 42 ', '1e100000000'];
  for (let i = 0; i < 40; i++) nums.push(`${pick(r, ['', '-'])}${digits(r, int(r, 1, 40))}.${digits(r, int(r, 0, 30))}`);
  add('numeric', ...nums);
  for (const n of nums.slice(0, 30)) add('numeric(5,2)', n);
  add('numeric(5,2)', '999.995', '999.994', '-999.995', '0.005', '0.0049');
  add('numeric(3,-2)', '12345', '99949', '99950', '-149');
  add('numeric(2,4)', '0.0099', '0.01', '0.00999');
  // Text types.
  add('varchar(3)', 'abc', 'abcd', 'ab  ', 'héé', 'héé ');
  add('text', 'hello', '', 'ünïcödé');
  // Dates and timestamps around year and DST boundaries.
  const stamps = ['2024-01-01', '2024-01-01 10:00', '2024-01-01T10:00:00Z', '2023-12-31 23:59:59.999999', '2024-02-29 12:00',
    '2023-02-29', '2024-13-01', '2024-01-32', '2024-01-01 24:00:00', '2024-01-01 25:00', '2024-01-01 10:60',
    '2024-03-10 02:30', '2024-03-10 01:59:59', '2024-03-10 03:00', '2024-11-03 01:30', '2024-11-03 01:30-04', '2024-11-03 01:30 UTC',
    '2024-06-30 23:59:60', '1999-12-31 23:59:59.5', '1970-01-01', '1969-12-31 23:59:59.999999', '0001-01-01', '0001-01-01 BC',
    '0044-03-15 BC', '9999-12-31 23:59:59', '10000-01-01', '294276-12-31 23:59:59', '294277-01-01', '4714-11-24 BC', '4714-11-23 BC',
    'epoch', 'infinity', '-infinity', 'abc', '2024-01-01 10:00:00.1234567', '2024-01-01 10:00+05:30', '2024-01-01 10:00 Europe/Berlin',
    '01/02/2024', '2024-01-01 10:00:00 Mars/Olympus', '1883-11-18 12:00', '1900-01-01 00:00', '20240101', '2024-1-5 3:4:5'];
  for (let i = 0; i < 40; i++) {
    const y = int(r, 1900, 2100);
    stamps.push(`${y}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')} ${int(r, 0, 23)}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}.${digits(r, int(r, 0, 6))}`);
  }
  add('timestamp', ...stamps);
  add('timestamptz', ...stamps);
  add('date', ...stamps.slice(0, 35));
  add('timestamp(3)', '2024-01-01 10:00:00.1235', '1999-12-31 23:59:59.9995', '1980-01-01 00:00:00.0005', '2000-01-01 00:00:00.0005');
  add('timestamp(0)', '2024-01-01 10:00:00.5', '1990-01-01 10:00:00.5');
  add('time', '10:00', '23:59:59.999999', '24:00:00', '24:00:01', '12:00 PM', '12:00 AM', '1:30 pm', '10:00:00.1234567', '2024-01-01 10:00', 'abc', 'allballs');
  // Intervals with mixed units, fractions, signs, qualifiers.
  add('interval', '1 year 2 mons 3 days 04:05:06', '10 seconds', '10 second', '1 day 02:00', '-1 day +02:00', '-1 day -02:00', '1.5 days',
    '1.5 months', '1.5 years', '2 weeks', '0.5 weeks', '@ 1 minute ago', '1 day ago', '3 4:05:06', 'P1Y2M3DT4H5M6S', 'PT10S', 'P0.5D',
    '10', '1:30', '-1:30', '100 hours', '1000000 hours', '0', '1 ms', '1.5 ms', '1 us', '1 decade', '1 century', '1 millennium',
    '-1 year -2 mons +3 days', '1 mon -1 day', '1 yr 2 hrs 3 mins 4 secs', 'abc', '1 fortnight', '', '1 day 2 hours 3 minutes',
    '00:00:00.0000005', '1 day 24:00:00', '-00:00:01', '12:34:56.789', '2147483647 days', '2147483648 days', '1 year ago');
  for (let i = 0; i < 30; i++) {
    const parts: string[] = [];
    if (r() < 0.5) parts.push(`${int(r, -30, 30)} years`);
    if (r() < 0.5) parts.push(`${int(r, -30, 30)} mons`);
    if (r() < 0.5) parts.push(`${int(r, -400, 400)} days`);
    if (r() < 0.5) parts.push(`${int(r, -100, 100)} hours`);
    if (r() < 0.5) parts.push(`${pick(r, ['', '-', '+'])}${int(r, 0, 99)}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}.${digits(r, int(r, 1, 6))}`);
    if (parts.length === 0) parts.push(`${int(r, 1, 1000)} minutes`);
    add('interval', parts.join(' '));
  }
  add('interval second', '10', '1 day 02:03:04.5');
  add('interval minute', '10', '1 day 02:03:04.5');
  add('interval day', '10', '1 day 02:03:04.5');
  add('interval year to month', '1 year 2 mons 3 days');
  add('interval minute to second', '1:30');
  add('interval(2)', '1.12345 seconds');
  // jsonb: nesting, key order, duplicates, unicode, escapes, numbers.
  add('jsonb', '{"b": 1, "a": 2}', '{"aa": 1, "b": 2, "a": [1, 2, {"z": null}]}', '{"a": 1, "a": 2}', '[1, 2.50, 1e2, -0, 1E-3]',
    '"\\u00e9\\n\\t\\"\\\\"', '"\\u0000"', '{"é": 1, "e": 2, "z": 3}', '{"\\ud83d\\ude00": "😀"}', 'null', 'true', ' [ ] ', '{}',
    '{"a":}', '[1,]', 'nul', '"\\x"', '"a\u0001"', '"\\u0001"', '12345678901234567890.000', '{"key with \\"quote\\"": "v"}',
    '{"b": {"d": 1, "c": 2}, "a": [true, false, null]}', '"\\ud800"', '[[[[[]]]]]', '{"日本": "語", "ab": 1, "b": 0}');
  for (let i = 0; i < 20; i++) {
    const keys = Array.from({ length: int(r, 1, 6) }, () => pick(r, ['a', 'b', 'ab', 'ba', 'é', 'A', 'key', 'k\\n', '1', '']));
    add('jsonb', '{' + keys.map((k) => `"${k}": ${pick(r, ['1', '"x"', '[1, "2"]', 'null', '1.230', '{"n": false}'])}`).join(', ') + '}');
  }
  return out;
}

describe.skipIf(pg.skipReason)('text input/output matches PostgreSQL', () => {
  it('for every generated literal', async () => {
    const all = cases();
    const mismatches: string[] = [];
    for (const [typeName, text] of all) {
      const expected = await pgOutcome(pg, `SELECT ${lit(text)}::${typeName} AS v`);
      const m = /^(\w[\w ]*?)(?:\((-?\d+)(?:,(-?\d+))?\))?$/.exec(typeName)!;
      const type = parseTypeName(m[1]!, [m[2], m[3]].filter((x) => x !== undefined).map(Number));
      const actual = weirOutcome(() => formatValue(type, castFunction(UNKNOWN, type, 'e', session)(text), session));
      if (show(expected) !== show(actual)) mismatches.push(`${formatType(type)} ${JSON.stringify(text)}: pg ${show(expected)} | weir ${show(actual)}`);
    }
    expect(all.length).toBeGreaterThan(500);
    expect(mismatches).toEqual([]);
  });
});
