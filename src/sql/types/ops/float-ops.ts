/**
 * real/double precision arithmetic with PostgreSQL's checks (float.h): a finite computation
 * that overflows raises 22003 `value out of range: overflow`, one that underflows to zero from
 * nonzero inputs raises `value out of range: underflow`, and division by zero raises 22012
 * (PostgreSQL does not return Infinity). real results are rounded to float32 first.
 */
import { SqlError, SqlState, divisionByZero } from '../sql-error.ts';

function overflow(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow');
}
function underflow(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value out of range: underflow');
}

export function float8Add(a: number, b: number): number {
  const r = a + b;
  if (r === Infinity || r === -Infinity) if (Number.isFinite(a) && Number.isFinite(b)) throw overflow();
  return r;
}
export function float8Sub(a: number, b: number): number {
  const r = a - b;
  if (r === Infinity || r === -Infinity) if (Number.isFinite(a) && Number.isFinite(b)) throw overflow();
  return r;
}
export function float8Mul(a: number, b: number): number {
  const r = a * b;
  if (r === Infinity || r === -Infinity) { if (Number.isFinite(a) && Number.isFinite(b)) throw overflow(); }
  else if (r === 0 && a !== 0 && b !== 0) throw underflow();
  return r;
}
export function float8Div(a: number, b: number): number {
  if (b === 0 && a === a) throw divisionByZero();
  const r = a / b;
  if (r === Infinity || r === -Infinity) { if (Number.isFinite(a)) throw overflow(); }
  else if (r === 0 && a !== 0 && Number.isFinite(b)) throw underflow();
  return r;
}

export const float4Add = (a: number, b: number): number => checkFloat4(Math.fround(a + b), a, b, false);
export const float4Sub = (a: number, b: number): number => checkFloat4(Math.fround(a - b), a, b, false);
export const float4Mul = (a: number, b: number): number => checkFloat4(Math.fround(a * b), a, b, true);
export function float4Div(a: number, b: number): number {
  if (b === 0 && a === a) throw divisionByZero();
  const r = Math.fround(a / b);
  if (r === Infinity || r === -Infinity) { if (Number.isFinite(a)) throw overflow(); }
  else if (r === 0 && a !== 0 && Number.isFinite(b)) throw underflow();
  return r;
}

function checkFloat4(r: number, a: number, b: number, mul: boolean): number {
  if (r === Infinity || r === -Infinity) { if (Number.isFinite(a) && Number.isFinite(b)) throw overflow(); }
  else if (mul && r === 0 && a !== 0 && b !== 0) throw underflow();
  return r;
}

/**
 * Float ordering as PostgreSQL's btree: NaN equals NaN and sorts above everything, -0 = 0.
 * Used by comparisons, sorting and grouping so `NaN = NaN` is true in SQL, unlike JS.
 */
export function floatCmp(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = a !== a, bn = b !== b;
  return an && bn ? 0 : an ? 1 : -1;
}
