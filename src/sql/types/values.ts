/**
 * How SQL values are represented at run time, chosen for generated code (DESIGN.md §3):
 * plain JS primitives wherever an exact one exists, so compiled expressions use `+`, `<` and
 * `===` without boxing, and NULL is always `null`.
 *
 * | SQL type            | JS value                                                            |
 * | ------------------- | ------------------------------------------------------------------- |
 * | boolean             | `boolean`                                                           |
 * | smallint, integer   | `number` (an int32, range-checked per type)                         |
 * | bigint              | `Int64` = `number | bigint`, canonical: a number when within ±(2^53−1), a bigint only beyond (see int64.ts) |
 * | real, double        | `number` (real values are kept rounded to float32 by Math.fround)   |
 * | numeric             | `Decimal` (numeric/decimal.ts): bigint coefficient + scale, or NaN/±Infinity |
 * | varchar, text       | `string`                                                            |
 * | character(n)        | `string` blank-padded to n, as PostgreSQL stores it (bpchar/bpchar.ts) |
 * | bytea               | `Uint8Array` owning its whole buffer (bytea/bytea-text.ts)          |
 * | timestamp, timestamptz | `Int64` microseconds since 1970-01-01 00:00 (timestamptz: UTC; timestamp: the wall clock read as if UTC) |
 * | date                | `number`: days since 1970-01-01 (±Infinity for 'infinity')          |
 * | time                | `number`: microseconds since midnight (always < 2^37, exact)        |
 * | interval            | `Interval` = `{ months, days, micros }` (micros an Int64)           |
 * | jsonb               | `Jsonb` (jsonb/jsonb-value.ts): null/boolean/string/Decimal/array/object in canonical key order |
 *
 * Why Int64 is hybrid (measured by test/sql/types/int64-representation.bench.ts, Node 26, x64,
 * 2 M additions with PostgreSQL's overflow check):
 *   number 4.1–4.3 ns/op, hybrid number|bigint 4.1 ns/op, bigint from BigInt64Array 7.6 ns/op,
 *   bigint from a JS array 18.8 ns/op; comparisons 1.1 (number) vs 3.3 ns (bigint);
 *   String() as a hash key 28 vs 37 ns.
 * A plain number cannot hold int64 (nor microsecond timestamps outside 1685–2255) exactly, so
 * it would give answers that differ from PostgreSQL's; pure bigint costs 2–4x on every row.
 * The canonical hybrid is exact and runs at number speed for the values that occur in practice.
 * Because it is canonical, `===`, `<`, `<=` (JS compares number and bigint mathematically) and
 * `String(v)` are correct on it directly; arithmetic must go through int64.ts helpers (a
 * mixed `number - bigint` throws TypeError).
 *
 * Timestamps count from the Unix epoch (not PostgreSQL's 2000-01-01) so they meet the
 * engine's millisecond event times with one division. Near PostgreSQL's upper limit
 * (294276 AD) Unix-epoch micros pass int64's maximum by up to 9.5e14; they stay exact as
 * bigint, and the binary wire format (PostgreSQL epoch) brings them back inside int64. 'infinity'/'-infinity' timestamps are
 * represented by ±Infinity (numbers), outside every finite Int64, so comparisons still work.
 */
import type { Decimal } from './numeric/decimal.ts';
import type { Interval } from './interval/interval.ts';
import type { Jsonb } from './jsonb/jsonb-value.ts';

export type Int64 = number | bigint;

/** Any non-null SQL value. */
export type SqlValue = boolean | number | bigint | string | Decimal | Interval | Jsonb | Uint8Array;

/**
 * A text that identifies a value by its content, for any SQL value or array of them: equal
 * texts for equal representations (a numeric by coefficient and scale, so `1.0` and `1.00`
 * differ, as literals should), bigints apart from numbers, objects by sorted keys. For plan
 * keys and structural comparisons, never for SQL equality (use the type's comparator).
 */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  switch (typeof v) {
    case 'bigint':
      return `${v}n`;
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return String(v);
    case 'object':
      break;
    default:
      return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (v instanceof Uint8Array) return `x${Buffer.from(v).toString('hex')}`;
  const rec = v as Record<string, unknown>;
  const tag = (v as object).constructor?.name ?? '';
  return `${tag}{${Object.keys(rec).sort().map((k) => `${k}:${valueKey(rec[k])}`).join(',')}}`;
}
