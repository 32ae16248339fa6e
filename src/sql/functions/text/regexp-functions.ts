/**
 * POSIX regular-expression functions and operators (regexp.c): regexp_replace, regexp_like,
 * regexp_count, regexp_substr, regexp_match, regexp_split_to_array, substring(text FROM
 * pattern), SIMILAR TO (similar-to.ts) and `~ ~* !~ !~*`. Patterns run on a linear-time automaton (regex-engine.ts);
 * regex-translate.ts says how PostgreSQL's syntax maps onto it and what is refused.
 */
import { BOOLEAN, INTEGER, TEXT, SqlError, SqlState } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { cpLength, cpSlice, isBmp } from './code-points.ts';
import { compiledRegex, type CompiledRegex } from './regex-engine.ts';
import { DEFAULT_REGEX_OPTIONS, parseRegexFlags, type RegexOptions } from './regex-flags.ts';
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
  return replaceMatches(s, pattern, rep, flags, 0, flags.global ? 0 : 1);
}

/**
 * regexp_replace(s, pattern, replacement, start [, n [, flags]]): from the start-th character,
 * the n-th match replaced (0: every one); without n, the first (or every one with `g`).
 */
export function regexpReplaceFrom(s: string, pattern: string, rep: string, start: number, n?: number, flagText = ''): string {
  if (start <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "start": ${start}`);
  if (n !== undefined && n < 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "n": ${n}`);
  const flags = parseRegexFlags(flagText, null);
  return replaceMatches(s, pattern, rep, flags, startOffset(s, start), n ?? (flags.global ? 0 : 1));
}

/** replace_text_regexp: the n-th match at or after UTF-16 offset `from` replaced, or all of them for n = 0. */
function replaceMatches(s: string, pattern: string, rep: string, flags: RegexOptions, from: number, n: number): string {
  const re = compiledRegex(pattern, flags);
  let out = '';
  let last = 0;
  let k = 0;
  for (const m of re.matches(s, from)) {
    k++;
    if (n !== 0 && k < n) continue;
    out += s.slice(last, m.start) + expandReplacement(rep, m.groups);
    last = m.end;
    if (n !== 0) break;
  }
  return out + s.slice(last);
}

/**
 * Which group a `subexpr` argument names: 0 is the match; a pattern without groups has only
 * the match, which subexpr 1 names too (regexp.c's npatterns); null past the groups.
 */
function subexprGroup(re: CompiledRegex, subexpr: number): number | null {
  if (subexpr === 0) return 0;
  if (re.groupCount === 0) return subexpr === 1 ? 0 : null;
  return subexpr <= re.groupCount ? subexpr : null;
}

/** regexp_instr: the 1-based character position where the n-th match (or its group) starts, or ends + 1 with endoption 1; 0 when none. */
export function regexpInstr(s: string, pattern: string, start = 1, nth = 1, endoption = 0, flagText = '', subexpr = 0): number {
  if (start <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "start": ${start}`);
  if (nth <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "n": ${nth}`);
  if (endoption !== 0 && endoption !== 1) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "endoption": ${endoption}`);
  if (subexpr < 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "subexpr": ${subexpr}`);
  const re = compiledRegex(pattern, parseRegexFlags(flagText, 'regexp_instr()'));
  const group = subexprGroup(re, subexpr);
  let k = 0;
  for (const m of re.matches(s, startOffset(s, start))) {
    if (++k < nth) continue;
    if (group === null) return 0;
    const at = m.offsets[2 * group + endoption]!;
    return at < 0 ? 0 : cpLength(s.slice(0, at)) + 1;
  }
  return 0;
}

/**
 * UTF-16 offset of the `start`-th character (1-based); PostgreSQL rejects start < 1. Past the
 * end of the string plus one there is nothing to match, not even an empty match: the offset
 * is then beyond the string.
 */
function startOffset(s: string, start: number): number {
  if (start <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "start": ${start}`);
  if (isBmp(s)) return start - 1 > s.length ? s.length + 1 : start - 1;
  return start - 1 > cpLength(s) ? s.length + 1 : cpSlice(s, 0, start - 1).length;
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
  const re = compiledRegex(pattern, parseRegexFlags(flagText, 'regexp_substr()'));
  const group = subexprGroup(re, subexpr);
  let k = 0;
  for (const m of re.matches(s, startOffset(s, start))) {
    if (++k === nth) return group === null ? null : (m.groups[group] ?? null);
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
export function regexpSplitToArray(s: string, pattern: string, flagText = '', fn = 'regexp_split_to_array()'): string[] {
  const re = compiledRegex(pattern, parseRegexFlags(flagText, fn));
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
  fn('regexp_replace', [TEXT, TEXT, TEXT, INTEGER], TEXT, (a) => regexpReplaceFrom(str(a, 0), str(a, 1), str(a, 2), int(a, 3))),
  fn('regexp_replace', [TEXT, TEXT, TEXT, INTEGER, INTEGER], TEXT, (a) => regexpReplaceFrom(str(a, 0), str(a, 1), str(a, 2), int(a, 3), int(a, 4))),
  fn('regexp_replace', [TEXT, TEXT, TEXT, INTEGER, INTEGER, TEXT], TEXT,
    (a) => regexpReplaceFrom(str(a, 0), str(a, 1), str(a, 2), int(a, 3), int(a, 4), str(a, 5))),
  fn('regexp_instr', [TEXT, TEXT, INTEGER, INTEGER, INTEGER, TEXT, INTEGER], INTEGER,
    (a) => regexpInstr(str(a, 0), str(a, 1), ...(a.slice(2) as [number?, number?, number?, string?, number?])), { minArgs: 2 }),
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
  // similar_escape: the name before PostgreSQL 13; a NULL escape means the default one.
  fn('similar_escape', [TEXT, TEXT], TEXT, (a) => (a[0] === null ? null : a[1] === null ? similarToEscape(str(a, 0)) : similarToEscape(str(a, 0), str(a, 1))), { strict: false }),
];

/** `~`, `~*`, `!~`, `!~*` on text, for operator resolution. */
export const REGEX_MATCH_OPERATORS: ReadonlyArray<readonly [string, string, (s: string, p: string) => boolean]> = [
  ['~', 'textregexeq', (s, p) => compiledRegex(p, DEFAULT_REGEX_OPTIONS).test(s)],
  ['~*', 'texticregexeq', (s, p) => compiledRegex(p, ICASE).test(s)],
  ['!~', 'textregexne', (s, p) => !compiledRegex(p, DEFAULT_REGEX_OPTIONS).test(s)],
  ['!~*', 'texticregexne', (s, p) => !compiledRegex(p, ICASE).test(s)],
];
