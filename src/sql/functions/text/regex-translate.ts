/**
 * PostgreSQL's Advanced Regular Expressions (ARE, Henry Spencer's engine, regcomp.c) rewritten
 * in RE2's syntax, for the linear-time automaton of regex-engine.ts. What the two write alike
 * passes through; the rest is spelled out here, so that the meaning is PostgreSQL's:
 *
 *  - ARE escapes: `\b` is a backspace, `\B` a backslash, `\A \Z` the ends of the string,
 *    `\m \M` the start and end of a word, `\y \Y` a word boundary or not; `\s` includes `\v`.
 *  - Classes and case folding follow the C locale: `[[:alpha:]]`, `\w` and `i` cover ASCII.
 *    Case-insensitivity is spelled as brackets (`a` → `[aA]`), because RE2's `(?i)` folds
 *    Unicode letters too.
 *  - `n`/`p` newline-sensitivity also keeps negated brackets off `\n` (not `\D \S \W`).
 *  - A leading `***=`, `***:` or embedded options `(?ixn)`; `(?#comment)`; `x` mode.
 *  - PostgreSQL's rule for how long the whole match is: the RE's "greediness" is that of its
 *    first quantifier (an alternation is greedy). A greedy RE runs in RE2's leftmost-longest
 *    mode; a non-greedy one in its leftmost-first mode, which is close but not the same.
 *
 * What cannot run in linear time is refused with 2201B, never a hang: back references
 * (`\1`) and lookahead constraints (`(?=` `(?!`). Lookbehind `(?<=` `(?<!` runs on RE2JS's
 * linear-time captureless lookbehinds. docs/limits.md lists this for users.
 */
import { applyRegexOption, invalidRegex, type RegexOptions } from './regex-flags.ts';

export interface TranslatedRegex {
  /** RE2 syntax, with the newline options as leading inline flags. */
  readonly source: string;
  /** The whole RE prefers the longest match (PostgreSQL's greediness; see above). */
  readonly longest: boolean;
  /** The source uses lookbehind (RE2JS needs its LOOKBEHINDS flag). */
  readonly lookbehind: boolean;
  /** The pattern is this plain string, perhaps anchored (so a search is indexOf), or null. */
  readonly plain: PlainPattern | null;
}

/** `abc`, `^abc`, `abc$` or `^abc$`: a search for a plain string. */
export interface PlainPattern {
  readonly text: string;
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

type Greed = 'longest' | 'shortest' | null;

/** One translated piece: its RE2 text, its greediness, and whether it is a constraint (cannot be quantified). */
interface Part {
  readonly src: string;
  readonly greed: Greed;
  readonly constraint: boolean;
}

/** PostgreSQL's RE_DUPMAX: the largest repetition count. */
const DUPMAX = 255;
const WORD = '0-9A-Za-z_';
const SPACE = '\\t\\n\\v\\f\\r ';
const POSIX_CLASSES = new Set(['alnum', 'alpha', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'xdigit', 'word']);
const RE2_META = new Set('\\.+*?()|[]{}^$'.split(''));
const BRACKET_META = new Set('\\]-[^'.split(''));

export function translateRegex(pattern: string, base: RegexOptions): TranslatedRegex {
  let options = base;
  let rest = pattern;
  if (!options.literal && rest.startsWith('***=')) { options = { ...options, literal: true }; rest = rest.slice(4); }
  else if (!options.literal && rest.startsWith('***:')) rest = rest.slice(4);
  if (!options.literal) [options, rest] = embeddedOptions(rest, options);
  const flags = (options.dotExcludesNewline ? '' : 's') + (options.anchorsAtNewline ? 'm' : '');
  const prefix = flags === '' ? '' : `(?${flags})`;
  const chars = Array.from(rest);
  if (options.literal) {
    const src = chars.map((c) => literalChar(c.codePointAt(0)!, options.icase)).join('');
    return { source: prefix + src, longest: true, lookbehind: false, plain: options.icase ? null : { text: rest, atStart: false, atEnd: false } };
  }
  const t = new AreTranslator(chars, options);
  const re = t.translate();
  return { source: prefix + re.src, longest: re.greed !== 'shortest', lookbehind: t.lookbehind, plain: t.plain ? { text: t.plainText, atStart: t.atStart, atEnd: t.atEnd } : null };
}

/** A leading `(?letters)` sets options for the rest of the RE. */
function embeddedOptions(pattern: string, options: RegexOptions): [RegexOptions, string] {
  const m = /^\(\?([a-z]*)\)/.exec(pattern);
  if (m === null) return [options, pattern];
  let o = options;
  for (const letter of m[1]!) {
    const next = applyRegexOption(o, letter);
    if (next === undefined) throw invalidRegex('invalid embedded option');
    o = next;
  }
  return [o, pattern.slice(m[0].length)];
}

/** Recursive descent over the ARE grammar (re := branch ('|' branch)*; branch := piece*). */
class AreTranslator {
  private i = 0;
  /** Capturing groups opened so far (to tell a back reference from an octal escape). */
  private groups = 0;
  private inLookbehind = 0;
  lookbehind = false;
  /** Nothing but literal characters so far, and what they spell. */
  plain: boolean;
  plainText = '';
  atStart = false;
  atEnd = false;

