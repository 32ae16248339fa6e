/**
 * The date/time functions' catalogue rows. now() and its aliases read the statement clock
 * (session-clock.ts); functions that read the session TimeZone are `stable`.
 */
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, NUMERIC, REAL, TEXT, TIME, TIMESTAMP, TIMESTAMPTZ, SqlError, SqlState,
  type Decimal, type Int64, type Interval,
} from '../../types/index.ts';
import { OTHER, fn, type FunctionSignature } from '../function-signature.ts';
import { statementTimestamp, currentMicros } from '../session-clock.ts';
import { truncInterval, truncTimestamp, truncTimestamptz } from './date-trunc.ts';
import { extractDate, extractInterval, extractTime, extractTimestamp } from './extract.ts';
import {
  dateBin, justifyDays, justifyHours, justifyInterval, makeDate, makeIntervalFn, makeTime, makeTimestamp, makeTimestamptz, toTimestamp,
} from './make-and-justify.ts';
import { age } from './age.ts';
import { toCharInterval, toCharTimestamp, toCharTimestamptz } from './to-char.ts';
import { toCharFloat, toCharInteger, toCharNumeric } from '../math/to-char-number.ts';
import { addMicros, checkTimestamp, isInfinite, localToUtcMicros, utcToLocal } from './broken-down.ts';
import { zoneForAtTimeZone, zoneForIso } from './zone-names.ts';

type A = readonly unknown[];
const s = (a: A, i = 0): string => a[i] as string;
const i64 = (a: A, i: number): Int64 => a[i] as Int64;
const num = (a: A, i: number): number => a[i] as number;
const iv = (a: A, i: number): Interval => a[i] as Interval;
const stable = { volatility: 'stable' } as const;

/** Parameter names of make_interval, for the binder's `make_interval(secs => 1.5)` form. */
export const MAKE_INTERVAL_PARAMS = ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'] as const;

/** AT TIME ZONE with an interval zone: seconds east taken from the time part, months/days refused. */
function intervalZoneSeconds(v: Interval): number {
  if (v.months !== 0 || v.days !== 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'interval time zone must not include months or days');
  }
  return Math.trunc(Number(v.micros) / 1e6);
}

const today = (a: Int64, session: Parameters<typeof utcToLocal>[1]): number => {
  const local = utcToLocal(a, session);
  return Math.floor(Number(local) / 86400e6);
};

