import { isBlank, isSpace, skipBlank, skipQuoted } from './scan.ts';
import type { Span } from './ast/span.ts';

/**
 * Splits a script into statements at `;` outside string literals, quoted identifiers,
 * dollar quotes and comments, as psql and PostgreSQL's simple query protocol do.
 *
 * Each span starts at the statement's first token (leading comments and whitespace are left
 * out) and ends after its last character before the `;` (trailing whitespace left out).
 * Empty statements (`;;`, a script of comments) produce no span.
 *
 * @example
 * splitStatements("select ';'; -- note\nflush;")
 * // → [{ start: 0, end: 10 }, { start: 20, end: 25 }]
 */
export function splitStatements(text: string): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */) {
      pushSpan(text, start, i, spans);
      start = ++i;
      continue;
    }
    const skipped = skipQuoted(text, i);
    i = skipped >= 0 ? skipped : i + 1;
  }
  pushSpan(text, start, n, spans);
  return spans;
}

function pushSpan(text: string, start: number, end: number, spans: Span[]): void {
  if (isBlank(text, start, end)) return;
  const s = skipBlank(text, start, end);
  let e = end;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  spans.push({ start: s, end: e });
}
