/**
 * COPY's data formats, as PostgreSQL reads and writes them: `text` (a row per line, fields
 * split by the delimiter, tab by default; `\N` for NULL; backslash escapes) and `csv` (quoted
 * fields, doubled quotes, NULL as an unquoted empty field, an optional header line). Values
 * are in PostgreSQL's text form on both sides; the types' parsers and formatters do the rest.
 *
 * @see https://www.postgresql.org/docs/15/sql-copy.html#id-1.9.3.55.9
 */
import { SqlError } from '../types/index.ts';
import { SqlState, undefinedColumn, syntaxError } from '../../errors/index.ts';

export interface CopyFormat {
  readonly format: 'text' | 'csv';
  readonly delimiter: string;
  /** The text that stands for NULL: `\N` in text format, '' in CSV. */
  readonly null: string;
  readonly header: boolean;
  readonly quote: string;
  readonly escape: string;
  /** CSV output: columns quoted even when they need not be (FORCE_QUOTE). */
  readonly forceQuote: ReadonlySet<number> | 'all';
}

type Option = readonly [name: string, value: string | null];

/** COPY's options (`WITH (FORMAT csv, HEADER, DELIMITER ';', NULL 'x', QUOTE, ESCAPE, FORCE_QUOTE)`). */
export function copyFormat(options: readonly Option[], columns: readonly string[]): CopyFormat {
  let format: 'text' | 'csv' = 'text';
  const given = new Map<string, string | null>();
  for (const [name, value] of options) {
    if (given.has(name)) throw syntaxError('conflicting or redundant options');
    given.set(name, value);
  }
  const fmt = given.get('format');
  if (fmt !== undefined) {
    if (fmt === 'csv' || fmt === 'text') format = fmt;
    else if (fmt === 'binary') throw new SqlError(SqlState.featureNotSupported, 'COPY BINARY is not supported', { hint: 'Use FORMAT text or FORMAT csv.' });
    else throw new SqlError(SqlState.invalidParameterValue, `COPY format "${fmt ?? ''}" not recognized`);
  }
  const csv = format === 'csv';
  const single = (name: string, fallback: string): string => {
    const v = given.get(name);
    if (v === undefined || v === null) return fallback;
    if (v.length !== 1) throw new SqlError(SqlState.featureNotSupported, `COPY ${name} must be a single one-byte character`);
    return v;
  };
  const delimiter = single('delimiter', csv ? ',' : '\t');
  if (delimiter === '\n' || delimiter === '\r') throw new SqlError(SqlState.invalidParameterValue, 'COPY delimiter cannot be newline or carriage return');
  if (!csv && (given.has('quote') || given.has('escape'))) throw new SqlError(SqlState.featureNotSupported, `COPY ${given.has('quote') ? 'quote' : 'escape'} available only in CSV mode`);
  if (!csv && given.has('header')) throw new SqlError(SqlState.featureNotSupported, 'COPY HEADER available only in CSV mode');
  const quote = single('quote', '"');
  const escape = single('escape', quote);
  if (csv && delimiter === quote) throw new SqlError(SqlState.invalidParameterValue, 'COPY delimiter and quote must be different');
  const header = given.has('header') && ['true', 'on', '1', null].includes(given.get('header')?.toLowerCase() ?? null);
  let forceQuote: ReadonlySet<number> | 'all' = new Set();
  const fq = given.get('force_quote');
  if (fq !== undefined) {
    if (!csv) throw new SqlError(SqlState.featureNotSupported, 'COPY force quote available only in CSV mode');
    forceQuote = fq === '*' ? 'all' : new Set((fq ?? '').split(',').map((n) => {
      const i = columns.indexOf(n.trim());
      if (i < 0) throw undefinedColumn(n.trim());
      return i;
    }));
  }
  for (const name of given.keys()) {
    if (!['format', 'delimiter', 'null', 'header', 'quote', 'escape', 'force_quote'].includes(name)) throw syntaxError(`option "${name}" not recognized`);
  }
  return { format, delimiter, null: given.get('null') ?? (csv ? '' : '\\N'), header, quote, escape, forceQuote };
}

/** One line (record) of COPY data: its fields (null for NULL), where it was, and its text. */
export interface CopyRecord {
  readonly fields: ReadonlyArray<string | null>;
  /** 1-based line number in the data. */
  readonly line: number;
  readonly text: string;
}

/** Reads COPY data as records, however the data was split into chunks. */
export class CopyReader {
  private readonly f: CopyFormat;
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 0;
  private ended = false;
  private headerSkipped: boolean;

  constructor(format: CopyFormat) {
    this.f = format;
    this.headerSkipped = !format.header;
  }

  /** The complete records in this chunk (a record may continue into the next chunk). */
  push(chunk: Uint8Array): CopyRecord[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    return this.records(false);
  }

  /** The records left at the end of the data. */
  end(): CopyRecord[] {
    this.pending += this.decoder.decode();
    return this.records(true);
  }

