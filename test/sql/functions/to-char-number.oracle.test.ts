/**
 * to_char(numeric | integer | bigint | real | double precision, text) against PostgreSQL:
 * every number pattern (9 0 . , D G S MI PL SG PR L B C FM TH th RN rn V EEEE) and their
 * combinations, on zero, negatives, values that round up a digit, values too wide for the
 * pattern ('#'), ties (numeric rounds half away from zero, floats half to even), NaN and
 * infinities, type extremes, NULLs; and the pattern combinations PostgreSQL refuses (42601) or
 * the values it cannot show in Roman numerals (22003, 0A000).
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { digits, int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Arg, type Call } from './harness.ts';

const TZ = 'Europe/Berlin';
const pg = usePostgres({ timeZone: TZ });
const session = sessionWithTimeZone(TZ);

const PATTERNS = [
  '999.99', 'FM999.99', '9.99', 'FM9.99', '9,999,999', 'FM9,999,999', '9G999G999D99', '999', 'FM999', '0000', 'FM0000', '0999.990', 'FM0999.990',
  '9990.0099', 'FM9990.0099', '.99', 'FM.999', '0.99', 'FM0.00', '9.', 'FM9.', '99999999999999999999999.99', '999999999999999.999999',
  'S999', '999S', 'S9.99', '9.99S', 'FMS999', 'FM999S', 'S0000.00', 'MI999', '999MI', 'FM999MI', 'MI9.99', 'PL999', '999PL', 'FMPL999', 'SG999',
  '999SG', 'FMSG999', 'SG9.99', '999PR', 'FM999PR', '9.99PR', '0000PR', 'L999', 'FML999.99', 'B999', 'C999', '9 9 9', '"Num: "999', '999" units"',
  '9,999.99,9', '99,99,99', 'FM99,99,99', 'RN', 'rn', 'FMRN', 'FMrn', '999RN', 'RNth', 'SGRN', 'MIRN', 'PLRN', 'FMMIRN', 'RN,', 'Rn', '9.99EEEE',
  '9EEEE', '99.9999EEEE', '9.eeee', '"x"9.99EEEE"y"', '99th', '999TH', 'FM99th', '99TH', '9.9th', 'S99th', '9V99', '99V9', '9V', 'V9', 'FM9V99',
  '99999999999V9999', '9V0', 'S9V99', '0000V9', 'FM9999999999999999999V9', 'D99', '9d99', 'sg999', 'mi999', 'pl999', 'pr', '999pr', 'fm999.99',
  'Foo 999', 'Th', 'E999', '',
  // refused combinations
  '9.9.9', '9D9.9', '9EEEE9', 'EEEE', '9EEEEEEEE', 'FM9EEEE', 'S9EEEE', '9.99EEEEPR', 'RN9EEEE', '9V9EEEE', 'SS999', 'S999MI', 'S999PL',
  'S999SG', 'S999PR', 'MI999S', '999PR9', 'PR0', 'V.99', '9.99V9', '9V9.9', 'PRS', 'MIPR',
];

const VALUES: Record<string, readonly string[]> = {
  numeric: [
    '0', '1', '-1', '123.456', '-123.456', '0.1', '-0.1', '0.0004', '1234567', '-1234567.891', '0.5', '-0.5', '99.995', '9.999', '9.995', '-9.995',
    '0.05', '1e20', '-1e-10', '12', '-12', '485', '3999', '4000', '3999.5', '3999.4', '0.00', '100', '11', '13', '21', '112', '1000000',
    '123456789012345678901234.56789', '0.000000001234', '-0.0000005', '2147483647.4', '2147483648', 'NaN', 'Infinity', '-Infinity',
  ],
  integer: ['0', '1', '-1', '12', '-12', '485', '2147483647', '-2147483648', '1000', '11', '3999', '4000', '21', '102', '25', '-123456', '9'],
  bigint: ['0', '-1', '9223372036854775807', '-9223372036854775808', '1234567890123', '485', '5000000000', '-5000000000', '25', '111', '12'],
  'double precision': [
    '0', '-0', '1.5', '2.5', '-2.5', '0.125', '0.375', '123.456', '-123.456', '1e100', '1e-5', '3.14159265358979', '1234567.891', '1e15',
    '123456789012345678', '0.1', '485.5', '-0.0001', '9.995', '99.995', '12', '-12', '25', '1e308', '5e-324', '4e-320', 'NaN', 'Infinity',
    '-Infinity', '2147483647.5', '3999.5', '0.5', '1e22', '12345678901234.5',
  ],
  real: ['0', '-0', '1.5', '123.456', '-0.1', '1e10', '3.4e38', '0.125', '485.4', '9.995', '12', '-12', '1234567', '1e-30', 'NaN', 'Infinity', '-Infinity'],
};

describe.skipIf(pg.skipReason)('to_char(number, text) matches PostgreSQL', () => {
  it('formats every numeric type with every number pattern', async () => {
    const r = rng(47);
    const values: Record<string, string[]> = Object.fromEntries(Object.entries(VALUES).map(([t, vs]) => [t, [...vs]]));
    for (let k = 0; k < 12; k++) {
      const sign = pick(r, ['', '-']);
      values.numeric!.push(`${sign}${digits(r, int(r, 1, 9))}.${digits(r, int(r, 1, 6))}`);
      values['double precision']!.push(`${sign}${digits(r, int(r, 1, 12))}.${digits(r, int(r, 1, 8))}`);
      values.real!.push(`${sign}${digits(r, int(r, 1, 5))}.${digits(r, int(r, 1, 3))}`);
      values.integer!.push(`${sign}${int(r, 0, 2147483647)}`);
      values.bigint!.push(`${sign}${digits(r, int(r, 1, 18))}`);
    }
    const calls: Call[] = [];
    const f = (...args: Arg[]): void => { calls.push(functionCall('to_char', args, session)); };
    for (const [type, vs] of Object.entries(values)) {
      for (const v of vs) for (const p of PATTERNS) f([type, v], ['text', p]);
      f([type, null], ['text', '999']);
      f([type, vs[1]!], ['text', null]);
    }
    // Untyped and smallint arguments resolve as in PostgreSQL.
    f([null, '12.5'], ['text', '99.9']);
    f([null, '12'], [null, '99']);
    f(['smallint', '-32768'], ['text', 'S99999']);
    f(['numeric(10,2)', '5.5'], [null, 'FM0.000']);
    // Long digit patterns (more digits than DBL_DIG/FLT_DIG; V with many digits).
    for (const type of ['numeric', 'double precision', 'real', 'bigint', 'integer']) {
      f([type, '1.5'], ['text', `FM9.${'0'.repeat(30)}`]);
      f([type, '-7'], ['text', `${'9'.repeat(40)}.${'9'.repeat(20)}`]);
      f([type, '3'], ['text', `9V${'9'.repeat(25)}`]);
      f([type, '123'], ['text', `9.${'9'.repeat(25)}EEEE`]);
      f([type, '12'], ['text', '\u20ac999\u20ac "\u20ac"']);
    }
    // A double whose %.0f has more digits than the pattern (and than snprintf's old 128-byte buffer).
    f(['double precision', '1e300'], ['text', '9'.repeat(300)]);
    f(['double precision', '1e300'], ['text', '9'.repeat(302)]);
    f(['double precision', '-1e200'], ['text', `FM${'9'.repeat(210)}.99`]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('to_char(number)', tally, 10000);
  });
});
