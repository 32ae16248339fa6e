/**
 * The syntax Weir accepts beyond PostgreSQL's grammar inside statements PostgreSQL's parser
 * reads: Flink's window TVFs (tvf-rewrite.ts), set operations' CORRESPONDING
 * (corresponding.ts), ASOF joins (asof.ts) and `* EXCEPT (...)` (select-except.ts). Each rewrite keeps the text's length, so
 * positions stay right; `restore` then puts what was blanked back on the parse tree.
 */
import { applyAsof, rewriteAsof } from './asof.ts';
import { applyCorresponding, rewriteCorresponding } from './corresponding.ts';
import { applySelectExcept, rewriteSelectExcept } from './select-except.ts';
import { rewriteWindowTvfs } from './tvf-rewrite.ts';

export interface PgText {
  /** The text for PostgreSQL's parser. */
  readonly body: string;
  /** Marks the tree PostgreSQL parsed from `body` (locations offset by `base`) with the blanked clauses. */
  restore(tree: unknown, base: number): void;
}

export function rewriteExtensions(text: string): PgText {
  const asof = rewriteAsof(rewriteWindowTvfs(text));
  const except = rewriteSelectExcept(asof.text);
  const { text: body, marks } = rewriteCorresponding(except.text);
  return {
    body,
    restore(tree, base) {
      applyCorresponding(tree, marks, base);
      applyAsof(tree, asof.marks, base);
      applySelectExcept(tree, except.marks, base);
    },
  };
}
