/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), as
 * PostgreSQL's date2j/j2date do it but epoch-shifted. Year 0 is 1 BC, as in PostgreSQL's
 * internals. Pure integer math, no Date objects: it runs per row.
 *
 * @see https://howardhinnant.github.io/date_algorithms.html (days_from_civil, civil_from_days)
 */
export const USECS_PER_DAY = 86_400_000_000;
export const USECS_PER_HOUR = 3_600_000_000;
export const USECS_PER_MINUTE = 60_000_000;
export const USECS_PER_SEC = 1_000_000;
/** PostgreSQL's timestamp epoch, 2000-01-01, in Weir's Unix-epoch microseconds. */
export const PG_EPOCH_USECS = 946_684_800_000_000;

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Writes [year, month, day] into `out` (reused by callers to avoid allocation). */
export function civilFromDays(z: number, out: number[]): number[] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
  return out;
}

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** PostgreSQL's limits: dates from 4714-11-24 BC (Julian day 0) to 5874897-12-31. */
export const MIN_DATE_DAYS = daysFromCivil(-4713, 11, 24);
export const MAX_DATE_DAYS = daysFromCivil(5874898, 1, 1) - 1;
/** Timestamps from 4714-11-24 BC to 294276-12-31 23:59:59.999999 (END_TIMESTAMP exclusive). */
export const MIN_TIMESTAMP_USECS = BigInt(MIN_DATE_DAYS) * 86_400_000_000n;
export const END_TIMESTAMP_USECS = BigInt(daysFromCivil(294277, 1, 1)) * 86_400_000_000n;

/**
 * Splits Int64 microseconds into [day number, microseconds of the day ≥ 0] exactly
 * (float division could round across a day boundary). Writes into `out`.
 */
export function splitDay(v: number | bigint, out: number[]): number[] {
  if (typeof v === 'number') {
    let t = v % USECS_PER_DAY;
    if (t < 0) t += USECS_PER_DAY;
    out[0] = (v - t) / USECS_PER_DAY;
    out[1] = t;
  } else {
    let t = v % 86_400_000_000n;
    if (t < 0n) t += 86_400_000_000n;
    out[0] = Number((v - t) / 86_400_000_000n);
    out[1] = Number(t);
  }
  return out;
}
