/**
 * The length coercion functions PostgreSQL applies a type modifier with, callable by name:
 * numeric(x, typmod), interval(x, typmod), time(x, typmod), timestamp(x, typmod),
 * timestamptz(x, typmod), varchar(x, typmod, explicit). The modifier is PostgreSQL's encoded
 * atttypmod (numeric ((p << 16) | s) + 4, varchar n + 4, interval (range << 16) | precision,
 * time and timestamps the precision); a negative one leaves the value.
 */
import {
  BOOLEAN, INTEGER, INTERVAL, NUMERIC, SqlError, SqlState, TIME, TIMESTAMP, TIMESTAMPTZ, VARCHAR, applyIntervalTypmod, applyNumericTypmod, castFunction,
  timeType, timestampType, timestamptzType, varcharType, type Decimal, type Interval,
} from '../types/index.ts';
import { INTERVAL_FIELD_NAMES } from '../types/type-names.ts';
import { fn, type FunctionSignature } from './function-signature.ts';

const INTERVAL_FULL_RANGE = 0x7fff;
const INTERVAL_FULL_PRECISION = 0xffff;
const timeCasts = Array.from({ length: 7 }, (_, p) => castFunction(TIME, timeType(p), 'e') as (v: unknown) => unknown);

/** timestamp(ts, p) / timestamptz(ts, p): the value at precision p (negative keeps it; above 6 is 22023). */
function timestampPrecision(type: 'timestamp' | 'timestamptz'): FunctionSignature {
  const base = type === 'timestamp' ? TIMESTAMP : TIMESTAMPTZ;
  const casts = Array.from({ length: 7 }, (_, p) => castFunction(base, type === 'timestamp' ? timestampType(p) : timestamptzType(p), 'e') as (v: unknown) => unknown);
  return fn(type, [base, INTEGER], base, ([v, p]) => {
    const n = p as number;
    if (n < 0) return v;
    if (n > 6) throw new SqlError(SqlState.invalidParameterValue, `timestamp(${n}) precision must be between 0 and 6`);
    return casts[n]!(v);
  });
}

export const TYPMOD_FUNCTIONS: readonly FunctionSignature[] = [
  timestampPrecision('timestamp'), timestampPrecision('timestamptz'),
  fn('numeric', [NUMERIC, INTEGER], NUMERIC, ([v, m]) => {
    const typmod = m as number;
    if (typmod < 4) return v;
    const p = ((typmod - 4) >> 16) & 0xffff;
    const s = ((((typmod - 4) & 0x7ff) ^ 1024) - 1024);
    return applyNumericTypmod(v as Decimal, p, s);
  }),
  fn('interval', [INTERVAL, INTEGER], INTERVAL, ([v, m]) => {
    const typmod = m as number;
    if (typmod < 0) return v;
    const range = (typmod >> 16) & 0x7fff;
    const precision = typmod & 0xffff;
    // AdjustIntervalForTypmod knows the qualifiers the grammar makes; any other is its elog.
    if (range !== INTERVAL_FULL_RANGE && !INTERVAL_FIELD_NAMES.some(([bits]) => bits === range)) throw new SqlError(SqlState.internalError, `unrecognized interval typmod: ${typmod}`);
    return applyIntervalTypmod(v as Interval, range === INTERVAL_FULL_RANGE ? null : range, precision === INTERVAL_FULL_PRECISION ? null : precision);
  }),
  fn('time', [TIME, INTEGER], TIME, ([v, m]) => {
    const p = m as number;
    return p >= 0 && p <= 6 ? timeCasts[p]!(v) : v;
  }),
  fn('varchar', [VARCHAR, INTEGER, BOOLEAN], VARCHAR, ([v, m, explicit]) => {
    const typmod = m as number;
    if (typmod < 4) return v;
    return (castFunction(VARCHAR, varcharType(typmod - 4), explicit === true ? 'e' : 'a') as (x: unknown) => unknown)(v);
  }),
];