  private readonly cs: readonly string[];
  private readonly o: RegexOptions;

  constructor(cs: readonly string[], o: RegexOptions) {
    this.cs = cs;
    this.o = o;
    this.plain = !o.icase && !o.expanded;
  }

  translate(): Part {
    const re = this.alternation();
    if (this.i < this.cs.length) throw invalidRegex('parentheses () not balanced');
    return re;
  }

  private alternation(): Part {
    const branches = [this.branch()];
    while (this.cs[this.i] === '|') {
      this.i++;
      this.plain = false;
      branches.push(this.branch());
    }
    if (branches.length === 1) return branches[0]!;
    return { src: branches.map((b) => b.src).join('|'), greed: 'longest', constraint: false };
  }

  private branch(): Part {
    let src = '';
    let greed: Greed = null;
    for (;;) {
      this.skipIgnored();
      const c = this.cs[this.i];
      if (c === undefined || c === '|' || c === ')') break;
      const piece = this.piece();
      src += piece.src;
      greed ??= piece.greed;
    }
    return { src, greed, constraint: false };
  }

  private piece(): Part {
    const atom = this.atom();
    this.skipIgnored();
    const q = this.quantifier();
    if (q === null) return atom;
    this.plain = false;
    if (atom.constraint) throw invalidRegex('quantifier operand invalid');
    if (this.quantifierAhead()) throw invalidRegex('quantifier operand invalid');
    const greed = q.fixed ? atom.greed : q.lazy ? 'shortest' : 'longest';
    return { src: atom.src + q.src, greed, constraint: false };
  }

  private quantifierAhead(): boolean {
    const c = this.cs[this.i];
    return c === '*' || c === '+' || c === '?' || (c === '{' && isDigit(this.cs[this.i + 1]));
  }

  private quantifier(): { src: string; lazy: boolean; fixed: boolean } | null {
    if (!this.quantifierAhead()) return null;
    const c = this.cs[this.i++]!;
    let src = c;
    let fixed = false;
    if (c === '{') {
      const m = this.number();
      let n = m;
      const comma = this.cs[this.i] === ',';
      if (comma) {
        this.i++;
        n = isDigit(this.cs[this.i]) ? this.number() : Infinity;
      }
      if (this.cs[this.i] !== '}') throw invalidRegex('braces {} not balanced');
      this.i++;
      if (m > DUPMAX || (n !== Infinity && (n > DUPMAX || m > n))) throw invalidRegex('invalid repetition count(s)');
      fixed = !comma;
      src = `{${m}${comma ? ',' : ''}${comma && n !== Infinity ? n : ''}}`;
    }
    const lazy = this.cs[this.i] === '?';
    if (lazy) this.i++;
    return { src: src + (lazy ? '?' : ''), lazy, fixed };
  }

