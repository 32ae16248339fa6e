/**
 * to_timestamp(text, template) and to_date(text, template): the input read by the template as
 * PostgreSQL 15's DCH_from_char reads it, then the fields combined as do_to_timestamp does.
 *
 * Reading: blanks before a field and at the start are skipped; a separator or blank in the
 * template matches one separator or blank of the input, or nothing; any other template
 * character (and quoted text) consumes one input character without comparing it; a number
 * takes exactly its width unless FM is given or the next template item cannot be a digit, when
 * it takes every digit there is. FX switches to fixed-width reading. Combining: SSSS, then
 * SS/MI/HH (12-hour with AM/PM), the year (YY with CC, BC), J, ISO or Gregorian weeks, W,
 * DD, MM, DDD, fractions; fields are range-checked only when given (22008), and a missing
 * year is year 0 (1 BC), as in PostgreSQL.
 *
 * @see https://www.postgresql.org/docs/15/functions-formatting.html
 */
import { DATE, SqlError, SqlState, TEXT, TIMESTAMPTZ, type Int64, type SessionContext } from '../../types/index.ts';
import { MAX_DATE_DAYS, MIN_DATE_DAYS, civilFromDays, daysFromCivil, isLeapYear } from '../../types/datetime/calendar.ts';
import { roundTimestamp } from '../../types/datetime/datetime-parse.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { checkTimestamp, fromTm, localToUtcMicros } from './broken-down.ts';
import { S_FM, S_TH, S_th, parseDateTimeFormat, type FormatNode } from './to-char.ts';

/** What the template read (PostgreSQL's TmFromChar); 0 is "not given". */
interface FromChar {
  mode: 'none' | 'gregorian' | 'iso';
  hh: number; pm: number; mi: number; ss: number; ssss: number; d: number; dd: number; ddd: number; mm: number; ms: number;
  year: number; bc: number; ww: number; w: number; cc: number; j: number; us: number; yysz: number; clock12: boolean;
  tzsign: number; tzh: number; tzm: number; ff: number;
}

const invalidFormat = (message: string, extra: { detail?: string; hint?: string } = {}): SqlError =>
  new SqlError(SqlState.invalidDatetimeFormat, message, extra);

/** Keyword facts: whether it reads digits, and its date convention (from_char_set_mode). */
const DIGIT_KEYS = new Set(['CC', 'DDD', 'DD', 'D', 'HH24', 'HH12', 'HH', 'IDDD', 'ID', 'IW', 'IYYY', 'IYY', 'IY', 'I', 'J', 'MI', 'MM', 'MS', 'Q', 'SSSS', 'SS', 'TZM',
  'US', 'WW', 'W', 'Y_YYY', 'YYYY', 'YYY', 'YY', 'Y']);
