/**
 * Character-string functions (PostgreSQL's varlena.c and oracle_compat.c) over text. Lengths and
 * positions count characters, not UTF-16 units. Case mapping follows the C locale that Weir's
 * text ordering uses: lower/upper/initcap change ASCII letters only, as PostgreSQL does under
 * LC_CTYPE=C.
 */
import { createHash } from 'node:crypto';
import { INTEGER, BOOLEAN, BIGINT, TEXT, SqlError, SqlState, MAX_TEXT_LENGTH, checkTextLength, requestedLengthTooLarge, textAppendCheck, type DataType } from '../../types/index.ts';
import { ANY, fn, polyFn, type FunctionImpl, type FunctionSignature } from '../function-signature.ts';
import { textOutput } from './text-output.ts';
import { cpIndex, cpLength, cpSlice, isBmp, utf8Length } from './code-points.ts';
import { outOfRange } from '../../../errors/index.ts';

const str = (a: readonly unknown[], i: number): string => a[i] as string;
const int = (a: readonly unknown[], i: number): number => a[i] as number;

export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}
export function asciiUpper(s: string): string {
  return /[a-z]/.test(s) ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : s;
}

/** asc_initcap: a letter after an ASCII letter or digit is lowered, any other is raised. */
export function initcap(s: string): string {
  let out = '';
  let wasAlnum = false;
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    const code = s.charCodeAt(i);
    if (wasAlnum) { if (code >= 65 && code <= 90) c = c.toLowerCase(); }
    else if (code >= 97 && code <= 122) c = c.toUpperCase();
    const u = c.charCodeAt(0);
    wasAlnum = (u >= 65 && u <= 90) || (u >= 97 && u <= 122) || (u >= 48 && u <= 57);
    out += c;
  }
  return out;
}

/** substr(s, start[, count]): characters start .. start+count−1, 1-based, clipped to the string. */
export function substr(s: string, start: number, count?: number): string {
  if (count === undefined) return start <= 1 ? s : cpSlice(s, start - 1);
  if (count < 0) throw new SqlError(SqlState.substringError, 'negative substring length not allowed');
  const end = start + count; // exclusive, may overflow int32 in PostgreSQL's terms but not here
  if (end <= 1) return '';
  return cpSlice(s, Math.max(start, 1) - 1, end - 1);
}

export function strpos(s: string, needle: string): number {
  const i = s.indexOf(needle);
  return i < 0 ? 0 : cpIndex(s, i) + 1;
}

export function splitPart(s: string, sep: string, n: number): string {
  if (n === 0) throw new SqlError(SqlState.invalidParameterValue, 'field position must not be zero');
  if (s.length === 0) return '';
  if (sep.length === 0) return n === 1 || n === -1 ? s : '';
  const parts = s.split(sep);
  const i = n > 0 ? n - 1 : parts.length + n;
  return parts[i] ?? '';
}

export function left(s: string, n: number): string {
  return n >= 0 ? cpSlice(s, 0, n) : cpSlice(s, 0, Math.max(0, cpLength(s) + n));
}
export function right(s: string, n: number): string {
  const len = cpLength(s);
  return n >= 0 ? cpSlice(s, Math.max(0, len - n)) : cpSlice(s, Math.min(len, -n));
}

export function repeat(s: string, n: number): string {
  if (n <= 0 || s.length === 0) return '';
  // PostgreSQL's limit is 1 GB of UTF-8; a string's is MAX_TEXT_LENGTH UTF-16 units.
  if (utf8Length(s) * n >= 0x3fffffff) throw requestedLengthTooLarge();
  checkTextLength(s.length * n);
  return s.repeat(n);
}

/** Characters per piece when a long value is handled piecewise (V8 cannot hold an array of one entry per character of a huge string). */
const PIECE = 1 << 16;

