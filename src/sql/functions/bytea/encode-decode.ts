/**
 * encode(bytea, format) and decode(text, format) for PostgreSQL's three formats (encode.c):
 * `hex`; `base64`, written in lines of 76 characters and read ignoring whitespace, with its
 * padding rules; `escape`, where a zero byte, a byte with the high bit set and the backslash are
 * escaped. Format names are case-insensitive; another is 22023 `unrecognized encoding`.
 */
import { BYTEA, SqlError, SqlState, TEXT, decodeEscape, decodeHex, hexDigits } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** pg_base64_encode: a newline after every 76 characters written, even at the very end. */
function base64Encode(v: Uint8Array): string {
  let out = '';
  let line = 0;
  let buf = 0;
  let pos = 2;
  const quad = (): void => {
    out += BASE64[(buf >> 18) & 63]! + BASE64[(buf >> 12) & 63]! + BASE64[(buf >> 6) & 63]! + BASE64[buf & 63]!;
    line += 4;
  };
  for (let i = 0; i < v.length; i++) {
    buf |= v[i]! << (pos * 8);
    pos--;
    if (pos < 0) {
      quad();
      pos = 2;
      buf = 0;
    }
    if (line >= 76) {
      out += '\n';
      line = 0;
    }
  }
  if (pos !== 2) {
    out += BASE64[(buf >> 18) & 63]! + BASE64[(buf >> 12) & 63]! + (pos === 0 ? BASE64[(buf >> 6) & 63]! : '=') + '=';
  }
  return out;
}

/** pg_base64_decode: whitespace skipped; `=` ends the data (later groups keep its length). */
function base64Decode(s: string): Uint8Array {
  const out = new Uint8Array(Math.ceil((s.length * 3) / 4));
  let n = 0, buf = 0, pos = 0, end = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    let b = 0;
    if (c === 61) {
      if (end === 0) {
        if (pos === 2) end = 1;
        else if (pos === 3) end = 2;
        else throw new SqlError(SqlState.invalidParameterValue, 'unexpected "=" while decoding base64 sequence');
      }
    } else {
      b = c < 127 ? BASE64_VALUE[c]! : -1;
      if (b < 0) {
        const symbol = String.fromCodePoint(s.codePointAt(i)!);
        throw new SqlError(SqlState.invalidParameterValue, `invalid symbol "${symbol}" found while decoding base64 sequence`);
      }
    }
    buf = (buf << 6) + b;
    pos++;
    if (pos === 4) {
      out[n++] = (buf >> 16) & 255;
      if (end === 0 || end > 1) out[n++] = (buf >> 8) & 255;
      if (end === 0 || end > 2) out[n++] = buf & 255;
      buf = 0;
      pos = 0;
    }
  }
  if (pos !== 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'invalid base64 end sequence', {
      hint: 'Input data is missing padding, is truncated, or is otherwise corrupted.',
    });
  }
  return out.slice(0, n);
}

/** esc_encode: \ooo for a zero byte and bytes ≥ 0x80, \\ for a backslash, the rest as characters. */
function escapeEncode(v: Uint8Array): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === 0 || c >= 0x80) out += `\\${(c >> 6).toString()}${((c >> 3) & 7).toString()}${(c & 7).toString()}`;
    else if (c === 92) out += '\\\\';
    else out += String.fromCharCode(c);
  }
  return out;
}

type Format = 'hex' | 'base64' | 'escape';

function format(name: string): Format {
  const f = name.toLowerCase();
  if (f === 'hex' || f === 'base64' || f === 'escape') return f;
  throw new SqlError(SqlState.invalidParameterValue, `unrecognized encoding: "${name}"`);
}

export function encode(v: Uint8Array, name: string): string {
  switch (format(name)) {
    case 'hex': return hexDigits(v);
    case 'base64': return base64Encode(v);
    case 'escape': return escapeEncode(v);
  }
}

export function decode(s: string, name: string): Uint8Array {
  switch (format(name)) {
    case 'hex': return decodeHex(s);
    case 'base64': return base64Decode(s);
    case 'escape': return decodeEscape(s);
  }
}

export const ENCODE_FUNCTIONS: readonly FunctionSignature[] = [
  fn('encode', [BYTEA, TEXT], TEXT, (a) => encode(a[0] as Uint8Array, a[1] as string)),
  fn('decode', [TEXT, TEXT], BYTEA, (a) => decode(a[0] as string, a[1] as string)),
];
