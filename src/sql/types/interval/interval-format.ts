/**
 * interval output with IntervalStyle = postgres (the default): `1 year 2 mons 3 days 04:05:06`,
 * `-1 days +02:00:00`, `00:00:00.5`. A port of EncodeInterval's INTSTYLE_POSTGRES branch,
 * including its quirk that a field after a negative one gets an explicit `+`.
 */
import type { Interval } from './interval.ts';

export function formatInterval(v: Interval): string {
  const year = Math.trunc(v.months / 12);
  const mon = v.months - year * 12;
  const day = v.days;
  let out = '';
  let isZero = true, isBefore = false;
  const part = (value: number, unit: string): void => {
    if (value === 0) return;
    out += `${isZero ? '' : ' '}${isBefore && value > 0 ? '+' : ''}${value} ${unit}${value !== 1 ? 's' : ''}`;
    isBefore = value < 0;
    isZero = false;
  };
  part(year, 'year');
  part(mon, 'mon');
  part(day, 'day');
  const micros = v.micros;
  if (isZero || micros !== 0) {
    const neg = micros < 0;
    let hours: string, min: number, sec: number, frac: number;
    if (typeof micros === 'number') {
      const a = Math.abs(micros);
      const totalSec = Math.floor(a / 1e6);
      frac = a - totalSec * 1e6;
      hours = String(Math.floor(totalSec / 3600));
      min = Math.floor(totalSec / 60) % 60;
      sec = totalSec % 60;
    } else {
      const a = micros < 0n ? -micros : micros;
      const totalSec = a / 1_000_000n;
      frac = Number(a % 1_000_000n);
      hours = String(totalSec / 3600n);
      min = Number((totalSec / 60n) % 60n);
      sec = Number(totalSec % 60n);
    }
    out += `${isZero ? '' : ' '}${neg ? '-' : isBefore ? '+' : ''}${hours.padStart(2, '0')}:${pad2(min)}:${pad2(sec)}`;
    if (frac !== 0) out += '.' + String(frac).padStart(6, '0').replace(/0+$/, '');
  }
  return out;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