const GREGORIAN = new Set(['DDD', 'DD', 'D', 'MM', 'MONTH', 'Month', 'month', 'MON', 'Mon', 'mon', 'RM', 'rm', 'WW', 'W', 'Y_YYY', 'YYYY', 'YYY', 'YY', 'Y']);
const ISO = new Set(['IDDD', 'ID', 'IW', 'IYYY', 'IYY', 'IY', 'I']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const RM = ['xii', 'xi', 'x', 'ix', 'viii', 'vii', 'vi', 'v', 'iv', 'iii', 'ii', 'i'];

const isSpace = (c: string | undefined): boolean => c !== undefined && /[ \t\n\r\f\v]/.test(c);
/** is_separator_char: printable ASCII that is no letter or digit. */
const isSeparator = (c: string | undefined): boolean => c !== undefined && c > ' ' && c < '\x7f' && !/[A-Za-z0-9]/.test(c);

class Reader {
  pos = 0;
  readonly s: string;
  constructor(s: string) { this.s = s; }
  get ch(): string | undefined { return this.s[this.pos]; }
  get atEnd(): boolean { return this.pos >= this.s.length; }
  /** One character (a whole code point). */
  skipChar(): void { if (!this.atEnd) this.pos += String.fromCodePoint(this.s.codePointAt(this.pos)!).length; }
}

function setInt(out: FromChar, field: keyof FromChar, value: number, name: string): void {
  const cur = out[field] as number;
  if (cur !== 0 && cur !== value) {
    throw invalidFormat(`conflicting values for "${name}" field in formatting string`, { detail: 'This value contradicts a previous setting for the same field type.' });
  }
  (out[field] as number) = value;
}

/** is_next_separator: whether the item after n cannot start with a digit (so a number may run free). */
function nextIsSeparator(nodes: readonly FormatNode[], i: number): boolean {
  const n = nodes[i]!;
  if (n.kind === 'action' && (n.suffix & (S_TH | S_th)) !== 0) return true;
  const next = nodes[i + 1];
  if (next === undefined) return true;
  if (next.kind === 'action') return !DIGIT_KEYS.has(next.key.id);
  return !/^[0-9]$/.test(next.ch);
}

/** strtol's reading: blanks, a sign, digits. Returns the value and the characters used (0 when none). */
function strtol(s: string, at: number): { value: number; used: number } {
  const m = /^[ \t\n\r\f\v]*([+-]?\d+)/.exec(s.slice(at));
  if (m === null) return { value: 0, used: 0 };
  return { value: Number(m[1]), used: m[0].length };
}

/** from_char_parse_int_len: a number of `len` characters, or free-width under FM or before a non-digit. */
function parseInt(r: Reader, len: number, nodes: readonly FormatNode[], i: number, name: string): { value: number; used: number } {
  const init = r.pos;
  while (isSpace(r.ch)) r.pos++;
  const copy = r.s.slice(r.pos, r.pos + len);
  const node = nodes[i]!;
  let value: number;
  if ((node.kind === 'action' && (node.suffix & S_FM) !== 0) || nextIsSeparator(nodes, i)) {
    const t = strtol(r.s, init);
    value = t.value;
    r.pos = init + t.used;
  } else {
    if ([...copy].length < len) {
      throw invalidFormat(`source string too short for "${name}" formatting field`, {
        detail: `Field requires ${len} characters, but only ${[...copy].length} remain.`,
        hint: 'If your source string is not fixed-width, try using the "FM" modifier.',
      });
    }
    const t = strtol(copy, 0);
    if (t.used > 0 && t.used < len) {
      throw invalidFormat(`invalid value "${copy}" for "${name}"`, {
        detail: `Field requires ${len} characters, but only ${t.used} could be parsed.`,
        hint: 'If your source string is not fixed-width, try using the "FM" modifier.',
      });
    }
    value = t.value;
    r.pos += t.used;
  }
  if (r.pos === init) throw invalidFormat(`invalid value "${copy}" for "${name}"`, { detail: 'Value must be an integer.' });
  if (value < -2147483648 || value > 2147483647) {
    throw new SqlError(SqlState.datetimeFieldOverflow, `value for "${name}" in source string is out of range`, { detail: 'Value must be in the range -2147483648 to 2147483647.' });
  }
  return { value, used: r.pos - init };
}

/** seq_search_ascii: the first entry the input starts with, case-insensitively. */
function search(r: Reader, entries: readonly string[], name: string): number {
  const rest = r.s.slice(r.pos);
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if (rest.length >= e.length && rest.slice(0, e.length).toLowerCase() === e.toLowerCase()) {
      r.pos += e.length;
      return k;
    }
  }
  const word = /^[^ \t\n\r\f]*/.exec(rest)![0];
  throw invalidFormat(`invalid value "${word}" for "${name}"`, { detail: 'The given value did not match any of the allowed values for this field.' });
}

/** 2020's rule for a year given in fewer than four digits. */
function adjustPartialYear(year: number): number {
  if (year < 70) return year + 2000;
  if (year < 100) return year + 1900;
  if (year < 520) return year + 2000;
  if (year < 1000) return year + 1000;
  return year;
}

