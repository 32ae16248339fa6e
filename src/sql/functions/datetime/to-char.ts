/**
 * to_char(timestamp | timestamptz | interval, format), with PostgreSQL's template rules
 * (checked call by call against PostgreSQL by the oracle tests). The format is read into
 * nodes as PostgreSQL reads it: an
 * optional FM/TM prefix, a keyword found by its first letter (longest spellings first, in
 * PostgreSQL's table order, so `HH24` wins over `HH` and `Day` is not `DAY`), an optional
 * TH/th/SP suffix; double-quoted text and every other character are copied as they are.
 *
 * Intervals go through the same engine with PostgreSQL's interval semantics: the fields come
 * from the interval's broken-down fields (years, months, days, hours, minutes, seconds, each with the sign of its
 * part), `HH`/`HH12` still show a 12-hour clock, years are not BC-adjusted, day of year is the
 * 30-day-month span, and patterns tied to calendar dates (Month, Day, D, AD, TZ, ...) fail
 * with 22007. Numbers are zero-padded with the minus sign inside the width, and the calendar
 * arithmetic (julianDay, isoWeekOf) runs in 32-bit integers, so that huge intervals wrap as
 * they do in PostgreSQL.
 *
 * TM (translation mode) uses the C locale's names, as PostgreSQL with lc_time = C does: the
 * English names, not blank-padded. TZ/tz print the session zone's abbreviation from the tz
 * database (types/datetime/zone-abbreviations.ts), nothing for timestamp.
 */
import { SqlError, SqlState, type Int64, type Interval, type TimeZone } from '../../types/index.ts';
import { zoneAbbreviation } from '../../types/datetime/zone-abbreviations.ts';
import { isInfinite, offsetAt, toTm, utcToLocal } from './broken-down.ts';

// ---------------------------------------------------------------------------------------------
// Format parsing (shared with the number formatter)
// ---------------------------------------------------------------------------------------------

export interface Keyword { readonly name: string; readonly id: string }

export type FormatNode =
  | { readonly kind: 'action'; readonly key: Keyword; readonly suffix: number }
  /** `quoted`: from a double-quoted literal (to_timestamp treats other punctuation as separators). */
  | { readonly kind: 'char'; readonly ch: string; readonly quoted?: boolean };

export const S_FM = 0x01, S_TH = 0x02, S_th = 0x04, S_SP = 0x08, S_TM = 0x10;

const PREFIXES: readonly (readonly [string, number])[] = [['FM', S_FM], ['fm', S_FM], ['TM', S_TM], ['tm', S_TM]];
const POSTFIXES: readonly (readonly [string, number])[] = [['TH', S_TH], ['th', S_th], ['SP', S_SP]];

/** Keyword tables grouped by first character, in PostgreSQL's table order. */
export function keywordIndex(table: readonly (readonly [string, string])[]): Map<string, Keyword[]> {
  const index = new Map<string, Keyword[]>();
  for (const [name, id] of table) {
    const list = index.get(name[0]!) ?? [];
    list.push({ name, id });
    index.set(name[0]!, list);
  }
  return index;
}

/**
 * parse_format: keywords (with FM/TM prefixes and TH/th/SP suffixes when `suffixes`),
 * double-quoted literals (a backslash quotes the next character), `\"` outside quotes as a
 * literal quote, anything else as itself.
 */
export function parseFormat(str: string, index: Map<string, Keyword[]>, suffixes: boolean): FormatNode[] {
  const nodes: FormatNode[] = [];
  let i = 0;
  const n = str.length;
  const charAt = (k: number): string => String.fromCodePoint(str.codePointAt(k)!);
  while (i < n) {
    let suffix = 0;
    if (suffixes) {
      for (const [p, id] of PREFIXES) {
        if (str.startsWith(p, i)) { suffix |= id; i += 2; break; }
      }
    }
    let key: Keyword | null = null;
    if (i < n) {
      for (const k of index.get(str[i]!) ?? []) {
        if (str.startsWith(k.name, i)) { key = k; break; }
      }
    }
    if (key !== null) {
      i += key.name.length;
      if (suffixes && i < n) {
        for (const [p, id] of POSTFIXES) {
          if (str.startsWith(p, i)) { suffix |= id; i += 2; break; }
        }
      }
      nodes.push({ kind: 'action', key, suffix });
    } else if (i < n) {
      if (str[i] === '"') {
        i++;
        while (i < n) {
          if (str[i] === '"') { i++; break; }
          if (str[i] === '\\' && i + 1 < n) i++;
          const ch = charAt(i);
          nodes.push({ kind: 'char', ch, quoted: true });
          i += ch.length;
        }
      } else {
        if (str[i] === '\\' && str[i + 1] === '"') i++;
        const ch = charAt(i);
        nodes.push({ kind: 'char', ch });
        i += ch.length;
      }
    }
  }
  return nodes;
}

