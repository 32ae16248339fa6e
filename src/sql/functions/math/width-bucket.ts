/**
 * width_bucket(operand, low, high, count) over double precision and numeric, as PostgreSQL
 * 15's width_bucket_float8 / width_bucket_numeric: the bucket of `count` equal-width buckets
 * over [low, high) holding the operand (0 below, count + 1 at or above; reversed when
 * low > high). As in PostgreSQL 15, the quotient is not clamped (rounding can give count + 1
 * just below the upper bound) and the float form computes count·(x − low)/(high − low) + 1 in
 * floating point, converted to int4 as C converts (NaN and overflow give −2147483648 on x86).
 */
import { SqlError, SqlState, decimalCmp, decimalFromInt, numeric, type Decimal } from '../../types/index.ts';
import { FINITE, NAN } from '../../types/numeric/decimal.ts';
import { outOfRange } from '../../../errors/index.ts';

const bucketError = (m: string): SqlError => new SqlError(SqlState.invalidArgumentForWidthBucketFunction, m);
const int4OutOfRange = (): SqlError => outOfRange('integer');

function checkCount(count: number): void {
  if (count <= 0) throw bucketError('count must be greater than zero');
}

const plusOne = (count: number): number => {
  if (count === 2147483647) throw int4OutOfRange();
  return count + 1;
};

/** C's (int32) of a double on x86: truncation, and INT_MIN for NaN and values out of range. */
const cInt32 = (x: number): number => (x !== x || x >= 2147483648 || x < -2147483648 ? -2147483648 : Math.trunc(x));

export function widthBucketFloat(operand: number, bound1: number, bound2: number, count: number): number {
  checkCount(count);
  if (operand !== operand || bound1 !== bound1 || bound2 !== bound2) throw bucketError('operand, lower bound, and upper bound cannot be NaN');
  if (!Number.isFinite(bound1) || !Number.isFinite(bound2)) throw bucketError('lower and upper bounds must be finite');
  if (bound1 === bound2) throw bucketError('lower bound cannot equal upper bound');
  const up = bound1 < bound2;
  if (up ? operand < bound1 : operand > bound1) return 0;
  if (up ? operand >= bound2 : operand <= bound2) return plusOne(count);
  return cInt32(up ? (count * (operand - bound1)) / (bound2 - bound1) + 1 : (count * (bound1 - operand)) / (bound1 - bound2) + 1);
}

export function widthBucketNumeric(operand: Decimal, bound1: Decimal, bound2: Decimal, count: number): number {
  checkCount(count);
  if (operand.special === NAN || bound1.special === NAN || bound2.special === NAN) throw bucketError('operand, lower bound, and upper bound cannot be NaN');
  if (bound1.special !== FINITE || bound2.special !== FINITE) throw bucketError('lower and upper bounds must be finite');
  const order = decimalCmp(bound1, bound2);
  if (order === 0) throw bucketError('lower bound cannot equal upper bound');
  const up = order < 0;
  const c1 = decimalCmp(operand, bound1);
  if (up ? c1 < 0 : c1 > 0) return 0;
  const c2 = decimalCmp(operand, bound2);
  if (up ? c2 >= 0 : c2 <= 0) return plusOne(count);
  const countVar = decimalFromInt(count);
  const num = up ? numeric.decimalSub(operand, bound1) : numeric.decimalSub(bound1, operand);
  const den = up ? numeric.decimalSub(bound2, bound1) : numeric.decimalSub(bound1, bound2);
  const q = numeric.decimalDiv(numeric.decimalMul(num, countVar), den);
  // floor(q + 1): q is positive here.
  const floor = q.coef / 10n ** BigInt(q.scale);
  return Number(floor) + 1;
}
