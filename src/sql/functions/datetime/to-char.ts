/**
 * to_char(timestamp | timestamptz, format) as PostgreSQL's DCH_to_char formats it: the
 * template patterns (HH24, MI, YYYY, Month, Dy, IW, TZH, ...), the FM (fill mode) and TH/th
 * (ordinal suffix) modifiers, double-quoted literal text, and every other character as
 * itself. Patterns are matched longest first; names follow the pattern's case (MONTH, Month,
 * month). TZ/tz (zone abbreviations) is refused for timestamptz: Weir's zones carry offsets,
 * not abbreviations.
 */
import { SqlError, type Int64, type TimeZone } from '../../types/index.ts';
import { daysFromCivil } from '../../types/datetime/calendar.ts';
import { isoWeek, isInfinite, mod, offsetAt, toTm, utcToLocal } from './broken-down.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

// Longest first, so that HH24 wins over HH and YYYY over YY.
const PATTERNS = [
  'A.D.', 'A.M.', 'B.C.', 'P.M.', 'Y,YYY', 'HH24', 'HH12', 'IDDD', 'IYYY', 'SSSSS', 'MONTH', 'SSSS', 'YYYY',
  'AD', 'AM', 'BC', 'CC', 'DAY', 'DDD', 'DY', 'DD', 'D', 'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6', 'HH', 'ID', 'IW', 'IYY', 'IY', 'I',
  'J', 'MI', 'MM', 'MON', 'MS', 'OF', 'PM', 'Q', 'RM', 'SS', 'TZH', 'TZM', 'TZ', 'US', 'WW', 'W', 'YYY', 'YY', 'Y',
].sort((a, b) => b.length - a.length);

interface Fields {
  year: number; mon: number; mday: number; hour: number; min: number; sec: number; usec: number; days: number;
  /** Seconds east of UTC; null for timestamp without time zone. */
  offset: number | null;
}

const pad = (n: number, width: number, fill: boolean): string => {
  const s = String(Math.abs(n));
  const body = fill ? s : s.padStart(width, '0');
  return n < 0 ? `-${body}` : body;
};

function ordinal(n: number, upper: boolean): string {
  const a = Math.abs(n) % 100;
  const suffix = a >= 11 && a <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][a % 10] ?? 'th');
  return upper ? suffix.toUpperCase() : suffix;
}

/** A name in the case the pattern was written in: MONTH, Month or month. */
function cased(name: string, pattern: string): string {
  if (pattern === pattern.toUpperCase()) return name.toUpperCase();
  if (pattern[0] === pattern[0]!.toUpperCase()) return name;
  return name.toLowerCase();
}