function readTemplate(input: string, nodes: readonly FormatNode[]): FromChar {
  const out: FromChar = {
    mode: 'none', hh: 0, pm: 0, mi: 0, ss: 0, ssss: 0, d: 0, dd: 0, ddd: 0, mm: 0, ms: 0, year: 0, bc: 0, ww: 0, w: 0, cc: 0, j: 0, us: 0, yysz: 0,
    clock12: false, tzsign: 0, tzh: 0, tzm: 0, ff: 0,
  };
  const r = new Reader(input);
  let fx = false;
  let extraSkip = 0;
  for (let i = 0; i < nodes.length && !r.atEnd; i++) {
    const n = nodes[i]!;
    if (!fx && (n.kind === 'action' ? n.key.id !== 'FX' : i === 0)) {
      while (isSpace(r.ch)) { r.pos++; extraSkip++; }
    }
    if (n.kind === 'char') {
      const separatorOrSpace = !n.quoted && (isSeparator(n.ch) || isSpace(n.ch));
      if (separatorOrSpace) {
        if (!fx) {
          extraSkip--;
          if (isSpace(r.ch) || isSeparator(r.ch)) { r.pos++; extraSkip++; }
        } else r.skipChar();
      } else if (!fx) {
        if (extraSkip > 0) extraSkip--;
        else r.skipChar();
      } else r.skipChar();
      continue;
    }
    const id = n.key.id;
    const name = n.key.name;
    const mode = ISO.has(id) ? 'iso' : GREGORIAN.has(id) ? 'gregorian' : 'none';
    if (mode !== 'none') {
      if (out.mode === 'none') out.mode = mode;
      else if (out.mode !== mode) {
        throw invalidFormat('invalid combination of date conventions', { hint: 'Do not mix Gregorian and ISO week date conventions in a formatting template.' });
      }
    }
    // A number's width is its keyword's length (SSSSS 5, SSSS 4), unless the field says otherwise.
    const int = (len = name.length): { value: number; used: number } => parseInt(r, len, nodes, i, name);
    const skipTh = (): void => { if ((n.suffix & (S_TH | S_th)) !== 0) { r.skipChar(); r.skipChar(); } };
    switch (id) {
      case 'FX': fx = true; break;
      case 'A_M': case 'P_M': case 'a_m': case 'p_m':
        setInt(out, 'pm', search(r, ['a.m.', 'p.m.', 'A.M.', 'P.M.'], name) % 2, name); out.clock12 = true; break;
      case 'AM': case 'PM': case 'am': case 'pm':
        setInt(out, 'pm', search(r, ['am', 'pm', 'AM', 'PM'], name) % 2, name); out.clock12 = true; break;
      case 'HH': case 'HH12': setInt(out, 'hh', int(2).value, name); out.clock12 = true; skipTh(); break;
      case 'HH24': setInt(out, 'hh', int(2).value, name); skipTh(); break;
      case 'MI': setInt(out, 'mi', int().value, name); skipTh(); break;
      case 'SS': setInt(out, 'ss', int().value, name); skipTh(); break;
      case 'MS': {
        const v = int(3);
        setInt(out, 'ms', v.value * (v.used === 1 ? 100 : v.used === 2 ? 10 : 1), name);
        skipTh();
        break;
      }
      case 'FF1': case 'FF2': case 'FF3': case 'FF4': case 'FF5': case 'FF6': case 'US': {
        if (id !== 'US') out.ff = Number(id[2]);
        const v = int(id === 'US' ? 6 : out.ff);
        const scale = [1, 100000, 10000, 1000, 100, 10, 1][v.used] ?? 1;
        setInt(out, 'us', v.value * scale, name);
        skipTh();
        break;
      }
      case 'SSSS': setInt(out, 'ssss', int().value, name); skipTh(); break;
      case 'tz': case 'TZ': case 'OF':
        throw new SqlError(SqlState.featureNotSupported, `formatting field "${name}" is only supported in to_char`);
      case 'TZH': {
        const c = r.ch;
        if (c === '+' || c === '-' || c === ' ') { out.tzsign = c === '-' ? -1 : 1; r.pos++; }
        else out.tzsign = extraSkip > 0 && r.s[r.pos - 1] === '-' ? -1 : 1;
        setInt(out, 'tzh', int(2).value, name);
        break;
      }
      case 'TZM':
        if (out.tzsign === 0) out.tzsign = 1;
        setInt(out, 'tzm', int(2).value, name);
        break;
      case 'A_D': case 'B_C': case 'a_d': case 'b_c': setInt(out, 'bc', search(r, ['a.d.', 'b.c.', 'A.D.', 'B.C.'], name) % 2, name); break;
      case 'AD': case 'BC': case 'ad': case 'bc': setInt(out, 'bc', search(r, ['ad', 'bc', 'AD', 'BC'], name) % 2, name); break;
      case 'MONTH': case 'Month': case 'month': setInt(out, 'mm', search(r, MONTHS, name) + 1, name); break;
      case 'MON': case 'Mon': case 'mon': setInt(out, 'mm', search(r, MONTHS.map((m) => m.slice(0, 3)), name) + 1, name); break;
      case 'MM': setInt(out, 'mm', int().value, name); skipTh(); break;
      case 'DAY': case 'Day': case 'day': setInt(out, 'd', search(r, DAYS, name), name); out.d++; break;
      case 'DY': case 'Dy': case 'dy': setInt(out, 'd', search(r, DAYS.map((d) => d.slice(0, 3)), name), name); out.d++; break;
      case 'DDD': setInt(out, 'ddd', int().value, name); skipTh(); break;
      case 'IDDD': setInt(out, 'ddd', int(3).value, name); skipTh(); break;
      case 'DD': setInt(out, 'dd', int().value, name); skipTh(); break;
      case 'D': setInt(out, 'd', int().value, name); skipTh(); break;
      case 'ID': setInt(out, 'd', int(1).value, name); if (++out.d > 7) out.d = 1; skipTh(); break;
      case 'WW': case 'IW': setInt(out, 'ww', int().value, name); skipTh(); break;
      case 'Q': int(); skipTh(); break; // read, not used: a quarter does not say which date
      case 'CC': setInt(out, 'cc', int().value, name); skipTh(); break;
      case 'Y_YYY': {
        const m = /^\s*([+-]?\d+),(\d{3})/.exec(r.s.slice(r.pos));
        if (m === null) throw invalidFormat('invalid input string for "Y,YYY"');
        setInt(out, 'year', Number(m[2]) + Number(m[1]) * 1000, name);
        out.yysz = 4;
        r.pos += m[0].length;
        skipTh();
        break;
      }
      case 'YYYY': case 'IYYY': setInt(out, 'year', int().value, name); out.yysz = 4; skipTh(); break;
      case 'YYY': case 'IYY': case 'YY': case 'IY': case 'Y': case 'I': {
        const v = int();
        setInt(out, 'year', v.used < 4 ? adjustPartialYear(v.value) : v.value, name);
        out.yysz = id.length === 3 || id === 'IYY' ? 3 : id === 'YY' || id === 'IY' ? 2 : 1;
        skipTh();
        break;
      }
      case 'RM': case 'rm': setInt(out, 'mm', 12 - search(r, RM, name), name); break;
      case 'W': setInt(out, 'w', int().value, name); skipTh(); break;
      case 'J': setInt(out, 'j', int().value, name); skipTh(); break;
      default: break;
    }
    if (!fx) {
      extraSkip = 0;
      while (isSpace(r.ch)) { r.pos++; extraSkip++; }
    }
  }
  return out;
}

