/**
 * DELETE FROM t [AS a] [USING ...] [WHERE ...] [RETURNING ...] and TRUNCATE: the rows go in
 * one atomic, durable commit. With USING, or a subquery in WHERE, the rows come from a query
 * over the table, planned as a SELECT (target-rows.ts).
 *
 * @see https://www.postgresql.org/docs/15/sql-delete.html
 */
import { DELETE, type Change } from '../../../connectors/table/table-store.ts';
import type { PgNode } from '../../parser/index.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { commit } from './insert.ts';
import { withReturning } from './returning.ts';
import { targetTable } from './table-target.ts';
import { hasSubquery, matchingRows, queryTargets } from './target-rows.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

export async function deleteRows(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const t = targetTable(n.relation, h, 'delete from');
  // With USING, every copy of a duplicate row that the join and WHERE select.
  const rows = n.usingClause !== undefined || hasSubquery(n.whereClause)
    ? (await queryTargets(t, n, h, list(n.usingClause), [])).rows.map((r) => r.row)
    : matchingRows(t, n, h);
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
