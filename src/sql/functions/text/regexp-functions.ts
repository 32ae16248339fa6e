/**
 * POSIX regular-expression functions and operators (regexp.c): regexp_replace, regexp_like,
 * regexp_count, regexp_substr, regexp_match, regexp_split_to_array, substring(text FROM
 * pattern), SIMILAR TO (similar-to.ts) and `~ ~* !~ !~*`. Patterns run on a linear-time automaton (regex-engine.ts);
 * regex-translate.ts says how PostgreSQL's syntax maps onto it and what is refused.
 */
import { BOOLEAN, INTEGER, TEXT, SqlError, SqlState } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { cpSlice, isBmp } from './code-points.ts';
import { compiledRegex } from './regex-engine.ts';
import { DEFAULT_REGEX_OPTIONS, parseRegexFlags } from './regex-flags.ts';
import { similarToEscape } from './similar-to.ts';

const ICASE = { ...DEFAULT_REGEX_OPTIONS, icase: true };

/** Expands PostgreSQL's replacement syntax: \1..\9 groups, \& the match, \\ a backslash. */
function expandReplacement(rep: string, groups: readonly (string | null)[]): string {
  if (!rep.includes('\\')) return rep;
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[i + 1]!;
      if (n >= '1' && n <= '9') { out += groups[Number(n)] ?? ''; i++; continue; }
      if (n === '&') { out += groups[0] ?? ''; i++; continue; }
      if (n === '\\') { out += '\\'; i++; continue; }
    }
    out += c;
  }
  return out;
}

export function regexpReplace(s: string, pattern: string, rep: string, flagText = ''): string {
  const flags = parseRegexFlags(flagText, null);
  const re = compiledRegex(pattern, flags);
  let out = '';
  let last = 0;
  for (const m of re.matches(s, 0)) {
    out += s.slice(last, m.start) + expandReplacement(rep, m.groups);
    last = m.end;
    if (!flags.global) break;
  }
  return out + s.slice(last);
}

