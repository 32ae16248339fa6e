/**
 * UPDATE t [AS a] SET col = expr | DEFAULT, (col, ...) = (expr, ...) | (SELECT ...) [FROM ...]
 * [WHERE ...] [RETURNING ...]: the rows matching WHERE change in one atomic, durable commit.
 *
 * With FROM, or a subquery anywhere in SET or WHERE, the rows and their new values come from a
 * query over the table, planned as a SELECT (target-rows.ts); otherwise SET and WHERE are
 * bound over the table's columns and run over its rows here.
 *
 * @see https://www.postgresql.org/docs/15/sql-update.html
 */
import { bindExpr, coerce } from '../../binder/bind-expr.ts';
import type { BoundExpr } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compileProjection } from '../../codegen/compile-expr.ts';
import { UPDATE_AFTER, UPDATE_BEFORE } from '../../../connectors/table/table-store.ts';
import { parse, type PgNode } from '../../parser/index.ts';
import { baseType, castFunction, formatType, type DataType } from '../../types/index.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { writeBatch } from './insert.ts';
import { withReturning } from './returning.ts';
import { assignment, rowConstraints, targetTable, type TargetTable } from './table-target.ts';
import { assignments, isDefault, type Assignment } from './assignments.ts';
import { bindContext, hasSubquery, matchingRows, queryTargets } from './target-rows.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
/** A bound value assigned to column `column` (42804 naming it when no assignment cast exists). */
const assign = (t: TargetTable, column: number, e: BoundExpr, cast: (e: BoundExpr) => BoundExpr): BoundExpr => assignment(t, column, e.type, () => cast(e));

/** A TypeName parse node for a type (for casts built into generated queries). */
function typeNameNode(type: DataType): unknown {
  const [stmt] = parse(`SELECT NULL::${formatType(type)}`);
  const select = obj(obj(stmt?.kind === 'pg' ? stmt.tree : {}).SelectStmt);
  const first = obj(obj((select.targetList as unknown[])[0]).ResTarget);
  return obj(obj(first.val).TypeCast).typeName;
}

/**
 * A new value as the query computes it: DEFAULT as the column's default; an untyped literal
 * or parameter cast to the column's type without its modifier (as assignment resolves them;
 * the modifier is then applied as an assignment, so `'abcd'` into varchar(3) is 22001).
 */
function valueNode(a: Assignment, t: TargetTable): PgNode {
  const c = t.entry.columns[a.column]!;
  const value = isDefault(a.value) ? ((c.defaultExpr ?? { A_Const: { isnull: true } }) as PgNode) : a.value;
  const v = obj(value);
  const untyped = v.ParamRef !== undefined || (v.A_Const !== undefined && (obj(v.A_Const).isnull === true || obj(v.A_Const).sval !== undefined));
  if (!untyped && !isDefault(a.value)) return value;
  return { TypeCast: { arg: value, typeName: typeNameNode(baseType(t.types[a.column]!)), location: -1 } } as unknown as PgNode;
}

export async function update(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const t = targetTable(n.relation, h, 'update');
  const set = assignments(n.targetList, t);
  if (n.fromClause !== undefined || hasSubquery(n.whereClause) || set.some((a) => hasSubquery(a.value))) return updateByQuery(n, h, t, set);
  const bind = bindContext(t, n, h, 'UPDATE');
  // The new row: every column as it was, except the SET ones.
  const exprs: BoundExpr[] = t.entry.columns.map((c, i) => ({ kind: 'column', index: i, type: t.types[i] as DataType, name: c.name }));
  for (const a of set) {
    const type = t.types[a.column] as DataType;
    const def = t.entry.columns[a.column]!.defaultExpr;
    exprs[a.column] = isDefault(a.value)
      ? def === undefined ? { kind: 'literal', value: null, type } : coerce(bindExpr(def as PgNode, { ...bind, scope: new Scope([]) }), type, bind, 'a')
      : assign(t, a.column, bindExpr(a.value, bind), (e) => coerce(e, type, bind, 'a'));
  }
  const project = compileProjection(exprs, h.session).fn;
  const rows = matchingRows(t, n, h);
  const updated = updateRows(t, h, rows.map((row) => ({ row, next: () => project(row) })));
  return withReturning(n, t, h, updated, { command: 'UPDATE', rowCount: rows.length });
}

/** UPDATE whose rows and values a query over the table computes (FROM, subqueries). */
async function updateByQuery(n: Obj, h: HandlerContext, t: TargetTable, set: readonly Assignment[]): Promise<StatementResult> {
  const { rows, types } = await queryTargets(t, n, h, list(n.fromClause), set.map((a) => valueNode(a, t)));
  // Each value as an assignment to its column (42804 when it cannot be; 22001 past a varchar's length).
  const casts = set.map((a, j) => assignment(t, a.column, types[j]!, () => castFunction(types[j]!, t.types[a.column]!, 'a', h.session)));
  const updated = updateRows(t, h, rows.map(({ row, values }) => ({
    row,
    next: () => {
      const next = [...row];
      set.forEach((a, j) => {
        const v = values[j];
        next[a.column] = v === null || v === undefined ? null : casts[j]!(v as never);
      });
      return next;
    },
  })));
  return withReturning(n, t, h, updated, { command: 'UPDATE', rowCount: updated.length });
}

/**
 * Updates rows in the order given (the table's order, as PostgreSQL's sequential scan), each
 * checked at once as PostgreSQL checks constraints that are not deferrable: its NOT NULL and
 * CHECK constraints, then its keys against the table as the rows before it left it. So
 * `UPDATE t SET k = k + 1` over keys 1, 2 fails on the first row, as in PostgreSQL, while
 * `SET k = k - 1` succeeds. Each new row is computed when its turn comes: an error in a later
 * row's SET comes after this row's checks. Returns the new rows.
 */
function updateRows(t: TargetTable, h: HandlerContext, rows: ReadonlyArray<{ readonly row: readonly unknown[]; readonly next: () => unknown[] }>): unknown[][] {
  const check = rowConstraints(t, h);
  const updated: unknown[][] = [];
  writeBatch(h.engine.store(t.entry), t.entry.schema, (batch) => {
    for (const { row, next } of rows) {
      const after = next();
      check(after);
      batch.add([UPDATE_BEFORE, row]);
      batch.add([UPDATE_AFTER, after]);
      updated.push(after);
    }
  });
  return updated;
}
