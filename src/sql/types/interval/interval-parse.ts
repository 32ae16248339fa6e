/**
 * interval text input, following PostgreSQL 15's DecodeInterval/DecodeISO8601Interval:
 * `1 year 2 mons 3 days 04:05:06`, `10 seconds`, `1.5 days` (fractions spill into smaller
 * units as PostgreSQL does), `1 day 02:00`, `-1 day +02:00`, `@ 1 minute ago`, `3 4:05:06`,
 * `P1Y2M3DT4H5M6S`, and a bare number read in the qualifier's lowest unit
 * (`INTERVAL '10' MINUTE`) or as seconds without one. The qualifier then truncates the value
 * (`INTERVAL '1 day 02:03' DAY` → `1 day`), see applyIntervalTypmod.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import { IntervalField } from '../data-type.ts';
import { canon } from '../int64.ts';
import { makeInterval, type Interval } from './interval.ts';
import { rint } from '../rint.ts';

const { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND } = IntervalField;
const USEC: Record<string, number> = { us: 1, ms: 1000, s: 1e6, m: 6e7, h: 3.6e9 };

/** Unit words PostgreSQL accepts (datetime.c deltatktbl), mapped to a canonical unit. */
const UNITS: Record<string, string> = {};
const unit = (canonical: string, ...names: string[]): void => { for (const n of names) UNITS[n] = canonical; };
unit('millennium', 'millennium', 'millennia', 'millenniums', 'mil', 'mils');
unit('century', 'century', 'centuries', 'cent', 'c');
unit('decade', 'decade', 'decades', 'dec', 'decs');
unit('year', 'year', 'years', 'y', 'yr', 'yrs');
unit('month', 'month', 'months', 'mon', 'mons');
unit('week', 'week', 'weeks', 'w');
unit('day', 'day', 'days', 'd');
unit('h', 'hour', 'hours', 'h', 'hr', 'hrs');
unit('m', 'minute', 'minutes', 'm', 'min', 'mins');
unit('s', 'second', 'seconds', 's', 'sec', 'secs');
unit('ms', 'millisecond', 'milliseconds', 'ms', 'msec', 'msecs', 'millisecon');
unit('us', 'microsecond', 'microseconds', 'us', 'usec', 'usecs', 'microsecon');

const TOKEN = /\s*(?:(@)|([+-]?\d+(?::\d+){1,2}(?:\.\d*)?)|([+-]?(?:\d+\.?\d*|\.\d+))|([a-z]+))/giy;

/** One bit per unit, like PostgreSQL's fmask: a unit given twice is a syntax error. */
const UNIT_BIT: Record<string, number> = {
  millennium: 1, century: 2, decade: 4, year: 8, month: 16, week: 32, day: 64, h: 128, m: 256, s: 512, ms: 1024, us: 2048,
};
const TIME_BITS = 128 | 256 | 512;

class Acc {
  fmask = 0;
  months = 0;
  days = 0;
  micros = 0n;
  addMicros(val: number, frac: number, scale: number): void {
    this.micros += BigInt(val) * BigInt(scale) + BigInt(rint(frac * scale));
  }
  addFractDays(frac: number, scale: number): void {
    const extra = frac * scale;
    const whole = Math.trunc(extra);
    this.days += whole;
    this.micros += BigInt(rint((extra - whole) * 86_400_000_000));
  }
}

const bad = (text: string): SqlError =>
  new SqlError(SqlState.invalidDatetimeFormat, `invalid input syntax for type interval: "${text}"`);
const overflow = (text: string): SqlError =>
  new SqlError(SqlState.intervalFieldOverflow, `interval field value out of range: "${text}"`);

/** Parses interval text; `fields` is the INTERVAL qualifier's mask (null = none). */
export function parseInterval(text: string, fields: number | null = null): Interval {
  const trimmed = text.trim();
  const acc = new Acc();
  if (/^-?P/i.test(trimmed)) parseIso(trimmed, text, acc);
  else parsePostgres(trimmed, text, fields, acc);
  if (Math.abs(acc.months) > 2147483647 || Math.abs(acc.days) > 2147483647) throw overflow(text);
  if (acc.micros > 9223372036854775807n || acc.micros < -9223372036854775808n) throw overflow(text);
  return makeInterval(acc.months, acc.days, canon(acc.micros));
}

function parsePostgres(s: string, text: string, fields: number | null, acc: Acc): void {
  if (s === '') throw bad(text);
  TOKEN.lastIndex = 0;
  const toks: string[][] = [];
  while (TOKEN.lastIndex < s.length) {
    const m = TOKEN.exec(s);
    if (m === null) throw bad(text);
    toks.push([m[1] ?? '', m[2] ?? '', m[3] ?? '', (m[4] ?? '').toLowerCase()]);
  }
  let ago = false;
  for (let i = 0; i < toks.length; i++) {
    const [at, time, num, word] = toks[i] as [string, string, string, string];
    if (at) continue;
    if (time) {
      if (acc.fmask & TIME_BITS) throw bad(text);
      acc.fmask |= TIME_BITS;
      addTime(time, fields, acc);
      continue;
    }
    if (word) {
      if (word === 'ago' && i === toks.length - 1) { ago = true; continue; }
      throw bad(text);
    }
    const next = toks[i + 1];
    const v = Number(num);
    const val = Math.trunc(v), frac = v - val;
    if (next !== undefined && next[3] !== '' && next[3] !== 'ago') {
      const u = UNITS[next[3]!];
      if (u === undefined) throw bad(text);
      addUnit(u, val, frac, acc, text);
      i++;
    } else if (next !== undefined && next[1] !== '') {
      // `3 4:05:06`: a number before a time is days (SQL-standard day-time literal).
      if (frac !== 0 || acc.fmask & UNIT_BIT.day!) throw bad(text);
      acc.fmask |= UNIT_BIT.day!;
      acc.days += val;
    } else {
      addUnit(lowestUnit(fields), val, frac, acc, text);
    }
  }
  if (ago) { acc.months = -acc.months; acc.days = -acc.days; acc.micros = -acc.micros; }
}

