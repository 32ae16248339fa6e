/**
 * Timestamps broken into calendar fields and back, like PostgreSQL's timestamp2tm/tm2timestamp:
 * years are astronomical (0 = 1 BC), `usec` is the fraction of the second. Local wall-clock
 * micros (timestamp, or timestamptz shifted by the zone offset) are what both directions use.
 */
import { SqlError, SqlState, type Int64, type TimeZone } from '../../types/index.ts';
import {
  END_TIMESTAMP_USECS, MIN_TIMESTAMP_USECS, USECS_PER_DAY, USECS_PER_SEC, civilFromDays, daysFromCivil, splitDay,
} from '../../types/datetime/calendar.ts';
import { localToUtc } from '../../types/datetime/timezone.ts';

export interface Tm {
  year: number; mon: number; mday: number; hour: number; min: number; sec: number; usec: number;
  /** Day number of the date (days since 1970-01-01). */
  days: number;
}

const dt: number[] = [0, 0];
const ymd: number[] = [0, 0, 0];

export function toTm(local: Int64): Tm {
  splitDay(local, dt);
  const days = dt[0]!, t = dt[1]! + 0; // + 0: splitDay can yield -0 at day boundaries
  civilFromDays(days, ymd);
  const secs = Math.floor(t / USECS_PER_SEC);
  return {
    year: ymd[0]!, mon: ymd[1]!, mday: ymd[2]!, hour: Math.floor(secs / 3600), min: Math.floor(secs / 60) % 60,
    sec: secs % 60, usec: t - secs * USECS_PER_SEC, days,
  };
}

export const tsOutOfRange = (): SqlError => new SqlError(SqlState.datetimeFieldOverflow, 'timestamp out of range');

/** Local micros of the fields (day overflow in mday is allowed; months must be 1..12). */
export function fromTm(tm: Tm): Int64 {
  const days = daysFromCivil(tm.year, tm.mon, 1) + tm.mday - 1;
  const micros = ((tm.hour * 60 + tm.min) * 60 + tm.sec) * USECS_PER_SEC + tm.usec;
  const v = days * USECS_PER_DAY + micros;
  const r: Int64 = Number.isSafeInteger(v) ? v : BigInt(days) * 86_400_000_000n + BigInt(micros);
  if (r < MIN_TIMESTAMP_USECS || r >= END_TIMESTAMP_USECS) throw tsOutOfRange();
  return typeof r === 'bigint' && r >= -9007199254740991n && r <= 9007199254740991n ? Number(r) : r;
}

export const isInfinite = (v: Int64): boolean => typeof v === 'number' && !Number.isFinite(v);

/** Offset of `tz` east of UTC, in seconds, at the UTC instant `utc` (micros). */
export function offsetAt(tz: TimeZone, utc: Int64): number {
  splitDay(utc, dt);
  return tz.offsetAt(dt[0]! * 86400 + Math.floor(dt[1]! / USECS_PER_SEC));
}

export function addMicros(v: Int64, micros: number): Int64 {
  if (typeof v === 'number') {
    const r = v + micros;
    if (Number.isSafeInteger(r)) return r;
  }
  const r = BigInt(v) + BigInt(micros);
  return r >= -9007199254740991n && r <= 9007199254740991n ? Number(r) : r;
}

/** UTC instant → local wall-clock micros in tz. */
export const utcToLocal = (utc: Int64, tz: TimeZone): Int64 => addMicros(utc, offsetAt(tz, utc) * USECS_PER_SEC);

/** Raises PostgreSQL's 22008 for a (finite) result outside the timestamp range. */
export function checkTimestamp(v: Int64): Int64 {
  if (v < MIN_TIMESTAMP_USECS || v >= END_TIMESTAMP_USECS) throw tsOutOfRange();
  return v;
}

/** Local wall-clock micros → UTC instant by PostgreSQL's DST rule (timezone.ts localToUtc). */
export function localToUtcMicros(local: Int64, tz: TimeZone): Int64 {
  splitDay(local, dt);
  const sub = dt[1]! % USECS_PER_SEC;
  const utcSec = localToUtc(tz, dt[0]! * 86400 + Math.floor(dt[1]! / USECS_PER_SEC));
  const v = utcSec * USECS_PER_SEC + sub;
  return Number.isSafeInteger(v) ? v : BigInt(utcSec) * 1_000_000n + BigInt(sub);
}

/** ISO 8601 week number and ISO year of a day number. */
export function isoWeek(days: number): { week: number; year: number } {
  const dow = mod(days + 3, 7); // 0 = Monday
  const thursday = days - dow + 3;
  civilFromDays(thursday, ymd);
  const year = ymd[0]!;
  const jan1 = daysFromCivil(year, 1, 1);
  return { week: Math.floor((thursday - jan1) / 7) + 1, year };
}

export const mod = (a: number, b: number): number => ((a % b) + b) % b;
