/**
 * double precision math as PostgreSQL's float.c: explicit NaN/Infinity rules and its error
 * checks (22003 overflow/underflow, 2201E/2201F for logarithms, roots and powers of invalid
 * arguments). exp/ln/log10/pow are correctly rounded (correctly-rounded.ts), as glibc's are;
 * sqrt is IEEE-exact; cbrt is glibc's algorithm (glibc-cbrt.ts); the trigonometric functions
 * use V8's libm, whose last bit differs from glibc's on some inputs.
 */
import { SqlError, SqlState } from '../../types/index.ts';
import { rint } from '../../types/rint.ts';
import { glibcCbrt } from './glibc-cbrt.ts';
import { crExp, crLn, crLog10, crPow } from './correctly-rounded.ts';

const overflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow');
const underflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: underflow');
const outOfRangeInput = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'input is out of range');
const powerError = (m: string): SqlError => new SqlError(SqlState.invalidArgumentForPowerFunction, m);

/** dexp: an infinite result is overflow, a zero one underflow (subnormal results pass, as PostgreSQL 15 shows). */
export function dexp(x: number): number {
  if (x !== x) return x;
  if (!Number.isFinite(x)) return x > 0 ? x : 0;
  // Outside these bounds the double result is certainly infinite or zero.
  if (x > 709.8) throw overflow();
  if (x < -745.2) throw underflow();
  const r = crExp(x);
  if (!Number.isFinite(r)) throw overflow();
  if (r === 0) throw underflow();
  return r;
}

function checkLogArg(x: number): void {
  if (x === 0) throw new SqlError(SqlState.invalidArgumentForLogarithm, 'cannot take logarithm of zero');
  if (x < 0) throw new SqlError(SqlState.invalidArgumentForLogarithm, 'cannot take logarithm of a negative number');
}
export function dln(x: number): number {
  checkLogArg(x);
  return Number.isFinite(x) ? crLn(x) : x;
}
export function dlog10(x: number): number {
  checkLogArg(x);
  return Number.isFinite(x) ? crLog10(x) : x;
}

export function dsqrt(x: number): number {
  if (x < 0) throw powerError('cannot take square root of a negative number');
  return Math.sqrt(x);
}
export const dcbrt = glibcCbrt;

/** dpow: POSIX's NaN and infinity rules spelled out, then pow() with PostgreSQL's range checks. */
export function dpow(x: number, y: number): number {
  if (x !== x) return y !== y || y !== 0 ? NaN : 1;
  if (y !== y) return x !== 1 ? NaN : 1;
  if (x === 0 && y < 0) throw powerError('zero raised to a negative power is undefined');
  if (x < 0 && Math.floor(y) !== y) throw powerError('a negative number raised to a non-integer power yields a complex result');
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    if (y > 0) return ax > 1 ? y : 0;
    return ax > 1 ? 0 : -y;
  }
  if (!Number.isFinite(x)) {
    if (y === 0) return 1;
    if (x > 0) return y > 0 ? x : 0;
    const odd = Math.floor(y / 2) !== y / 2;
    if (y > 0) return odd ? x : -x;
    return odd ? -0 : 0;
  }
  if (x === 0) return Math.pow(x, y); // ±0 with the sign rules of pow(3)
  // Decide overflow/underflow from the magnitude first, so the exact computation stays bounded.
  const mag = y * Math.log2(Math.abs(x));
  if (mag > 1024.5) throw overflow();
  if (mag < -1075.5) throw underflow();
  const r = crPow(x, y);
  if (!Number.isFinite(r)) throw overflow();
  if (r === 0 && x !== 0) throw underflow();
  return r;
}

/** rint: half to even, as round(double precision) does. */
export const dround = (x: number): number => (Number.isFinite(x) ? rint(x) : x);
export const dsign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

const RADIANS_PER_DEGREE = 0.0174532925199432957692;
export function ddegrees(x: number): number {
  const r = x / RADIANS_PER_DEGREE;
  if (!Number.isFinite(r) && Number.isFinite(x)) throw overflow();
  return r;
}
export const dradians = (x: number): number => x * RADIANS_PER_DEGREE;

/** sin/cos/tan reject infinite input; asin/acos reject |x| > 1 (22003 "input is out of range"). */
export function dtrig(f: (x: number) => number, x: number): number {
  if (x !== x) return x;
  if (!Number.isFinite(x)) throw outOfRangeInput();
  return f(x);
}
export function dinverseTrig(f: (x: number) => number, x: number): number {
  if (x !== x) return x;
  if (x < -1 || x > 1) throw outOfRangeInput();
  return f(x);
}
