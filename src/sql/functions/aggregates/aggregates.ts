/**
 * SQL aggregate functions as retractable aggregates (runtime/relational), with
 * PostgreSQL's result types: count → bigint; sum(int2/int4) → bigint, sum(int8/numeric) →
 * numeric, sum(float) → same float; avg(integer/numeric) → numeric, avg(float) → double;
 * min/max → argument type; bool_and/bool_or → boolean; string_agg → text.
 * min/max keep every value with its multiplicity so that retracting the current minimum
 * finds the next one.
 */
import type { RetractableAggregate } from '../../../runtime/relational/aggregate-function.ts';
import { canonical } from '../../../runtime/relational/rows.ts';
import { isqrt } from '../math/bigfixed.ts';
import { toJsonbFor } from '../json/jsonb-convert.ts';
import { REGRESSION_AGGREGATES, floatVariance, regressionAggregate, type RegressionName } from './statistics-aggregates.ts';
import { jsonAgg, jsonObjectAgg, jsonbObjectAgg } from './json-aggregates.ts';
import { byteaStringAgg } from './bytea-aggregates.ts';
import { sortedCounts, type Entry, type SortedCounts } from './sorted-counts.ts';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  NUMERIC,

  TEXT,
  INTERVAL,
  JSONB,
  JSONB_NULL,
  DEFAULT_SESSION,
  type SessionContext,
  arrayOf,
  baseType,
  Decimal,
  SqlError,
  comparatorFor,
  decimalFromInt,
  formatType,
  int64,
  intervalOps,
  makeInterval,
  numeric,
  type DataType,
  type Interval,
} from '../../types/index.ts';
import { SqlState, notSupported, undefinedFunction, FUNCTION_CAST_HINT } from '../../../errors/index.ts';

export interface SqlAggregate {
  readonly fn: RetractableAggregate;
  readonly resultType: DataType;
  /** The type the argument is cast to before accumulating. */
  readonly argType: DataType | null;
  /**
   * The same aggregate for an input that never takes a row back (append-only), where it needs
   * less state: min/max keep only the extreme instead of every value with its count.
   */
  readonly growing?: RetractableAggregate;
}

const ZERO = decimalFromInt(0);

function count(star: boolean): RetractableAggregate<number> {
  return { create: () => 0, add: (a) => a + 1, retract: (a) => a - 1, result: (a) => a, ignoresNulls: !star };
}

/**
 * sum and avg over exact numbers, accumulated as numeric (so int8 sums cannot overflow). The
 * result has the largest scale among the values summed now, as PostgreSQL's sum computed
 * afresh has: the values' scales are counted, so that retracting the only `0.05` of a group
 * brings its sum back from `0.00` to `0`.
 */
function exactSum(kind: 'sum' | 'avg', resultType: DataType): RetractableAggregate<{ n: number; s: Decimal; scales: Readonly<Record<number, number>> }> {
  const toDec = (v: unknown): Decimal => (v instanceof Decimal ? v : decimalFromInt(v as number | bigint));
  const counted = (scales: Readonly<Record<number, number>>, scale: number, by: number): Record<number, number> => {
    const out = { ...scales };
    const n = (out[scale] ?? 0) + by;
    if (n === 0) delete out[scale];
    else out[scale] = n;
    return out;
  };
  const live = (a: { s: Decimal; scales: Readonly<Record<number, number>> }): Decimal => {
    let top = 0;
    for (const k of Object.keys(a.scales)) top = Math.max(top, Number(k));
    return a.s.special !== 0 || a.s.scale <= top ? a.s : new Decimal(a.s.coef / 10n ** BigInt(a.s.scale - top), top);
  };
  return {
    create: () => ({ n: 0, s: ZERO, scales: {} }),
    add: (a, v) => {
      const d = toDec(v);
      return { n: a.n + 1, s: numeric.decimalAdd(a.s, d), scales: counted(a.scales, d.scale, 1) };
    },
    retract: (a, v) => {
      const d = toDec(v);
      return { n: a.n - 1, s: numeric.decimalAdd(a.s, numeric.decimalNeg(d)), scales: counted(a.scales, d.scale, -1) };
    },
    result: (a) => {
      if (a.n === 0) return null;
      const sum = live(a);
      if (kind === 'avg') return numeric.decimalDiv(sum, decimalFromInt(a.n));
      if (resultType.kind === 'bigint') return int64.checkedInt64(sum.coef);
      return sum;
    },
    ignoresNulls: true,
  };
}