/** A small cache of parsed formats, as PostgreSQL keeps one: the same format is parsed once. */
export function formatCache<T>(parse: (format: string) => T, size = 64): (format: string) => T {
  const cache = new Map<string, T>();
  return (format) => {
    let v = cache.get(format);
    if (v === undefined) {
      v = parse(format);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(format, v);
    }
    return v;
  };
}

/** PostgreSQL's get_th: the ordinal suffix of a formatted number (its last digits). */
export function ordinalSuffix(num: string, upper: boolean): string {
  const last = num[num.length - 1];
  if (last === undefined || last < '0' || last > '9') {
    throw new SqlError(SqlState.invalidTextRepresentation, `"${num}" is not a number`);
  }
  const d = num.length > 1 && num[num.length - 2] === '1' ? '0' : last;
  const s = d === '1' ? 'st' : d === '2' ? 'nd' : d === '3' ? 'rd' : 'th';
  return upper ? s.toUpperCase() : s;
}

// ---------------------------------------------------------------------------------------------
// Date/time keywords and their formatting
// ---------------------------------------------------------------------------------------------

/* Name and id of every date/time keyword, in PostgreSQL's lookup order (the order decides which wins). */
const DATETIME_KEYWORDS: readonly (readonly [string, string])[] = [
  ['A.D.', 'A_D'], ['A.M.', 'A_M'], ['AD', 'AD'], ['AM', 'AM'], ['B.C.', 'B_C'], ['BC', 'BC'], ['CC', 'CC'],
  ['DAY', 'DAY'], ['DDD', 'DDD'], ['DD', 'DD'], ['DY', 'DY'], ['Day', 'Day'], ['Dy', 'Dy'], ['D', 'D'],
  ['FF1', 'FF1'], ['FF2', 'FF2'], ['FF3', 'FF3'], ['FF4', 'FF4'], ['FF5', 'FF5'], ['FF6', 'FF6'], ['FX', 'FX'],
  ['HH24', 'HH24'], ['HH12', 'HH12'], ['HH', 'HH'], ['IDDD', 'IDDD'], ['ID', 'ID'], ['IW', 'IW'], ['IYYY', 'IYYY'],
  ['IYY', 'IYY'], ['IY', 'IY'], ['I', 'I'], ['J', 'J'], ['MI', 'MI'], ['MM', 'MM'], ['MONTH', 'MONTH'], ['MON', 'MON'],
  ['MS', 'MS'], ['Month', 'Month'], ['Mon', 'Mon'], ['OF', 'OF'], ['P.M.', 'P_M'], ['PM', 'PM'], ['Q', 'Q'], ['RM', 'RM'],
  ['SSSSS', 'SSSS'], ['SSSS', 'SSSS'], ['SS', 'SS'], ['TZH', 'TZH'], ['TZM', 'TZM'], ['TZ', 'TZ'], ['US', 'US'],
  ['WW', 'WW'], ['W', 'W'], ['Y,YYY', 'Y_YYY'], ['YYYY', 'YYYY'], ['YYY', 'YYY'], ['YY', 'YY'], ['Y', 'Y'],
  ['a.d.', 'a_d'], ['a.m.', 'a_m'], ['ad', 'ad'], ['am', 'am'], ['b.c.', 'b_c'], ['bc', 'bc'], ['cc', 'CC'],
  ['day', 'day'], ['ddd', 'DDD'], ['dd', 'DD'], ['dy', 'dy'], ['d', 'D'],
  ['ff1', 'FF1'], ['ff2', 'FF2'], ['ff3', 'FF3'], ['ff4', 'FF4'], ['ff5', 'FF5'], ['ff6', 'FF6'], ['fx', 'FX'],
  ['hh24', 'HH24'], ['hh12', 'HH12'], ['hh', 'HH'], ['iddd', 'IDDD'], ['id', 'ID'], ['iw', 'IW'], ['iyyy', 'IYYY'],
  ['iyy', 'IYY'], ['iy', 'IY'], ['i', 'I'], ['j', 'J'], ['mi', 'MI'], ['mm', 'MM'], ['month', 'month'], ['mon', 'mon'],
  ['ms', 'MS'], ['of', 'OF'], ['p.m.', 'p_m'], ['pm', 'pm'], ['q', 'Q'], ['rm', 'rm'],
  ['sssss', 'SSSS'], ['ssss', 'SSSS'], ['ss', 'SS'], ['tzh', 'TZH'], ['tzm', 'TZM'], ['tz', 'tz'], ['us', 'US'],
  ['ww', 'WW'], ['w', 'W'], ['y,yyy', 'Y_YYY'], ['yyyy', 'YYYY'], ['yyy', 'YYY'], ['yy', 'YY'], ['y', 'Y'],
];
const DATETIME_INDEX = keywordIndex(DATETIME_KEYWORDS);
/** A date/time template's nodes (cached), for to_char and to_timestamp alike. */
export const parseDateTimeFormat = formatCache((f) => parseFormat(f, DATETIME_INDEX, true));

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const RM_UPPER = ['XII', 'XI', 'X', 'IX', 'VIII', 'VII', 'VI', 'V', 'IV', 'III', 'II', 'I'];

