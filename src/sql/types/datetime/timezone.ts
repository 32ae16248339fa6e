/**
 * The session TimeZone: UTC offsets of instants and PostgreSQL's rule for turning a local wall
 * time into an instant. IANA zones come from the JS runtime's ICU data (Intl), which is the
 * same tz database PostgreSQL ships; offsets are cached per 15-minute bucket because Intl is
 * slow (microseconds) and timestamptz output needs one per row.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import { daysFromCivil } from './calendar.ts';

export interface TimeZone {
  /** The name as the user gave it (SHOW TimeZone prints it). */
  readonly name: string;
  /** Offset east of UTC, in seconds, at the instant `utcSeconds` (Unix seconds). */
  offsetAt(utcSeconds: number): number;
}

const FIXED = /^(?:UTC|GMT|Z|UCT|Etc\/UTC|Etc\/GMT|Zulu|Universal|Greenwich)$/i;
const NUMERIC_OFFSET = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const zones = new Map<string, TimeZone>();
const CYCLE_SECONDS = 146097 * 86400;

export const UTC: TimeZone = { name: 'UTC', offsetAt: () => 0 };

/**
 * Looks a zone up by name: UTC and its aliases, ISO offsets (`+05:30`, meaning east of UTC),
 * and IANA names. Throws 22023 `time zone "x" not recognized`.
 */
export function timeZone(name: string): TimeZone {
  const hit = zones.get(name);
  if (hit !== undefined) return hit;
  let tz: TimeZone;
  const m = NUMERIC_OFFSET.exec(name);
  if (FIXED.test(name)) tz = { name, offsetAt: () => 0 };
  else if (m !== null) {
    const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
    tz = { name, offsetAt: () => off };
  } else tz = ianaZone(name);
  zones.set(name, tz);
  return tz;
}

function ianaZone(name: string): TimeZone {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new SqlError(SqlState.invalidParameterValue, `time zone "${name}" not recognized`);
  }
  const exact = (utc: number): number => {
    // Intl covers ±8.64e12 s; beyond it PostgreSQL keeps the zone's last rule, we keep the edge's offset.
    // Beyond it, shift by whole 400-year Gregorian cycles (identical calendars), so the zone's
    // current DST rule keeps applying as PostgreSQL's POSIX rule does.
    let t = Math.max(-8.64e12, utc);
    let shift = 0;
    if (t > 8.0e12) {
      shift = Math.ceil((t - 8.0e12) / CYCLE_SECONDS) * CYCLE_SECONDS;
      t -= shift;
    }
    const parts = fmt.formatToParts(new Date(t * 1000));
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
    for (const p of parts) {
      switch (p.type) {
        case 'year': y = Number(p.value); break;
        case 'month': mo = Number(p.value); break;
        case 'day': d = Number(p.value); break;
        case 'hour': h = Number(p.value); break;
        case 'minute': mi = Number(p.value); break;
        case 'second': s = Number(p.value); break;
        case 'era': bc = p.value.startsWith('B'); break;
      }
    }
    if (bc) y = 1 - y;
    const local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return local - Math.floor(t);
  };
  const cache = new Map<number, number>();
  return {
    name,
    offsetAt(utc: number): number {
      const bucket = Math.floor(utc / 900);
      const hit = cache.get(bucket);
      if (hit !== undefined) return hit;
      const a = exact(bucket * 900);
      if (a === exact(bucket * 900 + 899)) {
        if (cache.size > 100_000) cache.clear();
        cache.set(bucket, a);
        return a;
      }
      return exact(utc); // a transition inside this bucket: do not cache
    },
  };
}

/**
 * The instant (Unix seconds) of local wall time `localSeconds` in `tz`, by PostgreSQL's rule
 * (DetermineTimeZoneOffsetInternal): in a spring-forward gap use the offset from before the
 * transition, in a fall-back overlap the one from after it.
 */
export function localToUtc(tz: TimeZone, localSeconds: number): number {
  const before = tz.offsetAt(localSeconds - 86400);
  const after = tz.offsetAt(localSeconds + 86400);
  if (before === after) {
    const u = localSeconds - before;
    if (tz.offsetAt(u) === before) return u;
    const o = tz.offsetAt(u);
    return localSeconds - o;
  }
  const uBefore = localSeconds - before;
  const uAfter = localSeconds - after;
  const validBefore = tz.offsetAt(uBefore) === before;
  const validAfter = tz.offsetAt(uAfter) === after;
  if (validAfter) return uAfter;
  if (validBefore) return uBefore;
  return uBefore; // gap
}
