/**
 * Int64: bigint-typed SQL values (and timestamp microseconds) as a canonical `number | bigint`:
 * a number whenever the value is a safe integer, a bigint only beyond ±(2^53−1). See values.ts
 * for the measurements behind this. All helpers keep values canonical; the fast path is one
 * `typeof` test and a float add, and allocates nothing.
 */
import type { Int64 } from './values.ts';
import { outOfRange } from './sql-error.ts';

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;
const SAFE = Number.MAX_SAFE_INTEGER;

/** Canonical form of a bigint: a number when it is safe. Does not range-check. */
export function canon(v: bigint): Int64 {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Canonical Int64 from a bigint, raising `bigint out of range` (22003) past int64. */
export function checkedInt64(v: bigint, typeName = 'bigint'): Int64 {
  if (v > INT64_MAX || v < INT64_MIN) throw outOfRange(typeName);
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

export const toBigInt = (v: Int64): bigint => (typeof v === 'bigint' ? v : BigInt(v));

export function int64Add(a: Int64, b: Int64, typeName = 'bigint'): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= SAFE && r >= -SAFE) return r;
  }
  return checkedInt64(toBigInt(a) + toBigInt(b), typeName);
}

export function int64Sub(a: Int64, b: Int64, typeName = 'bigint'): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= SAFE && r >= -SAFE) return r;
  }
  return checkedInt64(toBigInt(a) - toBigInt(b), typeName);
}

export function int64Mul(a: Int64, b: Int64, typeName = 'bigint'): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    // |r| < 2^53 means the float product was exact (both factors are integers).
    if (r < SAFE && r > -SAFE) return r === 0 ? 0 : r;
  }
  return checkedInt64(toBigInt(a) * toBigInt(b), typeName);
}

/** Truncating division (C semantics, like PostgreSQL). Caller checks for zero. */
export function int64Div(a: Int64, b: Int64, typeName = 'bigint'): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = Math.trunc(a / b);
    // a/b for safe integers is within 1 ulp; trunc is exact when |a| < 2^53 and b divides or not,
    // except rounding up to an integer: guard by recomputing the remainder sign.
    const rem = a - r * b;
    if (rem === 0 || (Math.sign(rem) === Math.sign(a) && Math.abs(rem) < Math.abs(b))) return r === 0 ? 0 : r;
  }
  return checkedInt64(toBigInt(a) / toBigInt(b), typeName);
}

/** Remainder with the sign of the dividend (C/PostgreSQL). Caller checks for zero. */
export function int64Mod(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    return r === 0 ? 0 : r; // no -0
  }
  return canon(toBigInt(a) % toBigInt(b));
}

export function int64Neg(a: Int64, typeName = 'bigint'): Int64 {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  return checkedInt64(-a, typeName);
}

export function int64Cmp(a: Int64, b: Int64): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses a decimal integer string already validated as digits. */
export function int64FromDigits(text: string): bigint {
  return BigInt(text);
}
