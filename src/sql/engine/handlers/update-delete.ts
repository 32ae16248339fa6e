/** UPDATE and DELETE: the rows matching WHERE change (or go) in one atomic, durable commit. */
import { asCondition, bindExpr, coerce, notSupported, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compilePredicate, compileProjection } from '../../codegen/compile-expr.ts';
import { DELETE, UPDATE_AFTER, UPDATE_BEFORE, type Change } from '../../../connectors/table/table-store.ts';
import { parse, type PgNode } from '../../parser/index.ts';
import { SqlError, type DataType } from '../../types/index.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { rowText } from '../../../runtime/relational/rows.ts';
import { plannerFor, runQuery } from '../query.ts';
import { commit, writeBatch } from './insert.ts';
import { rowConstraints, targetTable, type TargetTable } from './table-target.ts';
import { withReturning } from './returning.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

function bindContext(t: TargetTable, n: Obj, h: HandlerContext, clause: string): BindContext {
  const aliased = n.relation !== undefined && obj(n.relation).alias !== undefined;
  const alias = aliased ? String(obj(obj(n.relation).alias).aliasname) : t.entry.name;
  const scope = new Scope(t.entry.columns.map((c, i) => ({ name: c.name, relation: alias, type: t.types[i] as DataType, ...(!aliased && { schema: t.entry.schema }) })));
  return { scope, session: h.session, clause, ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) };
}

/** A TypeName parse node for a catalog type text (for casts built into generated queries). */
function typeNameNode(text: string): unknown {
  const [stmt] = parse(`SELECT NULL::${text}`);
  const select = obj(obj(stmt?.kind === 'pg' ? stmt.tree : {}).SelectStmt);
  const first = obj(obj((select.targetList as unknown[])[0]).ResTarget);
  return obj(obj(first.val).TypeCast).typeName;
}

function matching(t: TargetTable, n: Obj, h: HandlerContext): Array<readonly unknown[]> {
  const rows = [...h.engine.store(t.entry).scan()];
  if (n.whereClause === undefined) return rows;
  const bind = bindContext(t, n, h, 'WHERE');
  const pred = compilePredicate(asCondition(bindExpr(n.whereClause as PgNode, bind), bind, 'WHERE'), h.session).fn;
  return rows.filter(pred);
}

/**
 * The rows of the target table that the FROM/USING join and WHERE select, each once (the
 * first joined row wins, as in PostgreSQL), with the values of `extra` expressions over the
 * joined row. Runs as a query that ends: `SELECT t.*, extra... FROM t, others WHERE ...`.
 */
async function joinedTargets(t: TargetTable, n: Obj, h: HandlerContext, others: readonly PgNode[], extra: readonly PgNode[]): Promise<Map<string, { row: readonly unknown[]; values: unknown[] }>> {
  // RETURNING * would include the other tables' columns in PostgreSQL; Weir returns the
  // target's only, so it asks for them by name rather than answer differently.
  for (const item of list(n.returningList)) {
    const fields = list(obj(obj(obj(obj(item).ResTarget).val).ColumnRef).fields);
    if (fields.length === 1 && 'A_Star' in obj(fields[0])) {
      throw notSupported('RETURNING * with FROM or USING', `Return the target table's columns: RETURNING ${t.entry.name}.*`);
    }
  }
  const alias = obj(n.relation).alias !== undefined ? String(obj(obj(n.relation).alias).aliasname) : t.entry.name;
  const column = (name: string): PgNode => ({ ColumnRef: { fields: [{ String: { sval: alias } }, { String: { sval: name } }], location: -1 } }) as unknown as PgNode;
  const select: Obj = {
    targetList: [...t.entry.columns.map((c) => ({ ResTarget: { val: column(c.name), location: -1 } })), ...extra.map((val) => ({ ResTarget: { val, location: -1 } }))],
    fromClause: [{ RangeVar: { ...obj(n.relation) } }, ...others],
    ...(n.whereClause !== undefined && { whereClause: n.whereClause }),
    limitOption: 'LIMIT_OPTION_DEFAULT',
    op: 'SETOP_NONE',
  };
  const planned = plannerFor(h.engine, { session: h.session, ...(h.params && { params: h.params }) }).planQuery(select);
  const width = t.entry.columns.length;
  const out = new Map<string, { row: readonly unknown[]; values: unknown[] }>();
  for (const r of await runQuery(h.engine, planned, h.session, { tree: select, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) })) {
    const row = r.slice(0, width);
    const key = rowText(row);
    if (!out.has(key)) out.set(key, { row, values: r.slice(width) });
  }
  return out;
}

