/**
 * String functions against PostgreSQL: generated strings (ASCII, Latin-1, astral characters,
 * empty) through every function, with random counts and positions including negative and zero.
 */
import { describe, it } from 'vitest';
import { sessionWithTimeZone } from '../../../src/sql/types/index.ts';
import { usePostgres } from '../../support/postgres.ts';
import { int, pick, rng } from '../types/oracle.ts';
import { compareCalls, expectAllMatch, functionCall, operatorCall, type Arg, type Call } from './harness.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const session = sessionWithTimeZone('UTC');

const ALPHABET = ['a', 'b', 'c', 'A', 'Z', ' ', ' ', ',', '-', '_', '.', 'é', 'ß', 'Ä', '€', '😀', '1', '9', "'", '"', '\\', '%', '\n', 'x'];
function randomText(r: () => number, max = 12): string {
  let s = '';
  const n = int(r, 0, max);
  for (let i = 0; i < n; i++) s += pick(r, ALPHABET);
  return s;
}
const t = (v: string | null): Arg => ['text', v];
const i = (v: number | null): Arg => ['integer', v === null ? null : String(v)];

describe.skipIf(pg.skipReason)('string functions match PostgreSQL', () => {
  it('on generated inputs', async () => {
    const r = rng(42);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    for (let k = 0; k < 60; k++) {
      const s = randomText(r), s2 = randomText(r, 3), n = int(r, -4, 14), m = int(r, -3, 8);
      for (const name of ['length', 'char_length', 'octet_length', 'lower', 'upper', 'initcap', 'reverse', 'md5', 'ascii', 'btrim', 'ltrim', 'rtrim', 'quote_ident', 'quote_literal'])
        f(name, t(s));
      f('substr', t(s), i(n)); f('substr', t(s), i(n), i(m)); f('substring', t(s), i(n), i(m));
      f('strpos', t(s), t(s2)); f('pg_catalog.position', t(s), t(s2)); f('replace', t(s), t(s2), t(randomText(r, 3)));
      f('split_part', t(s), t(s2), i(n)); f('left', t(s), i(n)); f('right', t(s), i(n)); f('repeat', t(s2), i(m));
      f('lpad', t(s), i(n)); f('rpad', t(s), i(n), t(s2)); f('lpad', t(s), i(m), t(s2));
      f('btrim', t(s), t(s2)); f('ltrim', t(s), t(s2)); f('rtrim', t(s), t(s2));
      f('starts_with', t(s), t(s2)); f('translate', t(s), t(s2), t(randomText(r, 2)));
      f('concat', t(s), i(n), [null, s2], ['boolean', 'true'], ['numeric', '1.50'], t(null));
      f('concat_ws', t(s2), t(s), t(null), ['double precision', '0.1'], ['date', '2024-02-29']);
      f('chr', i(pick(r, [65, 233, 8364, 128512, 0, -1, 55296, 1114112, 1114111, 10])));
      f('to_hex', i(int(r, -1000, 1000000))); f('to_hex', ['bigint', pick(r, ['-1', '9223372036854775807', '255'])]);
    }
    f('concat_ws', t(null), t('a')); f('concat', t(null)); f('repeat', t('ab'), i(-1));
    f('split_part', t(''), t(','), i(1)); f('split_part', t('a,b'), t(''), i(-1)); f('split_part', t('a,b'), t(''), i(2));
    f('substr', t('hello'), i(2), i(-1)); f('lpad', t('hi'), i(5), t('')); f('rpad', t('hello'), i(2));
    const tally = await compareCalls(pg, calls);
    expectAllMatch('string functions', tally, 2000);
  });

  it('format, LIKE and regular expressions', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const formats = ['%s', '%s-%s', '%I', '%L', '%%', '%2$s %1$s', '%10s|', '%-10s|', '%*s|', '%-*s|', '%1$*2$s|', '%s %s %s', '%x', '%', '%0$s', '%3$s'];
    const values: Arg[] = [t('abc'), t(null), i(7), t('Select'), t("it's"), t('a\\b'), ['boolean', 'false'], ['numeric', '-0.5'], t('user_1'), t('select')];
    for (const fmt of formats) for (let k = 0; k < values.length; k += 2) f('format', t(fmt), values[k]!, values[k + 1]!, i(3));
    for (const v of values) { f('quote_nullable', v); f('quote_ident', t(v[1])); f('quote_literal', v); }
    f('format', t(null), t('a')); f('format', t('plain'));
    const like: Array<[string, string]> = [['abc', 'a%'], ['abc', '_b_'], ['abc', 'A%'], ['a%c', 'a\\%c'], ['a_c', 'a\\_c'], ['abc', 'a\\'], ['', '%'], ['ABC', 'a%c'],
      ['x.y', 'x.y'], ['x+y', 'x+_'], ['😀b', '_b'], ['line\nbreak', 'line%'], ['abc', 'abc'], ['abc', '%b%'], ['ab', 'a(b'], ['a(b', 'a(b']];
    for (const [s, p] of like) for (const op of ['~~', '~~*', '!~~', '!~~*']) calls.push(operatorCall(op, t(s), t(p), session));
    for (const [p, e] of [['a#%', '#'], ['a%', ''], ['a\\b', '#'], ['ab', 'xy']] as const) f('like_escape', t(p), t(e));
    const res: Array<[string, string, string, string]> = [
      ['hello world', 'o', '0', 'g'], ['hello world', 'o', '0', ''], ['Hello', 'h', 'X', 'i'], ['abc', '(b)', '[\\1]', ''],
      ['abc', 'b', '\\&\\&', 'g'], ['a.b.c', '\\.', '$', 'g'], ['foo123bar', '[0-9]+', '#', ''], ['aaa', 'a*', '-', 'g'],
      ['abc', '[[:alpha:]]', 'L', 'g'], ['ab12', '[[:digit:]]', 'D', 'g'], ['line1\nline2', '^l', 'L', 'gn'], ['line1\nline2', '^l', 'L', 'g'],
      ['x', '(', 'y', ''], ['abc', 'b', 'y', 'z'], ['tab\there', '\\s', '_', 'g'], ['snake_case_word', '_(\\w)', '-\\1', 'g'],
      ['a-b', '[a\\-]', '+', 'g'], ['2024-01-05', '(\\d+)-(\\d+)-(\\d+)', '\\3/\\2/\\1', ''], ['ab', '\\mb', 'X', 'g'], ['a b', '\\yb', 'X', 'g'],
    ];
    for (const [s, p, rep, fl] of res) {
      f('regexp_replace', t(s), t(p), t(rep), t(fl));
      f('regexp_like', t(s), t(p)); f('regexp_count', t(s), t(p)); f('regexp_substr', t(s), t(p)); f('substring', t(s), t(p));
      f('regexp_count', t(s), t(p), i(2)); f('regexp_substr', t(s), t(p), i(1), i(2));
      for (const op of ['~', '~*', '!~', '!~*']) calls.push(operatorCall(op, t(s), t(p), session));
    }
    f('regexp_like', t('abc'), t('B'), t('i')); f('regexp_like', t('abc'), t('B'), t('g')); f('regexp_count', t('abc'), t(''), i(0));
    const tally = await compareCalls(pg, calls);
    expectAllMatch('format/LIKE/regex', tally, 300);
  });

  it('overlay, bit_length, textlen, normalize, is_normalized and unistr', async () => {
    const r = rng(8);
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    for (let k = 0; k < 80; k++) {
      const s = randomText(r), s2 = randomText(r, 4), n = int(r, -2, 14), m = int(r, -3, 8);
      f('overlay', t(s), t(s2), i(n)); f('overlay', t(s), t(s2), i(n), i(m));
      f('bit_length', t(s)); f('textlen', t(s));
    }
    f('overlay', t('abc'), t('x'), i(2147483647), i(1)); f('overlay', t('Txxxxas'), t('hom'), i(2), i(4));
    const unicode = ['e\u0301', 'caf\u00e9', '\u00c5', 'A\u030a', '\ufb01', '\u2460', '\u1e9b\u0323', 'plain', '', '\u3300', '\uac00', '\u1100\u1161'];
    for (const u of unicode) {
      const text = u;
      for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD', 'nfkc', 'bogus']) { f('pg_catalog.normalize', t(text), t(form)); f('is_normalized', t(text), t(form)); }
      f('pg_catalog.normalize', t(text)); f('is_normalized', t(text));
    }
    const escapes = String.raw`d\0061t\+000061|\u00e9|\U0001F600|\d83d\de00|\\|a\|\0000|\d83d|\de00x|\d83dx|\+11FFFF|\uZZZZ|\12|\+0061|plain|\D83D\uDE00`.split('|');
    for (const u of escapes)
      f('unistr', t(u));
    const tally = await compareCalls(pg, calls);
    expectAllMatch('overlay/normalize/unistr', tally, 300);
  });

  it('regexp_instr, regexp_replace from a position, subexpressions, notlike and similar_escape', async () => {
    const calls: Call[] = [];
    const f = (name: string, ...args: Arg[]): void => { calls.push(functionCall(name, args, session)); };
    const cases: Array<[string, string]> = [['abcabc', 'b'], ['abcabc', '(b)(c)'], ['aaa', 'a*'], ['a😀b😀', '😀'], ['foo123bar45', '[0-9]+'], ['xyz', 'q'], ['abc', '(x)?b'],
      ['Hello World', 'o'], ['', 'a*'], ['2024-01-05', '(\\d+)-(\\d+)']];
    for (const [s, p] of cases) {
      for (const start of [1, 2, 4, 0]) {
        f('regexp_instr', t(s), t(p), i(start));
        for (const n of [1, 2, 0]) {
          f('regexp_instr', t(s), t(p), i(start), i(n));
          for (const end of [0, 1, 2]) for (const sub of [0, 1, 2, -1]) f('regexp_instr', t(s), t(p), i(start), i(n), i(end), t(''), i(sub));
          f('regexp_instr', t(s), t(p), i(start), i(n), i(0), t('i'));
          f('regexp_replace', t(s), t(p), t('<\\&>'), i(start), i(n));
          f('regexp_replace', t(s), t(p), t('#'), i(start), i(n), t(pick(rng(start * 7 + n), ['', 'g', 'i', 'x'])));
          f('regexp_substr', t(s), t(p), i(Math.max(start, 1)), i(Math.max(n, 1)), t(''), i(n));
        }
        f('regexp_replace', t(s), t(p), t('_'), i(start));
      }
      f('regexp_instr', t(s), t(p)); f('regexp_instr', t(s), t(p), i(1), i(1), i(0), t('g'));
    }
    const likes: Array<[string, string]> = [['abc', 'a%'], ['abc', 'b'], ['a_c', 'a\\_c'], ['', '']];
    for (const [s, p] of likes) f('notlike', t(s), t(p));
    const escapes: Array<[string | null, string | null]> = [['a%b', null], ['a%b', '#'], ['a#%b', '#'], ['a\\%', null], ['(a|b)*', ''], [null, '#']];
    for (const [p, e] of escapes) f('similar_escape', t(p), t(e));
    const tally = await compareCalls(pg, calls);
    expectAllMatch('regexp_instr / regexp_replace / notlike', tally, 2000);
  });
});
