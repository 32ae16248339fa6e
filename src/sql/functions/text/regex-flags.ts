/**
 * The flags argument of the regexp_* functions (regexp.c, parse_re_flags) and the options an
 * ARE may set for itself with a leading `(?xyz)` (regcomp.c): both fold into RegexOptions.
 */
import { SqlError, SqlState } from '../../types/index.ts';

export interface RegexOptions {
  /** `g`: every match, not the first (only where the function allows it). */
  readonly global: boolean;
  /** `i` (vs `c`): case-insensitive, folding ASCII letters as PostgreSQL under the C locale. */
  readonly icase: boolean;
  /** `x` (vs `t`): whitespace and `#` comments outside brackets are ignored. */
  readonly expanded: boolean;
  /** `q`: the whole pattern is a literal string. */
  readonly literal: boolean;
  /** `.` and `[^...]` do not match a newline (`n`, `p`). */
  readonly dotExcludesNewline: boolean;
  /** `^` and `$` also match at line boundaries (`n`, `w`). */
  readonly anchorsAtNewline: boolean;
}

export const DEFAULT_REGEX_OPTIONS: RegexOptions = {
  global: false, icase: false, expanded: false, literal: false, dotExcludesNewline: false, anchorsAtNewline: false,
};

/** Applies one option letter; returns undefined for a letter that is not an option. */
export function applyRegexOption(o: RegexOptions, letter: string): RegexOptions | undefined {
  switch (letter) {
    case 'i': return { ...o, icase: true };
    case 'c': return { ...o, icase: false };
    case 'n': case 'm': return { ...o, dotExcludesNewline: true, anchorsAtNewline: true };
    case 'p': return { ...o, dotExcludesNewline: true, anchorsAtNewline: false };
    case 'w': return { ...o, dotExcludesNewline: false, anchorsAtNewline: true };
    case 's': return { ...o, dotExcludesNewline: false, anchorsAtNewline: false };
    case 'x': return { ...o, expanded: true };
    case 't': return { ...o, expanded: false };
    case 'q': return { ...o, literal: true };
    // BRE and ERE are read as ARE: their syntax is almost a subset.
    case 'b': case 'e': return o;
    default: return undefined;
  }
}

/**
 * parse_re_flags: the letters g i c n m p s t w x q b e; anything else is 22023. `fn` names a
 * function that refuses `g` (with PostgreSQL's message), or is null where `g` is allowed.
 */
export function parseRegexFlags(flags: string, fn: string | null, hint?: string): RegexOptions {
  let o = DEFAULT_REGEX_OPTIONS;
  for (const f of flags) {
    if (f === 'g') {
      if (fn !== null) throw new SqlError(SqlState.invalidParameterValue, `${fn} does not support the "global" option`, hint === undefined ? undefined : { hint });
      o = { ...o, global: true };
      continue;
    }
    const next = applyRegexOption(o, f);
    if (next === undefined) throw new SqlError(SqlState.invalidParameterValue, `invalid regular expression option: "${f}"`);
    o = next;
  }
  return o;
}

/** SQLSTATE 2201B, as PostgreSQL reports a pattern it cannot compile. */
export const invalidRegex = (why: string): SqlError => new SqlError(SqlState.invalidRegularExpression, `invalid regular expression: ${why}`);