export const DATETIME_FUNCTIONS: readonly FunctionSignature[] = [
  fn('now', [], TIMESTAMPTZ, (_a, ses) => statementTimestamp(ses), stable),
  fn('current_timestamp', [], TIMESTAMPTZ, (_a, ses) => statementTimestamp(ses), stable),
  fn('transaction_timestamp', [], TIMESTAMPTZ, (_a, ses) => statementTimestamp(ses), stable),
  fn('statement_timestamp', [], TIMESTAMPTZ, (_a, ses) => statementTimestamp(ses), stable),
  fn('clock_timestamp', [], TIMESTAMPTZ, () => currentMicros(), { volatility: 'volatile' }),
  fn('localtimestamp', [], TIMESTAMP, (_a, ses) => utcToLocal(statementTimestamp(ses), ses.timeZone), stable),
  fn('current_date', [], DATE, (_a, ses) => today(statementTimestamp(ses), ses.timeZone), stable),

  fn('to_char', [TIMESTAMP, TEXT], TEXT, (a) => toCharTimestamp(i64(a, 0), s(a, 1)), stable),
  fn('to_char', [TIMESTAMPTZ, TEXT], TEXT, (a, ses) => toCharTimestamptz(i64(a, 0), s(a, 1), ses.timeZone), stable),
  fn('to_char', [INTERVAL, TEXT], TEXT, (a) => toCharInterval(iv(a, 0), s(a, 1)), stable),
  fn('to_char', [INTEGER, TEXT], TEXT, (a) => toCharInteger(num(a, 0), s(a, 1), 32), stable),
  fn('to_char', [BIGINT, TEXT], TEXT, (a) => toCharInteger(i64(a, 0), s(a, 1), 64), stable),
  fn('to_char', [REAL, TEXT], TEXT, (a) => toCharFloat(num(a, 0), s(a, 1), true), stable),
  fn('to_char', [DOUBLE, TEXT], TEXT, (a) => toCharFloat(num(a, 0), s(a, 1), false), stable),
  fn('to_char', [NUMERIC, TEXT], TEXT, (a) => toCharNumeric(a[0] as Decimal, s(a, 1)), stable),
  fn('date_trunc', [TEXT, TIMESTAMP], TIMESTAMP, (a) => truncTimestamp(s(a), i64(a, 1))),
  fn('date_trunc', [TEXT, TIMESTAMPTZ], TIMESTAMPTZ, (a, ses) => truncTimestamptz(s(a), i64(a, 1), ses.timeZone), stable),
  fn('date_trunc', [TEXT, TIMESTAMPTZ, TEXT], TIMESTAMPTZ, (a) => (isInfinite(i64(a, 1)) ? i64(a, 1) : truncTimestamptz(s(a), i64(a, 1), zoneForAtTimeZone(s(a, 2))))),
  fn('date_trunc', [TEXT, INTERVAL], INTERVAL, (a) => truncInterval(s(a), iv(a, 1))),

  fn('extract', [TEXT, TIMESTAMP], NUMERIC, (a) => extractTimestamp(s(a), i64(a, 1), true)),
  fn('extract', [TEXT, TIMESTAMPTZ], NUMERIC, (a, ses) => extractTimestamp(s(a), i64(a, 1), true, ses.timeZone), stable),
  fn('extract', [TEXT, DATE], NUMERIC, (a) => extractDate(s(a), num(a, 1), true)),
  fn('extract', [TEXT, TIME], NUMERIC, (a) => extractTime(s(a), num(a, 1), true)),
  fn('extract', [TEXT, INTERVAL], NUMERIC, (a) => extractInterval(s(a), iv(a, 1), true)),
  fn('date_part', [TEXT, TIMESTAMP], DOUBLE, (a) => extractTimestamp(s(a), i64(a, 1), false)),
  fn('date_part', [TEXT, TIMESTAMPTZ], DOUBLE, (a, ses) => extractTimestamp(s(a), i64(a, 1), false, ses.timeZone), stable),
  fn('date_part', [TEXT, DATE], DOUBLE, (a) => extractDate(s(a), num(a, 1), false)),
  fn('date_part', [TEXT, TIME], DOUBLE, (a) => extractTime(s(a), num(a, 1), false)),
  fn('date_part', [TEXT, INTERVAL], DOUBLE, (a) => extractInterval(s(a), iv(a, 1), false)),

  fn('date_bin', [INTERVAL, TIMESTAMP, TIMESTAMP], TIMESTAMP, (a) => dateBin(iv(a, 0), i64(a, 1), i64(a, 2))),
  fn('date_bin', [INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ], TIMESTAMPTZ, (a) => dateBin(iv(a, 0), i64(a, 1), i64(a, 2))),
  fn('to_timestamp', [DOUBLE], TIMESTAMPTZ, (a) => toTimestamp(num(a, 0))),
  fn('make_date', [INTEGER, INTEGER, INTEGER], DATE, (a) => makeDate(num(a, 0), num(a, 1), num(a, 2))),
  fn('make_time', [INTEGER, INTEGER, DOUBLE], TIME, (a) => makeTime(num(a, 0), num(a, 1), num(a, 2))),
  fn('make_timestamp', [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE], TIMESTAMP,
    (a) => makeTimestamp(num(a, 0), num(a, 1), num(a, 2), num(a, 3), num(a, 4), num(a, 5))),
  fn('make_timestamptz', [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE], TIMESTAMPTZ,
    (a, ses) => makeTimestamptz(ses.timeZone, num(a, 0), num(a, 1), num(a, 2), num(a, 3), num(a, 4), num(a, 5)), stable),
  fn('make_timestamptz', [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE, TEXT], TIMESTAMPTZ,
    (a) => makeTimestamptz(zoneForIso(s(a, 6)), num(a, 0), num(a, 1), num(a, 2), num(a, 3), num(a, 4), num(a, 5)), stable),
  fn('make_interval', [INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE], INTERVAL,
    (a) => makeIntervalFn(num(a, 0) ?? 0, num(a, 1) ?? 0, num(a, 2) ?? 0, num(a, 3) ?? 0, num(a, 4) ?? 0, num(a, 5) ?? 0, num(a, 6) ?? 0),
    { minArgs: 0 }),
  fn('justify_days', [INTERVAL], INTERVAL, (a) => justifyDays(iv(a, 0))),
  fn('justify_hours', [INTERVAL], INTERVAL, (a) => justifyHours(iv(a, 0))),
  fn('justify_interval', [INTERVAL], INTERVAL, (a) => justifyInterval(iv(a, 0))),
  fn('age', [TIMESTAMP, TIMESTAMP], INTERVAL, (a) => age(i64(a, 0), i64(a, 1))),
  fn('age', [TIMESTAMPTZ, TIMESTAMPTZ], INTERVAL, (a, ses) => age(i64(a, 0), i64(a, 1), ses.timeZone), stable),
  fn('age', [OTHER], INTEGER, () => null), // age(xid) in PostgreSQL
  fn('age', [TIMESTAMP], INTERVAL, (a, ses) => age(today(statementTimestamp(ses), ses.timeZone) * 86400e6, i64(a, 0)), stable),
  fn('age', [TIMESTAMPTZ], INTERVAL,
    (a, ses) => age(localToUtcMicros(today(statementTimestamp(ses), ses.timeZone) * 86400e6, ses.timeZone), i64(a, 0), ses.timeZone), stable),
  fn('isfinite', [DATE], BOOLEAN, (a) => Number.isFinite(num(a, 0))),
  fn('isfinite', [TIMESTAMP], BOOLEAN, (a) => !isInfinite(i64(a, 0))),
  fn('isfinite', [TIMESTAMPTZ], BOOLEAN, (a) => !isInfinite(i64(a, 0))),
  fn('isfinite', [INTERVAL], BOOLEAN, () => true),
  // x AT TIME ZONE z reaches the catalogue as timezone(z, x).
  fn('timezone', [TEXT, TIMESTAMP], TIMESTAMPTZ, (a) => (isInfinite(i64(a, 1)) ? i64(a, 1) : checkTimestamp(localToUtcMicros(i64(a, 1), zoneForAtTimeZone(s(a)))))),
  fn('timezone', [TEXT, TIMESTAMPTZ], TIMESTAMP, (a) => (isInfinite(i64(a, 1)) ? i64(a, 1) : checkTimestamp(utcToLocal(i64(a, 1), zoneForAtTimeZone(s(a)))))),
  fn('timezone', [INTERVAL, TIMESTAMP], TIMESTAMPTZ, (a) => (isInfinite(i64(a, 1)) ? i64(a, 1) : checkTimestamp(addMicros(i64(a, 1), -intervalZoneSeconds(iv(a, 0)) * 1e6)))),
  fn('timezone', [INTERVAL, TIMESTAMPTZ], TIMESTAMP, (a) => (isInfinite(i64(a, 1)) ? i64(a, 1) : checkTimestamp(addMicros(i64(a, 1), intervalZoneSeconds(iv(a, 0)) * 1e6)))),
];
