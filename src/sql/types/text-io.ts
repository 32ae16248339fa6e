/**
 * Every type's text form in one place: `formatValue` prints what PostgreSQL's output
 * functions print (the text-format values of a DataRow), `parseValue` reads what its input
 * functions read (literals, `'...'::type`, COPY/CSV), applying the type modifier as
 * PostgreSQL does on input (`'1.005'::numeric(4,2)` → `1.01`).
 *
 * For generated code, prefer `formatterFor(type)` / `parserFor(type)` once per column:
 * they return a monomorphic function instead of switching per value.
 */
import type { DataType } from './data-type.ts';
import type { Int64, SqlValue } from './values.ts';
import { SqlError, SqlState } from './sql-error.ts';
import { DEFAULT_SESSION, type SessionContext } from './session.ts';
import { formatBoolean, formatInteger, parseBigint, parseBoolean, parseInteger, parseSmallint } from './scalar-text.ts';
import { formatDouble, formatReal, parseDouble, parseReal } from './float-text.ts';
import { decimalToString, type Decimal } from './numeric/decimal.ts';
import { applyNumericTypmod, parseNumeric } from './numeric/numeric-text.ts';
import { formatDate, formatTime, formatTimestamp, formatTimestamptz } from './datetime/datetime-format.ts';
import { parseDate, parseTime, parseTimestamp, parseTimestamptz } from './datetime/datetime-parse.ts';
import { formatInterval } from './interval/interval-format.ts';
import { applyIntervalTypmod, parseInterval } from './interval/interval-parse.ts';
import type { Interval } from './interval/interval.ts';
import { formatJsonb, parseJsonb } from './jsonb/jsonb-text.ts';
import { parseJsonText } from './json/json-text.ts';
import type { Jsonb } from './jsonb/jsonb-value.ts';
import { formatArray, splitArray } from './array/array-text.ts';
import { bpcharFit } from './bpchar/bpchar.ts';
import { formatBytea, parseBytea } from './bytea/bytea-text.ts';

export type Formatter = (value: SqlValue) => string;
export type Parser = (text: string) => SqlValue;

/** A function printing non-null values of `type`. */
export function formatterFor(type: DataType, session: SessionContext = DEFAULT_SESSION): Formatter {
  switch (type.kind) {
    case 'boolean': return (v) => formatBoolean(v as boolean);
    case 'smallint': case 'integer': case 'bigint': return (v) => formatInteger(v as Int64);
    case 'real': return (v) => formatReal(v as number);
    case 'double': return (v) => formatDouble(v as number);
    case 'numeric': return (v) => decimalToString(v as Decimal);
    case 'bpchar': return (v) => v as string;
    case 'bytea': return (v) => formatBytea(v as Uint8Array);
    case 'varchar': case 'text': case 'unknown': case 'json': return (v) => v as string;
    case 'timestamp': return (v) => formatTimestamp(v as Int64);
    case 'timestamptz': {
      const tz = session.timeZone;
      return (v) => formatTimestamptz(v as Int64, tz);
    }
    case 'date': return (v) => formatDate(v as number);
    case 'time': return (v) => formatTime(v as number);
    case 'interval': return (v) => formatInterval(v as Interval);
    case 'jsonb': return (v) => formatJsonb(v as Jsonb);
    case 'record': {
      const fields = type.fields.map((f) => formatterFor(f.type, session));
      return (v) => formatRecord(v as unknown as readonly unknown[], fields);
    }
    case 'array': {
      const element = formatterFor(type.element, session);
      if (type.vector !== undefined) return (v) => (v as readonly unknown[]).map((x) => element(x as never)).join(' ');
      return (v) => formatArray(v as readonly unknown[], element as (x: never) => string);
    }
  }
}

/** PostgreSQL's text output of one value; `null` for SQL NULL. */
export function formatValue(type: DataType, value: SqlValue | null, session: SessionContext = DEFAULT_SESSION): string | null {
  if (value === null) return null;
  return formatterFor(type, session)(value);
}

