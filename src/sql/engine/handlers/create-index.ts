/**
 * CREATE INDEX: recorded in the catalog, and built in the table's store, which keeps it up
 * to date with every change (and builds it again when Weir restarts). A query that filters
 * the table on `col = constant` for the indexed columns reads only the matching rows.
 */
import { notSupported } from '../../binder/bind-expr.ts';
import type { CreateIndexStatement } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';

export function createIndex(s: CreateIndexStatement, h: HandlerContext): StatementResult {
  if (s.unique) throw notSupported('CREATE UNIQUE INDEX', 'Declare a PRIMARY KEY on the table.');
  const table = s.table.parts[s.table.parts.length - 1] as string;
  const target = h.engine.catalog.get('public', table);
  if (target === undefined) throw new SqlError('42P01', `relation "${table}" does not exist`);
  if (target.kind !== 'table' && target.kind !== 'materialized view') throw new SqlError('42809', `"${table}" is not a table or materialized view`);
  const columns = s.elements.map((e) => {
    const elem = ((e as unknown as Record<string, Record<string, unknown>>).IndexElem ?? {}) as Record<string, unknown>;
    if (typeof elem.name !== 'string') throw notSupported('indexes on expressions');
    if (!target.columns.some((c) => c.name === elem.name)) throw new SqlError('42703', `column "${elem.name}" does not exist`);
    return elem.name;
  });
  const name = s.name.parts[s.name.parts.length - 1] as string;
  const { notice } = h.engine.catalog.create(
    { kind: 'index', schema: 'public', name, table, columns, dependsOn: [target.oid], createSql: h.text.slice(s.span.start, s.span.end) },
    s.ifNotExists,
  );
  if (notice === undefined) h.engine.store(target).addIndex(columns.map((c) => target.columns.findIndex((x) => x.name === c)));
  return { command: 'CREATE INDEX', ...(notice !== undefined && { notices: [{ severity: 'NOTICE', code: '42P07', message: notice }] }) };
}
