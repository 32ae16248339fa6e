/**
 * POSIX regular-expression functions and operators (regexp.c): regexp_replace, regexp_like,
 * regexp_count, regexp_substr, substring(text FROM pattern), and `~ ~* !~ !~*`. Patterns run on
 * JS RegExp via regex-translate.ts, which lists where ARE and JS semantics differ.
 * regexp_match/regexp_matches/regexp_split_to_array return text[] and wait for array types.
 */
import { BOOLEAN, INTEGER, TEXT, SqlError, SqlState } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { cpSlice, isBmp } from './code-points.ts';
import { compileRegex, parseRegexFlags, type RegexFlags } from './regex-translate.ts';

const NO_FLAGS = parseRegexFlags('', null);

/** Expands PostgreSQL's replacement syntax: \1..\9 groups, \& the match, \\ a backslash. */
function expandReplacement(rep: string, m: RegExpExecArray | string[]): string {
  if (!rep.includes('\\')) return rep;
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[i + 1]!;
      if (n >= '1' && n <= '9') { out += m[Number(n)] ?? ''; i++; continue; }
      if (n === '&') { out += m[0] ?? ''; i++; continue; }
      if (n === '\\') { out += '\\'; i++; continue; }
    }
    out += c;
  }
  return out;
}

export function regexpReplace(s: string, pattern: string, rep: string, flagText = ''): string {
  const flags = parseRegexFlags(flagText, null);
  const re = compileRegex(pattern, flags, flags.global ? 'g' : '');
  // A replacer function, so `$` in the replacement stays literal as in PostgreSQL.
  return s.replace(re, (...m: unknown[]) => {
    const groups = m.slice(0, typeof m[m.length - 1] === 'object' ? -3 : -2) as string[];
    return expandReplacement(rep, groups);
  });
}

/** UTF-16 offset of the `start`-th character (1-based); PostgreSQL rejects start < 1. */
function startOffset(s: string, start: number): number {
  if (start <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "start": ${start}`);
  if (isBmp(s)) return Math.min(start - 1, s.length);
  return cpSlice(s, 0, start - 1).length;
}

function matchesFrom(s: string, pattern: string, flags: RegexFlags, start: number): IterableIterator<RegExpExecArray> {
  const re = new RegExp(compileRegex(pattern, flags), flags.js + 'g');
  re.lastIndex = startOffset(s, start);
  return {
    [Symbol.iterator]() { return this; },
    next(): IteratorResult<RegExpExecArray> {
      const m = re.exec(s);
      if (m === null) return { done: true, value: undefined };
      if (m[0].length === 0) re.lastIndex += (s.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
      return { done: false, value: m };
    },
  } as IterableIterator<RegExpExecArray>;
}

export function regexpCount(s: string, pattern: string, start = 1, flagText = ''): number {
  const flags = parseRegexFlags(flagText, 'regexp_count()');
  let n = 0;
  for (const _ of matchesFrom(s, pattern, flags, start)) n++;
  return n;
}

export function regexpSubstr(s: string, pattern: string, start = 1, nth = 1, flagText = '', subexpr = 0): string | null {
  if (nth <= 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "n": ${nth}`);
  if (subexpr < 0) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "subexpr": ${subexpr}`);
  const flags = parseRegexFlags(flagText, 'regexp_substr()');
  let k = 0;
  for (const m of matchesFrom(s, pattern, flags, start)) {
    if (++k === nth) return m[subexpr] ?? null;
  }
  return null;
}

export function regexpLike(s: string, pattern: string, flagText = ''): boolean {
  const re = compileRegex(pattern, parseRegexFlags(flagText, 'regexp_like()'));
  re.lastIndex = 0;
  return re.test(s);
}

/** substring(s FROM pattern): the first capture group if the pattern has one, else the match. */
export function regexSubstring(s: string, pattern: string): string | null {
  const re = compileRegex(pattern, NO_FLAGS);
  const m = re.exec(s);
  if (m === null) return null;
  return m.length > 1 ? (m[1] ?? null) : m[0];
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
];

/** `~`, `~*`, `!~`, `!~*` on text, for operator resolution. */
export const REGEX_MATCH_OPERATORS: ReadonlyArray<readonly [string, string, (s: string, p: string) => boolean]> = [
  ['~', 'textregexeq', (s, p) => regexpLike(s, p)],
  ['~*', 'texticregexeq', (s, p) => regexpLike(s, p, 'i')],
  ['!~', 'textregexne', (s, p) => !regexpLike(s, p)],
  ['!~*', 'texticregexne', (s, p) => !regexpLike(s, p, 'i')],
];
