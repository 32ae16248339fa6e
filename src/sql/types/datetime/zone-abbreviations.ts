/**
 * Time zone abbreviations (`CEST`, `EST`, `LMT`, `+0330`), what to_char's TZ prints. Offsets
 * come from the runtime's ICU data (timezone.ts), but ICU has no tz-database abbreviations, so
 * they are read from the system's compiled tz database — the TZif files under $TZDIR or
 * /usr/share/zoneinfo, which Debian's PostgreSQL reads too (RFC 8536). After a zone's last
 * transition its footer's POSIX rule names the standard and daylight abbreviations; which one
 * applies follows from the offset. Without the file the abbreviation is the offset written as
 * the tz database writes unnamed ones (`+05`, `-0330`), `UTC` for the UTC aliases, and empty
 * for numeric zones (as PostgreSQL prints for them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TimeZone } from './timezone.ts';

interface Zone {
  /** Transition instants (Unix seconds), ascending, and the abbreviation in force from each. */
  readonly at: readonly number[];
  readonly names: readonly string[];
  /** Before the first transition. */
  readonly initial: string;
  /** The footer rule after the last transition: standard name and offset (seconds east), daylight name. */
  readonly footer: { readonly std: string; readonly stdOffset: number; readonly dst: string | null } | null;
}

const zones = new Map<string, Zone | null>();
const ZONE_DIR = process.env.TZDIR ?? '/usr/share/zoneinfo';
const UTC_ALIASES = /^(?:UTC|Etc\/UTC|UCT|Zulu|Universal|Z)$/i;

/** The abbreviation in force in `tz` at `utcSeconds`. */
export function zoneAbbreviation(tz: TimeZone, utcSeconds: number): string {
  const zone = load(tz.name);
  if (zone === null) return fallback(tz, utcSeconds);
  const { at, names } = zone;
  if (at.length === 0 || utcSeconds < at[0]!) return zone.footer !== null && at.length === 0 ? footerName(zone, tz, utcSeconds) : zone.initial;
  if (utcSeconds >= at[at.length - 1]! && zone.footer !== null) return footerName(zone, tz, utcSeconds);
  let lo = 0, hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (at[mid]! <= utcSeconds) lo = mid; else hi = mid - 1;
  }
  return names[lo]!;
}

function footerName(zone: Zone, tz: TimeZone, utcSeconds: number): string {
  const f = zone.footer!;
  return f.dst !== null && tz.offsetAt(utcSeconds) !== f.stdOffset ? f.dst : f.std;
}

function fallback(tz: TimeZone, utcSeconds: number): string {
  if (UTC_ALIASES.test(tz.name)) return 'UTC';
  if (/^(?:GMT|Etc\/GMT|Greenwich)$/i.test(tz.name)) return 'GMT';
  if (/^[+-]?\d/.test(tz.name)) return '';
  const off = tz.offsetAt(utcSeconds);
  const a = Math.abs(off);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = Math.floor((a % 3600) / 60);
  return `${off < 0 ? '-' : '+'}${hh}${mm === 0 ? '' : String(mm).padStart(2, '0')}`;
}

function load(name: string): Zone | null {
  if (zones.has(name)) return zones.get(name)!;
  let zone: Zone | null = null;
  // Only names of the database's shape: no path tricks, no numeric offsets.
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && !name.includes('..')) {
    try {
      zone = parseTzif(readFileSync(join(ZONE_DIR, name)));
    } catch {
      zone = null;
    }
  }
  zones.set(name, zone);
  return zone;
}

/** RFC 8536: the version 2+ (64-bit) data block and the footer; version 1 files use the 32-bit block. */
function parseTzif(buf: Buffer): Zone | null {
  if (buf.toString('latin1', 0, 4) !== 'TZif') return null;
  const header = (at: number) => ({
    version: buf[at + 4]!,
    isut: buf.readUInt32BE(at + 20), isstd: buf.readUInt32BE(at + 24), leap: buf.readUInt32BE(at + 28),
    time: buf.readUInt32BE(at + 32), type: buf.readUInt32BE(at + 36), chars: buf.readUInt32BE(at + 40),
  });
  let h = header(0);
  let pos = 44;
  let timeSize = 4;
  if (h.version >= 0x32) {
    pos += h.time * 5 + h.type * 6 + h.chars + h.leap * 8 + h.isstd + h.isut;
    h = header(pos);
    pos += 44;
    timeSize = 8;
  }
  const at: number[] = [];
  for (let i = 0; i < h.time; i++) at.push(timeSize === 8 ? Number(buf.readBigInt64BE(pos + i * 8)) : buf.readInt32BE(pos + i * 4));
  pos += h.time * timeSize;
  const typeOf = Array.from({ length: h.time }, (_, i) => buf[pos + i]!);
  pos += h.time;
  const types = Array.from({ length: h.type }, (_, i) => ({ isdst: buf[pos + i * 6 + 4]!, abbr: buf[pos + i * 6 + 5]! }));
  pos += h.type * 6;
  const chars = buf.toString('latin1', pos, pos + h.chars);
  pos += h.chars + h.leap * (timeSize + 4) + h.isstd + h.isut;
  const abbr = (i: number): string => {
    const start = types[i]?.abbr ?? 0;
    const end = chars.indexOf('\0', start);
    return chars.slice(start, end < 0 ? undefined : end);
  };
  const footerText = timeSize === 8 ? buf.toString('latin1', pos).split('\n')[1] ?? '' : '';
  return { at, names: typeOf.map(abbr), initial: abbr(0), footer: parsePosixNames(footerText) };
}

/** `CET-1CEST,M3.5.0,M10.5.0/3` → CET at +1 h, CEST; `<+0330>-3:30` → +0330. */
function parsePosixNames(tz: string): Zone['footer'] {
  const m = /^(<[^>]+>|[A-Za-z]+)([+-]?\d{1,3}(?::\d{2}){0,2})(<[^>]+>|[A-Za-z]+)?/.exec(tz);
  if (m === null) return null;
  const strip = (s: string): string => (s.startsWith('<') ? s.slice(1, -1) : s);
  const [hours, minutes = '0', seconds = '0'] = m[2]!.replace(/^[+-]/, '').split(':');
  const west = (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * (m[2]!.startsWith('-') ? -1 : 1);
  return { std: strip(m[1]!), stdOffset: -west, dst: m[3] === undefined ? null : strip(m[3]) };
}
