/**
 * Pattern matching in linear time (issue 12, item 4): statements that made JS RegExp backtrack
 * forever answer at once and as PostgreSQL does; what no linear-time engine can run (back
 * references, lookahead) is refused with 2201B; and PostgreSQL's own regex syntax — ARE escapes,
 * flags, embedded options, classes, newline-sensitivity, SIMILAR TO — keeps PostgreSQL's meaning.
 * Each expression runs in Weir and in PostgreSQL; the text (or SQLSTATE) must be the same.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../support/postgres.ts';
import { textOutcome as outcome, useWeir } from './oracle/weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

/** The three statements of the issue: exponential for a backtracking matcher. */
const FORMERLY_HANGING = [
  "repeat('a', 34) || '!' ~ '^(a+)+$'",
  "repeat('a', 5000) LIKE repeat('%a', 60) || 'b'",
  "regexp_replace(repeat('ab', 20000), '(a|b|ab)*c', 'x')",
];

const NL = "chr(10)";

const EXPRESSIONS = [
  // More pathological patterns, matching and not.
  "repeat('a', 5000) LIKE repeat('%a', 60) || '%'", "repeat('ab', 3000) ~ '^(ab|a|b)*$'", "repeat('a', 40) ~ '(a*)*b'",
  "regexp_count(repeat('aab', 1000), '(a|aa)+b')", "repeat('x', 3000) ~ '(x+x+)+y'", "repeat('a', 3000) ILIKE '%A%A%A%A%A%B'",
  // ARE constraint escapes: word start/end, boundary, and the ends of the string.
  "regexp_replace('ab b', '\\mb', 'X', 'g')", "regexp_replace('ab b', 'b\\M', 'X', 'g')", "regexp_replace('a b ab', '\\yb', 'X', 'g')",
  "regexp_replace('a b ab', '\\Yb', 'X', 'g')", "regexp_replace('foo bar', '\\m(\\w)', '<\\1>', 'g')", "regexp_count('one two three', '\\M')",
  "'abc' ~ '\\Aabc\\Z'", "'abc' || " + NL + " ~ 'abc\\Z'", "'x' ~ '\\mx\\M'",
  // Character-entry escapes differ from Perl's: \\b is a backspace, \\B a backslash.
  "'a' || chr(8) ~ '^a\\b$'", "'a\\b' ~ '^a\\Bb$'", "chr(11) ~ '^\\s$'", "'A' ~ '\\x41'", "'é' ~ '\\u00e9'", "chr(27) ~ '\\e'", "'a' ~ '\\ca'",
  // Classes in the C locale.
  "regexp_replace('a1 b2 é', '[[:alpha:]]', '', 'g')", "regexp_replace('a_1-é', '\\w', '.', 'g')", "'x1_' ~ '^[[:alnum:]_]+$'", "regexp_replace('a,b;c', '[[:punct:]]', ' ', 'g')",
  "regexp_match('aB3', '[[:upper:]]', 'i')", "'é' ~* 'É'", "'ABC' ~* 'abc'", "regexp_replace('AbC', '[a-b]', '-', 'gi')", "'k' ~* '[^K]'", "'x' ~ '[\\D]'", "'5' ~ '[\\D]'", "regexp_replace('a b', '[\\S]', 'x', 'g')",
  // Embedded options and director prefixes.
  "'ABC' ~ '(?i)b'", "regexp_match('a.c', '***=.')", "regexp_match('abc', '***:b')", "regexp_match('a b c', '(?x) a \\  b')", "regexp_match('abc', 'a b c # tail', 'x')",
  "regexp_match('a.c', '.', 'q')", "regexp_match('ABC', '(?c)b', 'i')",
  // Newline sensitivity.
  `regexp_replace('a' || ${NL} || 'b', '.', 'x', 'g')`, `regexp_replace('a' || ${NL} || 'b', '.', 'x', 'gn')`, `regexp_replace('a' || ${NL} || 'b', '[^a]', 'x', 'gp')`,
  `regexp_replace('a' || ${NL} || 'b', '^', '>', 'gw')`, `regexp_replace('a' || ${NL} || 'b', '$', '<', 'gn')`, `regexp_replace('a' || ${NL} || 'b', '\\W', '_', 'gn')`,
  `regexp_count('a' || ${NL} || 'b', '^', 1, 's')`,
  // Greediness of the whole RE, quantifiers and bounds.
  "regexp_match('abcd', 'a|ab')", "regexp_match('xabcd', '(a|ab)(c|bcd)')", "regexp_match('aaa', 'a+?')", "regexp_match('aaa', '(a{2})')",
  "regexp_match('aaaa', 'a{1,3}')", "regexp_match('a{', 'a{')", "regexp_replace('aaa', 'a*', '-', 'g')", "regexp_match('abab', '(ab)+')",
  "'a' ~ 'a**'", "'a' ~ '*a'", "'a' ~ 'a{300}'", "'a' ~ 'a{3,2}'", "'a' ~ '(a'", "'a' ~ 'a)'", "'a' ~ '[a'", "'a' ~ '\\'", "'a' ~ '\\q'",
  // Lookbehind is linear here and supported.
  "regexp_replace('xab ab', '(?<=x)a', 'A', 'g')", "regexp_replace('xab ab', '(?<!x)a', 'A', 'g')",
  // The array-valued functions.
  "regexp_match('foo=bar', '(\\w+)=(\\w+)')", "regexp_match('abc', 'a(x)?')", "regexp_split_to_array('a1b22c', '\\d+')", "regexp_split_to_array('😀a😀', '')",
  "regexp_match('abc', 'b', 'g')", "regexp_split_to_array('abc', 'b', 'g')", "regexp_match('abc', 'b', 'z')", "regexp_match('abc', 'B', 'c')",
  // Characters beyond the BMP count as one.
  "regexp_replace('😀a😀', '.', 'x', 'g')", "regexp_count('😀😀', '')", "'x😀y' LIKE 'x_y'", "'😀😀' LIKE '_😀'", "'😀b' LIKE '%_b'",
  // LIKE and ILIKE.
  "'abc' LIKE 'a%'", "'abc' LIKE '%b%'", "'abc' LIKE 'a_c'", "'axbxc' LIKE '%a%b%c%'", "'abc' LIKE 'abc_'", "'abc' LIKE '%c'", "'a%c' LIKE 'a\\%c'",
  "'ÄBC' ILIKE 'äbc'", "'ABC' ILIKE 'a_c'", "'a#c' LIKE 'a##c' ESCAPE '#'", "'abc' LIKE 'a\\'", "'' LIKE '%'", "'abab' LIKE '%ab%ab'", "'aab' LIKE '%ab'",
  // A pattern ending in the escape fails only where PostgreSQL's matcher reaches it with text left.
  "'abc' LIKE 'x\\'", "'a' LIKE 'a\\'", "'ab' LIKE 'a\\'", "'ab' LIKE '%b\\'", "'ab' ILIKE 'A\\'",
  // SIMILAR TO and substring(... SIMILAR ...).
  "'abc' SIMILAR TO 'a%'", "'abc' SIMILAR TO '(a|b)%'", "'abc' NOT SIMILAR TO '_b_'", "'a%c' SIMILAR TO 'a#%c' ESCAPE '#'", "'abcc' SIMILAR TO 'a[bc]+'",
  "'ab' SIMILAR TO 'a'", "'abc' SIMILAR TO 'a.c'", "'a.c' SIMILAR TO 'a.c'", "'aaa' SIMILAR TO 'a{2,3}'", "substring('foobar' SIMILAR '%#\"o_b#\"%' ESCAPE '#')",
  "'abc' SIMILAR TO 'a' ESCAPE 'xy'", "similar_to_escape('a%#\"b_#\"', '#')",
];

