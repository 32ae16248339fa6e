/**
 * Value conversions for CAST, `::`, implicit coercions and assignment, with PostgreSQL's
 * rounding and errors: float → int rounds half to even (rint), numeric → int half away from
 * zero, float → numeric goes through 15 (double) or 6 (real) significant digits as
 * float8_numeric does, out-of-range results raise 22003, text goes through the input/output
 * functions. `castFunction` is called once per expression; the returned function runs per row.
 */
import { SqlError, SqlState, outOfRange } from '../sql-error.ts';
import { baseType, type DataType } from '../data-type.ts';
import { formatType } from '../type-names.ts';
import type { Int64, SqlValue } from '../values.ts';
import { canon } from '../int64.ts';
import { rint } from '../rint.ts';
import { DEFAULT_SESSION, type SessionContext } from '../session.ts';
import { formatterFor, parserFor, checkVarcharInput } from '../text-io.ts';
import { bpcharFit, bpcharTrim } from '../bpchar/bpchar.ts';
import { Decimal, FINITE, NAN, decimalFromInt, decimalToString } from '../numeric/decimal.ts';
import { decimalRound } from '../numeric/numeric-arith.ts';
import { applyNumericTypmod, parseNumeric } from '../numeric/numeric-text.ts';
import { parseDouble, parseReal } from '../float-text.ts';
import { roundTimestamp, roundTime } from '../datetime/datetime-parse.ts';
import { applyIntervalTypmod } from '../interval/interval-parse.ts';
import { makeInterval, type Interval } from '../interval/interval.ts';
import { JsonbObject, type Jsonb } from '../jsonb/jsonb-value.ts';
import { formatJsonb, parseJsonb } from '../jsonb/jsonb-text.ts';
import {
  dateToTimestamp, dateToTimestamptz, timestampToDate, timestampToTime, timestampToTimestamptz,
  timestamptzToTimestamp,
} from './datetime-ops.ts';
import { castContext, type CastContext } from './cast-rules.ts';
import { USECS_PER_DAY } from '../datetime/calendar.ts';

/** Takes a non-null value; returns null only where PostgreSQL does (infinite timestamp → time). */
export type CastFn = (v: SqlValue) => SqlValue | null;
const identity: CastFn = (v) => v;

const INT_RANGE = { smallint: [-32768, 32767], integer: [-2147483648, 2147483647] } as const;

/**
 * The conversion from `from` to `to`, or a 42846 `cannot cast type x to y` error when the
 * cast does not exist in `context` ('e' for CAST, 'a' for assignment, 'i' implicit).
 */
export function castFunction(from: DataType, to: DataType, context: CastContext = 'e', session: SessionContext = DEFAULT_SESSION): CastFn {
  const c = castContext(from, to);
  if (c === null || (context === 'i' && c !== 'i') || (context === 'a' && c === 'e')) {
    throw new SqlError(SqlState.cannotCoerce, `cannot cast type ${formatType(from)} to ${formatType(to)}`);
  }
  const base = baseCast(from, to, context, session);
  const mod = modifierCast(to, context);
  if (mod === identity) return base;
  if (base === identity) return mod;
  return (v) => {
    const b = base(v);
    return b === null ? null : mod(b);
  };
}

/** Applies `to`'s modifier (numeric(p,s), varchar(n), timestamp(p), …). */
function modifierCast(to: DataType, context: CastContext): CastFn {
  switch (to.kind) {
    case 'numeric':
      return to.precision === null ? identity : (v) => applyNumericTypmod(v as Decimal, to.precision, to.scale);
    case 'varchar': {
      const n = to.length;
      if (n === null) return identity;
      // An explicit cast truncates silently; assignment raises unless only spaces are cut.
      return context === 'e' ? (v) => [...(v as string)].slice(0, n).join('') : (v) => checkVarcharInput(v as string, n);
    }
    case 'bpchar': {
      const n = to.length;
      if (n === null) return identity;
      // Cut (explicitly) or checked (otherwise) as for varchar, then blank-padded to n.
      const explicit = context === 'e';
      return (v) => bpcharFit(v as string, n, explicit);
    }
    case 'timestamp': case 'timestamptz':
      return to.precision === null ? identity : (v) => roundTimestamp(v as Int64, to.precision);
    case 'time':
      return to.precision === null ? identity : (v) => roundTime(v as number, to.precision);
    case 'interval':
      return to.fields === null && to.precision === null ? identity : (v) => applyIntervalTypmod(v as Interval, to.fields, to.precision);
    case 'array': {
      const element = modifierCast(to.element, context);
      return element === identity ? identity : (v) => (v as unknown as readonly unknown[]).map((x) => (x === null ? null : element(x as SqlValue))) as unknown as SqlValue;
    }
    default:
      return identity;
  }
}

