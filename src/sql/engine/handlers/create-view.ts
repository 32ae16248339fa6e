/** CREATE VIEW: a named query, expanded where it is used (planned at once to check it). */
import { parse, type CreateViewStatement } from '../../parser/index.ts';
import { typeText } from '../column-types.ts';
import { plannerFor } from '../query.ts';
import { newObjectName, searchPathOf } from '../names.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { notSupported, SqlState, syntaxError } from '../../../errors/index.ts';

export function createView(s: CreateViewStatement, h: HandlerContext): StatementResult {
  if (s.orReplace) throw notSupported('CREATE OR REPLACE VIEW');
  if (s.columns !== null) throw notSupported('a column list on CREATE VIEW', 'Name the columns with AS in the query.');
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  const querySql = h.text.slice(s.query.span.start, s.query.span.end);
  const stmt = parse(querySql)[0];
  if (stmt === undefined || stmt.kind !== 'pg' || stmt.type !== 'SelectStmt') throw syntaxError('a view needs a query');
  const dependencies = new Set<number>();
  const q = plannerFor(h.engine, { session: h.session, dependencies }).planQuery((stmt.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>);
  if (q.orderBy.length > 0 || q.limit !== null) throw notSupported('ORDER BY / LIMIT in a view');
  const { notice } = h.engine.catalog.create(
    {
      kind: 'view',
      schema,
      name,
      columns: q.columns.map((c) => ({ name: c.name, type: typeText(c.type), nullable: true })),
      querySql,
      searchPath: searchPathOf(h.session),
      dependsOn: [...dependencies],
      createSql: h.text.slice(s.span.start, s.span.end),
    },
    s.ifNotExists,
  );
  return { command: 'CREATE VIEW', ...(notice !== undefined && { notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: notice }] }) };
}