/** sum/avg over floats: floating addition, as PostgreSQL's float8 accumulators. */
function floatSum(kind: 'sum' | 'avg'): RetractableAggregate<{ n: number; s: number }> {
  return {
    create: () => ({ n: 0, s: 0 }),
    add: (a, v) => ({ n: a.n + 1, s: a.s + (v as number) }),
    retract: (a, v) => ({ n: a.n - 1, s: a.s - (v as number) }),
    result: (a) => (a.n === 0 ? null : kind === 'avg' ? a.s / a.n : a.s),
    ignoresNulls: true,
  };
}

/**
 * sum/avg over intervals: months, days and microseconds summed apart and exactly (so a
 * retraction undoes an insert), range-checked when the result is read (22008); avg divides
 * the sum by N as interval_avg does (interval_div, which spills fractions downward).
 */
function intervalSum(kind: 'sum' | 'avg'): RetractableAggregate<{ n: number; months: number; days: number; micros: bigint }> {
  const fold = (a: { n: number; months: number; days: number; micros: bigint }, v: unknown, d: 1 | -1) => {
    const x = v as Interval;
    return { n: a.n + d, months: a.months + d * x.months, days: a.days + d * x.days, micros: a.micros + BigInt(d) * BigInt(x.micros) };
  };
  return {
    create: () => ({ n: 0, months: 0, days: 0, micros: 0n }),
    add: (a, v) => fold(a, v, 1),
    retract: (a, v) => fold(a, v, -1),
    result: (a) => {
      if (a.n === 0) return null;
      const int32 = (x: number): boolean => x >= -2147483648 && x <= 2147483647;
      if (!int32(a.months) || !int32(a.days) || a.micros < -(2n ** 63n) || a.micros >= 2n ** 63n) throw new SqlError(SqlState.datetimeFieldOverflow, 'interval out of range');
      const sum = makeInterval(a.months, a.days, int64.canon(a.micros));
      return kind === 'sum' ? sum : intervalOps.intervalDiv(sum, a.n);
    },
    ignoresNulls: true,
  };
}

/** min/max of an input that only grows: the extreme so far. */
function runningExtreme(kind: 'min' | 'max', type: DataType): RetractableAggregate<unknown> {
  const cmp = comparatorFor(type);
  const sign = kind === 'min' ? -1 : 1;
  return {
    create: () => null,
    add: (a, v) => (a === null || cmp(v as never, a as never) * sign > 0 ? v : a),
    retract: () => {
      throw new SqlError(SqlState.internalError, `${kind}: a retraction reached the aggregate of an append-only input`);
    },
    result: (a) => a,
    ignoresNulls: true,
  };
}

/** min/max: the values present, sorted, with their multiplicities. */
function extreme(kind: 'min' | 'max', type: DataType): RetractableAggregate<SortedCounts> {
  const sorted = sortedCounts(comparatorFor(type));
  return { create: sorted.create, add: sorted.add, retract: sorted.retract, result: (a) => (a.length === 0 ? null : kind === 'min' ? sorted.first(a) : sorted.last(a)), ignoresNulls: true };
}

function boolAgg(kind: 'and' | 'or'): RetractableAggregate<{ t: number; f: number }> {
  return {
    create: () => ({ t: 0, f: 0 }),
    add: (a, v) => (v === true ? { t: a.t + 1, f: a.f } : { t: a.t, f: a.f + 1 }),
    retract: (a, v) => (v === true ? { t: a.t - 1, f: a.f } : { t: a.t, f: a.f - 1 }),
    result: (a) => (a.t + a.f === 0 ? null : kind === 'and' ? a.f === 0 : a.t > 0),
    ignoresNulls: true,
  };
}

/** string_agg(value, delimiter): values in arrival order; a retraction removes one equal value. */
function stringAgg(): RetractableAggregate<Array<[string, string]>> {
  return {
    create: () => [],
    add: (a, v) => {
      a.push(v as [string, string]);
      return a;
    },
    retract: (a, v) => {
      const [s] = v as [string, string];
      const i = a.findIndex((x) => x[0] === s);
      if (i >= 0) a.splice(i, 1);
      return a;
    },
    result: (a) => (a.length === 0 ? null : a.map(([s, d], i) => (i === 0 ? s : d + s)).join('')),
    ignoresNulls: true,
  };
}

/** How an ordered aggregate sorts: one comparator per key, with direction and NULL placement. */
export interface AggregateOrder {
  readonly compare: ReadonlyArray<(a: never, b: never) => number>;
  readonly descending: readonly boolean[];
  readonly nullsFirst: readonly boolean[];
}

interface ListEntry {
  readonly v: unknown;
  readonly k: readonly unknown[] | null;
}

