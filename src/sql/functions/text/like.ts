/**
 * LIKE / ILIKE (`~~`, `~~*`, `!~~`, `!~~*`) and like_escape, as like.c: `%` any run, `_` one
 * character, backslash escapes the next character, and a pattern may not end in the escape.
 * ILIKE lowers ASCII letters only, as PostgreSQL does under the C locale.
 * Patterns compile to a LikePattern (like-pattern.ts: no backtracking), cached.
 */
import { BOOLEAN, TEXT, SqlError } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { LikePattern } from './like-pattern.ts';
import { PatternCache } from './pattern-cache.ts';
import { asciiLower } from './string-functions.ts';
import { SqlState } from '../../../errors/index.ts';

const LRU_CAPACITY = 256;
const caseSensitive = new PatternCache(LRU_CAPACITY, LikePattern.compile);
const caseInsensitive = new PatternCache(LRU_CAPACITY, (p) => LikePattern.compile(asciiLower(p)));

export function like(s: string, pattern: string): boolean {
  return caseSensitive.get(pattern).test(s);
}

export function ilike(s: string, pattern: string): boolean {
  return caseInsensitive.get(pattern).test(asciiLower(s));
}

/** like_escape(pattern, esc): rewrites a pattern with a custom ESCAPE into the backslash form. */
export function likeEscape(pattern: string, esc: string): string {
  const e = Array.from(esc);
  if (e.length > 1) throw new SqlError(SqlState.invalidEscapeSequence, 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (e.length === 0) out += c === '\\' ? '\\\\' : c;
    else if (c === e[0]) {
      const n = chars[++i];
      if (n === undefined) throw new SqlError(SqlState.invalidEscapeSequence, 'LIKE pattern must not end with escape character');
      out += '\\' + n;
    } else out += c === '\\' ? '\\\\' : c;
  }
  return out;
}

export const LIKE_FUNCTIONS: readonly FunctionSignature[] = [
  fn('like_escape', [TEXT, TEXT], TEXT, (a) => likeEscape(a[0] as string, a[1] as string)),
  fn('like', [TEXT, TEXT], BOOLEAN, (a) => like(a[0] as string, a[1] as string)),
  fn('notlike', [TEXT, TEXT], BOOLEAN, (a) => !like(a[0] as string, a[1] as string)),
];

export const LIKE_OPERATORS: ReadonlyArray<readonly [string, string, (s: string, p: string) => boolean]> = [
  ['~~', 'textlike', like],
  ['~~*', 'texticlike', ilike],
  ['!~~', 'textnlike', (s, p) => !like(s, p)],
  ['!~~*', 'texticnlike', (s, p) => !ilike(s, p)],
];
