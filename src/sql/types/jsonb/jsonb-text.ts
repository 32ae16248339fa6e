/**
 * jsonb text input and output as PostgreSQL's jsonb_in/jsonb_out: RFC 8259 JSON, numbers kept
 * exact (numeric), `\u0000` rejected (22P05), output with one space after `:` and `,`
 * (`{"a": 1, "b": [1, 2]}`) and PostgreSQL's string escapes.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import { Decimal } from '../numeric/decimal.ts';
import { parseNumeric } from '../numeric/numeric-text.ts';
import { JSONB_NULL, JsonbObject, compareKeys, type Jsonb } from './jsonb-value.ts';

const invalid = (detail: string): SqlError =>
  new SqlError(SqlState.invalidTextRepresentation, 'invalid input syntax for type json', { detail });

export function parseJsonb(text: string): Jsonb {
  const p = new Parser(text);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.i < text.length) throw invalid(`Expected end of input, but found "${text.slice(p.i, p.i + 10)}".`);
  return v;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  readonly s: string;
  i = 0;
  constructor(s: string) { this.s = s; }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  value(depth = 0): Jsonb {
    const s = this.s;
    if (this.i >= s.length) throw invalid('The input string ended unexpectedly.');
    const c = s[this.i]!;
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (s.startsWith('true', this.i)) { this.i += 4; return true; }
    if (s.startsWith('false', this.i)) { this.i += 5; return false; }
    if (s.startsWith('null', this.i)) { this.i += 4; return JSONB_NULL; }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(s);
    if (m !== null) {
      this.i += m[0].length;
      return parseNumeric(m[0]);
    }
    if ('}],:'.includes(c)) throw invalid(`Expected JSON value, but found "${c}".`);
    const tok = /^[\w.+-]+/.exec(s.slice(this.i))?.[0] ?? c;
    throw invalid(`Token "${tok}" is invalid.`);
  }

  object(depth: number): Jsonb {
    this.i++;
    const pairs: [string, Jsonb][] = [];
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return new JsonbObject([], []); }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') throw invalid(`Expected string, but found "${this.s[this.i] ?? ''}".`);
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') throw invalid(`Expected ":", but found "${this.s[this.i] ?? ''}".`);
      this.i++;
      this.ws();
      pairs.push([k, this.value(depth + 1)]);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') break;
      if (c !== ',') throw invalid(c === undefined ? 'The input string ended unexpectedly.' : `Expected "," or "}", but found "${c}".`);
    }
    // Stable sort keeps input order among duplicates, so the last one written wins below.
    pairs.sort((a, b) => compareKeys(a[0], b[0]));
    const keys: string[] = [], values: Jsonb[] = [];
    for (const [k, v] of pairs) {
      if (keys.length > 0 && keys[keys.length - 1] === k) values[values.length - 1] = v;
      else { keys.push(k); values.push(v); }
    }
    return new JsonbObject(keys, values);
  }

  array(depth: number): Jsonb {
    this.i++;
    const out: Jsonb[] = [];
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return out; }
    for (;;) {
      this.ws();
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') throw invalid(c === undefined ? 'The input string ended unexpectedly.' : `Expected "," or "]", but found "${c}".`);
    }
  }

  string(): string {
    const s = this.s;
    this.i++;
    let out = '';
    let start = this.i;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) { out += s.slice(start, this.i); this.i++; return out; }
      if (c < 0x20) throw invalid(`Character with value 0x${c.toString(16).padStart(2, '0')} must be escaped.`);
      if (c !== 92) { this.i++; continue; }
      out += s.slice(start, this.i);
      const e = s[this.i + 1];
      this.i += 2;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': out += this.unicode(); break;
        default: throw invalid(`Escape sequence "\\${e ?? ''}" is invalid.`);
      }
      start = this.i;
    }
    throw invalid('The input string ended unexpectedly.');
  }

  unicode(): string {
    const hex = (): number => {
      const h = this.s.slice(this.i, this.i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(h)) throw invalid('"\\u" must be followed by four hexadecimal digits.');
      this.i += 4;
      return parseInt(h, 16);
    };
    const u = hex();
    if (u === 0) {
      throw new SqlError(SqlState.untranslatableCharacter, 'unsupported Unicode escape sequence', {
        detail: '\\u0000 cannot be converted to text.',
      });
    }
    if (u >= 0xd800 && u <= 0xdbff) {
      if (this.s.startsWith('\\u', this.i)) {
        this.i += 2;
        const lo = hex();
        if (lo >= 0xdc00 && lo <= 0xdfff) return String.fromCharCode(u, lo);
      }
      throw invalid('Unicode high surrogate must not follow a high surrogate.');
    }
    if (u >= 0xdc00 && u <= 0xdfff) throw invalid('Unicode low surrogate must follow a high surrogate.');
    return String.fromCharCode(u);
  }
}

export function formatJsonb(v: Jsonb): string {
  if (typeof v === 'string') return quoteJson(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Decimal) return v.toString();
  if (v instanceof JsonbObject) {
    if (v.keys.length === 0) return '{}';
    let out = '{';
    for (let i = 0; i < v.keys.length; i++) {
      out += (i ? ', ' : '') + quoteJson(v.keys[i]!) + ': ' + formatJsonb(v.values[i]!);
    }
    return out + '}';
  }
  if (Array.isArray(v)) return '[' + (v as readonly Jsonb[]).map(formatJsonb).join(', ') + ']';
  return 'null';
}

/** PostgreSQL's escape_json. */
export function quoteJson(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 8: out += '\\b'; break;
      case 12: out += '\\f'; break;
      case 10: out += '\\n'; break;
      case 13: out += '\\r'; break;
      case 9: out += '\\t'; break;
      case 34: out += '\\"'; break;
      case 92: out += '\\\\'; break;
      default: out += '\\u' + c.toString(16).padStart(4, '0');
    }
  }
  return out + s.slice(start) + '"';
}
