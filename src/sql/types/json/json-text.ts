/**
 * The json type: PostgreSQL keeps a json value as the text it was given (whitespace, key
 * order and duplicate keys included), checked by the JSON grammar on input. Weir does the
 * same: a json value is its text. scanJson reads the text into a tree of spans, so that
 * `->` and friends can return the original text of a part, as PostgreSQL's json functions do.
 *
 * @see https://www.postgresql.org/docs/15/datatype-json.html
 */
import { SqlError, SqlState } from '../sql-error.ts';

export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly fields: ReadonlyArray<{ readonly key: string; readonly value: JsonNode }> }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'number' | 'true' | 'false' | 'null'; readonly start: number; readonly end: number };

const invalid = (_text: string, detail: string): SqlError =>
  new SqlError(SqlState.invalidTextRepresentation, 'invalid input syntax for type json', { detail });

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The tree of a json text; 22P02 `invalid input syntax for type json` when it is not JSON. */
export function scanJson(text: string): JsonNode {
  let i = 0;
  const skip = (): void => { while (i < text.length && isBlank(text.charCodeAt(i))) i++; };
  const token = (): string => {
    const m = /^[^\s,:{}[\]"]+|^./s.exec(text.slice(i, i + 40));
    return m === null ? '' : m[0];
  };
  const expected = (what: string): SqlError =>
    i >= text.length ? invalid(text, 'The input string ended unexpectedly.') : invalid(text, `Expected ${what}, but found "${token()}".`);
  const string = (): { value: string; start: number; end: number } => {
    const start = i++;
    let value = '';
    for (;;) {
      if (i >= text.length) throw invalid(text, 'The input string ended unexpectedly.');
      const c = text[i]!;
      if (c === '"') { i++; break; }
      if (c.charCodeAt(0) < 0x20) throw invalid(text, `Character with value 0x${c.charCodeAt(0).toString(16).padStart(2, '0')} must be escaped.`);
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw invalid(text, '"\\u" must be followed by four hexadecimal digits.');
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) throw invalid(text, `Escape sequence "\\${e ?? ''}" is invalid.`);
        value += r;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    return { value, start, end: i };
  };
  const value = (depth: number): JsonNode => {
    if (depth > 6400) throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded');
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const fields: Array<{ key: string; value: JsonNode }> = [];
      skip();
      if (text[i] === '}') { i++; return { kind: 'object', start, end: i, fields }; }
      for (;;) {
        skip();
        if (text[i] !== '"') throw expected('string or "}"');
        const key = string().value;
        skip();
        if (text[i] !== ':') throw expected('":"');
        i++;
        fields.push({ key, value: value(depth + 1) });
        skip();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { kind: 'object', start, end: i, fields }; }
        throw expected('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === ']') { i++; return { kind: 'array', start, end: i, items }; }
      for (;;) {
        items.push(value(depth + 1));
        skip();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { kind: 'array', start, end: i, items }; }
        throw expected('"," or "]"');
      }
    }
    if (c === '"') {
      const s = string();
      return { kind: 'string', start: s.start, end: s.end, value: s.value };
    }
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(text);
    if (n !== null && n[0].length > 0 && !/^[\w.]/.test(text.slice(i + n[0].length, i + n[0].length + 1))) {
      i += n[0].length;
      return { kind: 'number', start, end: i };
    }
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, i) && !/^\w/.test(text.slice(i + word.length, i + word.length + 1))) {
        i += word.length;
        return { kind: word, start, end: i };
      }
    }
    if (i >= text.length) throw invalid(text, 'The input string ended unexpectedly.');
    throw invalid(text, `Token "${token()}" is invalid.`);
  };
  const root = value(0);
  skip();
  if (i < text.length) throw invalid(text, `Expected end of input, but found "${token()}".`);
  return root;
}

/** json_in: the text itself, once it is known to be JSON. */
export function parseJsonText(text: string): string {
  scanJson(text);
  return text;
}
