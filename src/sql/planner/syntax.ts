/** Small questions the planner asks of raw parse trees (libpg-query's JSON) before binding them. */
import type { PgNode } from '../parser/index.ts';
import { isAggregateName } from '../functions/aggregate-names.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** The AND-ed parts of a condition, as parse trees. */
export function whereConjuncts(node: PgNode): PgNode[] {
  const b = obj(obj(node).BoolExpr);
  return b.boolop === 'AND_EXPR' ? list(b.args).flatMap(whereConjuncts) : [node];
}

/** The conjunction of parse trees (one as itself). */
export function andOf(parts: readonly PgNode[]): PgNode {
  return parts.length === 1 ? parts[0]! : ({ BoolExpr: { boolop: 'AND_EXPR', args: parts } } as unknown as PgNode);
}

/** Whether a raw expression holds a subquery anywhere. */
export function hasSubLink(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasSubLink);
  if (v === null || typeof v !== 'object') return false;
  if ('SubLink' in (v as Obj)) return true;
  return Object.values(v as Obj).some(hasSubLink);
}

/** A text equal for parse trees that differ only in where they were written (their locations). */
export function syntaxKey(node: unknown): string {
  return JSON.stringify(node, (k, v: unknown) => (k === 'location' || k === 'stmt_location' || k === 'stmt_len' ? undefined : v));
}

/** Whether a parse tree calls an aggregate of its own query level (not in OVER, nor in nested queries). */
export function hasAggregate(tree: unknown): boolean {
  if (Array.isArray(tree)) return tree.some(hasAggregate);
  if (tree === null || typeof tree !== 'object') return false;
  const t = tree as Obj;
  if ('SelectStmt' in t) return false;
  if ('SubLink' in t) return hasAggregate(obj(t.SubLink).testexpr);
  const call = t.FuncCall as Obj | undefined;
  if (call !== undefined && call.over === undefined && isAggregateName(list(call.funcname).map((n) => String(obj(obj(n).String).sval)).join('.').toLowerCase())) return true;
  return Object.values(t).some(hasAggregate);
}