/**
 * array_agg (NULLs kept) and string_agg (NULLs skipped): the values, in the ORDER BY of the
 * call or else in arrival order; a retraction removes one equal entry. With an order, each
 * input is [value, keys] (string_agg's value is [text, delimiter]).
 */
function listAgg(kind: 'array' | 'string' | 'jsonb', order: AggregateOrder | null, toJsonb?: (v: unknown) => unknown): RetractableAggregate<ListEntry[]> {
  const cmpKeys = (a: readonly unknown[], b: readonly unknown[]): number => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === order!.nullsFirst[i] ? -1 : 1;
      }
      const c = order!.compare[i]!(x as never, y as never);
      if (c !== 0) return order!.descending[i] ? -c : c;
    }
    return 0;
  };
  const split = (input: unknown): ListEntry => (order === null ? { v: input, k: null } : { v: (input as [unknown, unknown[]])[0], k: (input as [unknown, unknown[]])[1] });
  const same = (a: ListEntry, b: ListEntry): boolean => canonical(a.v) === canonical(b.v) && (a.k === null || canonical(a.k) === canonical(b.k));
  return {
    create: () => [],
    add: (a, input) => {
      const e = split(input);
      if (kind === 'string' && e.v === null) return a;
      if (e.k === null) {
        a.push(e);
        return a;
      }
      // After every entry that orders before or equal to it: ties keep arrival order.
      let lo = 0;
      let hi = a.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmpKeys(a[mid]!.k!, e.k) <= 0) lo = mid + 1;
        else hi = mid;
      }
      a.splice(lo, 0, e);
      return a;
    },
    retract: (a, input) => {
      const e = split(input);
      const i = a.findIndex((x) => same(x, e));
      if (i >= 0) a.splice(i, 1);
      return a;
    },
    result: (a) => {
      if (a.length === 0) return null;
      if (kind === 'array') return a.map((e) => e.v);
      if (kind === 'jsonb') return a.map((e) => (e.v === null ? JSONB_NULL : toJsonb!(e.v)));
      return a.map((e, i) => {
        const [s, d] = e.v as [string, string];
        return i === 0 ? s : d + s;
      }).join('');
    },
    ignoresNulls: false,
  };
}

/**
 * The value of a scalar subquery: its one row's value, NULL without rows, and SQL's error
 * 21000 when a second row arrives.
 */
export function singleValue(type: DataType): SqlAggregate {
  const fn: RetractableAggregate<unknown[]> = {
    create: () => [],
    add: (a, v) => {
      if (a.length >= 1) throw new SqlError(SqlState.cardinalityViolation, 'more than one row returned by a subquery used as an expression');
      return [...a, v];
    },
    retract: (a, v) => {
      const i = a.findIndex((x) => x === v || (typeof x === 'object' && x !== null && canonical(x) === canonical(v)));
      return i < 0 ? a : [...a.slice(0, i), ...a.slice(i + 1)];
    },
    result: (a) => (a.length === 0 ? null : a[0]),
    ignoresNulls: false,
  };
  return { fn, resultType: type, argType: type };
}

/**
 * bit_and / bit_or / bit_xor over integers. XOR undoes itself; AND and OR keep, per bit, how
 * many values have it set, so a retraction can clear exactly what it set.
 */
function bitAgg(kind: 'and' | 'or' | 'xor', bits: number): RetractableAggregate<{ n: number; ones: number[]; x: string }> {
  const asBig = (v: unknown): bigint => BigInt.asUintN(bits, BigInt(v as number | bigint));
  const toValue = (u: bigint): unknown => {
    const signed = BigInt.asIntN(bits, u);
    return bits === 64 ? int64.canon(signed) : Number(signed);
  };
  const fold = (a: { n: number; ones: number[]; x: string }, v: unknown, d: 1 | -1): { n: number; ones: number[]; x: string } => {
    const u = asBig(v);
    const ones = a.ones.slice();
    for (let b = 0; b < bits; b++) if ((u >> BigInt(b)) & 1n) ones[b] = (ones[b] ?? 0) + d;
    return { n: a.n + d, ones, x: (BigInt(a.x) ^ u).toString() };
  };
  return {
    create: () => ({ n: 0, ones: new Array<number>(bits).fill(0), x: '0' }),
    add: (a, v) => fold(a, v, 1),
    retract: (a, v) => fold(a, v, -1),
    result: (a) => {
      if (a.n === 0) return null;
      if (kind === 'xor') return toValue(BigInt(a.x));
      let u = 0n;
      for (let b = 0; b < bits; b++) if (kind === 'and' ? a.ones[b] === a.n : (a.ones[b] ?? 0) > 0) u |= 1n << BigInt(b);
      return toValue(u);
    },
    ignoresNulls: true,
  };
}