  private number(): number {
    let n = 0;
    while (isDigit(this.cs[this.i])) n = Math.min(n * 10 + Number(this.cs[this.i++]), 100000);
    return n;
  }

  private atom(): Part {
    const c = this.cs[this.i++]!;
    switch (c) {
      case '(': return this.group();
      case '[': this.plain = false; return atom(this.bracket());
      case '.': this.plain = false; return atom('.');
      case '^':
        // A leading ^ or trailing $ keeps a plain string plain (startsWith, endsWith), unless they also match at newlines.
        if (this.i === 1 && !this.o.anchorsAtNewline) this.atStart = true;
        else this.plain = false;
        return constraint('^');
      case '$':
        if (this.i === this.cs.length && !this.o.anchorsAtNewline) this.atEnd = true;
        else this.plain = false;
        return constraint('$');
      case '\\': return this.escape();
      case '*': case '+': case '?': throw invalidRegex('quantifier operand invalid');
      case '{':
        if (isDigit(this.cs[this.i])) throw invalidRegex('quantifier operand invalid');
        return atom(this.literal(c.codePointAt(0)!));
      default:
        return atom(this.literal(c.codePointAt(0)!));
    }
  }

  private group(): Part {
    this.plain = false;
    let open = '(';
    let isConstraint = false;
    if (this.cs[this.i] === '?') {
      const next = this.cs[this.i + 1];
      const after = this.cs[this.i + 2];
      if (next === ':') {
        open = '(?:';
        this.i += 2;
      } else if (next === '=' || next === '!') {
        throw invalidRegex('lookahead constraints (?= and (?! are not supported');
      } else if (next === '<' && (after === '=' || after === '!')) {
        open = `(?<${after}`;
        this.i += 3;
        isConstraint = true;
        this.lookbehind = true;
      } else {
        throw invalidRegex('invalid embedded option');
      }
    } else if (this.inLookbehind > 0) {
      open = '(?:'; // PostgreSQL: parentheses inside a lookaround constraint do not capture
    } else {
      this.groups++;
    }
    if (isConstraint) this.inLookbehind++;
    const inner = this.alternation();
    if (isConstraint) this.inLookbehind--;
    if (this.cs[this.i] !== ')') throw invalidRegex('parentheses () not balanced');
    this.i++;
    return { src: `${open}${inner.src})`, greed: isConstraint ? null : inner.greed, constraint: isConstraint };
  }

  /** An escape outside brackets (the backslash is consumed). */
  private escape(): Part {
    const c = this.cs[this.i++];
    if (c === undefined) throw invalidRegex('invalid escape \\ sequence');
    const shorthand = classShorthand(c);
    if (shorthand !== undefined) {
      this.plain = false;
      // Unlike a negated bracket, \D \S \W match a newline even when newline-sensitive.
      return atom(`[${c === 'D' || c === 'S' || c === 'W' ? '^' : ''}${shorthand}]`);
    }
    switch (c) {
      case 'A': this.plain = false; return constraint('\\A');
      case 'Z': this.plain = false; return constraint('\\z');
      case 'y': this.plain = false; return constraint('\\b');
      case 'Y': this.plain = false; return constraint('\\B');
      case 'm': case 'M':
        // RE2 has only \b; "a word starts here" is a boundary not preceded by a word character.
        this.plain = false;
        this.lookbehind = true;
        return constraint(`(?<${c === 'm' ? '!' : '='}[${WORD}])\\b`);
      default:
        if (isDigit(c) && c !== '0') return this.backReference(c);
        return atom(this.literal(this.charEscape(c)));
    }
  }