/** PostgreSQL's fmt_tm plus the fractional seconds and what TZ would print. */
interface FmtTm {
  sec: number; min: number; hour: number; mday: number; mon: number; year: number; wday: number; yday: number;
  /** Seconds east of UTC. */
  gmtoff: number;
  /** Microseconds (negative for negative intervals). */
  fsec: number;
  /** What TZ prints: the zone's abbreviation (timestamptz), nothing (timestamp). Computed when a template asks. */
  tzn: () => string;
}

// 32-bit C integer arithmetic, for julianDay and friends on interval fields.
const i32 = (x: number): number => x | 0;
const idiv = (a: number, b: number): number => i32(a / b);

function julianDay(year: number, month: number, day: number): number {
  if (month > 2) { month = i32(month + 1); year = i32(year + 4800); } else { month = i32(month + 13); year = i32(year + 4799); }
  const century = idiv(year, 100);
  let julian = i32(Math.imul(year, 365) - 32167);
  julian = i32(julian + i32(idiv(year, 4) - century + idiv(century, 4)));
  return i32(julian + i32(idiv(Math.imul(7834, month), 256) + day));
}

function weekdayOfJulian(date: number): number {
  let d = i32(date + 1) % 7;
  if (d < 0) d += 7;
  return d;
}

function isoWeekOf(year: number, mon: number, mday: number): number {
  const dayn = julianDay(year, mon, mday);
  let day4 = julianDay(year, 1, 4);
  let day0 = weekdayOfJulian(i32(day4 - 1));
  if (dayn < i32(day4 - day0)) {
    day4 = julianDay(i32(year - 1), 1, 4);
    day0 = weekdayOfJulian(i32(day4 - 1));
  }
  let result = i32(idiv(i32(dayn - i32(day4 - day0)), 7) + 1);
  if (result >= 52) {
    day4 = julianDay(i32(year + 1), 1, 4);
    day0 = weekdayOfJulian(i32(day4 - 1));
    if (dayn >= i32(day4 - day0)) result = i32(idiv(i32(dayn - i32(day4 - day0)), 7) + 1);
  }
  return result;
}

function isoYearOf(year: number, mon: number, mday: number): number {
  const dayn = julianDay(year, mon, mday);
  let day4 = julianDay(year, 1, 4);
  let day0 = weekdayOfJulian(i32(day4 - 1));
  if (dayn < i32(day4 - day0)) {
    day4 = julianDay(i32(year - 1), 1, 4);
    day0 = weekdayOfJulian(i32(day4 - 1));
    year = i32(year - 1);
  }
  const result = i32(idiv(i32(dayn - i32(day4 - day0)), 7) + 1);
  if (result >= 52) {
    day4 = julianDay(i32(year + 1), 1, 4);
    day0 = weekdayOfJulian(i32(day4 - 1));
    if (dayn >= i32(day4 - day0)) year = i32(year + 1);
  }
  return year;
}

