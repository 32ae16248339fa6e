/**
 * bytea's functions (PostgreSQL's varlena.c and oracle_compat.c over bytes): lengths,
 * substring/overlay/position by byte, get/set_byte and get/set_bit, trimming a set of bytes,
 * md5 and the SHA-2 digests. Positions count from 1 as for text; indexes of get/set_byte and
 * get/set_bit count from 0, as PostgreSQL's do. Every result owns its bytes (values.ts).
 */
import { createHash } from 'node:crypto';
import { BIGINT, BYTEA, INTEGER, SqlError, SqlState, TEXT } from '../../types/index.ts';
import { OTHER, fn, type FunctionSignature } from '../function-signature.ts';
import { ENCODING_FUNCTIONS } from './encodings.ts';
import { ENCODE_FUNCTIONS } from './encode-decode.ts';
import { BYTEA_LIKE_FUNCTIONS } from './bytea-like.ts';

const bytes = (a: readonly unknown[], i: number): Uint8Array => a[i] as Uint8Array;
const int = (a: readonly unknown[], i: number): number => a[i] as number;
const view = (v: Uint8Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** bytea_substring: bytes start .. start+count−1 (1-based, clipped); count null runs to the end. */
export function byteaSubstring(v: Uint8Array, start: number, count: number | null): Uint8Array {
  if (count !== null && count < 0) throw new SqlError(SqlState.substringError, 'negative substring length not allowed');
  const from = Math.max(start, 1) - 1;
  const end = count === null ? v.length : Math.min(start + count - 1, v.length);
  return end <= from ? new Uint8Array(0) : v.slice(from, end);
}

/** overlay(s PLACING t FROM start [FOR count]): count defaults to t's length and may be negative. */
function byteaOverlay(s: Uint8Array, t: Uint8Array, start: number, count: number = t.length): Uint8Array {
  if (start <= 0) throw new SqlError(SqlState.substringError, 'negative substring length not allowed');
  const end = start + count;
  if (end > 2147483647 || end < -2147483648) throw new SqlError(SqlState.numericValueOutOfRange, 'integer out of range');
  const head = byteaSubstring(s, 1, start - 1);
  const tail = byteaSubstring(s, end, null);
  const out = new Uint8Array(head.length + t.length + tail.length);
  out.set(head, 0);
  out.set(t, head.length);
  out.set(tail, head.length + t.length);
  return out;
}

/** byteapos: 1-based position of `needle` in `s`, 0 if absent, 1 for an empty needle. */
function byteaPosition(s: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 1;
  return view(s).indexOf(view(needle)) + 1;
}

function outOfRange(n: number | bigint, last: number): SqlError {
  return new SqlError(SqlState.arraySubscriptError, `index ${n} out of valid range, 0..${last}`);
}

function getByte(v: Uint8Array, n: number): number {
  if (n < 0 || n >= v.length) throw outOfRange(n, v.length - 1);
  return v[n]!;
}

function setByte(v: Uint8Array, n: number, b: number): Uint8Array {
  if (n < 0 || n >= v.length) throw outOfRange(n, v.length - 1);
  const out = v.slice();
  out[n] = b & 0xff;
  return out;
}

/** The bit's byte, after the range check: bits count from the low bit of byte 0. */
function bitByte(v: Uint8Array, n: number | bigint): number {
  if (n < 0 || n >= v.length * 8) throw outOfRange(n, v.length * 8 - 1);
  return Number(n) >> 3;
}

function getBit(v: Uint8Array, n: number | bigint): number {
  return (v[bitByte(v, n)]! >> (Number(n) & 7)) & 1;
}

function setBit(v: Uint8Array, n: number | bigint, bit: number): Uint8Array {
  const at = bitByte(v, n);
  if (bit !== 0 && bit !== 1) throw new SqlError(SqlState.invalidParameterValue, 'new bit must be 0 or 1');
  const out = v.slice();
  const mask = 1 << (Number(n) & 7);
  out[at] = bit === 1 ? out[at]! | mask : out[at]! & ~mask;
  return out;
}

/** btrim/ltrim/rtrim(bytea, bytea): drops bytes in `set` from the start (mode & 1) and/or end (mode & 2). */
function trimBytes(v: Uint8Array, set: Uint8Array, mode: 1 | 2 | 3): Uint8Array {
  if (v.length === 0 || set.length === 0) return v;
  let i = 0, j = v.length;
  if (mode & 1) while (i < j && set.includes(v[i]!)) i++;
  if (mode & 2) while (j > i && set.includes(v[j - 1]!)) j--;
  return i === 0 && j === v.length ? v : v.slice(i, j);
}

function bitCount(v: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    let b = v[i]!;
    while (b !== 0) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}

const digest = (algorithm: string) => (a: readonly unknown[]): Uint8Array => new Uint8Array(createHash(algorithm).update(bytes(a, 0)).digest());

export const BYTEA_FUNCTIONS: readonly FunctionSignature[] = [
  fn('length', [BYTEA], INTEGER, (a) => bytes(a, 0).length),
  fn('octet_length', [BYTEA], INTEGER, (a) => bytes(a, 0).length),
  fn('bit_length', [BYTEA], INTEGER, (a) => bytes(a, 0).length * 8),
  fn('bit_count', [BYTEA], BIGINT, (a) => bitCount(bytes(a, 0))),
  // PostgreSQL 18: the bytes in reverse order.
  fn('reverse', [BYTEA], BYTEA, (a) => bytes(a, 0).slice().reverse()),
  fn('substr', [BYTEA, INTEGER], BYTEA, (a) => byteaSubstring(bytes(a, 0), int(a, 1), null)),
  fn('substr', [BYTEA, INTEGER, INTEGER], BYTEA, (a) => byteaSubstring(bytes(a, 0), int(a, 1), int(a, 2))),
  fn('substring', [BYTEA, INTEGER], BYTEA, (a) => byteaSubstring(bytes(a, 0), int(a, 1), null)),
  fn('substring', [BYTEA, INTEGER, INTEGER], BYTEA, (a) => byteaSubstring(bytes(a, 0), int(a, 1), int(a, 2))),
  // POSITION(sub IN s) reaches us as position(s, sub), as for text.
  fn('position', [BYTEA, BYTEA], INTEGER, (a) => byteaPosition(bytes(a, 0), bytes(a, 1))),
  fn('overlay', [BYTEA, BYTEA, INTEGER], BYTEA, (a) => byteaOverlay(bytes(a, 0), bytes(a, 1), int(a, 2))),
  fn('overlay', [BYTEA, BYTEA, INTEGER, INTEGER], BYTEA, (a) => byteaOverlay(bytes(a, 0), bytes(a, 1), int(a, 2), int(a, 3))),
  fn('get_byte', [BYTEA, INTEGER], INTEGER, (a) => getByte(bytes(a, 0), int(a, 1))),
  fn('set_byte', [BYTEA, INTEGER, INTEGER], BYTEA, (a) => setByte(bytes(a, 0), int(a, 1), int(a, 2))),
  fn('get_bit', [BYTEA, BIGINT], INTEGER, (a) => getBit(bytes(a, 0), a[1] as number | bigint)),
  fn('set_bit', [BYTEA, BIGINT, INTEGER], BYTEA, (a) => setBit(bytes(a, 0), a[1] as number | bigint, int(a, 2))),
  fn('btrim', [BYTEA, BYTEA], BYTEA, (a) => trimBytes(bytes(a, 0), bytes(a, 1), 3)),
  fn('ltrim', [BYTEA, BYTEA], BYTEA, (a) => trimBytes(bytes(a, 0), bytes(a, 1), 1)),
  fn('rtrim', [BYTEA, BYTEA], BYTEA, (a) => trimBytes(bytes(a, 0), bytes(a, 1), 2)),
  fn('md5', [BYTEA], TEXT, (a) => createHash('md5').update(bytes(a, 0)).digest('hex')),
  fn('sha224', [BYTEA], BYTEA, digest('sha224')),
  fn('sha256', [BYTEA], BYTEA, digest('sha256')),
  fn('sha384', [BYTEA], BYTEA, digest('sha384')),
  fn('sha512', [BYTEA], BYTEA, digest('sha512')),
  // bit_count(bit), get_bit(bit, int4), set_bit(bit, int4, int4) in PostgreSQL: with them an
  // untyped argument resolves (or is ambiguous) as there.
  fn('bit_count', [OTHER], BIGINT, () => null),
  fn('get_bit', [OTHER, INTEGER], INTEGER, () => null),
  fn('set_bit', [OTHER, INTEGER, INTEGER], BYTEA, () => null),
  ...ENCODE_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...BYTEA_LIKE_FUNCTIONS,
];
