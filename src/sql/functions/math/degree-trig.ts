/**
 * Trigonometry in degrees (sind, cosd, tand, cotd, asind, acosd, atand, atan2d), cot and the
 * hyperbolic functions, as PostgreSQL's float.c computes them. The degree functions reduce
 * the argument to the first quadrant and stitch sine and cosine together so that 0, 30, 45,
 * 60 and 90 degrees give exact results (sind(30) is 0.5, not 0.49999999999999994), then scale
 * by constants computed the same way. The underlying sin/cos/asin/acos/atan are V8's, whose
 * last bit can differ from glibc's.
 */
import { DOUBLE, SqlError, SqlState } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';

const RADIANS_PER_DEGREE = 0.0174532925199432957692;
const outOfRange = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'input is out of range');
const overflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow');
const underflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: underflow');

const SIN_30 = Math.sin(30 * RADIANS_PER_DEGREE);
const ONE_MINUS_COS_60 = 1 - Math.cos(60 * RADIANS_PER_DEGREE);
const ASIN_0_5 = Math.asin(0.5);
const ACOS_0_5 = Math.acos(0.5);
const ATAN_1_0 = Math.atan(1);

const sind0to30 = (x: number): number => Math.sin(x * RADIANS_PER_DEGREE) / SIN_30 / 2;
const cosd0to60 = (x: number): number => 1 - (1 - Math.cos(x * RADIANS_PER_DEGREE)) / ONE_MINUS_COS_60 / 2;
const sindQ1 = (x: number): number => (x <= 30 ? sind0to30(x) : cosd0to60(90 - x));
const cosdQ1 = (x: number): number => (x <= 60 ? cosd0to60(x) : sind0to30(90 - x));
const TAN_45 = sindQ1(45) / cosdQ1(45);
const COT_45 = cosdQ1(45) / sindQ1(45);

const asindQ1 = (x: number): number => (x <= 0.5 ? (Math.asin(x) / ASIN_0_5) * 30 : 90 - (Math.acos(x) / ACOS_0_5) * 60);
const acosdQ1 = (x: number): number => (x <= 0.5 ? 90 - (Math.asin(x) / ASIN_0_5) * 30 : (Math.acos(x) / ACOS_0_5) * 60);

/** C's fmod: the remainder with the dividend's sign (JS's % on doubles is the same). */
const fmod360 = (x: number): number => x % 360;

/** Reduces x to [0, 90] degrees by the symmetries of one function; `flips` says which flip the sign. */
function reduce(x: number, flips: { neg: boolean; over180: boolean; over90: boolean }): [number, number] {
  if (x !== x) return [x, 1];
  if (!Number.isFinite(x)) throw outOfRange();
  let a = fmod360(x);
  let sign = 1;
  if (a < 0) { a = -a; if (flips.neg) sign = -sign; }
  if (a > 180) { a = 360 - a; if (flips.over180) sign = -sign; }
  if (a > 90) { a = 180 - a; if (flips.over90) sign = -sign; }
  return [a, sign];
}

export function sind(x: number): number {
  const [a, sign] = reduce(x, { neg: true, over180: true, over90: false });
  if (a !== a) return a;
  return sign * sindQ1(a);
}
export function cosd(x: number): number {
  const [a, sign] = reduce(x, { neg: false, over180: false, over90: true });
  if (a !== a) return a;
  return sign * cosdQ1(a);
}
export function tand(x: number): number {
  const [a, sign] = reduce(x, { neg: true, over180: true, over90: true });
  if (a !== a) return a;
  const r = sign * (sindQ1(a) / cosdQ1(a) / TAN_45);
  return r === 0 ? 0 : r; // no minus zero, as PostgreSQL forces
}
export function cotd(x: number): number {
  const [a, sign] = reduce(x, { neg: true, over180: true, over90: true });
  if (a !== a) return a;
  const r = sign * (cosdQ1(a) / sindQ1(a) / COT_45);
  return r === 0 ? 0 : r;
}
export function asind(x: number): number {
  if (x !== x) return x;
  if (x < -1 || x > 1) throw outOfRange();
  return x >= 0 ? asindQ1(x) : -asindQ1(-x);
}
export function acosd(x: number): number {
  if (x !== x) return x;
  if (x < -1 || x > 1) throw outOfRange();
  return x >= 0 ? acosdQ1(x) : 90 + asindQ1(-x);
}
export const atand = (x: number): number => (x !== x ? x : (Math.atan(x) / ATAN_1_0) * 45);
export const atan2d = (y: number, x: number): number => (y !== y || x !== x ? NaN : (Math.atan2(y, x) / ATAN_1_0) * 45);

export function cot(x: number): number {
  if (x !== x) return x;
  if (!Number.isFinite(x)) throw outOfRange();
  return 1 / Math.tan(x);
}

export function cosh(x: number): number {
  const r = Math.cosh(x);
  if (r === 0) throw underflow();
  return r;
}
export function tanh(x: number): number {
  const r = Math.tanh(x);
  if (!Number.isFinite(r) && r === r) throw overflow();
  return r;
}
export function acosh(x: number): number {
  if (x < 1) throw outOfRange();
  return Math.acosh(x);
}
export function atanh(x: number): number {
  if (x < -1 || x > 1) throw outOfRange();
  return Math.atanh(x); // ±1 give ±Infinity, as PostgreSQL returns
}

const f1 = (name: string, f: (x: number) => number): FunctionSignature => fn(name, [DOUBLE], DOUBLE, (a) => f(a[0] as number));

export const DEGREE_TRIG_FUNCTIONS: readonly FunctionSignature[] = [
  f1('sind', sind), f1('cosd', cosd), f1('tand', tand), f1('cotd', cotd), f1('asind', asind), f1('acosd', acosd), f1('atand', atand),
  fn('atan2d', [DOUBLE, DOUBLE], DOUBLE, (a) => atan2d(a[0] as number, a[1] as number)),
  f1('cot', cot), f1('sinh', Math.sinh), f1('cosh', cosh), f1('tanh', tanh), f1('asinh', Math.asinh), f1('acosh', acosh), f1('atanh', atanh),
];
