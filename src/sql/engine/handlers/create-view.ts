/** CREATE VIEW: a named query, expanded where it is used (planned at once to check it). */
import { parse, type CreateViewStatement } from '../../parser/index.ts';
import { typeText } from '../column-types.ts';
import { plannerFor } from '../query.ts';
import { newObjectName, searchPathOf } from '../names.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { notSupported, SqlState, syntaxError, duplicateColumn } from '../../../errors/index.ts';

export function createView(s: CreateViewStatement, h: HandlerContext): StatementResult {
  if (s.orReplace) throw notSupported('CREATE OR REPLACE VIEW');
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  const querySql = h.text.slice(s.query.span.start, s.query.span.end);
  const stmt = parse(querySql)[0];
  if (stmt === undefined || stmt.kind !== 'pg' || stmt.type !== 'SelectStmt') throw syntaxError('a view needs a query');
  const dependencies = new Set<number>();
  const q = plannerFor(h.engine, { session: h.session, dependencies }).planQuery((stmt.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>);
  if (q.orderBy.length > 0 || q.limit !== null) throw notSupported('ORDER BY / LIMIT in a view');
  const names = viewColumnNames(s.columns?.map((c) => c.name) ?? [], q.columns.map((c) => c.name));
  const { notice } = h.engine.catalog.create(
    {
      kind: 'view',
      schema,
      name,
      columns: q.columns.map((c, i) => ({ name: names[i]!, type: typeText(c.type), nullable: true })),
      querySql,
      searchPath: searchPathOf(h.session),
      dependsOn: [...dependencies],
      createSql: h.text.slice(s.span.start, s.span.end),
    },
    s.ifNotExists,
  );
  return { command: 'CREATE VIEW', ...(notice !== undefined && { notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: notice }] }) };
}

/**
 * CREATE VIEW v (a, b) AS ...: the list renames the query's first columns, the rest keep
 * their own names (PostgreSQL's DefineView); a longer list is 42601, a name twice 42701.
 */
function viewColumnNames(list: readonly string[], own: readonly string[]): string[] {
  if (list.length > own.length) throw syntaxError('CREATE VIEW specifies more column names than columns');
  const names = own.map((n, i) => list[i] ?? n);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw duplicateColumn(dup);
  return names;
}
