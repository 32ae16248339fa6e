/**
 * Text input and output of boolean and integer types, as PostgreSQL's boolin/boolout and
 * int2in/int4in/int8in (PostgreSQL 15: decimal digits only, surrounding whitespace allowed).
 */
import { SqlError, SqlState, invalidInput } from './sql-error.ts';
import { canon } from './int64.ts';
import type { Int64 } from './values.ts';

const BOOL_TRUE = ['true', 'yes', 'on', '1'];
const BOOL_FALSE = ['false', 'no', 'off', '0'];

/**
 * boolin: any unique prefix of true/false/yes/no, `on`/`off` (at least two letters), 1/0,
 * case-insensitive, surrounding whitespace allowed.
 */
export function parseBoolean(text: string): boolean {
  const s = text.trim().toLowerCase();
  if (s.length > 0) {
    for (const w of BOOL_TRUE) if (w.startsWith(s) && (w !== 'on' || s.length >= 2)) return true;
    for (const w of BOOL_FALSE) if (w.startsWith(s) && (w !== 'off' || s.length >= 2)) return false;
  }
  throw invalidInput('boolean', text);
}

export const formatBoolean = (b: boolean): string => (b ? 't' : 'f');

const INTEGER = /^[ \t\n\r\v\f]*([+-]?\d+)[ \t\n\r\v\f]*$/;

function parseInt(text: string, typeName: string, min: bigint, max: bigint): bigint {
  const m = INTEGER.exec(text);
  if (m === null) throw invalidInput(typeName, text);
  const v = BigInt(m[1]!);
  if (v < min || v > max) {
    throw new SqlError(SqlState.numericValueOutOfRange, `value "${text}" is out of range for type ${typeName}`);
  }
  return v;
}

export function parseSmallint(text: string): number {
  return Number(parseInt(text, 'smallint', -32768n, 32767n));
}

export function parseInteger(text: string): number {
  // Fast path for plain short digit strings, the common case in CSV/COPY input.
  if (text.length < 10 && /^-?\d+$/.test(text)) return Number(text) | 0;
  return Number(parseInt(text, 'integer', -2147483648n, 2147483647n));
}

export function parseBigint(text: string): Int64 {
  return canon(parseInt(text, 'bigint', -9223372036854775808n, 9223372036854775807n));
}

/** Integers print as JS does (no -0 can occur: the integer ops normalise it away). */
export const formatInteger = (v: number | bigint): string => String(v);
