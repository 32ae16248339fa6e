/**
 * The rows an UPDATE or DELETE changes, chosen by a query over its target table,
 * `SELECT t.*, extra... FROM t [, others...] WHERE ...`, which the query planner plans and a
 * bounded job runs, as a SELECT: so everything SELECT supports works here too — subqueries in
 * WHERE and in UPDATE's new values (`extra`), correlated with the target row or not, and joins
 * with the tables of FROM (UPDATE) or USING (DELETE). Statements without any of those bind
 * their expressions over the table's rows directly (update.ts, delete.ts): the same binder,
 * without starting a job.
 *
 * The query gives rows as values; each is matched to a row of the table by its value (equal
 * rows are interchangeable), in the table's order, as PostgreSQL's sequential scan meets
 * them; each row of the table once, with the values of the first of its joined rows (of
 * several, PostgreSQL takes an arbitrary one).
 */
import { asCondition, bindExpr, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import { compilePredicate } from '../../codegen/compile-expr.ts';
import type { PgNode } from '../../parser/index.ts';
import type { DataType } from '../../types/index.ts';
import { rowText } from '../../../runtime/relational/rows.ts';
import { bindHooks, plannerFor, runQuery } from '../query.ts';
import type { HandlerContext } from './context.ts';
import type { TargetTable } from './table-target.ts';
import { notSupported } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** A row of the table to change, with the values of the extra expressions for it. */
export interface TargetRow {
  readonly row: readonly unknown[];
  readonly values: readonly unknown[];
}

/** Whether a parse tree holds a subquery (`(SELECT ...)`, `EXISTS`, `IN (SELECT ...)`, `ARRAY(SELECT ...)`). */
export function hasSubquery(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasSubquery);
  if (node === null || typeof node !== 'object') return false;
  for (const [k, v] of Object.entries(node)) if (k === 'SubLink' || hasSubquery(v)) return true;
  return false;
}

/** The target's columns under its alias (or its name, and `s.t.col`), for SET and WHERE. */
export function bindContext(t: TargetTable, n: Obj, h: HandlerContext, clause: string): BindContext {
  const aliased = obj(n.relation).alias !== undefined;
  const alias = aliased ? String(obj(obj(n.relation).alias).aliasname) : t.entry.name;
  const scope = new Scope(t.entry.columns.map((c, i) => ({ name: c.name, relation: alias, type: t.types[i] as DataType, ...(!aliased && { schema: t.entry.schema }) })));
  const hooks = bindHooks(h.engine, { ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) });
  return { ...hooks, scope, session: h.session, clause };
}

/** The rows WHERE selects, bound and compiled over the table's rows (no subquery in it). */
export function matchingRows(t: TargetTable, n: Obj, h: HandlerContext): Array<readonly unknown[]> {
  const rows = [...h.engine.store(t.entry).scan()];
  if (n.whereClause === undefined) return rows;
  const bind = bindContext(t, n, h, 'WHERE');
  const pred = compilePredicate(asCondition(bindExpr(n.whereClause as PgNode, bind), bind, 'WHERE'), h.session).fn;
  return rows.filter(pred);
}

/**
 * The target table's columns as the query names them: through its alias, else qualified by
 * its schema (`s.t.col`), so that a table of the same name in FROM cannot be meant.
 */
function targetColumn(t: TargetTable, relation: Obj, name: string): PgNode {
  const alias = relation.alias === undefined ? null : String(obj(relation.alias).aliasname);
  const qualifier = alias === null ? [t.entry.schema, t.entry.name] : [alias];
  return { ColumnRef: { fields: [...qualifier, name].map((sval) => ({ String: { sval } })), location: -1 } } as unknown as PgNode;
}

/**
 * Runs the query that picks the target rows of `n` (an UpdateStmt or DeleteStmt) joined with
 * `others`, computing `extra` over each; returns the rows of the table to change, in its
 * order, and the types of the extra values.
 */
export async function queryTargets(t: TargetTable, n: Obj, h: HandlerContext, others: readonly PgNode[], extra: readonly PgNode[]): Promise<{ rows: TargetRow[]; types: DataType[] }> {
  if (others.length > 0) {
    // RETURNING * would include the other tables' columns in PostgreSQL; Weir returns the
    // target's only, so it asks for them by name rather than answer differently.
    for (const item of list(n.returningList)) {
      const fields = list(obj(obj(obj(obj(item).ResTarget).val).ColumnRef).fields);
      if (fields.length === 1 && 'A_Star' in obj(fields[0])) {
        throw notSupported(`RETURNING * with ${n.usingClause !== undefined ? 'USING' : 'FROM'}`, `Return the target table's columns: RETURNING ${t.entry.name}.*`);
      }
    }
  }
  const relation = obj(n.relation);
  const select: Obj = {
    targetList: [...t.entry.columns.map((c) => ({ ResTarget: { val: targetColumn(t, relation, c.name), location: -1 } })), ...extra.map((val) => ({ ResTarget: { val, location: -1 } }))],
    fromClause: [{ RangeVar: relation }, ...others],
    ...(n.whereClause !== undefined && { whereClause: n.whereClause }),
    limitOption: 'LIMIT_OPTION_DEFAULT',
    op: 'SETOP_NONE',
  };
  const options = { session: h.session, ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) };
  const planned = plannerFor(h.engine, options).planQuery(select);
  const width = t.entry.columns.length;
  const types = planned.columns.slice(width).map((c) => c.type);
  const results = await runQuery(h.engine, planned, h.session, { tree: select, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) });
  if (results.length === 0) return { rows: [], types };
  // The rows found, by value: each a queue of its joined rows' values.
  const found = new Map<string, { values: unknown[][]; next: number }>();
  for (const r of results) {
    const key = rowText(r.slice(0, width));
    const q = found.get(key);
    if (q === undefined) found.set(key, { values: [r.slice(width)], next: 0 });
    else q.values.push(r.slice(width));
  }
  const rows: TargetRow[] = [];
  for (const row of h.engine.store(t.entry).scan()) {
    const q = found.get(rowText(row));
    if (q === undefined || q.next >= q.values.length) continue;
    rows.push({ row, values: q.values[q.next++]! });
  }
  return { rows, types };
}