function baseCast(from: DataType, to: DataType, context: CastContext, session: SessionContext): CastFn {
  const f = from.kind, t = to.kind;
  if (from.kind === 'array' && to.kind === 'array') {
    // Element by element, with the element cast (and its modifier).
    const element = castFunction(from.element, to.element, context, session);
    return (v) => (v as unknown as readonly unknown[]).map((x) => (x === null ? null : element(x as SqlValue))) as unknown as SqlValue;
  }
  if (f === t) return identity;
  // character → text/varchar drops the padding (rtrim1); character → other types reads it padded.
  if (f === 'bpchar' && (t === 'text' || t === 'varchar')) return (v) => bpcharTrim(v as string);
  const fromText = f === 'text' || f === 'varchar' || f === 'bpchar';
  const toText = t === 'text' || t === 'varchar' || t === 'bpchar';
  if (f === 'unknown' || (fromText && !toText)) {
    // PostgreSQL passes the typmod to the input function only for interval, whose SQL-standard
    // literals (INTERVAL '10' MINUTE) need the qualifier to be read; other modifiers apply after.
    const parse = parserFor(f === 'unknown' && t === 'interval' ? to : baseType(to), session);
    return (v) => parse(v as string);
  }
  if (toText) {
    if (f === 'boolean') return (v) => ((v as boolean) ? 'true' : 'false'); // booltext, not boolout's t/f
    return fromText ? identity : formatterFor(from, session);
  }
  switch (t) {
    case 'smallint': case 'integer': {
      const [lo, hi] = INT_RANGE[t];
      if (f === 'smallint' || f === 'integer' || f === 'bigint') return (v) => checkRange(v as Int64, lo, hi, t);
      if (f === 'real' || f === 'double') return (v) => checkRange(floatToInt(v as number, t), lo, hi, t);
      if (f === 'numeric') return (v) => checkRange(numericToInt(v as Decimal, t), lo, hi, t);
      if (f === 'boolean') return (v) => ((v as boolean) ? 1 : 0);
      if (f === 'jsonb') return (v) => checkRange(numericToInt(jsonbNumber(v as Jsonb, to), t), lo, hi, t);
      break;
    }
    case 'bigint':
      if (f === 'smallint' || f === 'integer') return identity;
      if (f === 'real' || f === 'double') return (v) => floatToInt(v as number, 'bigint');
      if (f === 'numeric') return (v) => numericToInt(v as Decimal, 'bigint');
      if (f === 'jsonb') return (v) => numericToInt(jsonbNumber(v as Jsonb, to), 'bigint');
      break;
    case 'real':
      if (f === 'smallint' || f === 'integer' || f === 'bigint') return (v) => Math.fround(Number(v));
      if (f === 'double') return (v) => doubleToReal(v as number);
      if (f === 'numeric') return (v) => parseReal(decimalToString(v as Decimal));
      if (f === 'jsonb') return (v) => parseReal(decimalToString(jsonbNumber(v as Jsonb, to)));
      break;
    case 'double':
      if (f === 'smallint' || f === 'integer' || f === 'bigint' || f === 'real') return (v) => Number(v);
      if (f === 'numeric') return (v) => parseDouble(decimalToString(v as Decimal));
      if (f === 'jsonb') return (v) => parseDouble(decimalToString(jsonbNumber(v as Jsonb, to)));
      break;
    case 'numeric':
      if (f === 'smallint' || f === 'integer' || f === 'bigint') return (v) => decimalFromInt(v as Int64);
      if (f === 'double') return (v) => floatToNumeric(v as number, 15);
      if (f === 'real') return (v) => floatToNumeric(v as number, 6);
      if (f === 'jsonb') return (v) => jsonbNumber(v as Jsonb, to);
      break;
    case 'boolean':
      if (f === 'integer') return (v) => v !== 0;
      if (f === 'jsonb') return (v) => {
        if (typeof v !== 'boolean') throw jsonbCastError(v as Jsonb, to);
        return v;
      };
      break;
    case 'timestamp':
      if (f === 'date') return (v) => dateToTimestamp(v as number);
      if (f === 'timestamptz') return (v) => timestamptzToTimestamp(v as Int64, session.timeZone);
      break;
    case 'timestamptz':
      if (f === 'date') return (v) => dateToTimestamptz(v as number, session.timeZone);
      if (f === 'timestamp') return (v) => timestampToTimestamptz(v as Int64, session.timeZone);
      break;
    case 'date':
      if (f === 'timestamp') return (v) => timestampToDate(v as Int64);
      if (f === 'timestamptz') return (v) => timestampToDate(timestamptzToTimestamp(v as Int64, session.timeZone));
      break;
    case 'time':
      if (f === 'timestamp') return (v) => timestampToTime(v as Int64);
      if (f === 'timestamptz') return (v) => timestampToTime(timestamptzToTimestamp(v as Int64, session.timeZone));
      if (f === 'interval') return (v) => {
        const r = Number(BigInt((v as Interval).micros) % BigInt(USECS_PER_DAY));
        return r < 0 ? r + USECS_PER_DAY : r;
      };
      break;
    case 'interval':
      if (f === 'time') return (v) => makeInterval(0, 0, v as number);
      break;
    case 'jsonb':
      if (f === 'json') return (v) => parseJsonb(v as string);
      break;
    case 'json':
      if (f === 'jsonb') return (v) => formatJsonb(v as Jsonb);
      break;
  }
  void context;
  throw new SqlError(SqlState.cannotCoerce, `cannot cast type ${formatType(from)} to ${formatType(to)}`);
}