/** UTF-16 offset of the `start`-th character (1-based); PostgreSQL rejects start < 1. */
function startOffset(s: string, start: number): number {
  if (start <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "start": ${start}`);
  if (isBmp(s)) return Math.min(start - 1, s.length);
  return cpSlice(s, 0, start - 1).length;
}

export function regexpCount(s: string, pattern: string, start = 1, flagText = ''): number {
  const flags = parseRegexFlags(flagText, 'regexp_count()');
  let n = 0;
  for (const _ of compiledRegex(pattern, flags).matches(s, startOffset(s, start))) n++;
  return n;
}

export function regexpSubstr(s: string, pattern: string, start = 1, nth = 1, flagText = '', subexpr = 0): string | null {
  if (nth <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "n": ${nth}`);
  if (subexpr < 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "subexpr": ${subexpr}`);
  const flags = parseRegexFlags(flagText, 'regexp_substr()');
  let k = 0;
  for (const m of compiledRegex(pattern, flags).matches(s, startOffset(s, start))) {
    if (++k === nth) return m.groups[subexpr] ?? null;
  }
  return null;
}

export function regexpLike(s: string, pattern: string, flagText = ''): boolean {
  return compiledRegex(pattern, parseRegexFlags(flagText, 'regexp_like()')).test(s);
}

/** regexp_match: the capture groups of the first match (the match itself when there are none), or null. */
export function regexpMatch(s: string, pattern: string, flagText = ''): (string | null)[] | null {
  const flags = parseRegexFlags(flagText, 'regexp_match()', 'Use the regexp_matches function instead.');
  const m = compiledRegex(pattern, flags).first(s, 0);
  if (m === null) return null;
  return m.groups.length === 1 ? [m.groups[0]!] : m.groups.slice(1);
}

/** regexp_split_to_array: the text between matches; an empty match splits between characters. */
export function regexpSplitToArray(s: string, pattern: string, flagText = ''): string[] {
  const re = compiledRegex(pattern, parseRegexFlags(flagText, 'regexp_split_to_array()'));
  const out: string[] = [];
  let last = 0;
  for (const m of re.matches(s, 0)) {
    // regexp.c skips "degenerate" matches: empty ones at the end or right after the last split.
    if (m.start === m.end && (m.start === last || m.start >= s.length)) continue;
    out.push(s.slice(last, m.start));
    last = m.end;
  }
  out.push(s.slice(last));
  return out;
}

/** substring(s FROM pattern): the first capture group if the pattern has one, else the match. */
export function regexSubstring(s: string, pattern: string): string | null {
  const m = compiledRegex(pattern, DEFAULT_REGEX_OPTIONS).first(s, 0);
  if (m === null) return null;
  return m.groups.length > 1 ? (m.groups[1] ?? null) : (m.groups[0] ?? null);
}

const str = (a: readonly unknown[], i: number): string => a[i] as string;
const int = (a: readonly unknown[], i: number): number => a[i] as number;

export const REGEXP_FUNCTIONS: readonly FunctionSignature[] = [
  fn('regexp_replace', [TEXT, TEXT, TEXT], TEXT, (a) => regexpReplace(str(a, 0), str(a, 1), str(a, 2))),
  fn('regexp_replace', [TEXT, TEXT, TEXT, TEXT], TEXT, (a) => regexpReplace(str(a, 0), str(a, 1), str(a, 2), str(a, 3))),
  fn('regexp_like', [TEXT, TEXT], BOOLEAN, (a) => regexpLike(str(a, 0), str(a, 1))),
  fn('regexp_like', [TEXT, TEXT, TEXT], BOOLEAN, (a) => regexpLike(str(a, 0), str(a, 1), str(a, 2))),
  fn('regexp_count', [TEXT, TEXT], INTEGER, (a) => regexpCount(str(a, 0), str(a, 1))),
  fn('regexp_count', [TEXT, TEXT, INTEGER], INTEGER, (a) => regexpCount(str(a, 0), str(a, 1), int(a, 2))),
  fn('regexp_count', [TEXT, TEXT, INTEGER, TEXT], INTEGER, (a) => regexpCount(str(a, 0), str(a, 1), int(a, 2), str(a, 3))),
  fn('regexp_substr', [TEXT, TEXT], TEXT, (a) => regexpSubstr(str(a, 0), str(a, 1))),
  fn('regexp_substr', [TEXT, TEXT, INTEGER], TEXT, (a) => regexpSubstr(str(a, 0), str(a, 1), int(a, 2))),
  fn('regexp_substr', [TEXT, TEXT, INTEGER, INTEGER], TEXT, (a) => regexpSubstr(str(a, 0), str(a, 1), int(a, 2), int(a, 3))),
  fn('regexp_substr', [TEXT, TEXT, INTEGER, INTEGER, TEXT], TEXT, (a) => regexpSubstr(str(a, 0), str(a, 1), int(a, 2), int(a, 3), str(a, 4))),
  fn('regexp_substr', [TEXT, TEXT, INTEGER, INTEGER, TEXT, INTEGER], TEXT,
    (a) => regexpSubstr(str(a, 0), str(a, 1), int(a, 2), int(a, 3), str(a, 4), int(a, 5))),
  fn('substring', [TEXT, TEXT], TEXT, (a) => regexSubstring(str(a, 0), str(a, 1))),
  // substring(x SIMILAR p ESCAPE e); `x SIMILAR TO p [ESCAPE e]` is `x ~ similar_to_escape(p [, e])`.
  fn('substring', [TEXT, TEXT, TEXT], TEXT, (a) => regexSubstring(str(a, 0), similarToEscape(str(a, 1), str(a, 2)))),
  fn('similar_to_escape', [TEXT], TEXT, (a) => similarToEscape(str(a, 0))),
  fn('similar_to_escape', [TEXT, TEXT], TEXT, (a) => similarToEscape(str(a, 0), str(a, 1))),
];

/** `~`, `~*`, `!~`, `!~*` on text, for operator resolution. */
export const REGEX_MATCH_OPERATORS: ReadonlyArray<readonly [string, string, (s: string, p: string) => boolean]> = [
  ['~', 'textregexeq', (s, p) => compiledRegex(p, DEFAULT_REGEX_OPTIONS).test(s)],
  ['~*', 'texticregexeq', (s, p) => compiledRegex(p, ICASE).test(s)],
  ['!~', 'textregexne', (s, p) => !compiledRegex(p, DEFAULT_REGEX_OPTIONS).test(s)],
  ['!~*', 'texticregexne', (s, p) => !compiledRegex(p, ICASE).test(s)],
];
