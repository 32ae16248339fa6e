/**
 * pg_size_pretty and pg_size_bytes as PostgreSQL 15's dbsize.c: the units bytes, kB, MB, GB,
 * TB and PB (powers of 1024), each used while the value stays below its limit, rounded half
 * away from zero from kB on.
 */
import { BIGINT, Decimal, NUMERIC, SqlError, TEXT, castFunction } from '../types/index.ts';
import { FINITE, NAN, PINF, decimalToString, pow10 } from '../types/numeric/decimal.ts';
import { parseNumeric } from '../types/numeric/numeric-text.ts';
import { fn, type FunctionSignature } from './function-signature.ts';
import { SqlState } from '../../errors/index.ts';

interface Unit { readonly name: string; readonly limit: number; readonly round: boolean; readonly bits: number }
const UNITS: readonly Unit[] = [
  { name: 'bytes', limit: 10 * 1024, round: false, bits: 0 },
  { name: 'kB', limit: 20 * 1024 - 1, round: true, bits: 10 },
  { name: 'MB', limit: 20 * 1024 - 1, round: true, bits: 20 },
  { name: 'GB', limit: 20 * 1024 - 1, round: true, bits: 30 },
  { name: 'TB', limit: 20 * 1024 - 1, round: true, bits: 40 },
  { name: 'PB', limit: 20 * 1024 - 1, round: true, bits: 50 },
];

/** The divisor's bits between a unit and the next (one less when the next rounds, one more when this one did). */
const stepBits = (unit: Unit, next: Unit): number => next.bits - unit.bits - (next.round ? 1 : 0) + (unit.round ? 1 : 0);

/** pg_size_pretty(bigint): integer division truncating toward zero, as C's. */
export function sizePretty(bytes: bigint): string {
  let size = bytes;
  for (let i = 0; ; i++) {
    const unit = UNITS[i]!;
    const next = UNITS[i + 1];
    if (next === undefined || (size < 0n ? -size : size) < BigInt(unit.limit)) {
      if (unit.round) size = (size + (size < 0n ? -1n : 1n)) / 2n;
      return `${size} ${unit.name}`;
    }
    size /= 1n << BigInt(stepBits(unit, next));
  }
}

/**
 * pg_size_pretty(numeric): the same steps in numeric. Below 10 kB the value prints with its
 * own scale (`1.5 bytes`); every division truncates to an integer. NaN and ±Infinity never
 * fall below a limit and print with PB.
 */
function sizePrettyNumeric(size: Decimal): string {
  if (size.special !== FINITE) {
    const text = size.special === NAN ? 'NaN' : size.special === PINF ? 'Infinity' : '-Infinity';
    return `${text} PB`;
  }
  const limitOf = (u: Unit): bigint => BigInt(u.limit) * pow10(size.scale);
  const abs = size.coef < 0n ? -size.coef : size.coef;
  if (abs < limitOf(UNITS[0]!)) return `${decimalToString(size)} bytes`;
  // From here on the value is an integer: truncate the fraction with the first division.
  let n = size.coef / (pow10(size.scale) << BigInt(stepBits(UNITS[0]!, UNITS[1]!)));
  for (let i = 1; ; i++) {
    const unit = UNITS[i]!;
    const next = UNITS[i + 1];
    if (next === undefined || (n < 0n ? -n : n) < BigInt(unit.limit)) {
      n = (n + (n >= 0n ? 1n : -1n)) / 2n;
      return `${n} ${unit.name}`;
    }
    n /= 1n << BigInt(stepBits(unit, next));
  }
}

const invalidSize = (text: string, detail?: string): SqlError =>
  new SqlError(SqlState.invalidParameterValue, `invalid size: "${text}"`, detail === undefined ? {} : {
    detail, hint: 'Valid units are "bytes", "kB", "MB", "GB", "TB", and "PB".',
  });

const toBigint = castFunction(NUMERIC, BIGINT, 'a');

/** pg_size_bytes: a number (sign, digits, fraction, exponent) and an optional unit, case-insensitively. */
export function sizeBytes(text: string): unknown {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/s.exec(text);
  if (m === null) throw invalidSize(text);
  let num = parseNumeric(m[1]!);
  const unitText = m[2]!;
  if (unitText !== '') {
    const unit = UNITS.find((u) => u.name.toLowerCase() === unitText.toLowerCase());
    if (unit === undefined) throw invalidSize(text, `Invalid size unit: "${unitText}".`);
    if (num.special === FINITE) num = new Decimal(num.coef << BigInt(unit.bits), num.scale);
  }
  return toBigint(num);
}

export const SIZE_FUNCTIONS: readonly FunctionSignature[] = [
  fn('pg_size_pretty', [BIGINT], TEXT, ([n]) => sizePretty(BigInt(n as number | bigint))),
  fn('pg_size_pretty', [NUMERIC], TEXT, ([n]) => sizePrettyNumeric(n as Decimal)),
  fn('pg_size_bytes', [TEXT], BIGINT, ([t]) => sizeBytes(t as string)),
];
