/**
 * extract(field FROM x) → numeric (PostgreSQL 14+) and date_part(field, x) → double precision,
 * for timestamp, timestamptz, date, time and interval, as timestamp.c/date.c compute them:
 * the numeric forms are exact (seconds as 5.500000, epoch with six decimals), the float forms
 * repeat PostgreSQL's own float expressions so the last bit agrees. Infinite timestamps give
 * ±Infinity for the monotonic fields and NULL for the others.
 */
import { Decimal, DECIMAL_NINF, DECIMAL_PINF, numeric, type Int64, type Interval, type TimeZone } from '../../types/index.ts';
import { USECS_PER_SEC } from '../../types/datetime/calendar.ts';
import { addMicros, isInfinite, isoWeek, mod, offsetAt, toTm, type Tm } from './broken-down.ts';
import { decodeUnit, unitNotRecognized, unitNotSupported, type Unit } from './units.ts';

/** numeric parts are Decimals; double precision parts are numbers. */
type Part = number | Decimal;

const int = (v: number | bigint): Decimal => new Decimal(BigInt(v), 0);
const scaled = (v: number | bigint, scale: number): Decimal => new Decimal(BigInt(v), scale);
/** Julian day number of day 0 (1970-01-01). */
const UNIX_JDATE = 2440588;

const MONOTONIC: ReadonlySet<Unit> = new Set(['year', 'decade', 'century', 'millennium', 'julian', 'isoyear', 'epoch']);

function infinitePart(u: Unit, positive: boolean, asNumeric: boolean): Part | null {
  if (!MONOTONIC.has(u)) return null;
  if (asNumeric) return positive ? DECIMAL_PINF : DECIMAL_NINF;
  return positive ? Infinity : -Infinity;
}

function yearPart(u: Unit, y: number): number | undefined {
  const ct = Math.trunc;
  switch (u) {
    case 'year': return y > 0 ? y : y - 1;
    case 'decade': return y >= 0 ? ct(y / 10) : -ct((8 - (y - 1)) / 10);
    case 'century': return y > 0 ? ct((y + 99) / 100) : -ct((99 - (y - 1)) / 100);
    case 'millennium': return y > 0 ? ct((y + 999) / 1000) : -ct((999 - (y - 1)) / 1000);
    default: return undefined;
  }
}

/** Fields shared by timestamp, timestamptz and date (date has no time of day). */
function datePart(u: Unit, tm: Tm): number | undefined {
  const y = yearPart(u, tm.year);
  if (y !== undefined) return y;
  switch (u) {
    case 'day': return tm.mday;
    case 'month': return tm.mon;
    case 'quarter': return Math.trunc((tm.mon - 1) / 3) + 1;
    case 'week': return isoWeek(tm.days).week;
    case 'isoyear': { const iy = isoWeek(tm.days).year; return iy <= 0 ? iy - 1 : iy; }
    case 'dow': return mod(tm.days + 4, 7);
    case 'isodow': return mod(tm.days + 4, 7) || 7;
    case 'doy': return daysSinceJan1(tm) + 1;
    default: return undefined;
  }
}
function daysSinceJan1(tm: Tm): number {
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const leap = (tm.year % 4 === 0 && tm.year % 100 !== 0) || tm.year % 400 === 0;
  return cum[tm.mon - 1]! + (leap && tm.mon > 2 ? 1 : 0) + tm.mday - 1;
}

/** Fields of a time of day (sec + usec), shared by timestamps and time. */
function timePart(u: Unit, tm: Tm, asNumeric: boolean): Part | undefined {
  const us = tm.sec * USECS_PER_SEC + tm.usec;
  switch (u) {
    case 'microseconds': return asNumeric ? int(us) : us;
    case 'milliseconds': return asNumeric ? scaled(us, 3) : tm.sec * 1000.0 + tm.usec / 1000.0;
    case 'second': return asNumeric ? scaled(us, 6) : tm.sec + tm.usec / 1000000.0;
    case 'minute': return tm.min;
    case 'hour': return tm.hour;
    default: return undefined;
  }
}

const wrap = (v: Part, asNumeric: boolean): Part => (typeof v === 'number' && asNumeric ? int(v) : v);

