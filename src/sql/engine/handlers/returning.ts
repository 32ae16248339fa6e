/** RETURNING of INSERT/UPDATE/DELETE: the listed expressions over each written (or removed) row. */
import { bindExpr, coerce, type BindContext } from '../../binder/bind-expr.ts';
import type { BoundExpr } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compileProjection } from '../../codegen/compile-expr.ts';
import type { PgNode } from '../../parser/index.ts';
import { TEXT, type DataType } from '../../types/index.ts';
import type { ResultColumn, StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { targetTable, type TargetTable } from './table-target.ts';
import { bindHooks } from '../query.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** The statement's result with RETURNING rows, or the plain result without a RETURNING list. */
export function withReturning(n: Obj, t: TargetTable, h: HandlerContext, rows: ReadonlyArray<readonly unknown[]>, result: StatementResult): StatementResult {
  if (n.returningList === undefined) return result;
  const { columns, exprs } = returningList(n, t, h);
  const project = compileProjection(exprs, h.session).fn;
  return { ...result, columns, rows: rows.map((r) => project(r)) };
}

/**
 * The columns an INSERT, UPDATE or DELETE with RETURNING gives, for the extended protocol's
 * Describe (before it runs); null for one without RETURNING.
 */
export function returningColumns(statement: 'InsertStmt' | 'UpdateStmt' | 'DeleteStmt', n: Obj, h: HandlerContext): ResultColumn[] | null {
  if (n.returningList === undefined) return null;
  const verb = statement === 'InsertStmt' ? 'insert into' : statement === 'UpdateStmt' ? 'update' : 'delete from';
  return returningList(n, targetTable(n.relation, h, verb), h).columns;
}

/** RETURNING's items bound over the table's columns (`*` spread), with the names and types clients see. */
function returningList(n: Obj, t: TargetTable, h: HandlerContext): { columns: ResultColumn[]; exprs: BoundExpr[] } {
  // The table by its alias (`UPDATE t AS x ... RETURNING x.a`), else by its name (and `s.t.a`).
  const alias = obj(n.relation).alias === undefined ? null : String(obj(obj(n.relation).alias).aliasname);
  const scope = new Scope(t.entry.columns.map((c, i) => ({ name: c.name, relation: alias ?? t.entry.name, ...(alias === null && { schema: t.entry.schema }), type: t.types[i] as DataType })));
  const hooks = bindHooks(h.engine, { ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) });
  const bind: BindContext = { ...hooks, scope, session: h.session, clause: 'RETURNING' };
  const columns: ResultColumn[] = [];
  const exprs: BoundExpr[] = [];
  for (const item of list(n.returningList)) {
    const rt = obj(obj(item).ResTarget);
    const fields = list(obj(obj(rt.val).ColumnRef).fields);
    if (fields.length > 0 && 'A_Star' in (fields[fields.length - 1] as Obj)) {
      for (const i of scope.star()) {
        exprs.push({ kind: 'column', index: i, type: t.types[i] as DataType, name: t.entry.columns[i]!.name });
        columns.push({ name: t.entry.columns[i]!.name, type: t.types[i] as DataType });
      }
      continue;
    }
    let e = bindExpr(rt.val as PgNode, bind);
    if (e.type.kind === 'unknown') e = coerce(e, TEXT, bind);
    const name = rt.name !== undefined ? String(rt.name) : fields.length > 0 ? String(obj(obj(fields[fields.length - 1]).String).sval) : '?column?';
    exprs.push(e);
    columns.push({ name, type: e.type });
  }
  return { columns, exprs };
}