describe.skipIf(Boolean(pgdb.skipReason))('regular expressions and LIKE in linear time', () => {
  it('answers the statements that made the server hang as PostgreSQL does', async () => {
    for (const e of FORMERLY_HANGING) {
      const sql = `SELECT ${e}`;
      expect(await outcome(weir.client, sql), sql).toBe(await outcome(pgdb.server.client, sql));
    }
    expect(await outcome(weir.client, `SELECT ${FORMERLY_HANGING[0]}`)).toBe('[["f"]]');
  });

  it('refuses back references and lookahead with 2201B', async () => {
    for (const e of ["'aa' ~ '(a)\\1'", "regexp_replace('abab', '(ab)\\1', 'x')", "'a' ~ 'a(?=b)'", "'a' ~ 'a(?!b)'", "regexp_match('aa', '\\1')"]) {
      const err = await weir.client.query(`SELECT ${e}`).then(() => null, (x: { code?: string; message?: string }) => x);
      expect(err?.code, e).toBe('2201B');
      expect(err?.message, e).toMatch(/^invalid regular expression: /);
    }
  });

  it(`${EXPRESSIONS.length} expressions give PostgreSQL's results`, async () => {
    const mismatches: string[] = [];
    for (const e of EXPRESSIONS) {
      const sql = `SELECT ${e}`;
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('compiles a varying pattern per row and keeps answering (LRU)', async () => {
    const sql = "SELECT count(*) FROM generate_series(1, 600) AS g WHERE 'x' || g::text || 'y' ~ ('^x' || (g % 300)::text || 'y$')";
    expect(await outcome(weir.client, sql)).toBe(await outcome(pgdb.server.client, sql));
  });
});

/** A reference LIKE by dynamic programming over code points (no RegExp, no backtracking). */
function referenceLike(s: string, pattern: string): boolean {
  const t = Array.from(s);
  const p: Array<{ any: boolean; many: boolean; ch: string }> = [];
  const pc = Array.from(pattern);
  for (let i = 0; i < pc.length; i++) {
    const c = pc[i]!;
    if (c === '\\') p.push({ any: false, many: false, ch: pc[++i]! });
    else p.push({ any: c === '_' || c === '%', many: c === '%', ch: c });
  }
  let row = [true, ...t.map(() => false)];
  for (const q of p) {
    const next = [q.many && row[0]!];
    for (let j = 1; j <= t.length; j++) next.push(q.many ? row[j]! || next[j - 1]! : row[j - 1]! && (q.any || q.ch === t[j - 1]));
    row = next;
  }
  return row[t.length]!;
}

describe('the LIKE matcher', () => {
  it('agrees with a reference matcher on generated texts and patterns', async () => {
    const { like } = await import('../../src/sql/functions/text/like.ts');
    let seed = 3;
    const rand = (n: number): number => Math.floor(((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * n);
    const T = ['a', 'b', '😀', '\n'], P = ['a', 'b', '😀', '%', '_', '\\%', '\\_', '\\\\'];
    const disagreements: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = '', p = '';
      for (let i = rand(9); i > 0; i--) s += T[rand(T.length)];
      for (let i = rand(8); i > 0; i--) p += P[rand(P.length)];
      if (like(s, p) !== referenceLike(s, p)) disagreements.push(`${JSON.stringify(s)} LIKE ${JSON.stringify(p)}`);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});