// Julian days as PostgreSQL counts them (date2j / j2date).
const JULIAN_OF_1970 = 2440588;
const date2j = (y: number, m: number, d: number): number => daysFromCivil(y, m, d) + JULIAN_OF_1970;
function j2date(j: number): [number, number, number] {
  const out = civilFromDays(j - JULIAN_OF_1970, [0, 0, 0]);
  return [out[0]!, out[1]!, out[2]!];
}
const j2day = (j: number): number => (((j + 1) % 7) + 7) % 7;
function isoweek2j(year: number, week: number): number {
  const day4 = date2j(year, 1, 4);
  const day0 = j2day(day4 - 1);
  return (week - 1) * 7 + (day4 - day0);
}

interface Fields { year: number; mon: number; mday: number; hour: number; min: number; sec: number; fsec: number; zone: number | null; ff: number }

const fieldOverflow = (input: string): SqlError => new SqlError(SqlState.datetimeFieldOverflow, `date/time field value out of range: "${input}"`);

/** do_to_timestamp: the fields the template read, combined and checked. */
function toFields(input: string, template: string): Fields {
  const t = readTemplate(input, parseDateTimeFormat(template));
  const tm: Fields = { year: 0, mon: 1, mday: 1, hour: 0, min: 0, sec: 0, fsec: 0, zone: null, ff: t.ff };
  let haveYear = false, haveMonth = false, haveDay = false;
  if (t.ssss) { tm.hour = Math.trunc(t.ssss / 3600); tm.min = Math.trunc((t.ssss % 3600) / 60); tm.sec = t.ssss % 60; }
  if (t.ss) tm.sec = t.ss;
  if (t.mi) tm.min = t.mi;
  if (t.hh) tm.hour = t.hh;
  if (t.clock12) {
    if (tm.hour < 1 || tm.hour > 12) {
      throw invalidFormat(`hour "${tm.hour}" is invalid for the 12-hour clock`, { hint: 'Use the 24-hour clock, or give an hour between 1 and 12.' });
    }
    if (t.pm && tm.hour < 12) tm.hour += 12;
    else if (!t.pm && tm.hour === 12) tm.hour = 0;
  }
  if (t.year) {
    if (t.cc && t.yysz <= 2) {
      const cc = t.bc ? -t.cc : t.cc;
      tm.year = t.year % 100;
      if (tm.year) tm.year = cc >= 0 ? tm.year + (cc - 1) * 100 : (cc + 1) * 100 - tm.year + 1;
      else tm.year = cc * 100 + (cc >= 0 ? 0 : 1);
    } else {
      tm.year = t.bc ? -t.year : t.year;
      if (tm.year < 0) tm.year++;
    }
    haveYear = true;
  } else if (t.cc) {
    const cc = t.bc ? -t.cc : t.cc;
    tm.year = cc >= 0 ? (cc - 1) * 100 + 1 : cc * 100 + 1;
    haveYear = true;
  }
  if (t.j) {
    [tm.year, tm.mon, tm.mday] = j2date(t.j);
    haveYear = haveMonth = haveDay = true;
  }
  let ddd = t.ddd;
  if (t.ww) {
    if (t.mode === 'iso') {
      let j = isoweek2j(tm.year, t.ww);
      if (t.d) j += t.d > 1 ? t.d - 2 : 6;
      [tm.year, tm.mon, tm.mday] = j2date(j);
      haveYear = haveMonth = haveDay = true;
    } else ddd = (t.ww - 1) * 7 + 1;
  }
  let dd = t.dd;
  if (t.w) dd = (t.w - 1) * 7 + 1;
  if (dd) { tm.mday = dd; haveDay = true; }
  if (t.mm) { tm.mon = t.mm; haveMonth = true; }
  if (ddd && (tm.mon <= 1 || tm.mday <= 1)) {
    if (!tm.year && !t.bc) throw invalidFormat('cannot calculate day of year without year information');
    if (t.mode === 'iso') {
      [tm.year, tm.mon, tm.mday] = j2date(isoweek2j(tm.year, 1) - 1 + ddd);
      haveYear = haveMonth = haveDay = true;
    } else {
      const ysum = isLeapYear(tm.year) ? [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366] : [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      let i = 1;
      while (i <= 12 && ddd > ysum[i]!) i++;
      if (tm.mon <= 1) tm.mon = i;
      if (tm.mday <= 1) tm.mday = ddd - ysum[i - 1]!;
      haveMonth = haveDay = true;
    }
  }
  if (t.ms) tm.fsec += t.ms * 1000;
  if (t.us) tm.fsec += t.us;
  // ValidateDate: month and day ranges when given, the day of the month when all three are.
  if ((haveMonth && (tm.mon < 1 || tm.mon > 12)) || (haveDay && (tm.mday < 1 || tm.mday > 31))) throw fieldOverflow(input);
  if (haveYear && haveMonth && haveDay) {
    const days = [31, isLeapYear(tm.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (tm.mday > days[tm.mon - 1]!) throw fieldOverflow(input);
  }
  if (tm.hour < 0 || tm.hour >= 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec >= 60 || tm.fsec < 0 || tm.fsec >= 1e6) throw fieldOverflow(input);
  if (t.tzsign) {
    if (t.tzh < 0 || t.tzh > 15 || t.tzm < 0 || t.tzm >= 60) {
      throw new SqlError(SqlState.invalidTimeZoneDisplacementValue, `time zone displacement out of range: "${input}"`);
    }
    tm.zone = t.tzsign * (t.tzh * 3600 + t.tzm * 60);
  }
  return tm;
}

export function toTimestamp(input: string, template: string, session: SessionContext): Int64 {
  const tm = toFields(input, template);
  const local = fromTm({ year: tm.year, mon: tm.mon, mday: tm.mday, hour: tm.hour, min: tm.min, sec: tm.sec, usec: tm.fsec, days: 0 });
  const utc = tm.zone === null ? localToUtcMicros(local, session.timeZone) : (typeof local === 'bigint' ? local - BigInt(tm.zone) * 1_000_000n : local - tm.zone * 1e6);
  const ts = checkTimestamp(utc);
  return tm.ff ? roundTimestamp(ts, tm.ff) : ts;
}

export function toDate(input: string, template: string): number {
  const tm = toFields(input, template);
  const days = daysFromCivil(tm.year, tm.mon, 1) + tm.mday - 1;
  if (days < MIN_DATE_DAYS || days > MAX_DATE_DAYS) throw new SqlError(SqlState.datetimeFieldOverflow, `date out of range: "${input}"`);
  return days;
}

export const TO_TIMESTAMP_FUNCTIONS: readonly FunctionSignature[] = [
  fn('to_timestamp', [TEXT, TEXT], TIMESTAMPTZ, ([s, f], session) => toTimestamp(s as string, f as string, session), { volatility: 'stable' }),
  fn('to_date', [TEXT, TEXT], DATE, ([s, f]) => toDate(s as string, f as string), { volatility: 'stable' }),
];
