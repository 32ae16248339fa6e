/**
 * The mathematical functions' catalogue rows: every overload PostgreSQL has for Weir's types,
 * because overload resolution (`abs('1')` is abs(double precision)) depends on the full set.
 */
import {
  BIGINT, DOUBLE, INTEGER, NUMERIC, REAL, SMALLINT, Decimal, SqlError, SqlState, integerOps, numeric,
} from '../../types/index.ts';
import { FINITE, NAN, NINF, PINF, decimalSign, pow10 } from '../../types/numeric/decimal.ts';
import { OTHER, fn, type FunctionSignature } from '../function-signature.ts';
import {
  dcbrt, ddegrees, dexp, dinverseTrig, dln, dlog10, dpow, dradians, dround, dsign, dsqrt, dtrig,
} from './float-math.ts';
import { numericExp, numericLn, numericLog, numericPower, numericSqrt } from './numeric-transcendental.ts';
import { DEGREE_TRIG_FUNCTIONS } from './degree-trig.ts';
import { widthBucketFloat, widthBucketNumeric } from './width-bucket.ts';
import { divisionByZero, outOfRange } from '../../../errors/index.ts';

type A = readonly unknown[];
const d = (a: A, i = 0): number => a[i] as number;
const n = (a: A, i = 0): Decimal => a[i] as Decimal;
const TEN = new Decimal(10n, 0);

/** Integer argument of round/trunc clamped like PostgreSQL (±NUMERIC_MAX_RESULT_SCALE). */
const clampDigits = (s: number): number => Math.max(-2000, Math.min(2000, s));

function numericCeil(x: Decimal, up: boolean): Decimal {
  if (x.special !== FINITE) return x;
  const div = pow10(x.scale);
  let q = x.coef / div;
  const r = x.coef - q * div;
  if (r !== 0n && (up ? r > 0n : r < 0n)) q += up ? 1n : -1n;
  return new Decimal(q, 0);
}

function numericSign(x: Decimal): Decimal {
  if (x.special === NAN) return x;
  return new Decimal(BigInt(decimalSign(x)), 0);
}

/** div(a, b): the integral quotient truncated toward zero. */
function numericDivTrunc(a: Decimal, b: Decimal): Decimal {
  if (a.special !== FINITE || b.special !== FINITE) {
    if (a.special === NAN || b.special === NAN) return a.special === NAN ? a : b;
    if (a.special !== FINITE) {
      if (b.special !== FINITE) return new Decimal(0n, 0, NAN);
      const s = decimalSign(b);
      if (s === 0) throw divisionByZero();
      return new Decimal(0n, 0, (decimalSign(a) * s > 0) ? PINF : NINF);
    }
    return new Decimal(0n, 0);
  }
  if (b.coef === 0n) throw divisionByZero();
  const s = Math.max(a.scale, b.scale);
  return new Decimal((a.coef * pow10(s - a.scale)) / (b.coef * pow10(s - b.scale)), 0);
}

/** trim_scale: the same value with no trailing fractional zeros. */
function trimScale(x: Decimal): Decimal {
  if (x.special !== FINITE) return x;
  let c = x.coef, s = x.scale;
  while (s > 0 && c % 10n === 0n) { c /= 10n; s--; }
  return new Decimal(c, s);
}

function gcd64(a: bigint, b: bigint, max: bigint, typeName: string): bigint {
  let x = a < 0n ? -a : a, y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  if (x > max) throw outOfRange(typeName);
  return x;
}
function lcm64(a: bigint, b: bigint, max: bigint, typeName: string): bigint {
  if (a === 0n || b === 0n) return 0n;
  const g = gcd64(a, b, max + 1n, typeName);
  const r = (a < 0n ? -a : a) / g * (b < 0n ? -b : b);
  if (r > max) throw outOfRange(typeName);
  return r;
}

/** gcd/lcm on numeric: exact on the scaled coefficients; the result keeps the larger scale. */
function numericGcd(a: Decimal, b: Decimal, lcm: boolean): Decimal {
  if (a.special !== FINITE || b.special !== FINITE) return new Decimal(0n, 0, NAN);
  const s = Math.max(a.scale, b.scale);
  let x = a.coef * pow10(s - a.scale), y = b.coef * pow10(s - b.scale);
  if (x < 0n) x = -x;
  if (y < 0n) y = -y;
  if (lcm) {
    if (x === 0n || y === 0n) return new Decimal(0n, s);
    let g = x, h = y;
    while (h !== 0n) [g, h] = [h, g % h];
    return new Decimal((x / g) * y, s);
  }
  while (y !== 0n) [x, y] = [y, x % y];
  return new Decimal(x, s);
}

/** min_scale: the fewest fractional digits that represent the value exactly (NULL for NaN and infinities). */
const minScale = (x: Decimal): number | null => (x.special === FINITE ? trimScale(x).scale : null);

