/**
 * Constructors and normalisers: make_date, make_time, make_timestamp(tz), make_interval,
 * to_timestamp(double), justify_days/hours/interval, date_bin — with PostgreSQL 15's checks
 * and messages (22008 for out-of-range fields and results).
 */
import { SqlError, SqlState, makeInterval, intervalOps, type Int64, type Interval, type TimeZone } from '../../types/index.ts';
import { MAX_DATE_DAYS, MIN_DATE_DAYS, END_TIMESTAMP_USECS, MIN_TIMESTAMP_USECS, daysFromCivil, daysInMonth } from '../../types/datetime/calendar.ts';
import { rint } from '../../types/rint.ts';
import { isInfinite, localToUtcMicros } from './broken-down.ts';

const overflow = (m: string): SqlError => new SqlError(SqlState.datetimeFieldOverflow, m);
const pad2 = (n: number): string => (n < 0 ? '-' + String(-n).padStart(2, '0') : String(n).padStart(2, '0'));
const canon = (v: bigint): Int64 => (v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v);

/** C's printf("%g") (6 significant digits), used in PostgreSQL's messages. */
export function formatG(x: number, width = 0): string {
  let s: string;
  if (!Number.isFinite(x)) s = x !== x ? 'nan' : x > 0 ? 'inf' : '-inf';
  else if (x === 0) s = Object.is(x, -0) ? '-0' : '0';
  else {
    const e = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
    if (e < -4 || e >= 6) {
      const [m, ex] = x.toExponential(5).split('e') as [string, string];
      const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
      const n = Number(ex);
      s = `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
    } else {
      s = x.toFixed(Math.max(0, 5 - e));
      if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    }
  }
  return s.length < width ? (s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0')) : s;
}

/** ValidateDate for make_date: negative years are BC, there is no year 0. */
export function makeDate(year: number, mon: number, mday: number): number {
  let y = year;
  const label = (): string => `${y}-${pad2(mon)}-${pad2(mday)}`;
  if (y < 0) y = -y;
  if (y === 0 || mon < 1 || mon > 12) throw overflow(`date field value out of range: ${label()}`);
  const astro = year < 0 ? -(y - 1) : y;
  if (year < 0) y = astro;
  if (mday < 1 || mday > daysInMonth(astro, mon)) throw overflow(`date field value out of range: ${label()}`);
  const days = daysFromCivil(astro, mon, mday);
  if (days < MIN_DATE_DAYS || days > MAX_DATE_DAYS) throw overflow(`date out of range: ${label()}`);
  return days;
}

/** float_time_overflows, then the micros of the time of day. */
function timeMicros(hour: number, min: number, sec: number): number | undefined {
  if (hour < 0 || hour > 24 || min < 0 || min >= 60 || sec !== sec) return undefined;
  const us = rint(sec * 1e6);
  if (us < 0 || us > 60e6) return undefined;
  const total = ((hour * 60 + min) * 60) * 1e6 + us;
  return total > 86400e6 ? undefined : total;
}

export function makeTime(hour: number, min: number, sec: number): number {
  const t = timeMicros(hour, min, sec);
  if (t === undefined) throw overflow(`time field value out of range: ${hour}:${pad2(min)}:${formatG(sec, 2)}`);
  return t;
}

export function makeTimestamp(year: number, mon: number, mday: number, hour: number, min: number, sec: number): Int64 {
  const label = `${year}-${pad2(mon)}-${pad2(mday)}`;
  // Negative years are BC, as in make_date.
  const astro = year < 0 ? year + 1 : year;
  if (year === 0 || mon < 1 || mon > 12 || mday < 1 || mday > daysInMonth(astro, mon)) throw overflow(`date field value out of range: ${label}`);
  const days = daysFromCivil(astro, mon, mday);
  if (days > MAX_DATE_DAYS || days < MIN_DATE_DAYS) throw overflow(`date out of range: ${label}`);
  const t = timeMicros(hour, min, sec);
  if (t === undefined) throw overflow(`time field value out of range: ${hour}:${pad2(min)}:${formatG(sec, 2)}`);
  const v = BigInt(days) * 86_400_000_000n + BigInt(t);
  if (v < MIN_TIMESTAMP_USECS || v >= END_TIMESTAMP_USECS) throw overflow(`timestamp out of range: ${label} ${hour}:${pad2(min)}:${formatG(sec, 2)}`);
  return canon(v);
}

export const makeTimestamptz = (tz: TimeZone, year: number, mon: number, mday: number, hour: number, min: number, sec: number): Int64 =>
  localToUtcMicros(makeTimestamp(year, mon, mday, hour, min, sec), tz);

export function makeIntervalFn(years: number, months: number, weeks: number, days: number, hours: number, mins: number, secs: number): Interval {
  if (!Number.isFinite(secs)) throw overflow('interval out of range');
  const m = years * 12 + months, d = weeks * 7 + days;
  const us = BigInt(hours) * 3_600_000_000n + BigInt(mins) * 60_000_000n + BigInt(rint(secs * 1e6));
  if (m > 2147483647 || m < -2147483648 || d > 2147483647 || d < -2147483648 || us > 9223372036854775807n || us < -9223372036854775808n) {
    throw overflow('interval out of range');
  }
  return makeInterval(m, d, canon(us));
}

/** to_timestamp(double): rounds to microseconds relative to 2000-01-01, as PostgreSQL does. */
export function toTimestamp(seconds: number): Int64 {
  if (seconds !== seconds) throw overflow('timestamp cannot be NaN');
  if (!Number.isFinite(seconds)) return seconds;
  const minSec = 86400 * (0 - 2440588), endSec = 86400 * (109203528 - 2440588);
  if (seconds < minSec || seconds >= endSec) throw overflow(`timestamp out of range: "${formatG(seconds)}"`);
  const pg = rint((seconds - 946684800) * 1e6);
  const v = BigInt(pg) + 946_684_800_000_000n;
  if (v < MIN_TIMESTAMP_USECS || v >= END_TIMESTAMP_USECS) throw overflow(`timestamp out of range: "${formatG(seconds)}"`);
  return canon(v);
}

const int32 = (v: number): number => {
  if (v > 2147483647 || v < -2147483648) throw overflow('interval out of range');
  return v;
};

export function justifyDays(v: Interval): Interval {
  const whole = Math.trunc(v.days / 30);
  let days = v.days - whole * 30;
  let months = int32(v.months + whole);
  if (months > 0 && days < 0) { days += 30; months--; }
  else if (months < 0 && days > 0) { days -= 30; months++; }
  return makeInterval(months, days || 0, v.micros);
}

export const justifyHours = (v: Interval): Interval => intervalOps.justifyHours(v);

export function justifyInterval(v: Interval): Interval {
  let months = v.months, days = v.days;
  let time = BigInt(v.micros);
  if ((days > 0 && time > 0n) || (days < 0 && time < 0n)) {
    const whole = Math.trunc(days / 30);
    days -= whole * 30;
    months = int32(months + whole);
  }
  const wholeDay = time / 86_400_000_000n;
  time -= wholeDay * 86_400_000_000n;
  days = int32(days + Number(wholeDay));
  const wholeMonth = Math.trunc(days / 30);
  days -= wholeMonth * 30;
  months = int32(months + wholeMonth);
  if (months > 0 && (days < 0 || (days === 0 && time < 0n))) { days += 30; months--; }
  else if (months < 0 && (days > 0 || (days === 0 && time > 0n))) { days -= 30; months++; }
  if (days > 0 && time < 0n) { time += 86_400_000_000n; days--; }
  else if (days < 0 && time > 0n) { time -= 86_400_000_000n; days++; }
  return makeInterval(months || 0, days || 0, canon(time));
}

/** date_bin(stride, source, origin): the start of source's bin, bins aligned on origin. */
export function dateBin(stride: Interval, ts: Int64, origin: Int64): Int64 {
  if (isInfinite(ts)) return ts;
  if (isInfinite(origin)) throw overflow('origin out of range');
  if (stride.months !== 0) {
    throw new SqlError(SqlState.featureNotSupported, 'timestamps cannot be binned into intervals containing months or years');
  }
  const s = BigInt(stride.days) * 86_400_000_000n + BigInt(stride.micros);
  if (s > 9223372036854775807n || s < -9223372036854775808n) throw overflow('interval out of range');
  if (s <= 0n) throw overflow('stride must be greater than zero');
  const diff = BigInt(ts) - BigInt(origin);
  // PostgreSQL computes the difference in int64 microseconds from 2000-01-01; same range here.
  if (diff > 9223372036854775807n || diff < -9223372036854775808n) throw overflow('interval out of range');
  const r = diff % s;
  let delta = diff - r;
  if (r < 0n) delta -= s; // bins start below a source before the origin
  const v = BigInt(origin) + delta;
  if (v < MIN_TIMESTAMP_USECS || v >= END_TIMESTAMP_USECS) throw overflow('timestamp out of range');
  return canon(v);
}