function lowestUnit(fields: number | null): string {
  if (fields === null || fields & SECOND) return 's';
  if (fields & MINUTE) return 'm';
  if (fields & HOUR) return 'h';
  if (fields & DAY) return 'day';
  if (fields & MONTH) return 'month';
  return 'year';
}

function addUnit(u: string, val: number, frac: number, acc: Acc, text = ''): void {
  let bit = UNIT_BIT[u]!;
  if (u === 's' && frac !== 0) bit |= UNIT_BIT.ms! | UNIT_BIT.us!;
  if (acc.fmask & bit) throw bad(text);
  acc.fmask |= bit;
  switch (u) {
    case 'millennium': acc.months += val * 12000 + rint(frac * 12000); return;
    case 'century': acc.months += val * 1200 + rint(frac * 1200); return;
    case 'decade': acc.months += val * 120 + rint(frac * 120); return;
    case 'year': acc.months += val * 12 + rint(frac * 12); return;
    case 'month': acc.months += val; acc.addFractDays(frac, 30); return;
    case 'week': acc.days += val * 7; acc.addFractDays(frac, 7); return;
    case 'day': acc.days += val; acc.micros += BigInt(rint(frac * 86_400_000_000)); return;
    default: acc.addMicros(val, frac, USEC[u]!);
  }
}

/** `hh:mm[:ss[.f]]`, or `mm:ss` when the qualifier is MINUTE TO SECOND. */
function addTime(tok: string, fields: number | null, acc: Acc): void {
  const neg = tok.startsWith('-');
  const parts = tok.replace(/^[+-]/, '').split(':');
  let us: bigint;
  const secPart = (p: string | undefined): bigint => (p === undefined ? 0n : BigInt(rint(Number(p) * 1e6)));
  if (parts.length === 2 && fields === (MINUTE | SECOND)) {
    us = BigInt(parts[0]!) * 60_000_000n + secPart(parts[1]);
  } else {
    us = BigInt(parts[0]!) * 3_600_000_000n + BigInt(parts[1]!.split('.')[0]!) * 60_000_000n + secPart(parts[2]);
  }
  acc.micros += neg ? -us : us;
}

const ISO = /^(-)?P(?:([+-]?[\d.]+)Y)?(?:([+-]?[\d.]+)M)?(?:([+-]?[\d.]+)W)?(?:([+-]?[\d.]+)D)?(?:T(?:([+-]?[\d.]+)H)?(?:([+-]?[\d.]+)M)?(?:([+-]?[\d.]+)S)?)?$/i;

function parseIso(s: string, text: string, acc: Acc): void {
  const m = ISO.exec(s);
  if (m === null || s.endsWith('T') || /^-?P$/i.test(s)) throw bad(text);
  const units = ['year', 'month', 'week', 'day', 'h', 'm', 's'];
  for (let i = 0; i < units.length; i++) {
    const g = m[i + 2];
    if (g === undefined) continue;
    const v = Number(g);
    if (Number.isNaN(v)) throw bad(text);
    addUnit(units[i]!, Math.trunc(v), v - Math.trunc(v), acc);
  }
  if (m[1]) { acc.months = -acc.months; acc.days = -acc.days; acc.micros = -acc.micros; }
}

/**
 * Applies an interval qualifier and seconds precision as PostgreSQL's AdjustIntervalForTypmod:
 * fields below the qualifier's lowest are truncated; seconds round to `precision` digits.
 */
export function applyIntervalTypmod(v: Interval, fields: number | null, precision: number | null): Interval {
  let { months, days } = v;
  let micros = BigInt(v.micros);
  const truncTo = (unit: bigint): bigint => (micros / unit) * unit;
  if (fields !== null) {
    if (fields === YEAR) { months = Math.trunc(months / 12) * 12; days = 0; micros = 0n; }
    else if (fields === MONTH || fields === (YEAR | MONTH)) { days = 0; micros = 0n; }
    else if (fields === DAY) micros = 0n;
    else if (fields === HOUR || fields === (DAY | HOUR)) micros = truncTo(3_600_000_000n);
    else if (fields === MINUTE || fields === (DAY | HOUR | MINUTE) || fields === (HOUR | MINUTE)) micros = truncTo(60_000_000n);
  }
  if (precision !== null && precision < 6) {
    const scale = 10n ** BigInt(6 - precision), half = scale / 2n;
    micros = micros >= 0n ? ((micros + half) / scale) * scale : -(((-micros + half) / scale) * scale);
  }
  return makeInterval(months, days, canon(micros));
}
