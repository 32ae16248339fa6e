/**
 * SET lists of UPDATE and INSERT ... ON CONFLICT DO UPDATE as one assignment per column:
 * `col = expr | DEFAULT`, and PostgreSQL's multi-column `(a, b) = (x, y)`, `= ROW(x, y)`
 * and `= (SELECT x, y ...)`.
 *
 * @see https://www.postgresql.org/docs/15/sql-update.html
 */
import type { PgNode } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import type { TargetTable } from './table-target.ts';
import { notSupported, SqlState, undefinedColumnOf, syntaxError } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

export const isDefault = (node: PgNode): boolean => 'SetToDefault' in obj(node);

/** One column SET assigns: its position, and the expression (or DEFAULT) it takes. */
export interface Assignment {
  readonly column: number;
  readonly value: PgNode;
}

/**
 * `(SELECT x, y FROM ...)` of `SET (a, b) = ...` as the value of its k-th column (1-based):
 * `(SELECT "$row".ck FROM (SELECT x, y FROM ...) AS "$row"(c1, ..., cn))`, a scalar subquery,
 * so it keeps the subquery's rules (one row at most: 21000; none: NULL) and its correlation.
 */
function rowSubqueryColumn(link: Obj, k: number, n: number): PgNode {
  const sub = obj(obj(link.subselect).SelectStmt);
  const targets = list(sub.targetList);
  const star = targets.some((t) => list(obj(obj(obj(obj(t).ResTarget).val).ColumnRef).fields).some((f) => 'A_Star' in obj(f)));
  if (sub.valuesLists === undefined && sub.op === 'SETOP_NONE' && !star && targets.length !== n) {
    throw syntaxError('number of columns does not match number of values');
  }
  const name = (i: number): Obj => ({ String: { sval: `c${i}` } });
  const subselect = {
    SelectStmt: {
      targetList: [{ ResTarget: { val: { ColumnRef: { fields: [{ String: { sval: '$row' } }, name(k)], location: -1 } }, location: -1 } }],
      fromClause: [{ RangeSubselect: { subquery: link.subselect, alias: { aliasname: '$row', colnames: Array.from({ length: n }, (_, i) => name(i + 1)) } } }],
      limitOption: 'LIMIT_OPTION_DEFAULT',
      op: 'SETOP_NONE',
    },
  };
  return { SubLink: { subLinkType: 'EXPR_SUBLINK', subselect, location: link.location ?? -1 } } as unknown as PgNode;
}

/**
 * The assignments of a SET list (UPDATE's, ON CONFLICT DO UPDATE's), one per column,
 * `(a, b) = (x, y)` and `(a, b) = (SELECT ...)` spread over their columns (PostgreSQL's
 * MultiAssignRef), with PostgreSQL's errors.
 */
export function assignments(targetList: unknown, t: TargetTable): Assignment[] {
  const names = t.entry.columns.map((c) => c.name);
  const out: Assignment[] = [];
  for (const target of list(targetList)) {
    const rt = obj(obj(target).ResTarget);
    const name = String(rt.name);
    const column = names.indexOf(name);
    if (column < 0) throw undefinedColumnOf(name, t.entry.name);
    if (rt.indirection !== undefined) throw notSupported('assigning to parts of a column');
    if (out.some((a) => a.column === column)) throw syntaxError(`multiple assignments to same column "${name}"`);
    const multi = obj(obj(rt.val).MultiAssignRef);
    if (obj(rt.val).MultiAssignRef === undefined) {
      out.push({ column, value: rt.val as PgNode });
      continue;
    }
    const k = Number(multi.colno);
    const count = Number(multi.ncolumns);
    const source = obj(multi.source);
    if (source.RowExpr !== undefined) {
      const args = list(obj(source.RowExpr).args);
      if (args.length !== count) throw syntaxError('number of columns does not match number of values');
      out.push({ column, value: args[k - 1]! });
    } else if (source.SubLink !== undefined && obj(source.SubLink).subLinkType === 'EXPR_SUBLINK') {
      out.push({ column, value: rowSubqueryColumn(obj(source.SubLink), k, count) });
    } else {
      throw new SqlError(SqlState.featureNotSupported, 'source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression');
    }
  }
  return out;
}
