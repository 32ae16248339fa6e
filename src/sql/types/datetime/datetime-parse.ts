/**
 * Text input of date, time, timestamp and timestamptz: the forms people and tools write —
 * ISO 8601 (`2024-01-01`, `2024-01-01 10:00`, `2024-01-01T10:00:00.123Z`), `MM/DD/YYYY`
 * (PostgreSQL's default DateStyle `ISO, MDY`), offsets and zone names, `BC`, and the special
 * words `epoch`, `infinity`, `-infinity`, `now`, `today`, `tomorrow`, `yesterday`.
 * Errors as PostgreSQL: 22007 bad syntax, 22008 field or value out of range.
 * PostgreSQL's full DecodeDateTime accepts more (month names, Julian days, …); those are not
 * done yet and raise 22007.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import type { Int64 } from '../values.ts';
import { canon } from '../int64.ts';
import { rint } from '../rint.ts';
import {
  END_TIMESTAMP_USECS, MAX_DATE_DAYS, MIN_DATE_DAYS, MIN_TIMESTAMP_USECS, PG_EPOCH_USECS,
  USECS_PER_DAY, USECS_PER_SEC, daysFromCivil, daysInMonth,
} from './calendar.ts';
import { localToUtc, timeZone, type TimeZone } from './timezone.ts';

const WS = '[ \\t\\n\\r\\v\\f]*';
const DATE = '(?:(\\d+)-(\\d{1,2})-(\\d{1,2})|(\\d{1,2})/(\\d{1,2})/(\\d+)|(\\d{4})(\\d{2})(\\d{2}))';
const TIME = '(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?';
const ZONE = '(Z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*)';
const DATETIME = new RegExp(`^${WS}${DATE}(?:(?:T|[ \\t]+)${TIME})?${WS}${ZONE}?${WS}(BC|AD)?${WS}$`, 'i');
const TIME_ONLY = new RegExp(`^${WS}${TIME}${WS}(AM|PM)?${WS}${ZONE}?${WS}$`, 'i');
const SPECIAL = new RegExp(`^${WS}([+-]?infinity|epoch|now|today|tomorrow|yesterday|allballs)${WS}$`, 'i');

/** The parts of a date/time literal; `days`/`micros` are NaN when absent. */
interface Decoded {
  days: number;
  micros: number;
  zone: string | undefined;
  /** Whether the text has a time of day (a date alone is no time value). */
  hasTime: boolean;
}

const badFormat = (typeName: string, text: string): SqlError =>
  new SqlError(SqlState.invalidDatetimeFormat, `invalid input syntax for type ${typeName}: "${text}"`);
const fieldOverflow = (text: string): SqlError =>
  new SqlError(SqlState.datetimeFieldOverflow, `date/time field value out of range: "${text}"`);

function decode(text: string, typeName: string): Decoded {
  const m = DATETIME.exec(text);
  if (m !== null) {
    let y: number, mo: number, d: number;
    if (m[1] !== undefined) { y = Number(m[1]); mo = Number(m[2]); d = Number(m[3]); }
    else if (m[4] !== undefined) { mo = Number(m[4]); d = Number(m[5]); y = Number(m[6]); }
    else { y = Number(m[7]); mo = Number(m[8]); d = Number(m[9]); }
    let zone = m[14];
    let era = m[15];
    if (zone !== undefined && /^(AD|BC)$/i.test(zone)) {
      era = zone;
      zone = undefined;
    }
    if (y === 0) throw fieldOverflow(text);
    if (era !== undefined && era.toUpperCase() === 'BC') y = 1 - y;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw fieldOverflow(text);
    const micros = m[10] === undefined ? 0 : timeOfDay(m[10], m[11]!, m[12], m[13], text);
    return { days: daysFromCivil(y, mo, d), micros, zone, hasTime: m[10] !== undefined };
  }
  const t = TIME_ONLY.exec(text);
  if (t !== null) {
    let h = Number(t[1]);
    if (t[5] !== undefined) {
      if (h < 1 || h > 12) throw fieldOverflow(text);
      h = (h % 12) + (t[5].toUpperCase() === 'PM' ? 12 : 0);
    }
    return { days: NaN, micros: timeOfDay(String(h), t[2]!, t[3], t[4], text), zone: t[6], hasTime: true };
  }
  throw badFormat(typeName, text);
}

function timeOfDay(hs: string, ms: string, ss: string | undefined, frac: string | undefined, text: string): number {
  const h = Number(hs), mi = Number(ms), s = ss === undefined ? 0 : Number(ss);
  const f = frac === undefined || frac === '' ? 0 : rint(Number('0.' + frac) * USECS_PER_SEC);
  if (mi > 59 || s > 60 || h > 24 || (h === 24 && (mi > 0 || s > 0 || f > 0))) throw fieldOverflow(text);
  return ((h * 60 + mi) * 60 + s) * USECS_PER_SEC + f;
}

function special(text: string): string | undefined {
  const m = SPECIAL.exec(text);
  return m === null ? undefined : m[1]!.toLowerCase();
}

const nowMicros = (): number => Date.now() * 1000;

