/**
 * date/time/timestamp/timestamptz output as PostgreSQL's with DateStyle = ISO: `2024-01-01`,
 * `12:00:00.5`, `2024-01-01 12:00:00`, `2024-01-01 12:00:00+00` (the offset of the session
 * TimeZone at that instant, `+05:30` / `-04:56:02` when not whole hours), years below 1 as
 * `0001-01-01 BC`, and `infinity` / `-infinity`.
 */
import type { Int64 } from '../values.ts';
import { USECS_PER_SEC, civilFromDays, splitDay } from './calendar.ts';
import type { TimeZone } from './timezone.ts';

const ymd: number[] = [0, 0, 0];
const dayAndTime: number[] = [0, 0];

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

function formatYmd(days: number): string {
  civilFromDays(days, ymd);
  const y = ymd[0]!;
  const year = y > 0 ? y : 1 - y;
  const ys = year < 1000 ? String(year).padStart(4, '0') : String(year);
  return `${ys}-${pad2(ymd[1]!)}-${pad2(ymd[2]!)}`;
}
const bcSuffix = (days: number): string => (civilFromDays(days, ymd)[0]! <= 0 ? ' BC' : '');

export function formatDate(days: number): string {
  if (!Number.isFinite(days)) return days > 0 ? 'infinity' : '-infinity';
  return formatYmd(days) + bcSuffix(days);
}

/** hh:mm:ss[.ffffff] with trailing zeros of the fraction removed. */
export function formatTime(micros: number): string {
  const sec = Math.floor(micros / USECS_PER_SEC);
  const frac = micros - sec * USECS_PER_SEC;
  const base = `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
  return frac === 0 ? base : base + '.' + String(frac).padStart(6, '0').replace(/0+$/, '');
}

export function formatTimestamp(v: Int64): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return v > 0 ? 'infinity' : '-infinity';
  splitDay(v, dayAndTime);
  const days = dayAndTime[0]!;
  return `${formatYmd(days)} ${formatTime(dayAndTime[1]!)}${bcSuffix(days)}`;
}

export function formatTimestamptz(v: Int64, tz: TimeZone): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return v > 0 ? 'infinity' : '-infinity';
  splitDay(v, dayAndTime);
  const utcSeconds = dayAndTime[0]! * 86400 + Math.floor(dayAndTime[1]! / USECS_PER_SEC);
  const offset = tz.offsetAt(utcSeconds);
  const local = typeof v === 'number' ? v + offset * USECS_PER_SEC : v + BigInt(offset * USECS_PER_SEC);
  splitDay(local, dayAndTime);
  const days = dayAndTime[0]!;
  return `${formatYmd(days)} ${formatTime(dayAndTime[1]!)}${formatOffset(offset)}${bcSuffix(days)}`;
}

/** `+00`, `+05:30`, `-04:56:02` — PostgreSQL's EncodeTimezone. */
export function formatOffset(offsetSeconds: number): string {
  const a = Math.abs(offsetSeconds);
  const h = Math.floor(a / 3600), m = Math.floor(a / 60) % 60, s = a % 60;
  let out = (offsetSeconds < 0 ? '-' : '+') + pad2(h);
  if (m !== 0 || s !== 0) out += ':' + pad2(m);
  if (s !== 0) out += ':' + pad2(s);
  return out;
}
