/**
 * SQL values to jsonb, as PostgreSQL's datum_to_jsonb: numbers stay numbers (a float or numeric
 * NaN/Infinity becomes a string, since JSON has no such number), booleans stay booleans,
 * date/time values become ISO 8601 strings (`2024-01-01T10:00:00+01:00`), everything else its
 * output text. Also the canonical object builder (sorted, unique keys, last duplicate wins).
 */
import {
  Decimal, JSONB_NULL, JsonbObject, SqlError, SqlState, decimalFromInt, formatterFor, parseJsonb, parseNumeric,
  type DataType, type Jsonb, type SessionContext,
} from '../../types/index.ts';
import { FINITE } from '../../types/numeric/decimal.ts';
import { compareKeys } from '../../types/jsonb/jsonb-value.ts';
import { formatDate, formatOffset, formatTime, formatTimestamp } from '../../types/datetime/datetime-format.ts';
import { offsetAt, utcToLocal } from '../datetime/broken-down.ts';

export type ToJsonb = (v: unknown, session: SessionContext) => Jsonb;

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** XSD-style timestamp text: 'T' between date and time. */
function isoTimestamp(v: number | bigint): string {
  const s = formatTimestamp(v);
  return typeof v === 'number' && !Number.isFinite(v) ? s : s.replace(' ', 'T');
}

/** XSD offsets always carry minutes (+01:00), PostgreSQL's EncodeTimezone for USE_XSD_DATES. */
function xsdOffset(offset: number): string {
  const o = formatOffset(offset);
  return o.length === 3 ? o + ':00' : o;
}

export function toJsonbFor(t: DataType): ToJsonb {
  switch (t.kind) {
    case 'jsonb': return (v) => v as Jsonb;
    case 'json': return (v) => parseJsonb(v as string);
    case 'record': {
      // An object of the fields, by name (row_to_json / to_jsonb of a record).
      const fields = t.fields.map((f) => ({ name: f.name, convert: toJsonbFor(f.type) }));
      return (v, s) => {
        const values = v as unknown as readonly unknown[];
        return new JsonbObject(fields.map((f) => f.name), fields.map((f, i) => (values[i] === null ? JSONB_NULL : f.convert(values[i] as never, s))));
      };
    }
    case 'boolean': return (v) => v as boolean;
    case 'smallint': case 'integer': case 'bigint': return (v) => decimalFromInt(v as number | bigint);
    case 'numeric': return (v) => ((v as Decimal).special === FINITE ? (v as Decimal) : (v as Decimal).toString());
    case 'real': case 'double': {
      const out = formatterFor(t) as (v: unknown) => string;
      return (v) => {
        const s = out(v);
        return JSON_NUMBER.test(s) ? parseNumeric(s) : s;
      };
    }
    case 'date': return (v) => formatDate(v as number);
    case 'time': return (v) => formatTime(v as number);
    case 'timestamp': return (v) => isoTimestamp(v as number | bigint);
    case 'timestamptz': return (v, session) => {
      const ts = v as number | bigint;
      if (typeof ts === 'number' && !Number.isFinite(ts)) return ts > 0 ? 'infinity' : '-infinity';
      const local = utcToLocal(ts, session.timeZone);
      const s = isoTimestamp(local);
      const bc = s.endsWith(' BC');
      return (bc ? s.slice(0, -3) : s) + xsdOffset(offsetAt(session.timeZone, ts)) + (bc ? ' BC' : '');
    };
    case 'varchar': case 'text': case 'unknown': return (v) => v as string;
    case 'bpchar': return (v) => v as string; // padded, as its output function prints it
    case 'bytea': case 'interval': {
      const out = formatterFor(t) as (v: unknown) => string;
      return (v) => out(v);
    }
    case 'array': {
      const element = toJsonbFor(t.element);
      return (v, session) => (v as readonly unknown[]).map((x) => (x === null ? JSONB_NULL : element(x, session)));
    }
  }
}

/** An object from key/value pairs in any order, duplicates resolved to the last. */
export function objectFromPairs(keys: readonly string[], values: readonly Jsonb[]): JsonbObject {
  const idx = keys.map((_, i) => i);
  idx.sort((a, b) => compareKeys(keys[a]!, keys[b]!) || a - b);
  const k: string[] = [], v: Jsonb[] = [];
  for (const i of idx) {
    if (k.length > 0 && k[k.length - 1] === keys[i]) v[v.length - 1] = values[i]!;
    else { k.push(keys[i]!); v.push(values[i]!); }
  }
  return new JsonbObject(k, v);
}

/** An object key from a SQL value: its jsonb scalar as text; containers cannot be keys. */
export function keyText(j: Jsonb): string {
  if (typeof j === 'string') return j;
  if (typeof j === 'boolean') return j ? 'true' : 'false';
  if (j instanceof Decimal) return j.toString();
  throw new SqlError(SqlState.invalidParameterValue, 'key value must be scalar, not array, composite, or json');
}

export { JSONB_NULL };
