/**
 * LIKE / ILIKE (`~~`, `~~*`, `!~~`, `!~~*`) and like_escape, as like.c: `%` any run, `_` one
 * character, backslash escapes the next character, and a pattern may not end in the escape.
 * ILIKE lowers ASCII letters only, as PostgreSQL does under the C locale.
 * Patterns compile to a cached RegExp (they are almost always constants).
 */
import { BOOLEAN, TEXT, SqlError } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { asciiLower } from './string-functions.ts';

const cache = new Map<string, RegExp>();
const SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function likeRegex(pattern: string, icase: boolean): RegExp {
  const key = (icase ? 'i' : 'c') + pattern;
  let re = cache.get(key);
  if (re !== undefined) return re;
  let src = '^';
  const chars = Array.from(icase ? asciiLower(pattern) : pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      const n = chars[++i];
      if (n === undefined) throw new SqlError('22025', 'LIKE pattern must not end with escape character');
      src += SPECIAL.test(n) ? '\\' + n : n;
    } else if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += SPECIAL.test(c) ? '\\' + c : c;
  }
  re = new RegExp(src + '$', 'su');
  if (cache.size >= 512) cache.clear();
  cache.set(key, re);
  return re;
}

export function like(s: string, pattern: string): boolean {
  // Patterns without wildcards or escapes are plain equality: skip the RegExp.
  if (!/[%_\\]/.test(pattern)) return s === pattern;
  return likeRegex(pattern, false).test(s);
}

export function ilike(s: string, pattern: string): boolean {
  return likeRegex(pattern, true).test(asciiLower(s));
}

/** like_escape(pattern, esc): rewrites a pattern with a custom ESCAPE into the backslash form. */
export function likeEscape(pattern: string, esc: string): string {
  const e = Array.from(esc);
  if (e.length > 1) throw new SqlError('22025', 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (e.length === 0) out += c === '\\' ? '\\\\' : c;
    else if (c === e[0]) {
      const n = chars[++i];
      if (n === undefined) throw new SqlError('22025', 'LIKE pattern must not end with escape character');
      out += '\\' + n;
    } else out += c === '\\' ? '\\\\' : c;
  }
  return out;
}

export const LIKE_FUNCTIONS: readonly FunctionSignature[] = [
  fn('like_escape', [TEXT, TEXT], TEXT, (a) => likeEscape(a[0] as string, a[1] as string)),
  fn('like', [TEXT, TEXT], BOOLEAN, (a) => like(a[0] as string, a[1] as string)),
];

export const LIKE_OPERATORS: ReadonlyArray<readonly [string, string, (s: string, p: string) => boolean]> = [
  ['~~', 'textlike', like],
  ['~~*', 'texticlike', ilike],
  ['!~~', 'textnlike', (s, p) => !like(s, p)],
  ['!~~*', 'texticnlike', (s, p) => !ilike(s, p)],
];
