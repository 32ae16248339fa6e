/**
 * Date and time arithmetic as PostgreSQL's timestamp.c/date.c: months are added on the
 * calendar with the day clamped to the month's end (Jan 31 + 1 mon = Feb 29 in a leap year),
 * days are calendar days — in the session TimeZone for timestamptz, so `+ '1 day'` across a
 * DST change keeps the wall-clock time — and micros are added last. Results out of range
 * raise 22008.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import type { Int64 } from '../values.ts';
import { canon, toBigInt } from '../int64.ts';
import {
  END_TIMESTAMP_USECS, MAX_DATE_DAYS, MIN_DATE_DAYS, MIN_TIMESTAMP_USECS, USECS_PER_DAY, USECS_PER_SEC,
  civilFromDays, daysFromCivil, daysInMonth, splitDay,
} from '../datetime/calendar.ts';
import { localToUtc, type TimeZone } from '../datetime/timezone.ts';
import { makeInterval, type Interval } from '../interval/interval.ts';
import { intervalNeg, justifyHours } from './interval-ops.ts';

const tsOutOfRange = (): SqlError => new SqlError(SqlState.datetimeFieldOverflow, 'timestamp out of range');
const dateOutOfRange = (): SqlError => new SqlError(SqlState.datetimeFieldOverflow, 'date out of range');

const ymd: number[] = [0, 0, 0];
const dt: number[] = [0, 0];

/**
 * Adds micros to a timestamp. Unix-epoch micros near PostgreSQL's upper limit (294276 AD)
 * exceed int64, so this checks the timestamp range (22008), not bigint's (22003).
 */
function tsAdd(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return checkTs(canon(toBigInt(a) + toBigInt(b)));
}

function checkTs(v: Int64): Int64 {
  if (v < MIN_TIMESTAMP_USECS || v >= END_TIMESTAMP_USECS) throw tsOutOfRange();
  return v;
}
const isInfinite = (v: Int64): boolean => typeof v === 'number' && !Number.isFinite(v);

/** Day number after adding `months` calendar months to `days`, clamping the day of month. */
function addMonths(days: number, months: number): number {
  civilFromDays(days, ymd);
  const total = ymd[0]! * 12 + (ymd[1]! - 1) + months;
  const y = Math.floor(total / 12), m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(ymd[2]!, daysInMonth(y, m)));
}

const joinDay = (days: number, micros: number): Int64 => {
  const v = days * USECS_PER_DAY + micros;
  return Number.isSafeInteger(v) ? v : canon(BigInt(days) * 86_400_000_000n + BigInt(micros));
};

/** timestamp + interval. */
export function timestampPlusInterval(ts: Int64, span: Interval): Int64 {
  if (isInfinite(ts)) return ts;
  let v = ts;
  if (span.months !== 0 || span.days !== 0) {
    splitDay(v, dt);
    let days = dt[0]!;
    if (span.months !== 0) days = addMonths(days, span.months);
    v = joinDay(days + span.days, dt[1]!);
  }
  return checkTs(tsAdd(v, span.micros));
}

export const timestampMinusInterval = (ts: Int64, span: Interval): Int64 => timestampPlusInterval(ts, intervalNeg(span));

/** timestamptz + interval: months and days move the local wall clock of `tz`. */
export function timestamptzPlusInterval(ts: Int64, span: Interval, tz: TimeZone): Int64 {
  if (isInfinite(ts)) return ts;
  let v = ts;
  if (span.months !== 0 || span.days !== 0) {
    splitDay(v, dt);
    const utcSec = dt[0]! * 86400 + Math.floor(dt[1]! / USECS_PER_SEC);
    const sub = dt[1]! % USECS_PER_SEC;
    const local = utcSec + tz.offsetAt(utcSec);
    let days = Math.floor(local / 86400);
    const secOfDay = local - days * 86400;
    if (span.months !== 0) days = addMonths(days, span.months);
    days += span.days;
    const utc = localToUtc(tz, days * 86400 + secOfDay);
    v = Number.isSafeInteger(utc * USECS_PER_SEC) ? utc * USECS_PER_SEC + sub : canon(BigInt(utc) * 1_000_000n + BigInt(sub));
  }
  return checkTs(tsAdd(v, span.micros));
}