function julianOfIsoWeek(year: number, week: number): number {
  const day4 = julianDay(year, 1, 4);
  const day0 = weekdayOfJulian(i32(day4 - 1));
  return i32(Math.imul(week - 1, 7) + i32(day4 - day0));
}

const date2isoyearday = (year: number, mon: number, mday: number): number =>
  i32(i32(julianDay(year, mon, mday) - julianOfIsoWeek(isoYearOf(year, mon, mday), 1)) + 1);

/** C's `%0*d`: zero-padded to `width` characters, the minus sign included; width 0 is `%d`. */
export function cpad(v: number, width: number): string {
  const s = String(Math.abs(v));
  if (v < 0) return '-' + s.padStart(width - 1, '0');
  return s.padStart(width, '0');
}

function invalidForInterval(): SqlError {
  return new SqlError(SqlState.invalidDatetimeFormat, 'invalid format specification for an interval value', {
    hint: 'Intervals are not tied to specific calendar dates.',
  });
}

/** A name in one of the three cases (upper, initcap as stored, lower). */
const inCase = (name: string, c: 'upper' | 'init' | 'lower'): string =>
  c === 'upper' ? name.toUpperCase() : c === 'lower' ? name.toLowerCase() : name;

function formatDateTime(nodes: readonly FormatNode[], isInterval: boolean, tm: FmtTm): string {
  let out = '';
  const adjustYear = (y: number): number => (isInterval ? y : y <= 0 ? -(y - 1) : y);
  for (const n of nodes) {
    if (n.kind === 'char') { out += n.ch; continue; }
    const fm = (n.suffix & S_FM) !== 0;
    const tmSuffix = (n.suffix & S_TM) !== 0;
    const th = (n.suffix & (S_TH | S_th)) !== 0;
    /** A number with the TH/th suffix when asked. */
    const numeric = (s: string): void => { out += th ? s + ordinalSuffix(s, (n.suffix & S_TH) !== 0) : s; };
    const checkInterval = (): void => { if (isInterval) throw invalidForInterval(); };
    const pm = tm.hour % 24 >= 12;
    const id = n.key.id;
    switch (id) {
      case 'A_M': case 'P_M': out += pm ? 'P.M.' : 'A.M.'; break;
      case 'AM': case 'PM': out += pm ? 'PM' : 'AM'; break;
      case 'a_m': case 'p_m': out += pm ? 'p.m.' : 'a.m.'; break;
      case 'am': case 'pm': out += pm ? 'pm' : 'am'; break;
      case 'HH': case 'HH12': {
        // A 12-hour clock, even for intervals.
        const h = tm.hour % 12;
        numeric(cpad(h === 0 ? 12 : h, fm ? 0 : tm.hour >= 0 ? 2 : 3));
        break;
      }
      case 'HH24': numeric(cpad(tm.hour, fm ? 0 : tm.hour >= 0 ? 2 : 3)); break;
      case 'MI': numeric(cpad(tm.min, fm ? 0 : tm.min >= 0 ? 2 : 3)); break;
      case 'SS': numeric(cpad(tm.sec, fm ? 0 : tm.sec >= 0 ? 2 : 3)); break;
      case 'FF1': numeric(cpad(Math.trunc(tm.fsec / 100000), 1)); break;
      case 'FF2': numeric(cpad(Math.trunc(tm.fsec / 10000), 2)); break;
      case 'FF3': case 'MS': numeric(cpad(Math.trunc(tm.fsec / 1000), 3)); break;
      case 'FF4': numeric(cpad(Math.trunc(tm.fsec / 100), 4)); break;
      case 'FF5': numeric(cpad(Math.trunc(tm.fsec / 10), 5)); break;
      case 'FF6': case 'US': numeric(cpad(tm.fsec, 6)); break;
      case 'SSSS': numeric(String(tm.hour * 3600 + tm.min * 60 + tm.sec)); break;
      case 'tz': case 'TZ': {
        checkInterval();
        const name = tm.tzn();
        out += id === 'tz' ? name.toLowerCase() : name;
        break;
      }
      case 'TZH':
        checkInterval();
        out += (tm.gmtoff >= 0 ? '+' : '-') + cpad(Math.trunc(Math.abs(tm.gmtoff) / 3600), 2);
        break;
      case 'TZM':
        checkInterval();
        out += cpad(Math.trunc((Math.abs(tm.gmtoff) % 3600) / 60), 2);
        break;
      case 'OF': {
        checkInterval();
        const a = Math.abs(tm.gmtoff);
        out += (tm.gmtoff >= 0 ? '+' : '-') + cpad(Math.trunc(a / 3600), fm ? 0 : 2);
        if (a % 3600 !== 0) out += ':' + cpad(Math.trunc((a % 3600) / 60), 2);
        break;
      }
      case 'A_D': case 'B_C': checkInterval(); out += tm.year <= 0 ? 'B.C.' : 'A.D.'; break;
      case 'AD': case 'BC': checkInterval(); out += tm.year <= 0 ? 'BC' : 'AD'; break;
      case 'a_d': case 'b_c': checkInterval(); out += tm.year <= 0 ? 'b.c.' : 'a.d.'; break;
      case 'ad': case 'bc': checkInterval(); out += tm.year <= 0 ? 'bc' : 'ad'; break;
      case 'MONTH': case 'Month': case 'month': {
        checkInterval();
        if (tm.mon === 0) break;
        const name = inCase(MONTHS[tm.mon - 1]!, id === 'MONTH' ? 'upper' : id === 'month' ? 'lower' : 'init');
        out += tmSuffix || fm ? name : name.padEnd(9);
        break;
      }
      case 'MON': case 'Mon': case 'mon':
        checkInterval();
        if (tm.mon === 0) break;
        out += inCase(MONTHS[tm.mon - 1]!.slice(0, 3), id === 'MON' ? 'upper' : id === 'mon' ? 'lower' : 'init');
        break;
      case 'MM': numeric(cpad(tm.mon, fm ? 0 : tm.mon >= 0 ? 2 : 3)); break;
      case 'DAY': case 'Day': case 'day': {
        checkInterval();
        const name = inCase(DAYS[tm.wday]!, id === 'DAY' ? 'upper' : id === 'day' ? 'lower' : 'init');
        out += tmSuffix || fm ? name : name.padEnd(9);
        break;
      }
      case 'DY': case 'Dy': case 'dy':
        checkInterval();
        out += inCase(DAYS[tm.wday]!.slice(0, 3), id === 'DY' ? 'upper' : id === 'dy' ? 'lower' : 'init');
        break;
      case 'DDD': numeric(cpad(tm.yday, fm ? 0 : 3)); break;
      case 'IDDD': numeric(cpad(date2isoyearday(tm.year, tm.mon, tm.mday), fm ? 0 : 3)); break;
      case 'DD': numeric(cpad(tm.mday, fm ? 0 : 2)); break;
      case 'D': checkInterval(); numeric(String(tm.wday + 1)); break;
      case 'ID': checkInterval(); numeric(String(tm.wday === 0 ? 7 : tm.wday)); break;
      case 'WW': numeric(cpad(i32(idiv(i32(tm.yday - 1), 7) + 1), fm ? 0 : 2)); break;
      case 'IW': numeric(cpad(isoWeekOf(tm.year, tm.mon, tm.mday), fm ? 0 : 2)); break;
      case 'Q':
        if (tm.mon === 0) break;
        numeric(String(idiv(tm.mon - 1, 3) + 1));
        break;
      case 'CC': {
        const i = isInterval ? idiv(tm.year, 100) : tm.year > 0 ? idiv(tm.year - 1, 100) + 1 : idiv(tm.year, 100) - 1;
        numeric(i <= 99 && i >= -99 ? cpad(i, fm ? 0 : i >= 0 ? 2 : 3) : String(i));
        break;
      }
      case 'Y_YYY': {
        const y = adjustYear(tm.year);
        const i = idiv(y, 1000);
        numeric(`${i},${cpad(y - i * 1000, 3)}`);
        break;
      }
      case 'YYYY': case 'IYYY': case 'YYY': case 'IYY': case 'YY': case 'IY': case 'Y': case 'I': {
        const iso = id[0] === 'I';
        const y = adjustYear(iso ? isoYearOf(tm.year, tm.mon, tm.mday) : tm.year);
        const digits = id.length;
        const neg = adjustYear(tm.year) < 0;
        if (digits === 1) numeric(String(y % 10));
        else numeric(cpad(digits === 4 ? y : y % 10 ** digits, fm ? 0 : neg ? digits + 1 : digits));
        break;
      }
      case 'RM': case 'rm': {
        // For intervals, '12 months' is 1 year and 0 months, which still prints.
        if (tm.mon === 0 && tm.year === 0) break;
        const k = tm.mon === 0 ? (tm.year >= 0 ? 0 : 11) : tm.mon < 0 ? -(tm.mon + 1) : 12 - tm.mon;
        const name = id === 'RM' ? RM_UPPER[k]! : RM_UPPER[k]!.toLowerCase();
        out += fm ? name : name.padEnd(4);
        break;
      }
      case 'W': numeric(String(idiv(tm.mday - 1, 7) + 1)); break;
      case 'J': numeric(String(julianDay(tm.year, tm.mon, tm.mday))); break;
      case 'FX': break;
      default: throw new Error(`internal error: to_char pattern ${id}`);
    }
  }
  return out;
}