  private records(final: boolean): CopyRecord[] {
    const out: CopyRecord[] = [];
    for (;;) {
      if (this.ended) return out;
      const end = this.f.format === 'csv' ? this.csvRecordEnd() : this.pending.indexOf('\n');
      if (end < 0 && !final) return out;
      if (end < 0 && this.pending.length === 0) return out;
      const text = end < 0 ? this.pending : this.pending.slice(0, end);
      this.pending = end < 0 ? '' : this.pending.slice(end + 1);
      this.line++;
      const record = text.endsWith('\r') ? text.slice(0, -1) : text;
      // `\.` alone on a line ends the data (psql sends it; the rest is ignored).
      if (record === '\\.') {
        this.ended = true;
        return out;
      }
      if (!this.headerSkipped) {
        this.headerSkipped = true;
        continue;
      }
      try {
        out.push({ fields: this.f.format === 'csv' ? this.csvFields(record) : this.textFields(record), line: this.line, text: record });
      } catch (e) {
        if (e instanceof SqlError) throw new SqlError(e.code, e.message, { context: `line ${this.line}: "${record}"` });
        throw e;
      }
    }
  }

  /** Where the current CSV record ends: the first newline outside quotes, or -1. */
  private csvRecordEnd(): number {
    const { quote, escape } = this.f;
    let quoted = false;
    for (let i = 0; i < this.pending.length; i++) {
      const c = this.pending[i];
      if (quoted) {
        if (c === escape && escape !== quote && this.pending[i + 1] !== undefined) i++;
        else if (c === quote) {
          if (escape === quote && this.pending[i + 1] === quote) i++;
          else quoted = false;
        }
      } else if (c === quote) quoted = true;
      else if (c === '\n') return i;
    }
    return -1;
  }

  private csvFields(record: string): Array<string | null> {
    const { delimiter, quote, escape } = this.f;
    const fields: Array<string | null> = [];
    let i = 0;
    for (;;) {
      let value = '';
      let wasQuoted = false;
      let raw = '';
      while (i < record.length && record[i] !== delimiter) {
        if (record[i] === quote) {
          wasQuoted = true;
          i++;
          let closed = false;
          while (i < record.length) {
            const c = record[i]!;
            if (c === escape && (record[i + 1] === quote || record[i + 1] === escape) && (escape !== quote || record[i + 1] === quote)) {
              value += record[i + 1];
              i += 2;
            } else if (c === quote) {
              i++;
              closed = true;
              break;
            } else {
              value += c;
              i++;
            }
          }
          if (!closed) throw new SqlError(SqlState.badCopyFileFormat, 'unterminated CSV quoted field');
        } else {
          value += record[i];
          raw += record[i];
          i++;
        }
      }
      // NULL is the null string unquoted; a quoted one is that text.
      fields.push(!wasQuoted && raw === this.f.null ? null : value);
      if (i >= record.length) return fields;
      i++; // the delimiter
    }
  }

  private textFields(record: string): Array<string | null> {
    const d = this.f.delimiter;
    const fields: Array<string | null> = [];
    let start = 0;
    for (;;) {
      let i = start;
      let value = '';
      while (i < record.length && record[i] !== d) {
        const c = record[i]!;
        if (c !== '\\' || i + 1 >= record.length) {
          value += c;
          i++;
          continue;
        }
        const n = record[i + 1]!;
        i += 2;
        switch (n) {
          case 'b': value += '\b'; break;
          case 'f': value += '\f'; break;
          case 'n': value += '\n'; break;
          case 'r': value += '\r'; break;
          case 't': value += '\t'; break;
          case 'v': value += '\v'; break;
          case 'x': {
            const hex = /^[0-9a-fA-F]{1,2}/.exec(record.slice(i))?.[0];
            if (hex === undefined) value += 'x';
            else {
              value += String.fromCharCode(parseInt(hex, 16));
              i += hex.length;
            }
            break;
          }
          default:
            if (n >= '0' && n <= '7') {
              const oct = /^[0-7]{0,2}/.exec(record.slice(i))![0];
              value += String.fromCharCode(parseInt(n + oct, 8));
              i += oct.length;
            } else value += n; // \\, the delimiter, anything else: itself
        }
      }
      // The null marker is compared before de-escaping, as PostgreSQL does.
      fields.push(record.slice(start, i) === this.f.null ? null : value);
      if (i >= record.length) return fields;
      start = i + 1;
    }
  }
}

/** Writes rows of text fields as COPY data lines. */
export function copyLine(f: CopyFormat, row: ReadonlyArray<string | null>): string {
  const fields = row.map((v, i) => {
    if (v === null) return f.null;
    if (f.format === 'text') return escapeText(v, f.delimiter);
    const force = f.forceQuote === 'all' || f.forceQuote.has(i);
    const needs = force || v === f.null || v.includes(f.delimiter) || v.includes(f.quote) || v.includes('\n') || v.includes('\r') || (v === '\\.');
    if (!needs) return v;
    let out = f.quote;
    for (const c of v) out += c === f.quote || c === f.escape ? f.escape + c : c;
    return out + f.quote;
  });
  return `${fields.join(f.delimiter)}\n`;
}

function escapeText(v: string, delimiter: string): string {
  let out = '';
  for (const c of v) {
    switch (c) {
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      default: out += c === delimiter ? `\\${c}` : c;
    }
  }
  return out;
}
