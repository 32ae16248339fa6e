/**
 * SQL regular expressions (SIMILAR TO, substring(x SIMILAR p ESCAPE e)) as PostgreSQL runs
 * them: the parser rewrites `x SIMILAR TO p ESCAPE e` to `x ~ similar_to_escape(p, e)`, which
 * turns the SQL syntax into an ARE (regexp.c, similar_escape_internal) for the regex engine.
 */
import { SqlError } from '../../types/index.ts';
import { SqlState } from '../../../errors/index.ts';

/**
 * `%` → `.*`, `_` → `.`, `(` → `(?:`, `\ . ^ $` quoted, the escape character quotes the next
 * one, and escape-double-quote (`#"`) splits off the part substring() returns:
 * `^(?:part1){1,1}?(part2){1,1}(?:part3)$`.
 *
 * @example similarToEscape('a%#"b_#"', '#') // '^(?:a.*){1,1}?(b.){1,1}(?:)$'
 */
export function similarToEscape(pattern: string, escape: string | null = '\\'): string {
  const esc = escape === null ? null : Array.from(escape);
  if (esc !== null && esc.length > 1) throw new SqlError(SqlState.invalidEscapeSequence, 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  const e = esc === null || esc.length === 0 ? null : esc[0]!;
  let out = '^(?:';
  let afterEscape = false, inClass = false, quotes = 0;
  for (const c of pattern) {
    if (afterEscape) {
      if (c === '"' && !inClass) {
        if (quotes === 0) out += '){1,1}?(';
        else if (quotes === 1) out += '){1,1}(?:';
        else throw new SqlError(SqlState.invalidRegularExpression, 'SQL regular expression may not contain more than two escape-double-quote separators');
        quotes++;
      } else {
        out += '\\' + c;
      }
      afterEscape = false;
    } else if (c === e) {
      afterEscape = true;
    } else if (inClass) {
      out += c === '\\' ? '\\\\' : c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      out += c;
      inClass = true;
    } else if (c === '%') {
      out += '.*';
    } else if (c === '_') {
      out += '.';
    } else if (c === '(') {
      out += '(?:';
    } else if (c === '\\' || c === '.' || c === '^' || c === '$') {
      out += '\\' + c;
    } else {
      out += c;
    }
  }
  return out + ')$';
}