const NO_ZONE = (): string => '';

function timestampTm(local: Int64, gmtoff: number, tzn: FmtTm['tzn']): FmtTm {
  const t = toTm(local);
  const j = julianDay(t.year, t.mon, t.mday);
  return {
    sec: t.sec, min: t.min, hour: t.hour, mday: t.mday, mon: t.mon, year: t.year, fsec: t.usec,
    wday: (j + 1) % 7, yday: j - julianDay(t.year, 1, 1) + 1, gmtoff, tzn,
  };
}

export function toCharTimestamp(ts: Int64, template: string): string | null {
  if (isInfinite(ts) || template === '') return null;
  return formatDateTime(parseDateTimeFormat(template), false, timestampTm(ts, 0, NO_ZONE));
}

export function toCharTimestamptz(ts: Int64, template: string, tz: TimeZone): string | null {
  if (isInfinite(ts) || template === '') return null;
  const zone = (): string => zoneAbbreviation(tz, Math.floor(Number(ts) / 1e6));
  return formatDateTime(parseDateTimeFormat(template), false, timestampTm(utcToLocal(ts, tz), offsetAt(tz, ts), zone));
}

/** the interval's broken-down fields: each field truncated toward zero, so every part carries the sign of its part. */
export function toCharInterval(v: Interval, template: string): string | null {
  if (template === '') return null;
  const year = Math.trunc(v.months / 12);
  const mon = v.months - year * 12;
  let hour: number, min: number, sec: number, fsec: number;
  if (typeof v.micros === 'number') {
    const t = v.micros;
    hour = Math.trunc(t / 3_600_000_000);
    let r = t - hour * 3_600_000_000;
    min = Math.trunc(r / 60_000_000);
    r -= min * 60_000_000;
    sec = Math.trunc(r / 1_000_000);
    fsec = r - sec * 1_000_000;
  } else {
    const t = v.micros;
    const h = t / 3_600_000_000n;
    let r = t - h * 3_600_000_000n;
    const m = r / 60_000_000n;
    r -= m * 60_000_000n;
    const s = r / 1_000_000n;
    hour = Number(h); min = Number(m); sec = Number(s); fsec = Number(r - s * 1_000_000n);
  }
  // Normalize -0 (a negative part that truncates to zero) so that `>= 0` tests see 0.
  hour += 0; min += 0; sec += 0; fsec += 0;
  const y = year + 0;
  const tm: FmtTm = {
    sec, min, hour, mday: v.days, mon, year: y, wday: 0, gmtoff: 0, fsec, tzn: NO_ZONE,
    // wday is meaningless; yday approximates the span in days (int arithmetic, as in PostgreSQL).
    yday: i32(Math.imul(i32(Math.imul(y, 12) + mon), 30) + v.days),
  };
  return formatDateTime(parseDateTimeFormat(template), true, tm);
}
