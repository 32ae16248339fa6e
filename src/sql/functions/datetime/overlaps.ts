/**
 * `(start1, end1) OVERLAPS (start2, end2)` (the parser's overlaps(...) call) over timestamp,
 * timestamptz and time, each end either a time or an interval after the start, and the
 * small date/time functions timestamp(date, time), timestamptz(date, time) and timeofday().
 *
 * overlaps follows overlaps_timestamp in timestamp.c: each pair is ordered, a NULL end counts
 * as unknown, and the result is NULL only where the answer depends on an unknown end.
 */
import {
  BOOLEAN, DATE, INTERVAL, TEXT, TIME, TIMESTAMP, TIMESTAMPTZ, comparatorFor, datetimeOps, type DataType, type Int64, type Interval, type SessionContext,
} from '../../types/index.ts';
import { zoneAbbreviation } from '../../types/datetime/zone-abbreviations.ts';
import { OTHER, fn, type FunctionSignature } from '../function-signature.ts';
import { currentMicros } from '../session-clock.ts';
import { toTm, utcToLocal } from './broken-down.ts';

type Cmp = (a: unknown, b: unknown) => number;

export function overlaps(cmp: Cmp, s1: unknown, e1: unknown, s2: unknown, e2: unknown): boolean | null {
  let ts1 = s1, te1 = e1, ts2 = s2, te2 = e2;
  let te1Null = te1 === null, te2Null = te2 === null;
  if (ts1 === null) {
    if (te1Null) return null;
    ts1 = te1;
    te1Null = true;
  } else if (!te1Null && cmp(ts1, te1) > 0) [ts1, te1] = [te1, ts1];
  if (ts2 === null) {
    if (te2Null) return null;
    ts2 = te2;
    te2Null = true;
  } else if (!te2Null && cmp(ts2, te2) > 0) [ts2, te2] = [te2, ts2];
  const c = cmp(ts1, ts2);
  if (c > 0) {
    if (te2Null) return null;
    if (cmp(ts1, te2) < 0) return true;
    return te1Null ? null : false;
  }
  if (c < 0) {
    if (te1Null) return null;
    if (cmp(ts2, te1) < 0) return true;
    return te2Null ? null : false;
  }
  return te1Null || te2Null ? null : true;
}

type Plus = (start: unknown, span: Interval, session: SessionContext) => unknown;

/** The four forms over one type: each end a value of it or an interval after its start. */
function overlapsFamily(type: DataType, plus: Plus, stable: boolean): FunctionSignature[] {
  const cmp = comparatorFor(type) as Cmp;
  const end = (start: unknown, e: unknown, isSpan: boolean, s: SessionContext): unknown =>
    (!isSpan ? e : start === null || e === null ? null : plus(start, e as Interval, s));
  const form = (span1: boolean, span2: boolean): FunctionSignature =>
    fn('overlaps', [type, span1 ? INTERVAL : type, type, span2 ? INTERVAL : type], BOOLEAN,
      ([a, b, c, d], s) => overlaps(cmp, a, end(a, b, span1, s), c, end(c, d, span2, s)),
      { strict: false, ...(stable && { volatility: 'stable' as const }) });
  return [form(false, false), form(true, true), form(false, true), form(true, false)];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** timeofday(): the wall clock as `Mon Dec 07 15:30:00.123456 2026 UTC`, in the session zone. */
export function timeOfDay(session: SessionContext, utcMicros: number = currentMicros()): string {
  const local = Number(utcToLocal(utcMicros, session.timeZone));
  const t = toTm(local);
  const weekday = ((Math.floor(local / 86400e6) % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday
  const two = (n: number): string => String(n).padStart(2, '0');
  const zone = zoneAbbreviation(session.timeZone, Math.floor(utcMicros / 1e6));
  return `${DAYS[weekday]} ${MONTHS[t.mon - 1]} ${two(t.mday)} ${two(t.hour)}:${two(t.min)}:${two(t.sec)}.${String(t.usec).padStart(6, '0')} ${t.year} ${zone}`;
}

export const OVERLAPS_FUNCTIONS: readonly FunctionSignature[] = [
  fn('timestamptz', [DATE, OTHER], TIMESTAMPTZ, () => null), // timestamptz(date, time with time zone): a type Weir lacks
  ...overlapsFamily(TIMESTAMP, (t, i) => datetimeOps.timestampPlusInterval(t as Int64, i), false),
  ...overlapsFamily(TIMESTAMPTZ, (t, i, s) => datetimeOps.timestamptzPlusInterval(t as Int64, i, s.timeZone), true),
  ...overlapsFamily(TIME, (t, i) => datetimeOps.timePlusInterval(t as number, i), false),
  fn('timestamp', [DATE, TIME], TIMESTAMP, ([d, t]) => datetimeOps.datePlusTime(d as number, t as number)),
  fn('timestamptz', [DATE, TIME], TIMESTAMPTZ,
    ([d, t], s) => datetimeOps.timestampToTimestamptz(datetimeOps.datePlusTime(d as number, t as number), s.timeZone), { volatility: 'stable' }),
  fn('timeofday', [], TEXT, (_a, s) => timeOfDay(s), { volatility: 'volatile' }),
];
