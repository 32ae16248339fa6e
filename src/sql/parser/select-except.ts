/**
 * `SELECT * EXCEPT (col, t.col, ...)` and `t.* EXCEPT (...)` (RisingWave's, as BigQuery's and
 * DuckDB's): the star without the columns named. Not in PostgreSQL's grammar, so the clause
 * is blanked out before PostgreSQL's parser reads the text (same length, so positions stay
 * right) and afterwards put back on the star's ColumnRef as `except`: each item's name parts
 * as PostgreSQL folds them, or null for an item that is not a column name. The select list's
 * expansion of the star leaves those columns out (planner/plan-select-list.ts).
 */
import { tokenize, type Token } from './tvf-rewrite.ts';
import { forEachNode, type Obj } from './tree-walk.ts';

export interface ExceptMark {
  /** Offset of the star's ColumnRef (its first name, or the star) in the text. */
  readonly at: number;
  readonly columns: ReadonlyArray<readonly string[] | null>;
}

const QUICK_CHECK = /\*\s*except\s*\(/i;
const QUERY_START = new Set(['SELECT', 'VALUES', 'WITH', 'TABLE']);

export function rewriteSelectExcept(sql: string): { text: string; marks: ExceptMark[] } {
  if (!QUICK_CHECK.test(sql)) return { text: sql, marks: [] };
  const tokens = tokenize(sql);
  const out = sql.split('');
  const marks: ExceptMark[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.text !== '*' || tokens[i + 1]!.text !== 'EXCEPT' || tokens[i + 2]!.text !== '(') continue;
    if (QUERY_START.has(tokens[i + 3]?.text ?? '') || tokens[i + 3]?.text === '(') continue; // `* EXCEPT (SELECT ...)`: a set operation
    const close = tokens.findIndex((t, k) => k > i + 2 && t.text === ')');
    if (close < 0) continue;
    marks.push({ at: starStart(tokens, i, sql), columns: items(tokens.slice(i + 3, close), sql) });
    for (let k = tokens[i + 1]!.start; k < tokens[close]!.end; k++) out[k] = ' ';
    i = close;
  }
  return { text: marks.length === 0 ? sql : out.join(''), marks };
}

/** Where the star's reference starts: `*`, or the first name of `s.t.*`. */
function starStart(tokens: readonly Token[], star: number, sql: string): number {
  let k = star;
  while (k >= 2 && tokens[k - 1]!.text === '.' && isName(tokens[k - 2]!, sql)) k -= 2;
  return tokens[k]!.start;
}

const isName = (t: Token, sql: string): boolean => !t.isString && (t.text === '' ? sql[t.start] === '"' : /^[A-Z_]/.test(t.text));

/** The comma-separated items of the list: name parts, or null for anything else. */
function items(tokens: readonly Token[], sql: string): Array<string[] | null> {
  const result: Array<string[] | null> = [];
  let current: Token[] = [];
  const flush = (): void => {
    const names = current.filter((_, k) => k % 2 === 0);
    const dots = current.filter((_, k) => k % 2 === 1);
    const ok = current.length % 2 === 1 && names.every((t) => isName(t, sql)) && dots.every((t) => t.text === '.');
    result.push(ok ? names.map((t) => fold(sql.slice(t.start, t.end))) : null);
    current = [];
  };
  for (const t of tokens) {
    if (t.text === ',') flush();
    else current.push(t);
  }
  flush();
  return result;
}

const fold = (raw: string): string => (raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());


/** Puts each mark's list on the star ColumnRef of `tree` at its offset (locations relative to `base`). */
export function applySelectExcept(tree: unknown, marks: readonly ExceptMark[], base = 0): void {
  if (marks.length === 0) return;
  forEachNode(tree, (node) => {
    const ref = (node as Obj).ColumnRef as Obj | undefined;
    if (ref !== undefined && Array.isArray(ref.fields) && (ref.fields as Obj[]).some((f) => 'A_Star' in f)) {
      const mark = marks.find((m) => m.at + base === ref.location);
      if (mark !== undefined) ref.except = mark.columns;
    }
  });
}
