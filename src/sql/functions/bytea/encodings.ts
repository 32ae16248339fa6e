/**
 * Conversions between text and bytes in a named encoding: convert_from(bytea, name),
 * convert_to(text, name), convert(bytea, name, name) and length(bytea, name), as PostgreSQL's
 * pg_convert does them in a UTF8 database: the source bytes are checked first (22021
 * `invalid byte sequence for encoding "UTF8": 0xe2 0x82`, naming the bytes of the first bad
 * character), a character the destination lacks is 22P05. Weir converts UTF8, LATIN1 and
 * SQL_ASCII (bytes as they are, checked as the other side's); PostgreSQL's other encodings
 * are 0A000, an unknown name 22023. Names are compared as PostgreSQL's clean_encoding_name
 * does: case and punctuation aside (`utf-8`, `Unicode`, `ISO-8859-1`).
 */
import { isUtf8 } from 'node:buffer';
import { BYTEA, INTEGER, SqlError, SqlState, TEXT } from '../../types/index.ts';
import { utf8Bytes } from '../text/code-points.ts';
import { utf8SequenceLength } from '../../types/utf8.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { notSupported } from '../../../errors/index.ts';

type Encoding = 'UTF8' | 'LATIN1' | 'SQL_ASCII';

const SUPPORTED: Readonly<Record<string, Encoding>> = {
  utf8: 'UTF8', unicode: 'UTF8', latin1: 'LATIN1', iso88591: 'LATIN1', sqlascii: 'SQL_ASCII',
};

/** PostgreSQL's other encodings and aliases (pg_encname_tbl), which Weir does not convert. */
const UNCONVERTED = new Set([
  'abc', 'alt', 'big5', 'euccn', 'eucjis2004', 'eucjp', 'euckr', 'euctw', 'gb18030', 'gbk', 'iso885910', 'iso885913',
  'iso885914', 'iso885915', 'iso885916', 'iso88592', 'iso88593', 'iso88594', 'iso88595', 'iso88596', 'iso88597', 'iso88598',
  'iso88599', 'johab', 'koi8', 'koi8r', 'koi8u', 'latin10', 'latin2', 'latin3', 'latin4', 'latin5', 'latin6', 'latin7',
  'latin8', 'latin9', 'mskanji', 'muleinternal', 'shiftjis', 'shiftjis2004', 'sjis', 'tcvn', 'tcvn5712', 'uhc', 'vscii',
  'win', 'win1250', 'win1251', 'win1252', 'win1253', 'win1254', 'win1255', 'win1256', 'win1257', 'win1258', 'win866',
  'win874', 'win932', 'win936', 'win949', 'win950', 'windows1250', 'windows1251', 'windows1252', 'windows1253',
  'windows1254', 'windows1255', 'windows1256', 'windows1257', 'windows1258', 'windows866', 'windows874', 'windows932',
  'windows936', 'windows949', 'windows950',
]);

function encodingOf(name: string, role: 'source ' | 'destination ' | ''): Encoding {
  const clean = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const e = SUPPORTED[clean];
  if (e !== undefined) return e;
  if (UNCONVERTED.has(clean)) throw notSupported(`conversion with encoding "${name}"`);
  throw new SqlError(SqlState.invalidParameterValue, `invalid ${role}encoding name "${name}"`);
}

const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');

/** report_invalid_encoding: as many bytes as the lead byte announces (pg_encoding_mblen). */
function invalidSequence(encoding: Encoding, b: Uint8Array, at: number): SqlError {
  const lead = b[at]!;
  const n = encoding !== 'UTF8' ? 1 : lead < 0x80 ? 1 : (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 1;
  return new SqlError(SqlState.characterNotInRepertoire, `invalid byte sequence for encoding "${encoding}": ${hexBytes(b.subarray(at, at + n))}`);
}

/** pg_verify_mbstr: UTF8 must be well formed; in every encoding a zero byte is refused. */
function verify(encoding: Encoding, b: Uint8Array): void {
  if (encoding === 'UTF8') {
    if (isUtf8(b) && !b.includes(0)) return;
    for (let i = 0; i < b.length; ) {
      const n = utf8SequenceLength(b, i);
      if (n <= 0) throw invalidSequence('UTF8', b, i); // 0: cut off before its end
      i += n;
    }
    return;
  }
  const zero = b.indexOf(0);
  if (zero >= 0) throw invalidSequence(encoding, b, zero);
}

const utf8 = new TextDecoder('utf-8');

/** Bytes in `encoding` as text (UTF8, the database encoding). */
function decodeBytes(b: Uint8Array, encoding: Encoding): string {
  verify(encoding, b);
  if (encoding === 'LATIN1') {
    // WHATWG's "latin1" is windows-1252; ISO-8859-1 maps each byte to its own code point.
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  // SQL_ASCII converts nothing: the bytes must be valid text as they are.
  if (encoding === 'SQL_ASCII') verify('UTF8', b);
  return utf8.decode(b);
}

/** Text as bytes in `encoding`. */
function encodeText(s: string, encoding: Encoding): Uint8Array {
  if (encoding !== 'LATIN1') return utf8Bytes(s);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      throw new SqlError(SqlState.untranslatableCharacter, `character with byte sequence ${hexBytes(utf8Bytes(ch))} in encoding "UTF8" has no equivalent in encoding "LATIN1"`);
    }
    out[i] = c;
  }
  return out;
}

/** pg_convert: checked in the source encoding, then converted (SQL_ASCII on either side converts nothing). */
function convert(b: Uint8Array, src: Encoding, dest: Encoding): Uint8Array {
  verify(src, b);
  if (src === dest || dest === 'SQL_ASCII') return b;
  if (src === 'SQL_ASCII') {
    verify(dest, b);
    return b;
  }
  return encodeText(decodeBytes(b, src), dest);
}

/** length(bytea, name): characters of the bytes read in the encoding. */
function lengthIn(b: Uint8Array, encoding: Encoding): number {
  verify(encoding, b);
  if (encoding !== 'UTF8') return b.length;
  let n = 0;
  for (let i = 0; i < b.length; i++) if ((b[i]! & 0xc0) !== 0x80) n++;
  return n;
}

export const ENCODING_FUNCTIONS: readonly FunctionSignature[] = [
  fn('convert_from', [BYTEA, TEXT], TEXT, (a) => decodeBytes(a[0] as Uint8Array, encodingOf(a[1] as string, 'source '))),
  fn('convert_to', [TEXT, TEXT], BYTEA, (a) => encodeText(a[0] as string, encodingOf(a[1] as string, 'destination '))),
  fn('convert', [BYTEA, TEXT, TEXT], BYTEA, (a) => convert(a[0] as Uint8Array, encodingOf(a[1] as string, 'source '), encodingOf(a[2] as string, 'destination '))),
  fn('length', [BYTEA, TEXT], INTEGER, (a) => lengthIn(a[0] as Uint8Array, encodingOf(a[1] as string, ''))),
];
