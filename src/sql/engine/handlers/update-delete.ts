/** UPDATE and DELETE: the rows matching WHERE change (or go) in one atomic, durable commit. */
import { asCondition, bindExpr, coerce, notSupported, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compilePredicate, compileProjection } from '../../codegen/compile-expr.ts';
import { DELETE, UPDATE_AFTER, UPDATE_BEFORE, type Change } from '../../../connectors/table/table-store.ts';
import type { PgNode } from '../../parser/index.ts';
import { SqlError, type DataType } from '../../types/index.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { commit } from './insert.ts';
import { checkNotNull, targetTable, type TargetTable } from './table-target.ts';
import { withReturning } from './returning.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

function bindContext(t: TargetTable, n: Obj, h: HandlerContext, clause: string): BindContext {
  const alias = n.relation !== undefined && obj(n.relation).alias !== undefined ? String(obj(obj(n.relation).alias).aliasname) : t.entry.name;
  const scope = new Scope(t.entry.columns.map((c, i) => ({ name: c.name, relation: alias, type: t.types[i] as DataType })));
  return { scope, session: h.session, clause, ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) };
}

function matching(t: TargetTable, n: Obj, h: HandlerContext): Array<readonly unknown[]> {
  const rows = [...h.engine.store(t.entry).scan()];
  if (n.whereClause === undefined) return rows;
  const bind = bindContext(t, n, h, 'WHERE');
  const pred = compilePredicate(asCondition(bindExpr(n.whereClause as PgNode, bind), bind, 'WHERE'), h.session).fn;
  return rows.filter(pred);
}

export function update(n: Obj, h: HandlerContext): StatementResult {
  if (n.fromClause !== undefined) throw notSupported('UPDATE ... FROM');
  const t = targetTable(n.relation, h, 'update');
  const bind = bindContext(t, n, h, 'UPDATE');
  const names = t.entry.columns.map((c) => c.name);
  // The new row: every column as it was, except the SET ones.
  const exprs = names.map((name, i) => ({ kind: 'column', index: i, type: t.types[i] as DataType, name }) as const) as Parameters<typeof compileProjection>[0][number][];
  for (const target of list(n.targetList)) {
    const rt = obj(obj(target).ResTarget);
    const name = String(rt.name);
    const i = names.indexOf(name);
    if (i < 0) throw new SqlError('42703', `column "${name}" of relation "${t.entry.name}" does not exist`);
    if (rt.indirection !== undefined) throw notSupported('assigning to parts of a column');
    exprs[i] = 'SetToDefault' in obj(rt.val)
      ? t.entry.columns[i]!.defaultExpr === undefined
        ? { kind: 'literal', value: null, type: t.types[i] as DataType }
        : coerce(bindExpr(t.entry.columns[i]!.defaultExpr as PgNode, { ...bind, scope: new Scope([]) }), t.types[i] as DataType, bind, 'a')
      : coerce(bindExpr(rt.val as PgNode, bind), t.types[i] as DataType, bind, 'a');
  }
  const project = compileProjection(exprs, h.session).fn;
  const changes: Change[] = [];
  const rows = matching(t, n, h);
  for (const old of rows) {
    const next = project(old);
    checkNotNull(t, next);
    changes.push([UPDATE_BEFORE, old], [UPDATE_AFTER, next]);
  }
  // All removals first, so a key may move to a key another updated row gives up.
  const ordered = [...changes.filter((c) => c[0] === UPDATE_BEFORE), ...changes.filter((c) => c[0] === UPDATE_AFTER)];
  commit(h, t.entry, ordered);
  return withReturning(n, t, h, changes.filter((c) => c[0] === UPDATE_AFTER).map((c) => c[1]), { command: 'UPDATE', rowCount: rows.length });
}

export function deleteRows(n: Obj, h: HandlerContext): StatementResult {
  if (n.usingClause !== undefined) throw notSupported('DELETE ... USING');
  const t = targetTable(n.relation, h, 'delete from');
  const rows = matching(t, n, h);
  commit(h, t.entry, rows.map((r): Change => [DELETE, r]));
  return withReturning(n, t, h, rows, { command: 'DELETE', rowCount: rows.length });
}
