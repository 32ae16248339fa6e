/**
 * Zone arguments of timezone()/AT TIME ZONE, date_trunc(…, zone) and make_timestamptz, read as
 * PostgreSQL reads them: first the fixed-offset abbreviations of its `Default` abbreviation set
 * (`EST` is always −05, unlike the IANA zone of that name), then names. Bare numeric offsets and
 * POSIX specs like `UTC+5` in AT TIME ZONE are POSIX, i.e. positive means west of Greenwich
 * (`AT TIME ZONE '+05'` is UTC−5), while make_timestamptz reads them as ISO 8601 (east).
 * Only the abbreviations listed below are known; PostgreSQL's set is larger.
 */
import { SqlError, SqlState, timeZone, type TimeZone } from '../../types/index.ts';

const HOUR = 3600;
const ABBREVIATIONS: Record<string, number> = {
  utc: 0, gmt: 0, ut: 0, z: 0, zulu: 0, wet: 0, west: HOUR, bst: HOUR, cet: HOUR, cest: 2 * HOUR, met: HOUR, mest: 2 * HOUR,
  eet: 2 * HOUR, eest: 3 * HOUR, msk: 3 * HOUR, ist: 2 * HOUR, jst: 9 * HOUR, kst: 9 * HOUR, hkt: 8 * HOUR,
  awst: 8 * HOUR, acst: 9.5 * HOUR, aest: 10 * HOUR, aedt: 11 * HOUR, nzst: 12 * HOUR, nzdt: 13 * HOUR,
  est: -5 * HOUR, edt: -4 * HOUR, cst: -6 * HOUR, cdt: -5 * HOUR, mst: -7 * HOUR, mdt: -6 * HOUR,
  pst: -8 * HOUR, pdt: -7 * HOUR, akst: -9 * HOUR, akdt: -8 * HOUR, hst: -10 * HOUR, ast: -4 * HOUR, adt: -3 * HOUR,
  nst: -3.5 * HOUR, ndt: -2.5 * HOUR,
};

const fixed = (name: string, offset: number): TimeZone => ({ name, offsetAt: () => offset });
const NUMERIC = /^([+-]?)(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const POSIX = /^([A-Za-z]{3,})([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/;

function offsetSeconds(sign: string, h: string, m?: string, s?: string): number {
  return (sign === '-' ? -1 : 1) * (Number(h) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0));
}

function notRecognized(name: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, `time zone "${name}" not recognized`);
}

function lookup(name: string, numericEast: boolean): TimeZone {
  const abbrev = ABBREVIATIONS[name.toLowerCase()];
  if (abbrev !== undefined) return fixed(name, abbrev);
  const n = NUMERIC.exec(name);
  if (n !== null) return fixed(name, (numericEast ? 1 : -1) * offsetSeconds(n[1]!, n[2]!, n[3], n[4]));
  const p = POSIX.exec(name);
  if (p !== null) return fixed(name, -offsetSeconds(p[2]!, p[3]!, p[4], p[5]));
  try {
    return timeZone(name);
  } catch {
    throw notRecognized(name);
  }
}

/** A zone as AT TIME ZONE / timezone() and date_trunc(…, zone) read it (POSIX offsets: positive is west). */
export const zoneForAtTimeZone = (name: string): TimeZone => lookup(name, false);
/** A zone as make_timestamptz reads it (ISO offsets: positive is east). */
export const zoneForIso = (name: string): TimeZone => lookup(name, true);
