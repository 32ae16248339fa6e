/**
 * date_trunc(unit, timestamp | timestamptz [, zone] | interval) as PostgreSQL 15's
 * timestamp_trunc / timestamptz_trunc_internal / interval_trunc: fields at and below the unit
 * are reset, BC years follow PostgreSQL's millennium/century/decade formulas, `week` goes to the
 * ISO Monday. For timestamptz, truncation happens on the local clock of the zone; units of a
 * day or more re-resolve the offset (DST), smaller ones keep the original offset.
 */
import { makeInterval, type Int64, type Interval, type TimeZone } from '../../types/index.ts';
import { USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC } from '../../types/datetime/calendar.ts';
import { addMicros, fromTm, isInfinite, localToUtcMicros, mod, offsetAt, toTm, type Tm } from './broken-down.ts';
import { decodeUnit, unitNotRecognized, unitNotSupported } from './units.ts';

/** Words DecodeUnits classes as RESERV rather than UNITS: date_trunc does not recognise them at all. */
const RESERVED = new Set(['epoch', 'julian', 'dow', 'doy', 'isodow', 'isoyear']);
const TRUNC_UNITS = new Set(['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium']);

function checkUnit(text: string, typeName: string): string {
  const u = decodeUnit(text);
  if (u === undefined || RESERVED.has(u)) throw unitNotRecognized(text, typeName);
  if (!TRUNC_UNITS.has(u)) throw unitNotSupported(text, typeName);
  return u;
}

/** Applies the truncation to the fields; returns whether the zone offset must be recomputed. */
function truncTm(tm: Tm, u: string): boolean {
  const ct = Math.trunc;
  if (u === 'week') {
    tm.mday -= mod(tm.days + 3, 7); // back to Monday (fromTm normalises a day-of-month ≤ 0)
    tm.hour = tm.min = tm.sec = tm.usec = 0;
    return true;
  }
  if (u === 'milliseconds') { tm.usec = ct(tm.usec / 1000) * 1000; return false; }
  if (u === 'microseconds') return false;
  const order = ['millennium', 'century', 'decade', 'year', 'quarter', 'month', 'day', 'hour', 'minute', 'second'];
  const from = order.indexOf(u);
  const at = (name: string): boolean => from <= order.indexOf(name);
  if (u === 'millennium') tm.year = tm.year > 0 ? ct((tm.year + 999) / 1000) * 1000 - 999 : -ct((999 - (tm.year - 1)) / 1000) * 1000 + 1;
  if (u === 'millennium' || u === 'century') tm.year = tm.year > 0 ? ct((tm.year + 99) / 100) * 100 - 99 : -ct((99 - (tm.year - 1)) / 100) * 100 + 1;
  if (u === 'decade') tm.year = tm.year > 0 ? ct(tm.year / 10) * 10 : -ct((8 - (tm.year - 1)) / 10) * 10;
  if (at('year')) tm.mon = 1;
  if (at('quarter')) tm.mon = 3 * ct((tm.mon - 1) / 3) + 1;
  if (at('month')) tm.mday = 1;
  if (at('day')) tm.hour = 0;
  if (at('hour')) tm.min = 0;
  if (at('minute')) tm.sec = 0;
  if (at('second')) tm.usec = 0;
  return at('day');
}

export function truncTimestamp(unit: string, ts: Int64): Int64 {
  if (isInfinite(ts)) return ts;
  const u = checkUnit(unit, 'timestamp without time zone');
  const tm = toTm(ts);
  truncTm(tm, u);
  return fromTm(tm);
}

export function truncTimestamptz(unit: string, ts: Int64, tz: TimeZone): Int64 {
  if (isInfinite(ts)) return ts;
  const u = checkUnit(unit, 'timestamp with time zone');
  const offset = offsetAt(tz, ts) * USECS_PER_SEC;
  const tm = toTm(addMicros(ts, offset));
  const redo = truncTm(tm, u);
  const local = fromTm(tm);
  return redo ? localToUtcMicros(local, tz) : addMicros(local, -offset);
}

export function truncInterval(unit: string, v: Interval): Interval {
  const u = decodeUnit(unit);
  if (u === undefined || RESERVED.has(u)) throw unitNotRecognized(unit, 'interval');
  if (u === 'week') throw unitNotSupported(unit, 'interval', 'Months usually have fractional weeks.');
  if (!TRUNC_UNITS.has(u)) throw unitNotSupported(unit, 'interval');
  const ct = Math.trunc;
  let year = ct(v.months / 12), mon = v.months % 12 || 0, day = v.days;
  const time = BigInt(v.micros);
  let hour = time / BigInt(USECS_PER_HOUR);
  let rest = time - hour * BigInt(USECS_PER_HOUR);
  let min = Number(rest / BigInt(USECS_PER_MINUTE));
  rest -= BigInt(min) * BigInt(USECS_PER_MINUTE);
  let sec = Number(rest / 1_000_000n);
  let usec = Number(rest % 1_000_000n);
  const order = ['millennium', 'century', 'decade', 'year', 'quarter', 'month', 'day', 'hour', 'minute', 'second'];
  const from = order.indexOf(u);
  const at = (name: string): boolean => from >= 0 && from <= order.indexOf(name);
  if (u === 'millennium') year = ct(year / 1000) * 1000;
  if (at('century')) year = ct(year / 100) * 100;
  if (at('decade')) year = ct(year / 10) * 10;
  if (at('year')) mon = 0;
  if (at('quarter')) mon = 3 * ct(mon / 3);
  if (at('month')) day = 0;
  if (at('day')) hour = 0n;
  if (at('hour')) min = 0;
  if (at('minute')) sec = 0;
  if (at('second')) usec = 0;
  if (u === 'milliseconds') usec = ct(usec / 1000) * 1000;
  const micros = ((hour * 60n + BigInt(min)) * 60n + BigInt(sec)) * 1_000_000n + BigInt(usec);
  const m = Number(micros);
  return makeInterval(year * 12 + mon || 0, day || 0, Number.isSafeInteger(m) ? m : micros);
}