/** A function reading text into values of `type`, with its modifier applied. */
export function parserFor(type: DataType, session: SessionContext = DEFAULT_SESSION): Parser {
  switch (type.kind) {
    case 'boolean': return parseBoolean;
    case 'smallint': return parseSmallint;
    case 'integer': return parseInteger;
    case 'bigint': return parseBigint;
    case 'real': return parseReal;
    case 'double': return parseDouble;
    case 'numeric': {
      const { precision, scale } = type;
      return precision === null ? parseNumeric : (t) => applyNumericTypmod(parseNumeric(t), precision, scale);
    }
    case 'varchar': {
      const n = type.length;
      return n === null ? (t) => t : (t) => checkVarcharInput(t, n);
    }
    case 'bpchar': {
      const n = type.length;
      return n === null ? (t) => t : (t) => bpcharFit(t, n, false);
    }
    case 'text': case 'unknown': return (t) => t;
    case 'bytea': return parseBytea;
    case 'timestamp': {
      const p = type.precision;
      return (t) => parseTimestamp(t, p);
    }
    case 'timestamptz': {
      const p = type.precision, tz = session.timeZone;
      return (t) => parseTimestamptz(t, tz, p);
    }
    case 'date': {
      const tz = session.timeZone;
      return (t) => parseDate(t, tz);
    }
    case 'time': {
      const p = type.precision;
      return (t) => parseTime(t, p);
    }
    case 'interval': {
      const { fields, precision } = type;
      if (fields === null && precision === null) return (t) => parseInterval(t);
      return (t) => applyIntervalTypmod(parseInterval(t, fields), fields, precision);
    }
    case 'jsonb': return parseJsonb;
    case 'json': return parseJsonText;
    case 'record': {
      const fields = type.fields.map((f) => parserFor(f.type, session));
      return (t) => parseRecord(t, fields) as unknown as SqlValue;
    }
    case 'array': {
      const element = parserFor(type.element, session);
      if (type.vector !== undefined) return (t) => t.trim().split(/\s+/).filter((e) => e !== '').map((e) => element(e)) as unknown as SqlValue;
      return (t) => splitArray(t).map((e) => (e === null ? null : element(e))) as unknown as SqlValue;
    }
  }
}

/** Reads `text` as a value of `type` (PostgreSQL's input function plus typmod). */
export function parseValue(type: DataType, text: string, session: SessionContext = DEFAULT_SESSION): SqlValue {
  return parserFor(type, session)(text);
}

/** varchar(n) input: longer values are an error unless the excess is spaces (PostgreSQL's varchar_input). */
export function checkVarcharInput(text: string, n: number): string {
  if (text.length <= n || [...text].length <= n) return text;
  const cps = [...text];
  if (cps.slice(n).every((c) => c === ' ')) return cps.slice(0, n).join('');
  throw new SqlError(SqlState.stringDataRightTruncation, `value too long for type character varying(${n})`);
}

/**
 * record_out: `(v1,v2)`; NULL fields empty; a field that is empty or holds a quote, backslash,
 * parenthesis, comma or space is double-quoted with `"` and `\` doubled.
 */
function formatRecord(values: readonly unknown[], fields: readonly Formatter[]): string {
  const parts = values.map((v, i) => {
    if (v === null || v === undefined) return '';
    const text = fields[i]!(v as SqlValue);
    if (text !== '' && !/["\\(),\s]/.test(text)) return text;
    return `"${text.replace(/["\\]/g, (c) => c + c)}"`;
  });
  return `(${parts.join(',')})`;
}

/** record_in: the inverse of formatRecord (22P02 when malformed or of the wrong width). */
function parseRecord(text: string, fields: readonly Parser[]): unknown[] {
  const t = text.trim();
  const bad = (): SqlError => new SqlError(SqlState.invalidTextRepresentation, `malformed record literal: "${text}"`);
  if (!t.startsWith('(') || !t.endsWith(')')) throw bad();
  const raw: Array<string | null> = [];
  let i = 1;
  for (;;) {
    let value = '';
    let quoted = false;
    while (i < t.length - 1 && t[i] !== ',') {
      const c = t[i]!;
      if (c === '"') {
        quoted = true;
        i++;
        while (i < t.length - 1 && !(t[i] === '"' && t[i + 1] !== '"')) {
          if ((t[i] === '"' || t[i] === '\\') && i + 1 < t.length - 1) i++;
          value += t[i];
          i++;
        }
        i++;
      } else {
        if (c === '\\') i++;
        value += t[i] ?? '';
        i++;
      }
    }
    raw.push(value === '' && !quoted ? null : value);
    if (i >= t.length - 1) break;
    i++;
  }
  if (raw.length !== fields.length) throw bad();
  return raw.map((v, k) => (v === null ? null : fields[k]!(v)));
}
