/**
 * Unicode functions (PostgreSQL 13+): normalize and is_normalized with the forms NFC, NFD,
 * NFKC and NFKD (the runtime's ICU tables; PostgreSQL 15 ships Unicode 14's), and unistr,
 * which decodes `\XXXX`, `\+XXXXXX`, `\uXXXX` and `\UXXXXXXXX` escapes and `\\`, joining
 * UTF-16 surrogate pairs as varlena.c's unistr does.
 */
import { BOOLEAN, SqlError, SqlState, TEXT } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { syntaxError } from '../../../errors/index.ts';

type Form = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

function normalizationForm(name: string): Form {
  const f = name.toUpperCase();
  if (f === 'NFC' || f === 'NFD' || f === 'NFKC' || f === 'NFKD') return f;
  throw new SqlError(SqlState.invalidParameterValue, `invalid normalization form: ${name}`);
}

const HEX = /^[0-9A-Fa-f]+$/;
const isHex = (s: string, at: number, n: number): boolean => s.length >= at + n && HEX.test(s.slice(at, at + n));

/** unistr(text): the escapes decoded; 42601 for a malformed escape or an unpaired surrogate. */
export function unistr(s: string): string {
  const invalidPair = (): SqlError => syntaxError('invalid Unicode surrogate pair');
  let out = '';
  let high = 0;
  let i = 0;
  const code = (c: number): void => {
    if (!(c > 0 && c <= 0x10ffff)) {
      throw new SqlError(SqlState.invalidParameterValue, `invalid Unicode code point: ${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    const low = c >= 0xdc00 && c <= 0xdfff;
    if (high !== 0) {
      if (!low) throw invalidPair();
      out += String.fromCodePoint(((high - 0xd800) << 10) + (c - 0xdc00) + 0x10000);
      high = 0;
    } else if (low) throw invalidPair();
    else if (c >= 0xd800 && c <= 0xdbff) high = c;
    else out += String.fromCodePoint(c);
  };
  while (i < s.length) {
    if (s[i] !== '\\') {
      if (high !== 0) throw invalidPair();
      out += s[i++];
      continue;
    }
    if (s[i + 1] === '\\') {
      if (high !== 0) throw invalidPair();
      out += '\\';
      i += 2;
    } else if (isHex(s, i + 1, 4)) { code(parseInt(s.slice(i + 1, i + 5), 16)); i += 5; }
    else if (s[i + 1] === 'u' && isHex(s, i + 2, 4)) { code(parseInt(s.slice(i + 2, i + 6), 16)); i += 6; }
    else if (s[i + 1] === '+' && isHex(s, i + 2, 6)) { code(parseInt(s.slice(i + 2, i + 8), 16)); i += 8; }
    else if (s[i + 1] === 'U' && isHex(s, i + 2, 8)) { code(parseInt(s.slice(i + 2, i + 10), 16)); i += 10; }
    else {
      throw syntaxError('invalid Unicode escape', { hint: 'Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.' });
    }
  }
  if (high !== 0) throw invalidPair();
  return out;
}

export const UNICODE_FUNCTIONS: readonly FunctionSignature[] = [
  fn('normalize', [TEXT, TEXT], TEXT, ([s, form]) => (s as string).normalize(normalizationForm(form === undefined ? 'NFC' : (form as string))), { minArgs: 1 }),
  fn('is_normalized', [TEXT, TEXT], BOOLEAN, ([s, form]) => {
    const t = s as string;
    return t.normalize(normalizationForm(form === undefined ? 'NFC' : (form as string))) === t;
  }, { minArgs: 1 }),
  fn('unistr', [TEXT], TEXT, ([s]) => unistr(s as string)),
];