function field(p: string, f: Fields, fill: boolean): { text: string; numeric: number | null } {
  const P = p.toUpperCase();
  // Years in the BC era print as positive numbers (PostgreSQL's ADJUST_YEAR).
  const bc = f.year <= 0;
  const year = bc ? 1 - f.year : f.year;
  const iso = isoWeek(f.days);
  const isoYear = iso.year <= 0 ? 1 - iso.year : iso.year;
  const dow = mod(f.days + 4, 7); // 0 = Sunday
  const doy = f.days - daysFromCivil(f.year, 1, 1) + 1;
  const num = (n: number, width: number) => ({ text: pad(n, width, fill), numeric: n });
  switch (P) {
    case 'HH': case 'HH12': return num(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
    case 'HH24': return num(f.hour, 2);
    case 'MI': return num(f.min, 2);
    case 'SS': return num(f.sec, 2);
    case 'MS': return num(Math.floor(f.usec / 1000), 3);
    case 'US': return num(f.usec, 6);
    case 'FF1': case 'FF2': case 'FF3': case 'FF4': case 'FF5': case 'FF6': {
      const digits = Number(P[2]);
      return num(Math.floor(f.usec / 10 ** (6 - digits)), digits);
    }
    case 'SSSS': case 'SSSSS': return num(f.hour * 3600 + f.min * 60 + f.sec, 0);
    case 'AM': case 'PM': return { text: cased(f.hour >= 12 ? 'PM' : 'AM', p), numeric: null };
    case 'A.M.': case 'P.M.': return { text: cased(f.hour >= 12 ? 'P.M.' : 'A.M.', p), numeric: null };
    case 'AD': case 'BC': return { text: cased(bc ? 'BC' : 'AD', p), numeric: null };
    case 'A.D.': case 'B.C.': return { text: cased(bc ? 'B.C.' : 'A.D.', p), numeric: null };
    case 'Y,YYY': return { text: `${Math.floor(year / 1000)},${pad(year % 1000, 3, false)}`, numeric: year };
    case 'YYYY': return num(year, 4);
    case 'YYY': return num(year % 1000, 3);
    case 'YY': return num(year % 100, 2);
    case 'Y': return num(year % 10, 1);
    case 'IYYY': return num(isoYear, 4);
    case 'IYY': return num(isoYear % 1000, 3);
    case 'IY': return num(isoYear % 100, 2);
    case 'I': return num(isoYear % 10, 1);
    case 'MONTH': { const n = cased(MONTHS[f.mon - 1]!, p); return { text: fill ? n : n.padEnd(9), numeric: null }; }
    case 'MON': return { text: cased(MONTHS[f.mon - 1]!.slice(0, 3), p), numeric: null };
    case 'MM': return num(f.mon, 2);
    case 'DAY': { const n = cased(DAYS[dow]!, p); return { text: fill ? n : n.padEnd(9), numeric: null }; }
    case 'DY': return { text: cased(DAYS[dow]!.slice(0, 3), p), numeric: null };
    case 'DDD': return num(doy, 3);
    case 'IDDD': return num((iso.week - 1) * 7 + (dow === 0 ? 7 : dow), 3);
    case 'DD': return num(f.mday, 2);
    case 'D': return num(dow + 1, 0);
    case 'ID': return num(dow === 0 ? 7 : dow, 0);
    case 'W': return num(Math.floor((f.mday - 1) / 7) + 1, 0);
    case 'WW': return num(Math.floor((doy - 1) / 7) + 1, 2);
    case 'IW': return num(iso.week, 2);
    case 'CC': return num(f.year > 0 ? Math.floor((f.year + 99) / 100) : -Math.floor((99 - (f.year - 1)) / 100), 2);
    case 'J': return num(f.days + 2440588, 0);
    case 'Q': return num(Math.floor((f.mon - 1) / 3) + 1, 0);
    case 'RM': { const n = cased(ROMAN[f.mon - 1]!, p); return { text: fill ? n : n.padEnd(4), numeric: null }; }
    case 'TZH': case 'TZM': case 'OF': {
      const off = f.offset ?? 0;
      const sign = off < 0 ? '-' : '+';
      const h = Math.floor(Math.abs(off) / 3600);
      const m = Math.floor((Math.abs(off) % 3600) / 60);
      if (P === 'TZH') return { text: `${sign}${pad(h, 2, fill)}`, numeric: null };
      if (P === 'TZM') return { text: pad(m, 2, fill), numeric: null };
      return { text: `${sign}${pad(h, 2, fill)}${m !== 0 ? `:${pad(m, 2, false)}` : ''}`, numeric: null };
    }
    case 'TZ':
      if (f.offset === null) return { text: '', numeric: null };
      throw new SqlError('0A000', 'to_char pattern TZ (time zone abbreviation) is not supported yet', { hint: 'Use TZH:TZM or OF.' });
    default:
      throw new Error(`internal error: to_char pattern ${p}`);
  }
}

/** The pattern at `i` of `format`, as written, or null when none starts there. */
function patternAt(format: string, i: number): string | null {
  for (const p of PATTERNS) {
    const s = format.slice(i, i + p.length);
    if (s === p || s === p.toLowerCase()) return s;
    // Names also come capitalized: Month, Mon, Day, Dy, Rm (as PostgreSQL's keyword table).
    if ((p === 'MONTH' || p === 'MON' || p === 'DAY' || p === 'DY') && s === p[0] + p.slice(1).toLowerCase()) return s;
  }
  return null;
}

function format(f: Fields, template: string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    let fill = false;
    if (template.startsWith('FM', i) || template.startsWith('fm', i)) {
      fill = true;
      i += 2;
    } else if (template.startsWith('FX', i) || template.startsWith('fx', i)) {
      i += 2;
      continue;
    }
    const p = patternAt(template, i);
    if (p !== null) {
      const v = field(p, f, fill);
      out += v.text;
      i += p.length;
      if (template.startsWith('TH', i) || template.startsWith('th', i)) {
        if (v.numeric !== null) out += ordinal(v.numeric, template[i] === 'T');
        i += 2;
      }
      continue;
    }
    if (fill) continue;
    const c = template[i]!;
    if (c === '"') {
      // Literal text up to the closing quote; a backslash takes the next character as is.
      i++;
      while (i < template.length && template[i] !== '"') {
        if (template[i] === '\\' && i + 1 < template.length) i++;
        out += template[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === '\\' && template[i + 1] === '"') {
      out += '"';
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

export function toCharTimestamp(ts: Int64, template: string): string | null {
  if (isInfinite(ts) || template === '') return null;
  return format({ ...toTm(ts), offset: null }, template);
}

export function toCharTimestamptz(ts: Int64, template: string, tz: TimeZone): string | null {
  if (isInfinite(ts) || template === '') return null;
  return format({ ...toTm(utcToLocal(ts, tz)), offset: offsetAt(tz, ts) }, template);
}
