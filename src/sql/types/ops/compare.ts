/**
 * Comparison, ordering, hashing and SQL's three-valued logic. Comparators follow PostgreSQL's
 * btree order per type (NaN above all numbers and equal to itself; numerics and intervals by
 * value, not by display form); text compares by code point, i.e. PostgreSQL's "C" collation,
 * character(n) the same without its trailing spaces, bytea byte by byte (memcmp, then length).
 */
import type { DataType } from '../data-type.ts';
import type { Int64, SqlValue } from '../values.ts';
import { decimalCmp, decimalKey, type Decimal } from '../numeric/decimal.ts';
import { intervalCmp, intervalKey, type Interval } from '../interval/interval.ts';
import { floatCmp } from './float-ops.ts';
import { formatJsonb } from '../jsonb/jsonb-text.ts';
import type { Jsonb } from '../jsonb/jsonb-value.ts';
import { bpcharTrim } from '../bpchar/bpchar.ts';

export type Comparator = (a: SqlValue, b: SqlValue) => number;

const natural: Comparator = (a, b) => ((a as Int64) < (b as Int64) ? -1 : (a as Int64) > (b as Int64) ? 1 : 0);
const byCodePoint: Comparator = (a, b) => compareCodePoints(a as string, b as string);

/** A comparator for non-null values of `type` (-1, 0, 1). */
export function comparatorFor(type: DataType): Comparator {
  switch (type.kind) {
    case 'boolean': return (a, b) => Number(a) - Number(b);
    case 'smallint': case 'integer': case 'bigint': case 'date': case 'time': case 'timestamp': case 'timestamptz':
      return natural;
    case 'real': case 'double': return (a, b) => floatCmp(a as number, b as number);
    case 'numeric': return (a, b) => decimalCmp(a as Decimal, b as Decimal);
    // json has no SQL comparison; internally (keys of stored rows) its text orders it.
    case 'varchar': case 'text': case 'unknown': case 'json': return byCodePoint;
    case 'bpchar': return (a, b) => compareCodePoints(bpcharTrim(a as string), bpcharTrim(b as string));
    case 'bytea': return (a, b) => Buffer.compare(a as Uint8Array, b as Uint8Array);
    case 'interval': return (a, b) => intervalCmp(a as Interval, b as Interval);
    case 'jsonb': return (a, b) => compareCodePoints(formatJsonb(a as Jsonb), formatJsonb(b as Jsonb));
    case 'record': {
      // Field by field, a NULL field after every value (as record comparison sorts them).
      const fields = type.fields.map((f) => comparatorFor(f.type));
      return (a, b) => {
        const x = a as unknown as readonly unknown[];
        const y = b as unknown as readonly unknown[];
        for (let i = 0; i < fields.length; i++) {
          const u = x[i];
          const v = y[i];
          if (u === null || v === null) {
            if (u !== v) return u === null ? 1 : -1;
            continue;
          }
          const c = fields[i]!(u as never, v as never);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    case 'array': {
      // Element by element (a NULL element sorts after every value), then the shorter first.
      const element = comparatorFor(type.element);
      return (a, b) => {
        const x = a as unknown as readonly unknown[];
        const y = b as unknown as readonly unknown[];
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const u = x[i];
          const v = y[i];
          if (u === null || v === null) {
            if (u === v) continue;
            return u === null ? 1 : -1;
          }
          const c = element(u as SqlValue, v as SqlValue);
          if (c !== 0) return c;
        }
        return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
      };
    }
  }
}

/** UTF-16 `<` differs from code-point order only for surrogates vs U+E000..U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return (x >= 0xe000 ? x - 0x1000 : x + 0x2000) - (y >= 0xe000 ? y - 0x1000 : y + 0x2000);
    return x - y;
  }
  return a.length - b.length;
}

/**
 * A key with `===` equality exactly when SQL `=` holds (for hash joins and GROUP BY):
 * numerics drop trailing zeros, intervals become their span, NaN stays NaN-equal.
 */
export function hashKeyFor(type: DataType): (v: SqlValue) => string | number | bigint | boolean {
  switch (type.kind) {
    case 'numeric': return (v) => decimalKey(v as Decimal);
    case 'bpchar': return (v) => bpcharTrim(v as string);
    // One character per byte: as unique as hex, half as long.
    case 'bytea': return (v) => Buffer.from((v as Uint8Array).buffer, (v as Uint8Array).byteOffset, (v as Uint8Array).byteLength).toString('latin1');
    case 'interval': return (v) => intervalKey(v as Interval);
    case 'real': case 'double': return (v) => ((v as number) !== (v as number) ? 'NaN' : (v as number) === 0 ? 0 : (v as number));
    case 'jsonb': return (v) => formatJsonb(v as Jsonb);
    case 'array': {
      const element = hashKeyFor(type.element);
      return (v) => JSON.stringify((v as unknown as readonly unknown[]).map((x) => (x === null ? null : String(element(x as SqlValue)))));
    }
    case 'record': {
      const fields = type.fields.map((f) => hashKeyFor(f.type));
      return (v) => JSON.stringify((v as unknown as readonly unknown[]).map((x, i) => (x === null ? null : String(fields[i]!(x as SqlValue)))));
    }
    default: return (v) => v as string | number | bigint | boolean;
  }
}

/** SQL AND: false wins over NULL. */
export function and3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}
/** SQL OR: true wins over NULL. */
export function or3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}
export const not3 = (a: boolean | null): boolean | null => (a === null ? null : !a);

/** `a <op> b` with NULL in → NULL out. */
export function compare3(cmp: Comparator, op: string, a: SqlValue | null, b: SqlValue | null): boolean | null {
  if (a === null || b === null) return null;
  const c = cmp(a, b);
  switch (op) {
    case '=': return c === 0;
    case '<>': case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
  throw new Error(`not a comparison operator: ${op}`);
}

/** IS DISTINCT FROM: NULLs compare equal to each other. */
export function isDistinctFrom(cmp: Comparator, a: SqlValue | null, b: SqlValue | null): boolean {
  if (a === null || b === null) return a !== b;
  return cmp(a, b) !== 0;
}
