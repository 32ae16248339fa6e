/**
 * bytea's text forms (PostgreSQL's byteain/byteaout, varlena.c, and hex_decode, encode.c).
 * Values are Uint8Arrays that own their whole ArrayBuffer: a view into a larger buffer (a
 * Buffer from Node's pool) would drag that buffer along wherever a row is cloned to another
 * thread, so `ownBytes` copies such views.
 *
 * Output is the hex format (bytea_output's default): `\x0102ff`. Input takes the hex format,
 * whitespace allowed between digit pairs, and the escape format, where `\\` is a backslash and
 * `\ooo` (first digit 0-3) an octal byte, every other character its UTF-8 bytes.
 */
import { SqlError, SqlState } from '../sql-error.ts';

const encoder = new TextEncoder();

/** A Uint8Array over exactly its own bytes (copied when it is a view into more). */
export function ownBytes(v: Uint8Array): Uint8Array {
  if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.constructor === Uint8Array) return v;
  return new Uint8Array(v);
}

/** The UTF-8 bytes of a string. */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Lower-case hex digits of the bytes, without a prefix. */
export function hexDigits(v: Uint8Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
}

/** byteaout in the hex format. */
export function formatBytea(v: Uint8Array): string {
  return `\\x${hexDigits(v)}`;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function badHexDigit(s: string, i: number): SqlError {
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return new SqlError(SqlState.invalidParameterValue, `invalid hexadecimal digit: "${ch}"`);
}

/** hex_decode: pairs of hex digits from `start`, spaces, tabs and newlines allowed between pairs. */
export function decodeHex(s: string, start = 0): Uint8Array {
  const out = new Uint8Array((s.length - start) >> 1);
  let n = 0;
  for (let i = start; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      i++;
      continue;
    }
    const hi = hexValue(c);
    if (hi < 0) throw badHexDigit(s, i);
    i++;
    if (i >= s.length) throw new SqlError(SqlState.invalidParameterValue, 'invalid hexadecimal data: odd number of digits');
    const lo = hexValue(s.charCodeAt(i));
    if (lo < 0) throw badHexDigit(s, i);
    i++;
    out[n++] = (hi << 4) | lo;
  }
  return n === out.length ? out : out.slice(0, n);
}

const isOctal = (c: number | undefined, max = 55): boolean => c !== undefined && c >= 48 && c <= max;

/** The escape format (byteain's traditional style, decode(t, 'escape')). */
export function decodeEscape(s: string): Uint8Array {
  const bytes = utf8Bytes(s);
  if (!bytes.includes(92)) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    if (c !== 92) {
      out[n++] = c;
      i++;
    } else if (isOctal(bytes[i + 1], 51) && isOctal(bytes[i + 2]) && isOctal(bytes[i + 3])) {
      out[n++] = ((bytes[i + 1]! - 48) << 6) | ((bytes[i + 2]! - 48) << 3) | (bytes[i + 3]! - 48);
      i += 4;
    } else if (bytes[i + 1] === 92) {
      out[n++] = 92;
      i += 2;
    } else {
      throw new SqlError(SqlState.invalidTextRepresentation, 'invalid input syntax for type bytea');
    }
  }
  return out.slice(0, n);
}

/** byteain. */
export function parseBytea(s: string): Uint8Array {
  if (s.charCodeAt(0) === 92 && s.charCodeAt(1) === 120) return decodeHex(s, 2);
  return decodeEscape(s);
}