/** factorial(n), exact (numeric_fac: 22003 below zero and past 32177!). */
function factorial(v: number | bigint): Decimal {
  const k = BigInt(v);
  if (k < 0n) throw new SqlError(SqlState.numericValueOutOfRange, 'factorial of a negative number is undefined');
  if (k > 32177n) throw new SqlError(SqlState.numericValueOutOfRange, 'value overflows numeric format');
  let r = 1n;
  for (let i = 2n; i <= k; i++) r *= i;
  return new Decimal(r, 0);
}

const ONE = new Decimal(1n, 0);

const canon = (v: bigint): number | bigint => (v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v);

export const MATH_FUNCTIONS: readonly FunctionSignature[] = [
  fn('abs', [SMALLINT], SMALLINT, (a) => { if (d(a) === -32768) throw outOfRange('smallint'); return Math.abs(d(a)); }),
  fn('abs', [INTEGER], INTEGER, (a) => integerOps.int4Abs(d(a))),
  fn('abs', [BIGINT], BIGINT, (a) => integerOps.int8Abs(a[0] as number | bigint)),
  fn('abs', [REAL], REAL, (a) => Math.abs(d(a))),
  fn('abs', [DOUBLE], DOUBLE, (a) => Math.abs(d(a))),
  fn('abs', [NUMERIC], NUMERIC, (a) => numeric.decimalAbs(n(a))),
  fn('ceil', [DOUBLE], DOUBLE, (a) => Math.ceil(d(a))),
  fn('ceil', [NUMERIC], NUMERIC, (a) => numericCeil(n(a), true)),
  fn('ceiling', [DOUBLE], DOUBLE, (a) => Math.ceil(d(a))),
  fn('ceiling', [NUMERIC], NUMERIC, (a) => numericCeil(n(a), true)),
  fn('floor', [DOUBLE], DOUBLE, (a) => Math.floor(d(a))),
  fn('floor', [NUMERIC], NUMERIC, (a) => numericCeil(n(a), false)),
  fn('round', [DOUBLE], DOUBLE, (a) => dround(d(a))),
  fn('round', [NUMERIC], NUMERIC, (a) => numeric.decimalRound(n(a), 0)),
  fn('round', [NUMERIC, INTEGER], NUMERIC, (a) => numeric.decimalRound(n(a), clampDigits(d(a, 1)))),
  fn('trunc', [OTHER], DOUBLE, () => null), // trunc(macaddr) and trunc(macaddr8) in PostgreSQL
  fn('trunc', [OTHER], DOUBLE, () => null),
  fn('trunc', [DOUBLE], DOUBLE, (a) => Math.trunc(d(a))),
  fn('trunc', [NUMERIC], NUMERIC, (a) => numeric.decimalTrunc(n(a), 0)),
  fn('trunc', [NUMERIC, INTEGER], NUMERIC, (a) => numeric.decimalTrunc(n(a), clampDigits(d(a, 1)))),
  fn('mod', [SMALLINT, SMALLINT], SMALLINT, (a) => integerOps.int2Mod(d(a), d(a, 1))),
  fn('mod', [INTEGER, INTEGER], INTEGER, (a) => integerOps.int4Mod(d(a), d(a, 1))),
  fn('mod', [BIGINT, BIGINT], BIGINT, (a) => integerOps.int8Mod(a[0] as number | bigint, a[1] as number | bigint)),
  fn('mod', [NUMERIC, NUMERIC], NUMERIC, (a) => numeric.decimalMod(n(a), n(a, 1))),
  fn('div', [NUMERIC, NUMERIC], NUMERIC, (a) => numericDivTrunc(n(a), n(a, 1))),
  fn('power', [DOUBLE, DOUBLE], DOUBLE, (a) => dpow(d(a), d(a, 1))),
  fn('power', [NUMERIC, NUMERIC], NUMERIC, (a) => numericPower(n(a), n(a, 1))),
  fn('pow', [DOUBLE, DOUBLE], DOUBLE, (a) => dpow(d(a), d(a, 1))),
  fn('pow', [NUMERIC, NUMERIC], NUMERIC, (a) => numericPower(n(a), n(a, 1))),
  fn('sqrt', [DOUBLE], DOUBLE, (a) => dsqrt(d(a))),
  fn('sqrt', [NUMERIC], NUMERIC, (a) => numericSqrt(n(a))),
  fn('cbrt', [DOUBLE], DOUBLE, (a) => dcbrt(d(a))),
  fn('exp', [DOUBLE], DOUBLE, (a) => dexp(d(a))),
  fn('exp', [NUMERIC], NUMERIC, (a) => numericExp(n(a))),
  fn('ln', [DOUBLE], DOUBLE, (a) => dln(d(a))),
  fn('ln', [NUMERIC], NUMERIC, (a) => numericLn(n(a))),
  fn('log', [DOUBLE], DOUBLE, (a) => dlog10(d(a))),
  fn('log', [NUMERIC], NUMERIC, (a) => numericLog(TEN, n(a))),
  fn('log', [NUMERIC, NUMERIC], NUMERIC, (a) => numericLog(n(a), n(a, 1))),
  fn('log10', [DOUBLE], DOUBLE, (a) => dlog10(d(a))),
  fn('log10', [NUMERIC], NUMERIC, (a) => numericLog(TEN, n(a))),
  fn('sign', [DOUBLE], DOUBLE, (a) => dsign(d(a))),
  fn('sign', [NUMERIC], NUMERIC, (a) => numericSign(n(a))),
  fn('scale', [NUMERIC], INTEGER, (a) => (n(a).special === FINITE ? n(a).scale : null)),
  fn('trim_scale', [NUMERIC], NUMERIC, (a) => trimScale(n(a))),
  fn('gcd', [INTEGER, INTEGER], INTEGER, (a) => Number(gcd64(BigInt(d(a)), BigInt(d(a, 1)), 2147483647n, 'integer'))),
  fn('gcd', [BIGINT, BIGINT], BIGINT, (a) => canon(gcd64(BigInt(a[0] as number | bigint), BigInt(a[1] as number | bigint), 9223372036854775807n, 'bigint'))),
  fn('gcd', [NUMERIC, NUMERIC], NUMERIC, (a) => numericGcd(n(a), n(a, 1), false)),
  fn('lcm', [INTEGER, INTEGER], INTEGER, (a) => Number(lcm64(BigInt(d(a)), BigInt(d(a, 1)), 2147483647n, 'integer'))),
  fn('lcm', [BIGINT, BIGINT], BIGINT, (a) => canon(lcm64(BigInt(a[0] as number | bigint), BigInt(a[1] as number | bigint), 9223372036854775807n, 'bigint'))),
  fn('lcm', [NUMERIC, NUMERIC], NUMERIC, (a) => numericGcd(n(a), n(a, 1), true)),
  fn('pi', [], DOUBLE, () => Math.PI),
  fn('random', [], DOUBLE, () => Math.random(), { volatility: 'volatile' }),
  fn('degrees', [DOUBLE], DOUBLE, (a) => ddegrees(d(a))),
  fn('radians', [DOUBLE], DOUBLE, (a) => dradians(d(a))),
  fn('sin', [DOUBLE], DOUBLE, (a) => dtrig(Math.sin, d(a))),
  fn('cos', [DOUBLE], DOUBLE, (a) => dtrig(Math.cos, d(a))),
  fn('tan', [DOUBLE], DOUBLE, (a) => dtrig(Math.tan, d(a))),
  fn('asin', [DOUBLE], DOUBLE, (a) => dinverseTrig(Math.asin, d(a))),
  fn('acos', [DOUBLE], DOUBLE, (a) => dinverseTrig(Math.acos, d(a))),
  fn('atan', [DOUBLE], DOUBLE, (a) => Math.atan(d(a))),
  fn('atan2', [DOUBLE, DOUBLE], DOUBLE, (a) => Math.atan2(d(a), d(a, 1))),
  ...DEGREE_TRIG_FUNCTIONS,
  fn('min_scale', [NUMERIC], INTEGER, (a) => minScale(n(a))),
  fn('factorial', [BIGINT], NUMERIC, (a) => factorial(a[0] as number | bigint)),
  fn('width_bucket', [DOUBLE, DOUBLE, DOUBLE, INTEGER], INTEGER, (a) => widthBucketFloat(d(a), d(a, 1), d(a, 2), d(a, 3))),
  fn('width_bucket', [NUMERIC, NUMERIC, NUMERIC, INTEGER], INTEGER, (a) => widthBucketNumeric(n(a), n(a, 1), n(a, 2), d(a, 3))),
  // PostgreSQL's internal names of the functions above, callable too.
  fn('dexp', [DOUBLE], DOUBLE, (a) => dexp(d(a))),
  fn('dlog1', [DOUBLE], DOUBLE, (a) => dln(d(a))),
  fn('dlog10', [DOUBLE], DOUBLE, (a) => dlog10(d(a))),
  fn('dround', [DOUBLE], DOUBLE, (a) => dround(d(a))),
  fn('dtrunc', [DOUBLE], DOUBLE, (a) => Math.trunc(d(a))),
  fn('numeric_exp', [NUMERIC], NUMERIC, (a) => numericExp(n(a))),
  fn('numeric_ln', [NUMERIC], NUMERIC, (a) => numericLn(n(a))),
  fn('numeric_log', [NUMERIC, NUMERIC], NUMERIC, (a) => numericLog(n(a), n(a, 1))),
  fn('numeric_sqrt', [NUMERIC], NUMERIC, (a) => numericSqrt(n(a))),
  fn('numeric_div_trunc', [NUMERIC, NUMERIC], NUMERIC, (a) => numericDivTrunc(n(a), n(a, 1))),
  fn('numeric_inc', [NUMERIC], NUMERIC, (a) => numeric.decimalAdd(n(a), ONE)),
  fn('int4inc', [INTEGER], INTEGER, (a) => integerOps.int4Add(d(a), 1)),
  // int8_sum(numeric, bigint): the old transition function of sum(bigint); NULL-tolerant.
  fn('int8_sum', [NUMERIC, BIGINT], NUMERIC, ([s, v]) => {
    if (v === null) return s;
    const x = new Decimal(BigInt(v as number | bigint), 0);
    return s === null ? x : numeric.decimalAdd(s as Decimal, x);
  }, { strict: false }),
];

