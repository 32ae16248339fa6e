/**
 * age(a, b): the symbolic difference in years, months, days and time, PostgreSQL's
 * timestamp_age: subtract field by field, borrow from the next larger field, borrowing a month
 * as the length of the month of the earlier timestamp.
 */
import { makeInterval, type Int64, type Interval, type TimeZone } from '../../types/index.ts';
import { daysInMonth } from '../../types/datetime/calendar.ts';
import { isInfinite, toTm, tsOutOfRange, utcToLocal } from './broken-down.ts';

export function age(a: Int64, b: Int64, tz?: TimeZone): Interval {
  if (isInfinite(a) || isInfinite(b)) throw tsOutOfRange();
  const t1 = toTm(tz === undefined ? a : utcToLocal(a, tz));
  const t2 = toTm(tz === undefined ? b : utcToLocal(b, tz));
  const flip = a < b;
  const s = flip ? -1 : 1;
  let usec = s * (t1.usec - t2.usec), sec = s * (t1.sec - t2.sec), min = s * (t1.min - t2.min);
  let hour = s * (t1.hour - t2.hour), mday = s * (t1.mday - t2.mday), mon = s * (t1.mon - t2.mon);
  let year = s * (t1.year - t2.year);
  while (usec < 0) { usec += 1e6; sec--; }
  while (sec < 0) { sec += 60; min--; }
  while (min < 0) { min += 60; hour--; }
  while (hour < 0) { hour += 24; mday--; }
  const borrow = flip ? t1 : t2;
  while (mday < 0) { mday += daysInMonth(borrow.year, borrow.mon); mon--; }
  while (mon < 0) { mon += 12; year--; }
  const months = s * (year * 12 + mon);
  const micros = s * (((hour * 60 + min) * 60 + sec) * 1e6 + usec);
  return makeInterval(months || 0, s * mday || 0, micros || 0);
}