  /** `\N`: a back reference, which no linear-time engine can run; a multi-digit number past the groups is octal. */
  private backReference(first: string): Part {
    let digits = first;
    while (isDigit(this.cs[this.i])) digits += this.cs[this.i++];
    const n = Number(digits);
    if (digits.length > 1 && n > this.groups && /^[0-7]+$/.test(digits)) {
      this.i -= digits.length - Math.min(3, digits.length);
      return atom(this.literal(parseInt(digits.slice(0, 3), 8)));
    }
    if (n > this.groups) throw invalidRegex('invalid backreference number');
    throw invalidRegex(`back references (\\${digits}) are not supported`);
  }

  /** A character-entry escape (`\n`, `\x41`, `\u00e9`, `\cA`, `\0`...), after its backslash; its code point. */
  private charEscape(c: string): number {
    switch (c) {
      case 'a': return 0x07;
      case 'b': return 0x08;
      case 'B': return 0x5c;
      case 'e': return 0x1b;
      case 'f': return 0x0c;
      case 'n': return 0x0a;
      case 'r': return 0x0d;
      case 't': return 0x09;
      case 'v': return 0x0b;
      case 'c': {
        const x = this.cs[this.i++];
        if (x === undefined) throw invalidRegex('invalid escape \\ sequence');
        return x.codePointAt(0)! & 0x1f;
      }
      case 'u': return this.hex(4, 4);
      case 'U': return this.hex(8, 8);
      case 'x': return this.hex(1, 8);
      case '0': {
        let v = 0;
        for (let k = 0; k < 2 && /[0-7]/.test(this.cs[this.i] ?? ''); k++) v = v * 8 + Number(this.cs[this.i++]);
        return v;
      }
      default:
        if (/[A-Za-z0-9]/.test(c)) throw invalidRegex('invalid escape \\ sequence');
        return c.codePointAt(0)!;
    }
  }

