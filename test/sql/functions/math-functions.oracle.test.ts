/**
 * Mathematical functions against PostgreSQL: every overload with generated integers, floats and
 * exact numerics of mixed scales, including special values and the error cases.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { digits, int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, type Arg, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const INTS = ['0', '1', '-1', '7', '-7', '2147483647', '-2147483648', '46341', '100'];
const BIGINTS = ['0', '-9223372036854775808', '9223372036854775807', '9007199254740993', '-12', '1000000'];
const FLOATS = ['0', '-0', '1', '-1', '0.5', '-0.5', '1.5', '2.5', '-2.5', '3', '27', '1e-10', '1e300', '-1e300', '1e-320', 'NaN', 'Infinity', '-Infinity', '0.1', '123.456', '700', '-745', '-800', '1000'];
const SPECIAL_NUMERICS = ['0', '1', '-1', '0.5', '2', '10', '100', '0.001', '1.0000001', '0.9999', '1.1', '0.9', 'NaN', 'Infinity', '-Infinity', '-2', '2.5', '-0.5', '1e-20', '123456789.123456789'];

function randomNumeric(r: () => number): string {
  const intPart = digits(r, int(r, 1, 12)).replace(/^0+(?=\d)/, '');
  const frac = int(r, 0, 3) === 0 ? '' : '.' + digits(r, int(r, 1, 10));
  return pick(r, ['', '', '-']) + intPart + frac;
}

describe.skipIf(pg.skipReason)('math functions match PostgreSQL', () => {
  it('on integers and doubles', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    for (const v of INTS) { f('abs', ['integer', v]); f('abs', ['smallint', String(Math.max(-32768, Math.min(32767, Number(v))))]); }
    for (const v of BIGINTS) { f('abs', ['bigint', v]); f('mod', ['bigint', v], ['bigint', '-1']); f('mod', ['bigint', v], ['bigint', '7']); }
    for (const a of INTS) for (const b of ['0', '3', '-1', '-2147483648']) { f('mod', ['integer', a], ['integer', b]); f('gcd', ['integer', a], ['integer', b]); }
    for (const v of FLOATS) {
      for (const name of ['abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'sqrt', 'cbrt', 'exp', 'ln', 'log', 'log10', 'sign', 'degrees', 'radians'])
        f(name, ['double precision', v]);
      f('abs', ['real', v]);
      for (const e of ['0', '2', '-1', '0.5', '3', 'Infinity', '-Infinity', 'NaN', '1e10', '-1e10']) f('power', ['double precision', v], ['double precision', e]);
    }
    for (const v of ['-1', '2', '-8', '0.001', '1e-310', '123456.789', '64', '1000']) f('cbrt', ['double precision', v]);
    const r = rng(9);
    for (let k = 0; k < 150; k++) {
      const x = String((r() * 40 - 20) * 10 ** int(r, -3, 3)), y = String(Math.round((r() * 8 - 4) * 1000) / 1000);
      f('exp', ['double precision', x]); f('ln', ['double precision', String(Math.abs(Number(x)))]); f('log', ['double precision', String(Math.abs(Number(x)))]);
      f('power', ['double precision', String(Math.abs(Number(x)))], ['double precision', y]);
    }
    // Untyped literals resolve as PostgreSQL does (abs('1') is abs(double precision)).
    f('abs', [null, '-1.5']); f('round', [null, '2.5']); f('mod', [null, '7'], ['integer', '3']); f('power', ['integer', '2'], ['integer', '10']);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('integer/double math', tally, 1300);
  });

  it('trigonometry within one unit in the last place (V8 libm, not glibc)', async () => {
    const calls: Call[] = [];
    for (const v of FLOATS) for (const name of ['sin', 'cos', 'tan', 'atan', 'asin', 'acos']) calls.push(functionCall(name, [['double precision', v]], session));
    for (const [y, x] of [['1', '-1'], ['-0', '-1'], ['0.5', '2'], ['Infinity', '1']] as const) calls.push(functionCall('atan2', [['double precision', y], ['double precision', x]], session));
    const oneUlp = (a: string, b: string): boolean => {
      const x = Number(a), y = Number(b);
      return Math.abs(x - y) <= Math.abs(x) * 2.3e-16;
    };
    const tally = await compareCalls(pg, calls, { tolerance: oneUlp });
    expectAllMatch('trigonometry (±1 ulp)', tally, 140);
  });

  it('on exact numerics', async () => {
    const r = rng(5);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const samples = [...SPECIAL_NUMERICS];
    for (let k = 0; k < 40; k++) samples.push(randomNumeric(r));
    for (const v of samples) {
      const n: Arg = ['numeric', v];
      for (const name of ['abs', 'ceil', 'floor', 'round', 'trunc', 'sign', 'sqrt', 'exp', 'ln', 'log', 'log10', 'scale', 'trim_scale']) f(name, n);
      for (const s of ['0', '2', '-1', '5', '-3']) { f('round', n, ['integer', s]); f('trunc', n, ['integer', s]); }
      f('mod', n, ['numeric', pick(r, SPECIAL_NUMERICS)]); f('div', n, ['numeric', pick(r, ['3', '-0.7', '0', '2.5'])]);
      f('log', ['numeric', pick(r, ['2', '10', '0.5', '1', '1.5', '100'])], n);
      for (const e of ['0', '1', '-1', '2', '3', '-3', '0.5', '2.5', '-0.5', '10', '25', '1.000001', 'Infinity', '-Infinity', 'NaN']) f('power', n, ['numeric', e]);
    }
    for (const v of ['1e-5', '0.99999999', '1.00000001', '99999', '1e10', '5000', '-5000', '-6001', '6001', '0.000001234', '12345678901234567890'])
      for (const name of ['exp', 'ln', 'sqrt']) f(name, ['numeric', v]);
    for (const [b, e] of [['2', '100'], ['1.1', '1000'], ['0.5', '200'], ['10', '-20'], ['7', '-3'], ['1.000001', '1000000'], ['3.3', '50'], ['2', '0.1'], ['0', '2.5'], ['0', '0'], ['-2', '3'], ['-2', '2.5'], ['0', '-2'], ['9.99', '1000']] as const)
      f('power', ['numeric', b], ['numeric', e]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('numeric math', tally, 1500);
  });

  it('degree trigonometry, hyperbolic functions and cot (exact at special angles, else within one unit in the last place)', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const angles = ['0', '30', '45', '60', '90', '120', '135', '150', '180', '210', '225', '270', '300', '315', '360', '-30', '-90', '-180', '720', '405', '1e10', '1e300',
      '0.5', '-0.25', '89.999', '12.345', 'NaN', 'Infinity', '-Infinity', '-0'];
    for (const v of angles) for (const name of ['sind', 'cosd', 'tand', 'cotd']) f(name, ['double precision', v]);
    const unit = ['-1', '-0.75', '-0.5', '-0.25', '0', '0.25', '0.5', '0.75', '1', '1.5', '-2', 'NaN', '0.1', '-0.9', 'Infinity'];
    for (const v of unit) for (const name of ['asind', 'acosd', 'atand', 'atanh']) f(name, ['double precision', v]);
    for (const v of [...unit, '2', '10', '710', '-710', '1e300', '-Infinity', '3.5']) for (const name of ['sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'cot']) f(name, ['double precision', v]);
    for (const [y, x] of [['1', '1'], ['1', '-1'], ['-1', '0'], ['0', '-1'], ['3', '4'], ['NaN', '1'], ['Infinity', 'Infinity'], ['-0', '-1'], ['0.5', '2']] as const)
      f('atan2d', ['double precision', y], ['double precision', x]);
    const oneUlp = (a: string, b: string): boolean => {
      const x = Number(a), y = Number(b);
      return Math.abs(x - y) <= Math.abs(x) * 4.5e-16;
    };
    const tally = await compareCalls(pg, calls, { tolerance: oneUlp });
    expectAllMatch('degree trigonometry and hyperbolic functions', tally, 300);
  });

  it('width_bucket, factorial, min_scale and the internal names', async () => {
    const r = rng(21);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const bounds: Array<[string, string]> = [['0', '10'], ['10', '0'], ['-5', '5'], ['1', '1'], ['0', 'Infinity'], ['NaN', '1'], ['-1e308', '1e308'], ['0.1', '0.3']];
    for (const [lo, hi] of bounds) {
      for (const op of ['-1', '0', '0.1', '2.5', '5', '9.999999', '10', '11', 'Infinity', '-Infinity', 'NaN', '0.3', '1e307']) {
        for (const count of ['1', '3', '10', '0', '-1', '2147483647']) {
          f('width_bucket', ['double precision', op], ['double precision', lo], ['double precision', hi], ['integer', count]);
          if (!op.includes('e30') && !lo.includes('e30')) f('width_bucket', ['numeric', op], ['numeric', lo], ['numeric', hi], ['integer', count]);
        }
      }
    }
    for (let k = 0; k < 60; k++) {
      const lo = (r() * 100 - 50).toFixed(int(r, 0, 3)), hi = (r() * 100 - 50).toFixed(int(r, 0, 3)), op = (r() * 120 - 60).toFixed(int(r, 0, 4));
      const count = String(int(r, 1, 40));
      f('width_bucket', ['numeric', op], ['numeric', lo], ['numeric', hi], ['integer', count]);
      f('width_bucket', ['double precision', op], ['double precision', lo], ['double precision', hi], ['integer', count]);
    }
    for (const v of ['-1', '0', '1', '2', '5', '20', '21', '100', '32177', '32178']) if (v !== '32177') f('factorial', ['bigint', v]);
    for (const v of ['0', '1.000', '1.500', '-0.0010', '123.45600', 'NaN', 'Infinity', '1e-20', '100']) { f('min_scale', ['numeric', v]); f('numeric_inc', ['numeric', v]); }
    for (const v of ['0.5', '2', '-3', '1e-5', '700']) {
      for (const name of ['dexp', 'dlog1', 'dlog10', 'dround', 'dtrunc']) f(name, ['double precision', v]);
      for (const name of ['numeric_exp', 'numeric_ln', 'numeric_sqrt']) f(name, ['numeric', v]);
      f('numeric_log', ['numeric', '2'], ['numeric', v]); f('numeric_div_trunc', ['numeric', v], ['numeric', '0.3']);
    }
    for (const v of ['0', '-1', '2147483647', '7']) f('int4inc', ['integer', v]);
    f('int8_sum', ['numeric', '1.5'], ['bigint', '2']); f('int8_sum', ['numeric', null], ['bigint', '2']); f('int8_sum', ['numeric', '1.5'], ['bigint', null]);
    const tally = await compareCalls(pg, calls);
    expectAllMatch('width_bucket / factorial / aliases', tally, 1200);
  });
});