export function reverse(s: string): string {
  if (s.length <= PIECE) return isBmp(s) ? s.split('').reverse().join('') : Array.from(s).reverse().join('');
  let out = '';
  for (let end = s.length; end > 0; ) {
    let start = Math.max(0, end - PIECE);
    const c = s.charCodeAt(start);
    if (start > 0 && c >= 0xdc00 && c <= 0xdfff) start--; // keep a surrogate pair together
    out += reverse(s.slice(start, end));
    end = start;
  }
  return out;
}

export function ascii(s: string): number {
  return s.length === 0 ? 0 : s.codePointAt(0)!;
}

export function chr(n: number): string {
  if (n < 0) throw new SqlError(SqlState.invalidParameterValue, 'character number must be positive');
  if (n === 0) throw new SqlError(SqlState.programLimitExceeded, 'null character not permitted');
  if (n > 0x10ffff) throw new SqlError(SqlState.programLimitExceeded, `requested character too large for encoding: ${n}`);
  if (n >= 0xd800 && n <= 0xdfff) throw new SqlError(SqlState.programLimitExceeded, `requested character not valid for encoding: ${n}`);
  return String.fromCodePoint(n);
}

export function replace(s: string, from: string, to: string): string {
  if (from.length === 0) return s;
  // Sized first, without splitting: a huge value cannot become an array of its pieces.
  let length = 0, at = 0;
  for (let i = s.indexOf(from); i !== -1; i = s.indexOf(from, i + from.length)) {
    textAppendCheck(length, i - at + to.length);
    length += i - at + to.length;
    at = i + from.length;
  }
  if (at === 0) return s;
  textAppendCheck(length, s.length - at);
  return s.replaceAll(from, () => to);
}

/** translate(s, from, to): characters of `from` map to the same position in `to`, or vanish. */
export function translate(s: string, from: string, to: string): string {
  const f = Array.from(from), t = Array.from(to);
  const map = new Map<string, string>();
  for (let i = 0; i < f.length; i++) if (!map.has(f[i]!)) map.set(f[i]!, t[i] ?? '');
  // A character may map to a longer one (BMP → astral): only then can the result outgrow `s`.
  const check = s.length > MAX_TEXT_LENGTH / 2;
  let out = '';
  for (const c of s) {
    const r = map.get(c) ?? c;
    if (check) textAppendCheck(out.length, r.length);
    out += r;
  }
  return out;
}

const toHex = (v: number | bigint, bits: 32 | 64): string =>
  (typeof v === 'bigint' || v < 0 ? BigInt.asUintN(bits, BigInt(v)) : v).toString(16);

function bindConcat(argTypes: readonly DataType[]): FunctionImpl {
  const fmt = argTypes.map(textOutput);
  return (a, session) => {
    let out = '';
    for (let i = 0; i < a.length; i++) {
      if (a[i] === null) continue;
      const s = fmt[i]!(a[i], session);
      textAppendCheck(out.length, s.length);
      out += s;
    }
    return out;
  };
}

function bindConcatWs(argTypes: readonly DataType[]): FunctionImpl {
  const fmt = argTypes.map(textOutput);
  return (a, session) => {
    if (a[0] === null) return null;
    let out = '';
    let first = true;
    for (let i = 1; i < a.length; i++) {
      if (a[i] === null) continue;
      const s = fmt[i]!(a[i], session);
      const sep = first ? '' : (a[0] as string);
      textAppendCheck(out.length, sep.length + s.length);
      out += sep + s;
      first = false;
    }
    return out;
  };
}

/**
 * overlay(s PLACING t FROM start [FOR count]): s's first start − 1 characters, t, then s from
 * start + count on (count defaults to t's length; a negative one repeats characters).
 */
export function overlay(s: string, t: string, start: number, count: number = cpLength(t)): string {
  if (start <= 0) throw new SqlError(SqlState.substringError, 'negative substring length not allowed');
  const end = start + count;
  if (end > 2147483647 || end < -2147483648) throw outOfRange('integer');
  const out = substr(s, 1, start - 1) + t + substr(s, end);
  checkTextLength(out.length);
  return out;
}