/**
 * var_pop / var_samp / stddev_pop / stddev_samp over exact numbers, computed as PostgreSQL's
 * numeric_stddev_internal does: (N·Σx² − (Σx)²) / (N·(N−1) or N²) at select_div_scale, the
 * square root at the same scale. Σx and Σx² are exact, so retraction is exact.
 */
function variance(kind: 'var_pop' | 'var_samp' | 'stddev_pop' | 'stddev_samp'): RetractableAggregate<{ n: number; sx: Decimal; sxx: Decimal }> {
  const toDec = (v: unknown): Decimal => (v instanceof Decimal ? v : decimalFromInt(v as number | bigint));
  const sample = kind.endsWith('samp');
  return {
    create: () => ({ n: 0, sx: ZERO, sxx: ZERO }),
    add: (a, v) => {
      const d = toDec(v);
      return { n: a.n + 1, sx: numeric.decimalAdd(a.sx, d), sxx: numeric.decimalAdd(a.sxx, numeric.decimalMul(d, d)) };
    },
    retract: (a, v) => {
      const d = toDec(v);
      return { n: a.n - 1, sx: numeric.decimalAdd(a.sx, numeric.decimalNeg(d)), sxx: numeric.decimalAdd(a.sxx, numeric.decimalNeg(numeric.decimalMul(d, d))) };
    },
    result: (a) => {
      if (a.n === 0 || (sample && a.n === 1)) return null;
      const n = decimalFromInt(a.n);
      const num = numeric.decimalAdd(numeric.decimalMul(n, a.sxx), numeric.decimalNeg(numeric.decimalMul(a.sx, a.sx)));
      if (num.coef <= 0n) return ZERO; // roundoff can never go negative here, but PostgreSQL guards it the same way
      const den = sample ? decimalFromInt(a.n * (a.n - 1)) : decimalFromInt(a.n * a.n);
      const v = numeric.decimalDiv(num, den);
      if (kind.startsWith('var')) return v;
      // sqrt at the division's scale, the last digit rounded half up.
      const rscale = numeric.selectDivScale(num, den);
      const scaled = v.coef * 10n ** BigInt(2 * (rscale + 1) - v.scale);
      const root = isqrt(scaled);
      return new Decimal((root + 5n) / 10n, rscale);
    },
    ignoresNulls: true,
  };
}

/**
 * The ordered-set aggregates `percentile_cont(f)`, `percentile_disc(f)` and `mode()` WITHIN
 * GROUP (ORDER BY x [DESC]), as PostgreSQL computes them over the sorted non-NULL values:
 * percentile_cont interpolates between the values at floor and ceil of f·(n−1);
 * percentile_disc is the first value whose position reaches f·n; mode is the most frequent
 * value, the first in sort order among ties. Values are kept sorted with multiplicities, so
 * retraction is exact. `fraction` is the direct argument (NULL makes the result NULL).
 */
export function orderedSetAggregate(name: 'percentile_cont' | 'percentile_disc' | 'mode', arg: DataType, descending: boolean, fraction: number | null): SqlAggregate {
  if (fraction !== null && !(fraction >= 0 && fraction <= 1)) throw new SqlError(SqlState.numericValueOutOfRange, `percentile value ${fraction} is not between 0 and 1`);
  const argType = name === 'percentile_cont' ? DOUBLE : arg.kind === 'unknown' ? TEXT : arg;
  const base = comparatorFor(argType);
  const cmp = descending ? (a: never, b: never) => base(b, a) : base;
  const sorted = sortedCounts(cmp);
  const nth = (a: SortedCounts, k: number): unknown => {
    for (const [v, c] of sorted.entries(a)) {
      if (k < c) return v;
      k -= c;
    }
    return null;
  };
  const total = (a: SortedCounts): number => a.reduce((n, b) => b.reduce((m, e) => m + e[1], n), 0);
  const result = (a: SortedCounts): unknown => {
    const n = total(a);
    if (n === 0) return null;
    if (name === 'mode') {
      let best: Entry | null = null;
      for (const e of sorted.entries(a)) if (best === null || e[1] > best[1]) best = e;
      return best![0];
    }
    if (fraction === null) return null;
    if (name === 'percentile_disc') return nth(a, Math.max(Math.ceil(fraction * n), 1) - 1);
    const pos = fraction * (n - 1);
    const lo = Math.floor(pos);
    const first = nth(a, lo) as number;
    const hi = Math.ceil(pos);
    if (hi === lo) return first;
    const second = nth(a, hi) as number;
    return first + (pos - lo) * (second - first);
  };
  return { fn: { create: sorted.create, add: sorted.add, retract: sorted.retract, result, ignoresNulls: true }, resultType: argType, argType };
}