/** timestamp (tz undefined) or timestamptz (tz given): `ts` is the UTC instant for timestamptz. */
export function extractTimestamp(unit: string, ts: Int64, asNumeric: boolean, tz?: TimeZone): Part | null {
  const typeName = tz === undefined ? 'timestamp without time zone' : 'timestamp with time zone';
  const u = decodeUnit(unit);
  if (u === undefined) throw unitNotRecognized(unit, typeName);
  if (isInfinite(ts)) return infinitePart(u, (ts as number) > 0, asNumeric);
  if (u === 'epoch') {
    // Unix-epoch micros are exactly PostgreSQL's (timestamp − SetEpochTimestamp()).
    return asNumeric ? scaled(ts, 6) : Number(ts) / 1000000.0;
  }
  let offset = 0;
  if (tz !== undefined) offset = offsetAt(tz, ts);
  if (u === 'timezone' || u === 'timezone_hour' || u === 'timezone_minute') {
    if (tz === undefined) throw unitNotSupported(unit, typeName);
    const v = u === 'timezone' ? offset : u === 'timezone_hour' ? Math.trunc(offset / 3600) : Math.trunc(offset / 60) % 60;
    return wrap(v || 0, asNumeric);
  }
  const tm = toTm(tz === undefined ? ts : addMicros(ts, offset * USECS_PER_SEC));
  if (u === 'julian') {
    const jd = tm.days + UNIX_JDATE;
    const dayMicros = ((tm.hour * 60 + tm.min) * 60 + tm.sec) * USECS_PER_SEC + tm.usec;
    if (asNumeric) return numeric.decimalAdd(int(jd), numeric.decimalDiv(int(dayMicros), int(86400000000)));
    return jd + (((tm.hour * 60) + tm.min) * 60 + tm.sec + tm.usec / 1000000.0) / 86400;
  }
  const t = timePart(u, tm, asNumeric);
  if (t !== undefined) return wrap(t, asNumeric);
  const d = datePart(u, tm);
  if (d !== undefined) return wrap(d, asNumeric);
  throw unitNotSupported(unit, typeName);
}

export function extractDate(unit: string, days: number, asNumeric: boolean): Part | null {
  const u = decodeUnit(unit);
  if (u === undefined) throw unitNotRecognized(unit, 'date');
  if (!asNumeric) {
    // date_part(text, date) is date_part(text, date::timestamp) in PostgreSQL.
    return extractTimestamp(unit, Number.isFinite(days) ? days * 86400000000 : days, false);
  }
  const timeUnits: ReadonlySet<Unit> = new Set(['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'timezone', 'timezone_hour', 'timezone_minute']);
  if (timeUnits.has(u)) throw unitNotSupported(unit, 'date');
  if (!Number.isFinite(days)) return infinitePart(u, days > 0, true);
  if (u === 'epoch') return int(BigInt(days) * 86400n);
  if (u === 'julian') return int(days + UNIX_JDATE);
  const tm = toTm(days * 86400000000);
  const d = datePart(u, tm);
  if (d !== undefined) return int(d);
  throw unitNotSupported(unit, 'date');
}

export function extractTime(unit: string, micros: number, asNumeric: boolean): Part | null {
  const u = decodeUnit(unit);
  const typeName = 'time without time zone';
  if (u === undefined) throw unitNotRecognized(unit, typeName);
  if (u === 'epoch') return asNumeric ? scaled(micros, 6) : micros / 1000000.0;
  // Split directly: 24:00:00 is a valid time whose hour is 24.
  const secs = Math.floor(micros / USECS_PER_SEC);
  const tm = { year: 0, mon: 0, mday: 0, days: 0, hour: Math.floor(secs / 3600), min: Math.floor(secs / 60) % 60, sec: secs % 60, usec: micros - secs * USECS_PER_SEC };
  const t = timePart(u, tm, asNumeric);
  if (t !== undefined) return wrap(t, asNumeric);
  throw unitNotSupported(unit, typeName);
}

export function extractInterval(unit: string, v: Interval, asNumeric: boolean): Part | null {
  const u = decodeUnit(unit);
  if (u === undefined) throw unitNotRecognized(unit, 'interval');
  const ct = Math.trunc;
  const year = ct(v.months / 12), mon = v.months % 12 || 0;
  const time = BigInt(v.micros);
  const hour = time / 3_600_000_000n;
  const rest = time - hour * 3_600_000_000n;
  const min = Number(rest / 60_000_000n);
  const secUs = Number(rest % 60_000_000n); // sec·10^6 + usec, with the sign of time
  switch (u) {
    case 'microseconds': return asNumeric ? int(secUs) : secUs;
    case 'milliseconds': return asNumeric ? scaled(secUs, 3) : ct(secUs / 1e6) * 1000.0 + (secUs % 1e6) / 1000.0;
    case 'second': return asNumeric ? scaled(secUs, 6) : ct(secUs / 1e6) + (secUs % 1e6) / 1000000.0;
    case 'minute': return wrap(min, asNumeric);
    case 'hour': return asNumeric ? int(hour) : Number(hour);
    case 'day': return wrap(v.days, asNumeric);
    case 'month': return wrap(mon, asNumeric);
    case 'quarter': return wrap(ct(mon / 3) + 1, asNumeric);
    case 'year': return wrap(year, asNumeric);
    case 'decade': return wrap(ct(year / 10) || 0, asNumeric);
    case 'century': return wrap(ct(year / 100) || 0, asNumeric);
    case 'millennium': return wrap(ct(year / 1000) || 0, asNumeric);
    case 'epoch': {
      if (asNumeric) {
        const secsFromDayMonth = (1461n * BigInt(ct(v.months / 12)) + 120n * BigInt(mon) + 4n * BigInt(v.days)) * (86400n / 4n);
        return scaled(secsFromDayMonth * 1_000_000n + time, 6);
      }
      let r = Number(v.micros) / 1000000.0;
      r += (365.25 * 86400) * ct(v.months / 12);
      r += (30 * 86400) * mon;
      r += 86400 * v.days;
      return r;
    }
    default: throw unitNotSupported(unit, 'interval');
  }
}

