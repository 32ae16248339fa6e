/**
 * Rewrites Flink's window table-valued functions to RisingWave's call form, which is an
 * ordinary PostgreSQL function call in FROM and so parses with PostgreSQL's parser:
 *
 *   TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTES))
 *   →     TUMBLE(      t,            ts  , INTERVAL '10' MINUTE  )
 *
 * (also HOP, SESSION, CUMULATE, and Flink's named arguments `DATA => TABLE t`, which become
 * PostgreSQL named arguments). Inside the call, Flink's plural interval units (`MINUTES`)
 * become PostgreSQL's singular ones; elsewhere `INTERVAL '1' MINUTES` keeps PostgreSQL's
 * meaning (an interval aliased "minutes").
 *
 * The rewrite works on tokens and only ever replaces characters by spaces or by text of the
 * same length, so the position map back to the user's text is the identity: every location
 * PostgreSQL reports in the rewritten text is already right in the original. Not handled:
 * SESSION's `PARTITION BY` inside the table argument, DESCRIPTOR with several columns.
 */
import { isIdentChar, isIdentStart, isSpace, skipQuoted } from './scan.ts';

const WINDOW_FUNCTIONS = new Set(['TUMBLE', 'HOP', 'SESSION', 'CUMULATE']);
const PLURAL_UNITS = new Set(['SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'MONTHS', 'YEARS']);
const QUICK_CHECK = /table\s*\(/i;

export interface Token {
  readonly start: number;
  readonly end: number;
  /** Upper-cased word, the punctuation itself, or '' for literals and other tokens. */
  readonly text: string;
  readonly isString: boolean;
}

/** Returns `sql` with Flink window TVFs rewritten; the result has the same length. */
export function rewriteWindowTvfs(sql: string): string {
  if (!QUICK_CHECK.test(sql)) return sql;
  const tokens = tokenize(sql);
  const out: string[] = sql.split('');
  const blank = (t: Token): void => {
    for (let k = t.start; k < t.end; k++) out[k] = ' ';
  };
  let changed = false;
  for (let i = 0; i + 3 < tokens.length; i++) {
    const [t0, t1, t2, t3] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!, tokens[i + 3]!];
    if (t0.text !== 'TABLE' || t1.text !== '(' || !WINDOW_FUNCTIONS.has(t2.text) || t3.text !== '(') continue;
    const outerClose = matchingParen(tokens, i + 1);
    const innerClose = matchingParen(tokens, i + 3);
    if (outerClose < 0 || innerClose < 0) continue;
    blank(t0);
    blank(t1);
    blank(tokens[outerClose]!);
    rewriteArguments(tokens, i + 4, innerClose, out, blank);
    changed = true;
  }
  return changed ? out.join('') : sql;
}

function rewriteArguments(
  tokens: readonly Token[],
  from: number,
  to: number,
  out: string[],
  blank: (t: Token) => void,
): void {
  let depth = 0;
  let argStart = true;
  for (let j = from; j < to; j++) {
    const t = tokens[j]!;
    if (depth === 0 && argStart) {
      argStart = false;
      if (t.text === 'TABLE' && tokens[j + 1]?.text !== '(') {
        blank(t);
        continue;
      }
      if (t.text === 'DESCRIPTOR' && tokens[j + 1]?.text === '(') {
        const close = matchingParen(tokens, j + 1);
        if (close > 0 && close < to) {
          blank(t);
          blank(tokens[j + 1]!);
          blank(tokens[close]!);
          j++;
          continue;
        }
      }
    }
    if (t.text === 'INTERVAL' && tokens[j + 1]?.isString === true && PLURAL_UNITS.has(tokens[j + 2]?.text ?? '')) {
      const unit = tokens[j + 2]!;
      out[unit.end - 1] = ' '; // MINUTES → MINUTE_
    }
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && (t.text === ',' || t.text === '=>')) argStart = true;
  }
}

function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const text = tokens[j]!.text;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return j;
  }
  return -1;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const quoted = skipQuoted(sql, i);
    if (quoted >= 0) {
      const ch = sql[i];
      if (ch === "'" || ch === '$') tokens.push({ start: i, end: quoted, text: '', isString: true });
      else if (ch === '"') tokens.push({ start: i, end: quoted, text: '', isString: false });
      i = quoted;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(sql.charCodeAt(j))) j++;
      // E'...' / U&'...' / B'...' prefixes: the string token follows immediately.
      tokens.push({ start: i, end: j, text: sql.slice(i, j).toUpperCase(), isString: false });
      i = j;
      continue;
    }
    if (c === 61 /* = */ && sql.charCodeAt(i + 1) === 62 /* > */) {
      tokens.push({ start: i, end: i + 2, text: '=>', isString: false });
      i += 2;
      continue;
    }
    tokens.push({ start: i, end: i + 1, text: sql[i]!, isString: false });
    i++;
  }
  return tokens;
}
