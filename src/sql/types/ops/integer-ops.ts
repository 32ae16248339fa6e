/**
 * smallint/integer/bigint arithmetic with PostgreSQL's semantics (int.c, int8.c): results out
 * of the operator's type raise 22003 `<type> out of range`, division truncates toward zero,
 * x / 0 and x % 0 raise 22012, and MIN % -1 is 0. Cross-width operators (int2 + int4, …) compute
 * in the wider type, so the binder picks the function by the resolved operator's result type.
 *
 * int32 products can exceed 2^53 and be inexact as doubles, but only when they are far outside
 * int32, so the range check still decides correctly.
 */
import { divisionByZero, outOfRange } from '../sql-error.ts';
import { int64Add, int64Div, int64Mod, int64Mul, int64Neg, int64Sub } from '../int64.ts';
import type { Int64 } from '../values.ts';

const I32_MIN = -2147483648, I32_MAX = 2147483647;
const I16_MIN = -32768, I16_MAX = 32767;

export function int4Add(a: number, b: number): number {
  const r = a + b;
  if (r > I32_MAX || r < I32_MIN) throw outOfRange('integer');
  return r;
}
export function int4Sub(a: number, b: number): number {
  const r = a - b;
  if (r > I32_MAX || r < I32_MIN) throw outOfRange('integer');
  return r;
}
export function int4Mul(a: number, b: number): number {
  const r = a * b;
  if (r > I32_MAX || r < I32_MIN) throw outOfRange('integer');
  return r | 0; // | 0 turns -0 (e.g. -1 * 0) into 0
}
export function int4Div(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  if (b === -1 && a === I32_MIN) throw outOfRange('integer');
  return (a / b) | 0;
}
export function int4Mod(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  return (a % b) | 0;
}
export function int4Neg(a: number): number {
  if (a === I32_MIN) throw outOfRange('integer');
  return -a | 0;
}
export function int4Abs(a: number): number {
  if (a === I32_MIN) throw outOfRange('integer');
  return Math.abs(a);
}

export function int2Add(a: number, b: number): number {
  const r = a + b;
  if (r > I16_MAX || r < I16_MIN) throw outOfRange('smallint');
  return r;
}
export function int2Sub(a: number, b: number): number {
  const r = a - b;
  if (r > I16_MAX || r < I16_MIN) throw outOfRange('smallint');
  return r;
}
export function int2Mul(a: number, b: number): number {
  const r = a * b;
  if (r > I16_MAX || r < I16_MIN) throw outOfRange('smallint');
  return r | 0;
}
export function int2Div(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  if (b === -1 && a === I16_MIN) throw outOfRange('smallint');
  return (a / b) | 0;
}
export const int2Mod = int4Mod;
export function int2Neg(a: number): number {
  if (a === I16_MIN) throw outOfRange('smallint');
  return -a | 0;
}

export const int8Add = (a: Int64, b: Int64): Int64 => int64Add(a, b);
export const int8Sub = (a: Int64, b: Int64): Int64 => int64Sub(a, b);
export const int8Mul = (a: Int64, b: Int64): Int64 => int64Mul(a, b);
export function int8Div(a: Int64, b: Int64): Int64 {
  if (b === 0) throw divisionByZero();
  return int64Div(a, b); // MIN / -1 overflows inside and raises bigint out of range
}
export function int8Mod(a: Int64, b: Int64): Int64 {
  if (b === 0) throw divisionByZero();
  return int64Mod(a, b);
}
export const int8Neg = (a: Int64): Int64 => int64Neg(a);
export const int8Abs = (a: Int64): Int64 => (a < 0 ? int64Neg(a) : a);

/** Range checks used by casts into the narrower integer types. */
export function checkInt4(v: number): number {
  if (v > I32_MAX || v < I32_MIN) throw outOfRange('integer');
  return v;
}
export function checkInt2(v: number): number {
  if (v > I16_MAX || v < I16_MIN) throw outOfRange('smallint');
  return v;
}
