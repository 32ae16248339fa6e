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
import { bindExpr, coerce, notSupported } from '../../binder/bind-expr.ts';
import type { BoundExpr } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compileProjection } from '../../codegen/compile-expr.ts';
import { UPDATE_AFTER, UPDATE_BEFORE } from '../../../connectors/table/table-store.ts';
import { parse, type PgNode } from '../../parser/index.ts';
import { SqlError, baseType, castFunction, formatType, type DataType } from '../../types/index.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { writeBatch } from './insert.ts';
import { withReturning } from './returning.ts';
import { assignment, rowConstraints, targetTable, type TargetTable } from './table-target.ts';
import { bindContext, hasSubquery, matchingRows, queryTargets } from './target-rows.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** One column SET assigns: its position, and the expression (or DEFAULT) it takes. */
interface Assignment {
  readonly column: number;
  readonly value: PgNode;
}

const isDefault = (node: PgNode): boolean => 'SetToDefault' in obj(node);
const assign = (t: TargetTable, column: number, e: BoundExpr, cast: (e: BoundExpr) => BoundExpr): BoundExpr => assignment(t, column, e.type, () => cast(e));

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
    throw new SqlError('42601', 'number of columns does not match number of values');
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
 * SET's assignments, one per column, `(a, b) = (x, y)` and `(a, b) = (SELECT ...)` spread
 * over their columns (PostgreSQL's MultiAssignRef), with PostgreSQL's errors.
 */
function assignments(n: Obj, t: TargetTable): Assignment[] {
  const names = t.entry.columns.map((c) => c.name);
  const out: Assignment[] = [];
  for (const target of list(n.targetList)) {
    const rt = obj(obj(target).ResTarget);
    const name = String(rt.name);
    const column = names.indexOf(name);
    if (column < 0) throw new SqlError('42703', `column "${name}" of relation "${t.entry.name}" does not exist`);
    if (rt.indirection !== undefined) throw notSupported('assigning to parts of a column');
    if (out.some((a) => a.column === column)) throw new SqlError('42601', `multiple assignments to same column "${name}"`);
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
      if (args.length !== count) throw new SqlError('42601', 'number of columns does not match number of values');
      out.push({ column, value: args[k - 1]! });
    } else if (source.SubLink !== undefined && obj(source.SubLink).subLinkType === 'EXPR_SUBLINK') {
      out.push({ column, value: rowSubqueryColumn(obj(source.SubLink), k, count) });
    } else {
      throw new SqlError('0A000', 'source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression');
    }
  }
  return out;
}

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
  const set = assignments(n, t);
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
