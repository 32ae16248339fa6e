/**
 * interval as PostgreSQL stores it: months, days and microseconds kept apart, because a month
 * and a day have no fixed length (`'1 mon'` added to Jan 31 and to Feb 1 move by different
 * amounts, and a day across DST is 23 or 25 hours in timestamptz arithmetic).
 * months and days are int32, micros an Int64.
 *
 * Comparison and hashing, though, treat an interval as one span with 30-day months and
 * 24-hour days (PostgreSQL's interval_cmp_value), so `'1 mon' = '30 days'` is true.
 */
import type { Int64 } from '../values.ts';
import { toBigInt } from '../int64.ts';

export interface Interval {
  readonly months: number;
  readonly days: number;
  readonly micros: Int64;
}

export const makeInterval = (months: number, days: number, micros: Int64): Interval => ({ months, days, micros });

export const ZERO_INTERVAL: Interval = Object.freeze(makeInterval(0, 0, 0));

/** The span in microseconds with 30-day months, exact (bigint only when needed). */
export function intervalSpan(v: Interval): number | bigint {
  const span = (v.months * 30 + v.days) * 86_400_000_000 + (typeof v.micros === 'number' ? v.micros : 0);
  if (typeof v.micros === 'number' && Number.isSafeInteger(span)) return span;
  return (BigInt(v.months) * 30n + BigInt(v.days)) * 86_400_000_000n + toBigInt(v.micros);
}

export function intervalCmp(a: Interval, b: Interval): number {
  const x = intervalSpan(a), y = intervalSpan(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const intervalEq = (a: Interval, b: Interval): boolean => intervalCmp(a, b) === 0;

/** Hash key equal for intervals that compare equal. */
export const intervalKey = (v: Interval): string => String(intervalSpan(v));