export function parseDate(text: string, tz: TimeZone): number {
  const sp = special(text);
  if (sp !== undefined) {
    const today = (): number => {
      const t = nowMicros();
      return Math.floor((t + tz.offsetAt(Math.floor(t / 1e6)) * 1e6) / USECS_PER_DAY);
    };
    switch (sp) {
      case 'infinity': case '+infinity': return Infinity;
      case '-infinity': return -Infinity;
      case 'epoch': return 0;
      case 'now': case 'today': return today();
      case 'tomorrow': return today() + 1;
      case 'yesterday': return today() - 1;
    }
    throw badFormat('date', text);
  }
  const d = decode(text, 'date');
  if (Number.isNaN(d.days)) throw badFormat('date', text);
  if (d.days < MIN_DATE_DAYS || d.days > MAX_DATE_DAYS) {
    throw new SqlError(SqlState.datetimeFieldOverflow, `date out of range: "${text}"`);
  }
  return d.days;
}

export function parseTime(text: string, precision: number | null): number {
  const sp = special(text);
  if (sp === 'allballs') return 0;
  if (sp === 'now') { const t = nowMicros(); return t % USECS_PER_DAY; }
  const d = decode(text, 'time');
  if (!d.hasTime) throw badFormat('time', text);
  return roundTime(d.micros, precision);
}

/** Rounds to `precision` fractional digits, half away from zero (AdjustTimeForTypmod). */
function roundTime(micros: number, precision: number | null): number {
  if (precision === null || precision >= 6) return micros;
  const scale = 10 ** (6 - precision);
  return Math.floor((micros + scale / 2) / scale) * scale;
}

export function parseTimestamp(text: string, precision: number | null): Int64 {
  const sp = special(text);
  if (sp !== undefined) return specialTimestamp(sp, text, 'timestamp');
  const d = decode(text, 'timestamp');
  if (Number.isNaN(d.days)) throw badFormat('timestamp', text);
  // A zone on a timestamp without time zone is ignored, as PostgreSQL does, once it is known to exist.
  if (d.zone !== undefined) resolveZone(d.zone);
  return checkTimestamp(roundTimestamp(addDays(d.days, d.micros), precision), text);
}

export function parseTimestamptz(text: string, tz: TimeZone, precision: number | null): Int64 {
  const sp = special(text);
  if (sp !== undefined) return specialTimestamp(sp, text, 'timestamp with time zone');
  const d = decode(text, 'timestamp with time zone');
  if (Number.isNaN(d.days)) throw badFormat('timestamp with time zone', text);
  const localSeconds = d.days * 86400 + Math.floor(d.micros / USECS_PER_SEC);
  const sub = d.micros % USECS_PER_SEC;
  let utcSeconds: number;
  if (d.zone === undefined) utcSeconds = localToUtc(tz, localSeconds);
  else utcSeconds = localToUtc(resolveZone(d.zone), localSeconds);
  const v = typeof utcSeconds === 'number' && Math.abs(utcSeconds) < 9e9
    ? utcSeconds * USECS_PER_SEC + sub
    : canon(BigInt(utcSeconds) * 1_000_000n + BigInt(sub));
  return checkTimestamp(roundTimestamp(v, precision), text);
}

function resolveZone(name: string): TimeZone {
  try {
    return timeZone(name.toUpperCase() === 'Z' ? 'UTC' : name);
  } catch {
    throw new SqlError(SqlState.invalidParameterValue, `time zone "${name.toLowerCase()}" not recognized`);
  }
}

function specialTimestamp(sp: string, text: string, typeName: string): Int64 {
  switch (sp) {
    case 'infinity': case '+infinity': return Infinity;
    case '-infinity': return -Infinity;
    case 'epoch': return 0;
    case 'now': return nowMicros();
    case 'today': case 'tomorrow': case 'yesterday': {
      const days = Math.floor(nowMicros() / USECS_PER_DAY) + (sp === 'tomorrow' ? 1 : sp === 'yesterday' ? -1 : 0);
      return days * USECS_PER_DAY;
    }
  }
  throw badFormat(typeName, text);
}

function addDays(days: number, micros: number): Int64 {
  const v = days * USECS_PER_DAY + micros;
  return Number.isSafeInteger(v) ? v : canon(BigInt(days) * 86_400_000_000n + BigInt(micros));
}

function checkTimestamp(v: Int64, text: string): Int64 {
  if (v < MIN_TIMESTAMP_USECS || v >= END_TIMESTAMP_USECS) {
    throw new SqlError(SqlState.datetimeFieldOverflow, `timestamp out of range: "${text}"`);
  }
  return v;
}

/**
 * timestamp(p) rounding as PostgreSQL's AdjustTimestampForTypmod: half away from zero
 * around PostgreSQL's epoch 2000-01-01, which differs from rounding around 1970 on exact halves.
 */
export function roundTimestamp(v: Int64, precision: number | null): Int64 {
  if (precision === null || precision >= 6) return v;
  if (typeof v === 'number' && !Number.isFinite(v)) return v;
  const scale = 10 ** (6 - precision);
  if (typeof v === 'number') {
    const pg = v - PG_EPOCH_USECS;
    const r = pg >= 0 ? Math.floor((pg + scale / 2) / scale) * scale : -Math.floor((-pg + scale / 2) / scale) * scale;
    return r + PG_EPOCH_USECS;
  }
  const s = BigInt(scale), h = BigInt(scale / 2), pg = v - BigInt(PG_EPOCH_USECS);
  const r = pg >= 0n ? ((pg + h) / s) * s : -(((-pg + h) / s) * s);
  return canon(r + BigInt(PG_EPOCH_USECS));
}

export { roundTime };
