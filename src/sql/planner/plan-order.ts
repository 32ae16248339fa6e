/**
 * ORDER BY and DISTINCT ON keys as output columns (visible, or hidden ones added for them),
 * and LIMIT / OFFSET as constants.
 */
import { bindExpr, literal } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import { INTEGER, SqlError, castFunction } from '../types/index.ts';
import { exprKey, rewrite } from './expr-utils.ts';
import { notSupported, SqlState, undefinedColumn } from '../../errors/index.ts';
import type { ClausePlanner } from './clause-planner.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

export function orderColumn(
  p: ClausePlanner,
  node: PgNode, columns: readonly ScopeColumn[], exprs: readonly BoundExpr[], scope: Scope, hidden: BoundExpr[], aggregated: boolean,
  overInput: ((node: PgNode) => BoundExpr) | null,
): number {
  const c = obj(obj(node).A_Const);
  if ('ival' in c) {
    const pos = Number(obj(c.ival).ival ?? 0);
    if (pos < 1 || pos > columns.length) throw new SqlError(SqlState.invalidColumnReference, `ORDER BY position ${pos} is not in select list`);
    return pos - 1;
  }
  const ref = list(obj(obj(node).ColumnRef).fields);
  if (ref.length === 1) {
    const i = columns.findIndex((col) => col.name === sval(ref[0]));
    if (i >= 0) return i;
  }
  if (aggregated) {
    // Over output columns, then expressed over the aggregate's output like the select list.
    let bound: BoundExpr;
    try {
      const overOutput = bindExpr(node, p.bindContext(new Scope(columns), 'ORDER BY'));
      bound = rewrite(overOutput, (x) => (x.kind === 'column' ? exprs[x.index] : undefined));
    } catch (e) {
      // A name the output does not have (42703), a qualified one (`t.g`, 42P01), or an
      // aggregate call (42803): over the input, as the select list is.
      if (!(e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable || e.code === SqlState.groupingError)) || overInput === null) throw e;
      bound = overInput(node);
    }
    return placeHidden(bound, exprs, hidden);
  }
  return placeHidden(bindExpr(node, p.bindContext(scope, 'ORDER BY')), exprs, hidden);
}

/** LIMIT/OFFSET: constant expressions evaluated at plan time (NULL or ALL means none). */
export function constantLimit(p: ClausePlanner, node: unknown, what: string): number | null {
  if (node === undefined) return null;
  const bound = bindExpr(node as PgNode, p.bindContext(new Scope([]), what));
  if (bound.kind !== 'literal') throw notSupported(`a non-constant ${what}`);
  if (bound.value === null) return null;
  const v = Number(bound.type.kind === 'unknown' ? castFunction(bound.type, INTEGER)(bound.value as string) : bound.value);
  if (!Number.isInteger(v) || v < 0) throw new SqlError(SqlState.invalidRowCountInLimitClause, `${what} must not be negative`);
  return v;
}

/**
 * The output column an ORDER BY or DISTINCT ON expression sorts by: a select-list item equal
 * to it, else a hidden column, shared with an equal expression placed before (so that
 * `DISTINCT ON (a) ... ORDER BY a` sorts and groups by one column when `a` is not selected).
 */
export function placeHidden(bound: BoundExpr, exprs: readonly BoundExpr[], hidden: BoundExpr[]): number {
  const key = exprKey(bound);
  const i = exprs.findIndex((e) => exprKey(e) === key);
  if (i >= 0) return i;
  const h = hidden.findIndex((e) => exprKey(e) === key);
  if (h >= 0) return exprs.length + h;
  hidden.push(bound);
  return exprs.length + hidden.length - 1;
}
