/**
 * PostgreSQL's regular expressions (ARE, Henry Spencer's engine) run on JS RegExp after a
 * translation of the syntax they write differently. Where the two agree — literals, classes,
 * `\d \w \s`, bounded and lazy quantifiers, groups, back references, lookaround — results match.
 *
 * Known differences (not translated):
 *  - ARE alternation and quantifier greediness follow the "longest match of the whole RE" rule
 *    (`regexp_match('abcd', 'a|ab')` is `ab`); JS takes the first alternative that matches (`a`).
 *  - Case-insensitive matching folds Unicode letters in JS; PostgreSQL under the C locale folds
 *    ASCII only. `[[:alpha:]]` and friends are translated to their ASCII (C locale) sets.
 *  - BRE/ERE flags (`b`, `e`) are read as ARE; embedded options `(?i)` and `***=` are not supported.
 */
import { SqlError, SqlState } from '../../types/index.ts';

export interface RegexFlags {
  readonly global: boolean;
  readonly js: string; // flags for RegExp, always including 'u'
  readonly expanded: boolean;
  readonly literal: boolean;
  readonly newline: boolean; // negated brackets exclude \n
}

/** parse_re_flags: g i c n m p s t w x q b e; anything else is 22023. */
export function parseRegexFlags(flags: string, fn: string | null): RegexFlags {
  let global = false, icase = false, expanded = false, literal = false, dotNl = false, anchorNl = false;
  for (const f of flags) {
    switch (f) {
      case 'g':
        if (fn !== null) throw new SqlError(SqlState.invalidParameterValue, `${fn} does not support the "global" option`);
        global = true; break;
      case 'i': icase = true; break;
      case 'c': icase = false; break;
      case 'n': case 'm': dotNl = true; anchorNl = true; break;
      case 'p': dotNl = true; anchorNl = false; break;
      case 'w': dotNl = false; anchorNl = true; break;
      case 's': dotNl = false; anchorNl = false; break;
      case 'x': expanded = true; break;
      case 't': expanded = false; break;
      case 'q': literal = true; break;
      case 'b': case 'e': break;
      default: throw new SqlError(SqlState.invalidParameterValue, `invalid regular expression option: "${f}"`);
    }
  }
  const js = 'u' + (icase ? 'i' : '') + (dotNl ? '' : 's') + (anchorNl ? 'm' : '');
  return { global, js, expanded, literal, newline: dotNl };
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~', word: 'a-zA-Z0-9_', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~',
};
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));

function escapeLiteral(c: string): string {
  return JS_SYNTAX.has(c) ? '\\' + c : c;
}

/** ARE pattern text → JS pattern source. */
export function translatePattern(pattern: string, flags: RegexFlags): string {
  if (flags.literal) return Array.from(pattern).map(escapeLiteral).join('');
  const chars = Array.from(pattern);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (flags.expanded && /\s/.test(c)) continue;
    if (flags.expanded && c === '#') { while (i < chars.length && chars[i] !== '\n') i++; continue; }
    if (c === '\\') {
      const n = chars[++i];
      if (n === undefined) throw invalidRegex('invalid escape \\ sequence');
      switch (n) {
        case 'm': out += '\\b(?=\\w)'; break;
        case 'M': out += '\\b(?<=\\w)'; break;
        case 'y': out += '\\b'; break;
        case 'Y': out += '\\B'; break;
        case 'A': out += '(?<![\\s\\S])'; break;
        case 'Z': out += '(?![\\s\\S])'; break;
        default: out += /[A-Za-z0-9]/.test(n) ? '\\' + n : escapeLiteral(n);
      }
      continue;
    }
    if (c === '[') {
      const [cls, next] = translateBracket(chars, i, flags);
      out += cls;
      i = next;
      continue;
    }
    out += c;
  }
  return out;
}

/** A bracket expression starting at chars[i] === '['; returns the JS class and the index of its ']'. */
function translateBracket(chars: readonly string[], start: number, flags: RegexFlags): [string, number] {
  let i = start + 1;
  let out = '[';
  if (chars[i] === '^') { out += '^'; i++; if (flags.newline) out += '\\n'; }
  if (chars[i] === ']') { out += '\\]'; i++; }
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ']') return [out + ']', i];
    if (c === '[' && chars[i + 1] === ':') {
      const end = chars.indexOf(':', i + 2);
      const name = end > 0 && chars[end + 1] === ']' ? chars.slice(i + 2, end).join('') : undefined;
      const set = name === undefined ? undefined : POSIX_CLASSES[name];
      if (set === undefined) throw invalidRegex('invalid character class');
      out += set;
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      const n = chars[++i];
      if (n === undefined) break;
      out += /[A-Za-z0-9]/.test(n) || '-]\\^['.includes(n) ? '\\' + n : n;
      continue;
    }
    out += c === '[' ? '\\[' : c;
  }
  throw invalidRegex('brackets [] not balanced');
}

export const invalidRegex = (why: string): SqlError => new SqlError('2201B', `invalid regular expression: ${why}`);

const cache = new Map<string, RegExp>();

/** A compiled RegExp for a pattern and flags, cached (patterns are usually constants). */
export function compileRegex(pattern: string, flags: RegexFlags, extraJsFlags = ''): RegExp {
  const key = flags.js + extraJsFlags + (flags.expanded ? 'x' : '') + (flags.literal ? 'q' : '') + '\u0000' + pattern;
  let re = cache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(translatePattern(pattern, flags), flags.js + extraJsFlags);
    } catch (e) {
      if (e instanceof SqlError) throw e;
      throw invalidRegex((e as Error).message.replace(/^Invalid regular expression: /, ''));
    }
    if (cache.size >= 512) cache.clear();
    cache.set(key, re);
  }
  return re;
}
