/**
 * interval arithmetic as PostgreSQL's interval_pl/mi/um/mul/div and justify_hours: fields are
 * added separately with int32/int64 overflow checks (22008 `interval out of range`);
 * multiplying by a float spills month and day fractions downward exactly as interval_mul does.
 */
import { SqlError, SqlState, divisionByZero } from '../sql-error.ts';
import { canon, int64Add, int64Neg, int64Sub, toBigInt } from '../int64.ts';
import { makeInterval, type Interval } from '../interval/interval.ts';
import { rint } from '../rint.ts';

const outOfRange = (): SqlError => new SqlError(SqlState.datetimeFieldOverflow, 'interval out of range');
function int32(v: number): number {
  if (v > 2147483647 || v < -2147483648 || v !== v) throw outOfRange();
  return v;
}

export function intervalAdd(a: Interval, b: Interval): Interval {
  return makeInterval(int32(a.months + b.months), int32(a.days + b.days), wrap(() => int64Add(a.micros, b.micros)));
}
export function intervalSub(a: Interval, b: Interval): Interval {
  return makeInterval(int32(a.months - b.months), int32(a.days - b.days), wrap(() => int64Sub(a.micros, b.micros)));
}
export function intervalNeg(a: Interval): Interval {
  return makeInterval(int32(-a.months) || 0, int32(-a.days) || 0, wrap(() => int64Neg(a.micros)));
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch {
    throw outOfRange();
  }
}

const SECS_PER_DAY = 86400, DAYS_PER_MONTH = 30;
/** PostgreSQL's TSROUND: round to microsecond precision in seconds. */
const tsround = (j: number): number => rint(j * 1e6) / 1e6;

/** interval * float8 (interval_mul). */
export function intervalMul(span: Interval, factor: number): Interval {
  const monthD = span.months * factor;
  if (monthD !== monthD || monthD > 2147483647 || monthD < -2147483648) throw outOfRange();
  const months = Math.trunc(monthD);
  const dayD = span.days * factor;
  if (dayD !== dayD || dayD > 2147483647 || dayD < -2147483648) throw outOfRange();
  let days = Math.trunc(dayD);
  const monthRemainderDays = tsround((span.months * factor - months) * DAYS_PER_MONTH);
  let secRemainder = tsround((span.days * factor - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECS_PER_DAY);
  if (Math.abs(secRemainder) >= SECS_PER_DAY) {
    days += Math.trunc(secRemainder / SECS_PER_DAY);
    secRemainder -= Math.trunc(secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
  }
  days += Math.trunc(monthRemainderDays);
  const micros = rint(Number(span.micros) * factor + secRemainder * 1e6);
  if (micros !== micros || Math.abs(micros) >= 9.223372036854776e18) throw outOfRange();
  return makeInterval(months, int32(days), Number.isSafeInteger(micros) ? micros : canon(BigInt(micros)));
}

/** interval / float8 (interval_div). */
export function intervalDiv(span: Interval, factor: number): Interval {
  if (factor === 0) throw divisionByZero();
  const months = Math.trunc(span.months / factor);
  const daysD = span.days / factor;
  if (!Number.isFinite(daysD)) throw outOfRange();
  let days = Math.trunc(daysD);
  const monthRemainderDays = tsround((span.months / factor - months) * DAYS_PER_MONTH);
  let secRemainder = tsround((span.days / factor - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECS_PER_DAY);
  if (Math.abs(secRemainder) >= SECS_PER_DAY) {
    days += Math.trunc(secRemainder / SECS_PER_DAY);
    secRemainder -= Math.trunc(secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
  }
  days += Math.trunc(monthRemainderDays);
  const micros = rint(Number(span.micros) / factor + secRemainder * 1e6);
  if (micros !== micros || Math.abs(micros) >= 9.223372036854776e18) throw outOfRange();
  return makeInterval(int32(months), int32(days), Number.isSafeInteger(micros) ? micros : canon(BigInt(micros)));
}

/** justify_hours: whole days out of the time part, with the time's sign matching the days'. */
export function justifyHours(span: Interval): Interval {
  const us = toBigInt(span.micros);
  let days = BigInt(span.days) + us / 86_400_000_000n;
  let time = us % 86_400_000_000n;
  if (days > 0n && time < 0n) { time += 86_400_000_000n; days -= 1n; }
  else if (days < 0n && time > 0n) { time -= 86_400_000_000n; days += 1n; }
  return makeInterval(span.months, int32(Number(days)), canon(time));
}
