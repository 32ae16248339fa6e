/**
 * `UNION | INTERSECT | EXCEPT [ALL | DISTINCT] CORRESPONDING [BY (col, ...)]` (SQL:2016; not in
 * PostgreSQL's grammar): the clause is blanked out before PostgreSQL's parser reads the text
 * (same length, so every position stays right), and afterwards put back on the set operation
 * it belongs to — the one whose left side ends before the clause and right side starts after
 * it — as `corresponding: { by }` on that SelectStmt node. The planner then matches the two
 * sides' columns by name.
 */
import { tokenize } from './tvf-rewrite.ts';
import { forEachNode, type Obj } from './tree-walk.ts';

export interface CorrespondingMark {
  /** Offset of the CORRESPONDING keyword in the text. */
  readonly at: number;
  /** The BY list (names as PostgreSQL folds them), or null for all common columns. */
  readonly by: readonly string[] | null;
}

const SET_OPS = new Set(['UNION', 'INTERSECT', 'EXCEPT']);
const QUICK_CHECK = /corresponding/i;

export function rewriteCorresponding(sql: string): { text: string; marks: CorrespondingMark[] } {
  if (!QUICK_CHECK.test(sql)) return { text: sql, marks: [] };
  const tokens = tokenize(sql);
  const out = sql.split('');
  const marks: CorrespondingMark[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text !== 'CORRESPONDING') continue;
    const prev = tokens[i - 1]?.text ?? '';
    const prev2 = tokens[i - 2]?.text ?? '';
    if (!SET_OPS.has(prev) && !((prev === 'ALL' || prev === 'DISTINCT') && SET_OPS.has(prev2))) continue;
    let end = i;
    let by: string[] | null = null;
    if (tokens[i + 1]?.text === 'BY' && tokens[i + 2]?.text === '(') {
      by = [];
      let j = i + 3;
      for (; j < tokens.length && tokens[j]!.text !== ')'; j++) {
        const tok = tokens[j]!;
        if (tok.text === ',') continue;
        const raw = sql.slice(tok.start, tok.end);
        by.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());
      }
      end = j;
    }
    for (let k = t.start; k < (tokens[end]?.end ?? t.end); k++) out[k] = ' ';
    marks.push({ at: t.start, by });
  }
  return { text: out.join(''), marks };
}


/** The smallest and largest `location` in a parse tree (-1 when it has none). */
export function locations(tree: unknown, acc = { min: Infinity, max: -1 }): { min: number; max: number } {
  if (Array.isArray(tree)) {
    for (const t of tree) locations(t, acc);
  } else if (tree !== null && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) {
      if (k === 'location' && typeof v === 'number' && v >= 0) {
        if (v < acc.min) acc.min = v;
        if (v > acc.max) acc.max = v;
      } else locations(v, acc);
    }
  }
  return acc;
}

/** Puts each mark on its set operation in `tree` (locations relative to the same text). */
export function applyCorresponding(tree: unknown, marks: readonly CorrespondingMark[], base = 0): void {
  if (marks.length === 0) return;
  forEachNode(tree, (node) => {
    const select = (node as Obj).SelectStmt as Obj | undefined;
    if (select !== undefined && select.op !== undefined && select.op !== 'SETOP_NONE') {
      const left = locations(select.larg);
      const right = locations(select.rarg);
      const mark = marks.find((m) => m.at + base > left.max && m.at + base < right.min);
      if (mark !== undefined) select.corresponding = { by: mark.by };
    }
  });
}
