/**
 * `left ASOF [LEFT [OUTER]] JOIN right ON ...` (RisingWave's and DuckDB's as-of join; not in
 * PostgreSQL's grammar, which would read ASOF as an alias of `left`): the keyword is blanked
 * out before PostgreSQL's parser reads the text (same length, so every position stays right),
 * and afterwards put back as `asof: true` on the JoinExpr it belongs to — the one whose left
 * side ends before the keyword and right side starts after it. The planner keeps, for each
 * left row, only its closest match (planner/plan-asof-join.ts).
 */
import { locations } from './corresponding.ts';
import { tokenize } from './tvf-rewrite.ts';
import { forEachNode, type Obj } from './tree-walk.ts';

const QUICK_CHECK = /\basof\b/i;

/** The text with each ASOF keyword of a join blanked, and the keywords' offsets. */
export function rewriteAsof(sql: string): { text: string; marks: number[] } {
  if (!QUICK_CHECK.test(sql)) return { text: sql, marks: [] };
  const tokens = tokenize(sql);
  const out = sql.split('');
  const marks: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text !== 'ASOF' || sql.slice(t.start, t.end).startsWith('"')) continue;
    const next = tokens[i + 1]?.text;
    const joins = next === 'JOIN' || (next === 'LEFT' && (tokens[i + 2]?.text === 'JOIN' || (tokens[i + 2]?.text === 'OUTER' && tokens[i + 3]?.text === 'JOIN')));
    if (!joins) continue;
    for (let k = t.start; k < t.end; k++) out[k] = ' ';
    marks.push(t.start);
  }
  return { text: marks.length === 0 ? sql : out.join(''), marks };
}


/** Marks each JoinExpr of `tree` that a blanked ASOF keyword belongs to (locations relative to `base`). */
export function applyAsof(tree: unknown, marks: readonly number[], base = 0): void {
  if (marks.length === 0) return;
  forEachNode(tree, (node) => {
    const join = (node as Obj).JoinExpr as Obj | undefined;
    if (join !== undefined) {
      const left = locations(join.larg);
      const right = locations(join.rarg);
      if (marks.some((m) => m + base > left.max && m + base < right.min)) join.asof = true;
    }
  });
}
