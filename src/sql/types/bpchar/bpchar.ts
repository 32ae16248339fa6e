/**
 * `character(n)` (PostgreSQL's bpchar, bpchar.c) values are strings kept as PostgreSQL keeps
 * them: blank-padded to n characters, so output, octet_length, LIKE and regular expressions
 * see the padding, and a value keeps it where the type loses its length (max(c), a UNION of
 * char(3) and char(5), `'ab  '::bpchar`). Trailing spaces never matter to comparison,
 * hashing and keys (bpcharcmp, hashbpchar) nor survive a cast to text or varchar (rtrim1).
 * Lengths count characters (code points), as PostgreSQL does in UTF-8.
 */
import { SqlError, SqlState } from '../sql-error.ts';

const SPACE = 32;
const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** The value without its trailing spaces (bpchar → text, comparison, hashing). */
export function bpcharTrim(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === SPACE) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Characters (code points) in `s`. */
function charCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The UTF-16 index after the first `n` characters of `s`. */
function indexAfter(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) < 0xe000 ? 2 : 1;
  }
  return i;
}

/**
 * `s` as a `character(n)`: cut to n characters and padded with spaces to n. A longer value is
 * 22001 unless what is cut is spaces (bpcharin and assignment), or the cast is explicit
 * (`'abc'::char(2)` is `ab`), as PostgreSQL's bpchar(bpchar, int4, bool) does.
 */
export function bpcharFit(s: string, n: number, explicit: boolean): string {
  // UTF-16 length is the character count when there are no surrogate pairs.
  const chars = s.length > n || HIGH_SURROGATE.test(s) ? charCount(s) : s.length;
  if (chars > n) {
    const cut = indexAfter(s, n);
    if (!explicit) {
      for (let i = cut; i < s.length; i++) {
        if (s.charCodeAt(i) !== SPACE) throw new SqlError(SqlState.stringDataRightTruncation, `value too long for type character(${n})`);
      }
    }
    return s.slice(0, cut);
  }
  return chars === n ? s : s + ' '.repeat(n - chars);
}

/** Number of characters without the trailing spaces: length(bpchar), char_length(bpchar). */
export function bpcharLength(s: string): number {
  return charCount(bpcharTrim(s));
}