export const timestamptzMinusInterval = (ts: Int64, span: Interval, tz: TimeZone): Int64 =>
  timestamptzPlusInterval(ts, intervalNeg(span), tz);

/** timestamp − timestamp (either zone-ness): micros difference, then justify_hours. */
export function timestampMinusTimestamp(a: Int64, b: Int64): Interval {
  if (isInfinite(a) || isInfinite(b)) throw new SqlError(SqlState.datetimeFieldOverflow, 'cannot subtract infinite timestamps');
  const d = toBigInt(a) - toBigInt(b);
  if (d > 9223372036854775807n || d < -9223372036854775808n) throw new SqlError(SqlState.datetimeFieldOverflow, 'interval out of range');
  return justifyHours(makeInterval(0, 0, canon(d)));
}

export function datePlusDays(d: number, n: number): number {
  if (!Number.isFinite(d)) return d;
  const r = d + n;
  if (r < MIN_DATE_DAYS || r > MAX_DATE_DAYS) throw dateOutOfRange();
  return r;
}
export const dateMinusDays = (d: number, n: number): number => datePlusDays(d, -n);

export function dateMinusDate(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new SqlError(SqlState.datetimeFieldOverflow, 'cannot subtract infinite dates');
  return a - b;
}

/** date → timestamp (midnight). */
export function dateToTimestamp(d: number): Int64 {
  if (!Number.isFinite(d)) return d;
  const v = joinDay(d, 0);
  if (v >= END_TIMESTAMP_USECS) throw new SqlError(SqlState.datetimeFieldOverflow, 'date out of range for timestamp');
  return v;
}

/** date → timestamptz: local midnight in `tz`. */
export function dateToTimestamptz(d: number, tz: TimeZone): Int64 {
  if (!Number.isFinite(d)) return d;
  const utc = localToUtc(tz, d * 86400);
  return Number.isSafeInteger(utc * USECS_PER_SEC) ? utc * USECS_PER_SEC : canon(BigInt(utc) * 1_000_000n);
}

export const datePlusInterval = (d: number, span: Interval): Int64 => timestampPlusInterval(dateToTimestamp(d), span);
export const dateMinusInterval = (d: number, span: Interval): Int64 => timestampMinusInterval(dateToTimestamp(d), span);
export const datePlusTime = (d: number, t: number): Int64 => checkTs(tsAdd(dateToTimestamp(d), t));

/** timestamp → date (floor to the day). */
export function timestampToDate(ts: Int64): number {
  if (isInfinite(ts)) return ts as number;
  return splitDay(ts, dt)[0]!;
}
/** timestamp → time; NULL for ±infinity, as PostgreSQL's timestamp_time. */
export const timestampToTime = (ts: Int64): number | null => (isInfinite(ts) ? null : splitDay(ts, dt)[1]!);

/** timestamp (wall clock) → timestamptz in `tz`, and back. */
export function timestampToTimestamptz(ts: Int64, tz: TimeZone): Int64 {
  if (isInfinite(ts)) return ts;
  splitDay(ts, dt);
  const sub = dt[1]! % USECS_PER_SEC;
  const utc = localToUtc(tz, dt[0]! * 86400 + Math.floor(dt[1]! / USECS_PER_SEC));
  return checkTs(Number.isSafeInteger(utc * USECS_PER_SEC) ? utc * USECS_PER_SEC + sub : canon(BigInt(utc) * 1_000_000n + BigInt(sub)));
}
export function timestamptzToTimestamp(ts: Int64, tz: TimeZone): Int64 {
  if (isInfinite(ts)) return ts;
  splitDay(ts, dt);
  const off = tz.offsetAt(dt[0]! * 86400 + Math.floor(dt[1]! / USECS_PER_SEC));
  return checkTs(tsAdd(ts, off * USECS_PER_SEC));
}

/** time ± interval wraps around midnight (time_pl_interval). */
export function timePlusInterval(t: number, span: Interval): number {
  let r = Number(toBigInt(span.micros) % 86_400_000_000n);
  r = (t + r) % USECS_PER_DAY;
  return r < 0 ? r + USECS_PER_DAY : r;
}
export const timeMinusInterval = (t: number, span: Interval): number => timePlusInterval(t, intervalNeg(span));
export const timeMinusTime = (a: number, b: number): Interval => makeInterval(0, 0, a - b);
