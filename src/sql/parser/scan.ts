/**
 * Character-level scanning shared by the statement splitter and the window-TVF rewrite:
 * skipping the lexical elements inside which `;`, `(` and keywords mean nothing
 * (string literals, quoted identifiers, dollar quotes, comments).
 *
 * Follows PostgreSQL's lexer (`src/backend/parser/scan.l`) with standard_conforming_strings
 * on: backslashes escape only in E'...' strings, block comments nest, a dollar quote's tag is
 * empty or an identifier and `$1` is a parameter, not a quote.
 * @see https://www.postgresql.org/docs/current/sql-syntax-lexical.html
 */

const CH_QUOTE = 39; // '
const CH_DQUOTE = 34; // "
const CH_DOLLAR = 36; // $
const CH_DASH = 45; // -
const CH_SLASH = 47; // /
const CH_STAR = 42; // *
const CH_BACKSLASH = 92; // \
const CH_NL = 10;

/** True for characters that may continue an unquoted identifier (letters, digits, `_`, `$`, non-ASCII). */
export function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === CH_DOLLAR || c >= 128
  );
}

/** True for characters that may start an unquoted identifier or keyword. */
export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === CH_NL || c === 13 || c === 12 || c === 11;
}

/**
 * If a quoted element (string, quoted identifier, dollar quote, comment) starts at `i`,
 * returns the index just past it (or `text.length` when it is unterminated); otherwise -1.
 */
export function skipQuoted(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === CH_QUOTE) {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    const escapes = (prev === 69 || prev === 101) && !(i > 1 && isIdentChar(text.charCodeAt(i - 2)));
    return skipString(text, i + 1, CH_QUOTE, escapes);
  }
  if (c === CH_DQUOTE) return skipString(text, i + 1, CH_DQUOTE, false);
  if (c === CH_DASH && text.charCodeAt(i + 1) === CH_DASH) {
    const nl = text.indexOf('\n', i + 2);
    return nl < 0 ? text.length : nl + 1;
  }
  if (c === CH_SLASH && text.charCodeAt(i + 1) === CH_STAR) return skipBlockComment(text, i);
  if (c === CH_DOLLAR && !(i > 0 && isIdentChar(text.charCodeAt(i - 1)))) return skipDollarQuote(text, i);
  return -1;
}

function skipString(text: string, i: number, quote: number, escapes: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (escapes && c === CH_BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (text.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
}

function skipBlockComment(text: string, i: number): number {
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === CH_SLASH && text.charCodeAt(i + 1) === CH_STAR) {
      depth++;
      i += 2;
    } else if (c === CH_STAR && text.charCodeAt(i + 1) === CH_SLASH) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return n;
}

function skipDollarQuote(text: string, i: number): number {
  let j = i + 1;
  if (j < text.length && text.charCodeAt(j) !== CH_DOLLAR) {
    if (!isIdentStart(text.charCodeAt(j))) return -1; // `$1` is a parameter
    while (j < text.length && isIdentChar(text.charCodeAt(j)) && text.charCodeAt(j) !== CH_DOLLAR) j++;
    if (text.charCodeAt(j) !== CH_DOLLAR) return -1;
  }
  const tag = text.slice(i, j + 1);
  const end = text.indexOf(tag, j + 1);
  return end < 0 ? text.length : end + tag.length;
}

/** True when `text[start, end)` holds only whitespace and comments. */
export function isBlank(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if ((c === CH_DASH && text.charCodeAt(i + 1) === CH_DASH) || (c === CH_SLASH && text.charCodeAt(i + 1) === CH_STAR)) {
      i = skipQuoted(text, i);
      continue;
    }
    return false;
  }
  return true;
}

/** Index of the first character at or after `i` that is neither whitespace nor inside a comment. */
export function skipBlank(text: string, i: number, end: number = text.length): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if ((c === CH_DASH && text.charCodeAt(i + 1) === CH_DASH) || (c === CH_SLASH && text.charCodeAt(i + 1) === CH_STAR)) {
      i = skipQuoted(text, i);
    } else break;
  }
  return Math.min(i, end);
}
