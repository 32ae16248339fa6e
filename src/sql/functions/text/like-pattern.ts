/**
 * LIKE patterns matched without backtracking. A pattern is split on `%` into segments of
 * fixed length in characters (literal runs and `_`); the first segment must match at the
 * start, the last at the end, and each one between at its leftmost place after the previous
 * one — which is always right, because a segment found earlier leaves more room for the rest.
 * So a match costs at most (text length × pattern length), never exponential time as the
 * RegExp `^.*a.*a...b$` can (`repeat('a', 5000) LIKE repeat('%a', 60) || 'b'`).
 *
 * `_` is one character: a surrogate pair counts as one, as a code point does in PostgreSQL.
 */
import { SqlError } from '../../types/index.ts';
import { SqlState } from '../../../errors/index.ts';

/** A run of literal text, or this many `_`. */
type Piece = string | number;
type Segment = readonly Piece[];

export class LikePattern {
  /** Segments between `%`s; one segment means the pattern has no `%`. */
  private readonly segments: readonly Segment[];
  /**
   * For a pattern ending in a lone escape, which never matches: the texts on which
   * PostgreSQL's matcher reaches that escape and raises 22025 (the rest of the pattern
   * matches a prefix and text is left over), as the pattern without it followed by `_%`.
   */
  private readonly reachesTrailingEscape: LikePattern | null;

  private constructor(segments: readonly Segment[], reachesTrailingEscape: LikePattern | null) {
    this.segments = segments;
    this.reachesTrailingEscape = reachesTrailingEscape;
  }

  /** Parses a pattern with backslash as the escape (like_escape rewrites others to it). */
  static compile(pattern: string): LikePattern {
    const segments: Piece[][] = [[]];
    let current = segments[0]!;
    let literal = '';
    const flush = (): void => {
      if (literal !== '') current.push(literal);
      literal = '';
    };
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '\\') {
        if (++i >= pattern.length) return new LikePattern([], LikePattern.compile(pattern.slice(0, -1) + '_%'));
        literal += pattern[i];
      } else if (c === '%') {
        flush();
        if (current.length > 0 || segments.length === 1) segments.push((current = []));
      } else if (c === '_') {
        flush();
        const lastPiece = current[current.length - 1];
        if (typeof lastPiece === 'number') current[current.length - 1] = lastPiece + 1;
        else current.push(1);
      } else {
        literal += c;
      }
    }
    flush();
    return new LikePattern(segments, null);
  }

  test(s: string): boolean {
    if (this.reachesTrailingEscape !== null) {
      if (this.reachesTrailingEscape.test(s)) throw new SqlError(SqlState.invalidEscapeSequence, 'LIKE pattern must not end with escape character');
      return false;
    }
    const segs = this.segments;
    const n = segs.length;
    if (n === 1) return matchForward(s, 0, segs[0]!, s.length) === s.length;
    const afterFirst = matchForward(s, 0, segs[0]!, s.length);
    if (afterFirst < 0) return false;
    const beforeLast = matchBackward(s, s.length, segs[n - 1]!, afterFirst);
    if (beforeLast < 0) return false;
    let at = afterFirst;
    for (let k = 1; k < n - 1; k++) {
      at = findLeftmost(s, at, segs[k]!, beforeLast);
      if (at < 0) return false;
    }
    return true;
  }
}

/** Where a segment matching at `from` ends, or -1 (not past `limit`). */
function matchForward(s: string, from: number, seg: Segment, limit: number): number {
  let at = from;
  for (const p of seg) {
    if (typeof p === 'string') {
      if (at + p.length > limit || !s.startsWith(p, at)) return -1;
      at += p.length;
    } else {
      for (let k = 0; k < p; k++) {
        if (at >= limit) return -1;
        at += isPairAt(s, at) ? 2 : 1;
      }
    }
  }
  return at <= limit ? at : -1;
}

/** Where a segment matching up to `end` starts, or -1 (not before `floor`). */
function matchBackward(s: string, end: number, seg: Segment, floor: number): number {
  let at = end;
  for (let i = seg.length - 1; i >= 0; i--) {
    const p = seg[i]!;
    if (typeof p === 'string') {
      if (at - p.length < floor || !s.startsWith(p, at - p.length)) return -1;
      at -= p.length;
    } else {
      for (let k = 0; k < p; k++) {
        if (at <= floor) return -1;
        at -= at - 2 >= floor && isPairAt(s, at - 2) ? 2 : 1;
      }
    }
  }
  return at;
}

/** The end of the leftmost match of a segment in s[from, limit), or -1. */
function findLeftmost(s: string, from: number, seg: Segment, limit: number): number {
  const head = seg[0];
  for (let at = from; at <= limit; ) {
    if (typeof head === 'string') {
      at = s.indexOf(head, at);
      if (at < 0 || at + head.length > limit) return -1;
    }
    const end = matchForward(s, at, seg, limit);
    if (end >= 0) return end;
    at += isPairAt(s, at) ? 2 : 1;
  }
  return -1;
}

/** A surrogate pair (one character) starts at s[i]. */
function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}
