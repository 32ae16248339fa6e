/**
 * Regular expressions on a linear-time automaton: RE2JS (a pure-JS port of RE2), fed the RE2
 * translation of PostgreSQL's syntax (regex-translate.ts). Matching time grows with the length
 * of the text times the size of the pattern, never exponentially as JS RegExp's backtracking
 * can (`repeat('a', 34) || '!' ~ '^(a+)+$'`).
 *
 * Compiled patterns are cached per option set (pattern-cache.ts): a constant pattern compiles
 * once, patterns that vary by row go through a small LRU.
 *
 * @example
 *   const re = compiledRegex('(\\d+)-(\\d+)', DEFAULT_REGEX_OPTIONS);
 *   re.test('a 12-34');                  // true
 *   re.first('a 12-34', 0)?.groups;      // ['12-34', '12', '34']
 */
import { RE2JS, RE2JSException } from 're2js';
import { PatternCache } from './pattern-cache.ts';
import { invalidRegex, type RegexOptions } from './regex-flags.ts';
import { translateRegex, type PlainPattern } from './regex-translate.ts';

export interface RegexMatch {
  /** UTF-16 offsets of the whole match. */
  readonly start: number;
  readonly end: number;
  /** The match (0) and each capturing group; null where a group took no part. */
  readonly groups: readonly (string | null)[];
  /** UTF-16 start and end offset of the match and of each group (start 2g, end 2g + 1); -1 where a group took no part. */
  readonly offsets: readonly number[];
}

export class CompiledRegex {
  private readonly re: RE2JS;
  /** Set when the pattern is a plain string: a search is then indexOf. */
  private readonly plain: PlainPattern | null;
  readonly groupCount: number;

  private constructor(re: RE2JS, plain: PlainPattern | null, groupCount: number) {
    this.re = re;
    this.plain = plain;
    this.groupCount = groupCount;
  }

  static compile(pattern: string, options: RegexOptions): CompiledRegex {
    const t = translateRegex(pattern, options);
    const flags = (t.longest ? RE2JS.LONGEST_MATCH : 0) | (t.lookbehind ? RE2JS.LOOKBEHINDS : 0);
    try {
      const re = RE2JS.compile(t.source, flags);
      return new CompiledRegex(re, t.plain, re.groupCount());
    } catch (e) {
      if (!(e instanceof RE2JSException)) throw e;
      // What the translation let through and RE2 still refuses (a repetition nested past its limits).
      throw invalidRegex(e.message.replace(/^error parsing regexp: /, ''));
    }
  }

  /** Whether the pattern matches somewhere in s. */
  test(s: string): boolean {
    const p = this.plain;
    if (p === null) return this.re.test(s);
    if (p.atStart) return p.atEnd ? s === p.text : s.startsWith(p.text);
    return p.atEnd ? s.endsWith(p.text) : s.includes(p.text);
  }

  /** The first match starting at or after UTF-16 offset `from` (`^` still means the start of s). */
  first(s: string, from: number): RegexMatch | null {
    return this.matches(s, from).next().value ?? null;
  }

  /**
   * Successive matches from `from`: each search starts where the last match ended, one
   * character further after an empty match (as PostgreSQL's regexp.c and JS's /g do).
   */
  *matches(s: string, from: number): Generator<RegexMatch, undefined> {
    const m = this.re.matcher(s);
    let at = from;
    while (at <= s.length && m.find(at)) {
      const groups: (string | null)[] = [];
      const offsets: number[] = [];
      for (let g = 0; g <= this.groupCount; g++) {
        const text = m.group(g);
        groups.push(text);
        if (text === null) offsets.push(-1, -1);
        else offsets.push(m.start(g), m.end(g));
      }
      const start = m.start(), end = m.end();
      yield { start, end, groups, offsets };
      at = end > start ? end : end + ((s.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
    }
    return undefined;
  }
}

/** Least recently used patterns beyond this many are compiled again when they come back. */
const LRU_CAPACITY = 256;

/** One cache per combination of the options that change compilation (5 bits). */
const caches: (PatternCache<CompiledRegex> | undefined)[] = [];

/** The compiled form of a pattern under the given options (`global` plays no part), cached. */
export function compiledRegex(pattern: string, o: RegexOptions): CompiledRegex {
  const key = (o.icase ? 1 : 0) | (o.expanded ? 2 : 0) | (o.literal ? 4 : 0) | (o.dotExcludesNewline ? 8 : 0) | (o.anchorsAtNewline ? 16 : 0);
  let cache = caches[key];
  if (cache === undefined) {
    const options = { ...o, global: false };
    caches[key] = cache = new PatternCache(LRU_CAPACITY, (p) => CompiledRegex.compile(p, options));
  }
  return cache.get(pattern);
}
