/**
 * real / double precision text I/O as PostgreSQL 12+ with extra_float_digits = 1 (the default):
 * the shortest digits that read back to the same value (Ryu), printed in fixed notation when
 * the decimal exponent is in [-4, 15) for double and [-4, 6) for real, else as `1e+100`,
 * `1.5e-07` (at least two exponent digits, like printf). `NaN`, `Infinity`, `-Infinity`, `-0`.
 *
 * JS's toExponential() without an argument already yields the shortest round-trip digits for
 * a double; for real we search the shortest precision that survives Math.fround.
 *
 * @see src/common/d2s.c and f2s.c in PostgreSQL
 */
import { SqlError, SqlState, invalidInput } from './sql-error.ts';

export function formatDouble(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  if (!Number.isFinite(v)) return v !== v ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  // Common case: integers of moderate size print the same in both notations.
  if (Number.isInteger(v) && v < 1e15 && v > -1e15) return String(v);
  return layout(v.toExponential(), 15);
}

export function formatReal(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  if (!Number.isFinite(v)) return v !== v ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  for (let p = 1; p <= 9; p++) {
    const e = v.toExponential(p - 1);
    if (Math.fround(Number(e)) === v) return layout(e, 6);
  }
  return layout(v.toExponential(8), 6);
}

/** Lays out `d.ddde±x` as PostgreSQL does, fixed when -4 ≤ x < fixedLimit. */
function layout(exp: string, fixedLimit: number): string {
  const ePos = exp.indexOf('e');
  let mant = exp.slice(0, ePos);
  const x = Number(exp.slice(ePos + 1));
  let sign = '';
  if (mant[0] === '-') { sign = '-'; mant = mant.slice(1); }
  const digits = mant.replace('.', '');
  if (x >= -4 && x < fixedLimit) {
    if (x < 0) return sign + '0.' + '0'.repeat(-x - 1) + digits;
    if (digits.length <= x + 1) return sign + digits + '0'.repeat(x + 1 - digits.length);
    return sign + digits.slice(0, x + 1) + '.' + digits.slice(x + 1);
  }
  const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const ax = Math.abs(x);
  return `${sign}${m}e${x < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
}

const FLOAT = /^[ \t\n\r\v\f]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[ \t\n\r\v\f]*$/;
const FLOAT_SPECIAL = /^[ \t\n\r\v\f]*([+-]?)(nan|infinity|inf)[ \t\n\r\v\f]*$/i;

function parseFloatText(text: string, typeName: string): number {
  const m = FLOAT.exec(text);
  if (m === null) {
    const s = FLOAT_SPECIAL.exec(text);
    if (s === null) throw invalidInput(typeName, text);
    if (s[2]!.toLowerCase() === 'nan') return NaN;
    return s[1] === '-' ? -Infinity : Infinity;
  }
  const v = Number(m[1]);
  // strtod reports ERANGE for overflow and for underflow to zero; PostgreSQL rejects both.
  if (!Number.isFinite(v) || (v === 0 && /[1-9]/.test(m[1]!.split(/[eE]/)[0]!))) {
    throw new SqlError(SqlState.numericValueOutOfRange, `"${text}" is out of range for type ${typeName}`);
  }
  return v;
}

export function parseDouble(text: string): number {
  return parseFloatText(text, 'double precision');
}

export function parseReal(text: string): number {
  const d = parseFloatText(text, 'real');
  const v = Math.fround(d);
  if ((!Number.isFinite(v) && Number.isFinite(d)) || (v === 0 && d !== 0)) {
    throw new SqlError(SqlState.numericValueOutOfRange, `"${text}" is out of range for type real`);
  }
  return v;
}