/** The aggregate `name` over an argument of type `arg` (null for count(*)). */
export function sqlAggregate(name: string, arg: DataType | null, order: AggregateOrder | null = null, session: SessionContext = DEFAULT_SESSION): SqlAggregate {
  const k = arg?.kind;
  const bad = (): never => {
    throw undefinedFunction(name, arg === null ? [] : [formatType(arg)], FUNCTION_CAST_HINT);
  };
  switch (name) {
    case 'count':
      return { fn: count(arg === null), resultType: BIGINT, argType: null };
    case 'sum':
    case 'avg':
      if (k === 'smallint' || k === 'integer' || k === 'bigint' || k === 'numeric') {
        const resultType = name === 'avg' || k === 'bigint' || k === 'numeric' ? NUMERIC : BIGINT;
        return { fn: exactSum(name, resultType), resultType, argType: arg };
      }
      if (k === 'real' || k === 'double') return { fn: floatSum(name), resultType: name === 'avg' ? DOUBLE : (arg as DataType), argType: arg };
      if (k === 'interval') return { fn: intervalSum(name), resultType: INTERVAL, argType: INTERVAL };
      if (k === 'unknown') return { fn: floatSum(name), resultType: DOUBLE, argType: DOUBLE };
      return bad();
    case 'min':
    case 'max':
      if (arg === null || k === 'jsonb') return bad();
    {
      // PostgreSQL's min/max take varchar as text, and their results carry no type modifier.
      const t = arg.kind === 'unknown' || arg.kind === 'varchar' ? TEXT : baseType(arg);
      return { fn: extreme(name, t), growing: runningExtreme(name, t), resultType: t, argType: t };
    }
    case 'bool_and':
    case 'every':
    case 'bool_or':
      if (k !== 'boolean' && k !== 'unknown') return bad();
      return { fn: boolAgg(name === 'bool_or' ? 'or' : 'and'), resultType: BOOLEAN, argType: BOOLEAN };
    case 'string_agg':
      if (k === 'bytea') return byteaStringAgg(order === null ? stringAgg() : listAgg('string', order), order !== null);
      return { fn: order === null ? stringAgg() : listAgg('string', order), resultType: TEXT, argType: TEXT };
    case 'jsonb_agg': {
      if (arg === null) return bad();
      const type = k === 'unknown' ? TEXT : arg;
      const convert = toJsonbFor(type);
      return { fn: listAgg('jsonb', order, (v) => convert(v, session)), resultType: JSONB, argType: type };
    }
    case 'jsonb_object_agg':
      if (arg === null) return bad();
      return { ...jsonbObjectAgg(arg, session), argType: null };
    case 'json_object_agg':
      if (arg === null) return bad();
      return { ...jsonObjectAgg(arg, session), argType: null };
    case 'json_agg':
      if (arg === null) return bad();
      return jsonAgg(arg, session);
    case 'array_agg': {
      if (arg === null) return bad();
      if (k === 'array') throw notSupported('array_agg over arrays (multidimensional arrays)');
      const element = k === 'unknown' ? TEXT : arg;
      return { fn: listAgg('array', order), resultType: arrayOf(element), argType: element };
    }
    case 'variance':
    case 'var_samp':
    case 'var_pop':
    case 'stddev':
    case 'stddev_samp':
    case 'stddev_pop': {
      const canonical = (name === 'variance' ? 'var_samp' : name === 'stddev' ? 'stddev_samp' : name) as 'var_pop';
      if (k === 'real' || k === 'double' || k === 'unknown') return { fn: floatVariance(canonical), resultType: DOUBLE, argType: DOUBLE };
      if (k !== 'smallint' && k !== 'integer' && k !== 'bigint' && k !== 'numeric') return bad();
      return { fn: variance(canonical), resultType: NUMERIC, argType: arg };
    }
    case 'bit_and':
    case 'bit_or':
    case 'bit_xor': {
      if (k !== 'smallint' && k !== 'integer' && k !== 'bigint') return bad();
      const bits = k === 'smallint' ? 16 : k === 'integer' ? 32 : 64;
      return { fn: bitAgg(name.slice(4) as 'and' | 'or' | 'xor', bits), resultType: arg as DataType, argType: arg };
    }
    default:
      if (REGRESSION_AGGREGATES.has(name)) {
        if (arg === null) return bad();
        return { ...regressionAggregate(name as RegressionName, arg), argType: null };
      }
      throw notSupported(`the aggregate ${name}()`);
  }
}