  private hex(min: number, max: number): number {
    let text = '';
    while (text.length < max && /[0-9A-Fa-f]/.test(this.cs[this.i] ?? '')) text += this.cs[this.i++];
    const v = parseInt(text, 16);
    if (text.length < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw invalidRegex('invalid escape \\ sequence');
    return v;
  }

  /** A bracket expression after its `[`; returns the RE2 class. */
  private bracket(): string {
    const negated = this.cs[this.i] === '^';
    if (negated) this.i++;
    let items = '';
    for (let first = true; ; first = false) {
      const c = this.cs[this.i];
      if (c === undefined) throw invalidRegex('brackets [] not balanced');
      if (c === ']' && !first) break;
      if (c === '[' && this.cs[this.i + 1] === ':') {
        items += this.posixClass();
        continue;
      }
      const lo = this.bracketMember();
      if (typeof lo === 'string') {
        items += lo;
        continue;
      }
      const isRange = this.cs[this.i] === '-' && this.cs[this.i + 1] !== ']' && this.cs[this.i + 1] !== undefined;
      if (!isRange) {
        items += classRange(lo, lo, this.o.icase);
        continue;
      }
      this.i++;
      const hi = this.bracketMember();
      if (typeof hi === 'string' || hi < lo) throw invalidRegex('invalid character range');
      items += classRange(lo, hi, this.o.icase);
    }
    this.i++;
    return `[${negated ? '^' : ''}${negated && this.o.dotExcludesNewline ? '\\n' : ''}${items}]`;
  }

  /** `[:name:]` inside brackets (the C locale's ASCII sets, as RE2's). */
  private posixClass(): string {
    const end = this.cs.indexOf(':', this.i + 2);
    const name = end > 0 && this.cs[end + 1] === ']' ? this.cs.slice(this.i + 2, end).join('') : '';
    if (!POSIX_CLASSES.has(name)) throw invalidRegex('invalid character class');
    this.i = end + 2;
    return this.o.icase && (name === 'upper' || name === 'lower') ? '[:alpha:]' : `[:${name}:]`;
  }

  /** One member of a bracket expression: a code point, or RE2 class text for `\d \s \w \D \S \W`. */
  private bracketMember(): number | string {
    const c = this.cs[this.i++]!;
    if (c === '[' && (this.cs[this.i] === '.' || this.cs[this.i] === '=')) {
      // [.x.] collating element, [=x=] equivalence class: one character each in the C locale.
      const kind = this.cs[this.i]!;
      const ch = this.cs[this.i + 1];
      if (ch === undefined || this.cs[this.i + 2] !== kind || this.cs[this.i + 3] !== ']') throw invalidRegex('invalid collating element');
      this.i += 4;
      return ch.codePointAt(0)!;
    }
    if (c !== '\\') return c.codePointAt(0)!;
    const n = this.cs[this.i++];
    if (n === undefined) throw invalidRegex('brackets [] not balanced');
    if (n === 'd' || n === 's' || n === 'w') return classShorthand(n)!;
    if (n === 'D') return '[:^digit:]';
    if (n === 'S') return '[:^space:]';
    if (n === 'W') return '[:^word:]';
    if (isDigit(n) && n !== '0') throw invalidRegex('invalid escape \\ sequence');
    return this.charEscape(n);
  }

  private literal(cp: number): string {
    this.plainText += String.fromCodePoint(cp);
    return literalChar(cp, this.o.icase);
  }

  /** Whitespace and `#` comments in `x` mode, and `(?#...)` comments always. */
  private skipIgnored(): void {
    for (;;) {
      const c = this.cs[this.i];
      if (this.o.expanded && c !== undefined && ' \t\n\r\f\v'.includes(c)) {
        this.i++;
      } else if (this.o.expanded && c === '#') {
        while (this.i < this.cs.length && this.cs[this.i] !== '\n') this.i++;
      } else if (c === '(' && this.cs[this.i + 1] === '?' && this.cs[this.i + 2] === '#') {
        const end = this.cs.indexOf(')', this.i);
        if (end < 0) throw invalidRegex('parentheses () not balanced');
        this.i = end + 1;
        this.plain = false;
      } else {
        return;
      }
    }
  }
}

const atom = (src: string): Part => ({ src, greed: null, constraint: false });
const constraint = (src: string): Part => ({ src, greed: null, constraint: true });
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** `\d \s \w` and their negations as the members of a class (without brackets). */
function classShorthand(c: string): string | undefined {
  switch (c) {
    case 'd': case 'D': return '0-9';
    case 's': case 'S': return SPACE;
    case 'w': case 'W': return WORD;
    default: return undefined;
  }
}

/** The other ASCII case of a letter, or undefined. */
function otherCase(cp: number): number | undefined {
  if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
  if (cp >= 0x61 && cp <= 0x7a) return cp - 0x20;
  return undefined;
}

function literalChar(cp: number, icase: boolean): string {
  const other = icase ? otherCase(cp) : undefined;
  if (other !== undefined) return `[${String.fromCodePoint(cp)}${String.fromCodePoint(other)}]`;
  const ch = String.fromCodePoint(cp);
  if (RE2_META.has(ch)) return '\\' + ch;
  return cp < 0x20 || cp === 0x7f ? `\\x{${cp.toString(16)}}` : ch;
}

function classChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (BRACKET_META.has(ch)) return '\\' + ch;
  return cp < 0x20 || cp === 0x7f ? `\\x{${cp.toString(16)}}` : ch;
}

/** A class range lo–hi, with the ASCII letters' other case when case-insensitive. */
function classRange(lo: number, hi: number, icase: boolean): string {
  let out = lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`;
  if (!icase) return out;
  for (const [a, z, shift] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]] as const) {
    const from = Math.max(lo, a), to = Math.min(hi, z);
    if (from <= to) out += `${classChar(from + shift)}-${classChar(to + shift)}`;
  }
  return out;
}