export async function update(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const t = targetTable(n.relation, h, 'update');
  if (n.fromClause !== undefined) return updateFrom(n, h, t);
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
  const rows = matching(t, n, h);
  const updated = updateRows(t, h, rows, project);
  return withReturning(n, t, h, updated, { command: 'UPDATE', rowCount: rows.length });
}

/**
 * Updates rows in the order given (the table's order, as PostgreSQL's sequential scan), each
 * checked at once as PostgreSQL checks constraints that are not deferrable: its NOT NULL and
 * CHECK constraints, then its keys against the table as the rows before it left it. So
 * `UPDATE t SET k = k + 1` over keys 1, 2 fails on the first row, as in PostgreSQL, while
 * `SET k = k - 1` succeeds. Returns the new rows.
 */
function updateRows(t: TargetTable, h: HandlerContext, rows: ReadonlyArray<readonly unknown[]>, update: (old: readonly unknown[]) => unknown[]): unknown[][] {
  const check = rowConstraints(t, h);
  const updated: unknown[][] = [];
  writeBatch(h.engine.store(t.entry), t.entry.schema, (batch) => {
    for (const old of rows) {
      // The new row is computed when its turn comes: an error in a later row's SET comes after this row's checks.
      const next = update(old);
      check(next);
      batch.add([UPDATE_BEFORE, old]);
      batch.add([UPDATE_AFTER, next]);
      updated.push(next);
    }
  });
  return updated;
}

/** UPDATE t SET ... FROM others WHERE ...: the SET values computed over the joined rows. */
async function updateFrom(n: Obj, h: HandlerContext, t: TargetTable): Promise<StatementResult> {
  const names = t.entry.columns.map((c) => c.name);
  const targets = list(n.targetList).map((target) => {
    const rt = obj(obj(target).ResTarget);
    const i = names.indexOf(String(rt.name));
    if (i < 0) throw new SqlError('42703', `column "${String(rt.name)}" of relation "${t.entry.name}" does not exist`);
    if (rt.indirection !== undefined) throw notSupported('assigning to parts of a column');
    const def = t.entry.columns[i]!.defaultExpr;
    const val = 'SetToDefault' in obj(rt.val) ? ((def ?? { A_Const: { isnull: true } }) as PgNode) : (rt.val as PgNode);
    // Cast to the column's type in the query itself, as an assignment.
    return { column: i, val: { TypeCast: { arg: val, typeName: typeNameNode(t.entry.columns[i]!.type), location: -1 } } as unknown as PgNode };
  });
  const found = await joinedTargets(t, n, h, list(n.fromClause), targets.map((x) => x.val));
  const rows = [...h.engine.store(t.entry).scan()].filter((old) => found.has(rowText(old)));
  const updated = updateRows(t, h, rows, (old) => {
    const hit = found.get(rowText(old))!;
    const next = [...old];
    targets.forEach((x, j) => (next[x.column] = hit.values[j]));
    return next;
  });
  return withReturning(n, t, h, updated, { command: 'UPDATE', rowCount: updated.length });
}

export async function deleteRows(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const t = targetTable(n.relation, h, 'delete from');
  let rows: Array<readonly unknown[]>;
  if (n.usingClause !== undefined) {
    // DELETE ... USING: the rows the join and WHERE select (every copy of a duplicate row).
    const found = await joinedTargets(t, n, h, list(n.usingClause), []);
    rows = [...h.engine.store(t.entry).scan()].filter((r) => found.has(rowText(r)));
  } else rows = matching(t, n, h);
  commit(h, t.entry, rows.map((r): Change => [DELETE, r]));
  return withReturning(n, t, h, rows, { command: 'DELETE', rowCount: rows.length });
}

/** TRUNCATE t [, ...]: every row of each table goes, in one commit per table. */
export function truncate(n: Obj, h: HandlerContext): StatementResult {
  const tables = list(n.relations).map((r) => targetTable(obj(r).RangeVar ?? r, h, 'truncate'));
  for (const t of tables) {
    const rows = [...h.engine.store(t.entry).scan()];
    if (rows.length > 0) commit(h, t.entry, rows.map((r): Change => [DELETE, r]));
  }
  return { command: 'TRUNCATE TABLE' };
}
