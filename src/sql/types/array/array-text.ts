/**
 * PostgreSQL's text form of one-dimensional arrays (array_out / array_in): `{1,2,NULL}`,
 * elements in their own text form, double-quoted when empty, `NULL`-like, or holding braces,
 * commas, quotes, backslashes or white space (quotes and backslashes then escaped with a
 * backslash). Input accepts quoted and unquoted elements with backslash escapes; unquoted
 * `NULL` is the null element. Arrays of more dimensions are refused (0A000).
 */
import { SqlError, SqlState } from '../sql-error.ts';

const NEEDS_QUOTES = /[{},"\\\s]/;

export function formatArray(values: readonly unknown[], element: (v: never) => string): string {
  const parts = values.map((v) => {
    if (v === null) return 'NULL';
    const text = element(v as never);
    if (text === '' || text.toUpperCase() === 'NULL' || NEEDS_QUOTES.test(text)) return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    return text;
  });
  return `{${parts.join(',')}}`;
}

const malformed = (text: string, detail: string): SqlError => new SqlError(SqlState.invalidTextRepresentation, `malformed array literal: "${text}"`, { detail });

/** The elements' texts (null for NULL) of an array literal. */
export function splitArray(text: string): Array<string | null> {
  let i = 0;
  const n = text.length;
  const space = (): void => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  space();
  if (text[i] === '[') throw new SqlError(SqlState.featureNotSupported, 'array dimension decorations ([1:3]=...) are not supported yet');
  if (text[i] !== '{') throw malformed(text, 'Array value must start with "{" or dimension information.');
  i++;
  const out: Array<string | null> = [];
  space();
  if (text[i] === '}') {
    i++;
    space();
    if (i < n) throw malformed(text, 'Junk after closing right brace.');
    return out;
  }
  for (;;) {
    space();
    if (text[i] === '{') throw new SqlError(SqlState.featureNotSupported, 'multidimensional arrays are not supported yet');
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (i >= n) break;
        value += text[i++];
      }
      if (i >= n) throw malformed(text, 'Unexpected end of input.');
      i++;
      space();
    } else {
      let trailing = '';
      while (i < n && text[i] !== ',' && text[i] !== '}') {
        const c = text[i]!;
        if (c === '"' || c === '{') throw malformed(text, `Unexpected "${c}" character.`);
        if (c === '\\') {
          i++;
          if (i >= n) break;
          value += trailing + text[i++];
          trailing = '';
          continue;
        }
        // White space inside an element is kept, around it dropped.
        if (/\s/.test(c)) trailing += c;
        else {
          value += trailing + c;
          trailing = '';
        }
        i++;
      }
      if (value === '') throw malformed(text, 'Unexpected "," character.');
    }
    out.push(!quoted && value.toUpperCase() === 'NULL' ? null : value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') {
      i++;
      space();
      if (i < n) throw malformed(text, 'Junk after closing right brace.');
      return out;
    }
    throw malformed(text, 'Unexpected end of input.');
  }
}