function checkRange(v: Int64, lo: number, hi: number, typeName: string): number {
  if (typeof v === 'bigint' || v < lo || v > hi) throw outOfRange(typeName);
  return v;
}

/** float → integer: rint, then range (PostgreSQL's dtoi4/dtoi8). */
function floatToInt(v: number, typeName: string): Int64 {
  const r = rint(v);
  if (r !== r || r >= 9.223372036854775807e18 || r < -9.223372036854775808e18) throw outOfRange(typeName);
  return Number.isSafeInteger(r) ? (r === 0 ? 0 : r) : canon(BigInt(r));
}

function numericToInt(v: Decimal, typeName: string): Int64 {
  if (v.special !== FINITE) {
    throw new SqlError(SqlState.featureNotSupported, `cannot convert ${v.special === NAN ? 'NaN' : 'infinity'} to ${typeName}`);
  }
  const r = decimalRound(v, 0).coef;
  if (r > 9223372036854775807n || r < -9223372036854775808n) throw outOfRange(typeName);
  return canon(r);
}

function doubleToReal(v: number): number {
  const r = Math.fround(v);
  if (!Number.isFinite(r) && Number.isFinite(v)) throw new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow');
  if (r === 0 && v !== 0) throw new SqlError(SqlState.numericValueOutOfRange, 'value out of range: underflow');
  return r;
}

/** float8_numeric / float4_numeric: printf("%.15g") (or %.6g), then numeric input. */
export function floatToNumeric(v: number, digits: number): Decimal {
  if (v !== v) return parseNumeric('NaN');
  if (!Number.isFinite(v)) return parseNumeric(v > 0 ? 'Infinity' : '-Infinity');
  const [mant, exp] = v.toExponential(digits - 1).split('e') as [string, string];
  const trimmed = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
  return parseNumeric(`${trimmed}e${exp}`);
}

function jsonbNumber(v: Jsonb, to: DataType): Decimal {
  if (v instanceof Decimal) return v;
  throw jsonbCastError(v, to);
}

function jsonbCastError(v: Jsonb, to: DataType): SqlError {
  const kind = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : v instanceof Decimal ? 'numeric'
    : v instanceof JsonbObject ? 'object' : Array.isArray(v) ? 'array' : 'null';
  return new SqlError(SqlState.invalidParameterValue, `cannot cast jsonb ${kind} to type ${formatType(to)}`);
}