export const STRING_FUNCTIONS: readonly FunctionSignature[] = [
  fn('overlay', [TEXT, TEXT, INTEGER], TEXT, (a) => overlay(str(a, 0), str(a, 1), int(a, 2))),
  fn('overlay', [TEXT, TEXT, INTEGER, INTEGER], TEXT, (a) => overlay(str(a, 0), str(a, 1), int(a, 2), int(a, 3))),
  fn('length', [TEXT], INTEGER, (a) => cpLength(str(a, 0))),
  fn('char_length', [TEXT], INTEGER, (a) => cpLength(str(a, 0))),
  fn('character_length', [TEXT], INTEGER, (a) => cpLength(str(a, 0))),
  fn('octet_length', [TEXT], INTEGER, (a) => utf8Length(str(a, 0))),
  fn('bit_length', [TEXT], INTEGER, (a) => utf8Length(str(a, 0)) * 8),
  fn('textlen', [TEXT], INTEGER, (a) => cpLength(str(a, 0))),
  fn('lower', [TEXT], TEXT, (a) => asciiLower(str(a, 0))),
  fn('upper', [TEXT], TEXT, (a) => asciiUpper(str(a, 0))),
  fn('initcap', [TEXT], TEXT, (a) => initcap(str(a, 0))),
  fn('substr', [TEXT, INTEGER], TEXT, (a) => substr(str(a, 0), int(a, 1))),
  fn('substr', [TEXT, INTEGER, INTEGER], TEXT, (a) => substr(str(a, 0), int(a, 1), int(a, 2))),
  fn('substring', [TEXT, INTEGER], TEXT, (a) => substr(str(a, 0), int(a, 1))),
  fn('substring', [TEXT, INTEGER, INTEGER], TEXT, (a) => substr(str(a, 0), int(a, 1), int(a, 2))),
  fn('strpos', [TEXT, TEXT], INTEGER, (a) => strpos(str(a, 0), str(a, 1))),
  // POSITION(sub IN s) reaches us as position(s, sub), as PostgreSQL's grammar rewrites it.
  fn('position', [TEXT, TEXT], INTEGER, (a) => strpos(str(a, 0), str(a, 1))),
  fn('replace', [TEXT, TEXT, TEXT], TEXT, (a) => replace(str(a, 0), str(a, 1), str(a, 2))),
  fn('translate', [TEXT, TEXT, TEXT], TEXT, (a) => translate(str(a, 0), str(a, 1), str(a, 2))),
  fn('split_part', [TEXT, TEXT, INTEGER], TEXT, (a) => splitPart(str(a, 0), str(a, 1), int(a, 2))),
  fn('left', [TEXT, INTEGER], TEXT, (a) => left(str(a, 0), int(a, 1))),
  fn('right', [TEXT, INTEGER], TEXT, (a) => right(str(a, 0), int(a, 1))),
  fn('repeat', [TEXT, INTEGER], TEXT, (a) => repeat(str(a, 0), int(a, 1))),
  fn('reverse', [TEXT], TEXT, (a) => reverse(str(a, 0))),
  fn('starts_with', [TEXT, TEXT], BOOLEAN, (a) => str(a, 0).startsWith(str(a, 1))),
  fn('ascii', [TEXT], INTEGER, (a) => ascii(str(a, 0))),
  fn('chr', [INTEGER], TEXT, (a) => chr(int(a, 0))),
  fn('md5', [TEXT], TEXT, (a) => createHash('md5').update(str(a, 0), 'utf8').digest('hex')),
  fn('to_hex', [INTEGER], TEXT, (a) => toHex(int(a, 0), 32)),
  fn('to_hex', [BIGINT], TEXT, (a) => toHex(a[0] as number | bigint, 64)),
  // concat/concat_ws print each argument with its output function (booleans as t/f) and skip NULLs.
  polyFn('concat', [], TEXT, bindConcat, { variadic: ANY, strict: false, volatility: 'stable' }),
  polyFn('concat_ws', [TEXT], TEXT, bindConcatWs, { variadic: ANY, strict: false, volatility: 'stable' }),
];
