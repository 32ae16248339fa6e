/** CREATE SOURCE: an append-only stream from a connector, read by the views and queries that use it. */
import type { ColumnEntry, SourceEntry } from '../../../catalog/index.ts';
import { typeOf } from '../../binder/bind-expr.ts';
import type { CreateSourceStatement, WithOption } from '../../parser/index.ts';
import { typeText } from '../column-types.ts';
import { sqlSource } from '../sources.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { watermarkEntry } from './watermark.ts';
import { newObjectName } from '../names.ts';
import { notSupported, SqlState, syntaxError } from '../../../errors/index.ts';

export function optionText(o: WithOption): string {
  return String(o.value.value);
}

export function createSource(s: CreateSourceStatement, h: HandlerContext): StatementResult {
  if (s.format !== null && s.format.format.toUpperCase() !== 'PLAIN') throw notSupported(`FORMAT ${s.format.format}`, 'Sources read FORMAT PLAIN ENCODE CSV or JSON.');
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  const columns: ColumnEntry[] = s.columns.map((c) => ({ name: c.name.name, type: typeText(typeOf(c.type)), nullable: true }));
  const options: Record<string, string> = {};
  for (const o of s.with) options[o.key.toLowerCase() === 'connector' ? 'connector' : o.key] = optionText(o);
  // FORMAT PLAIN ENCODE CSV (without_header = 'true', delimiter = ','): the same options as WITH.
  if (s.format !== null) {
    options.format = s.format.encode.toLowerCase();
    for (const o of s.format.options) options[o.key] = optionText(o);
  }
  if (options.connector === undefined) throw syntaxError(`source "${name}" needs WITH (connector = '...')`);
  const entry: Omit<SourceEntry, 'oid' | 'createdAt'> = {
    kind: 'source',
    schema,
    name,
    columns,
    watermark: watermarkEntry(s.watermarks, columns, name, h),
    options,
    dependsOn: [],
    createSql: h.text.slice(s.span.start, s.span.end),
  };
  // Check the options now, not when a view first reads the source.
  sqlSource({ ...entry, oid: 0, createdAt: 0 }, h.session);
  const { notice } = h.engine.catalog.create(entry, s.ifNotExists);
  return { command: 'CREATE SOURCE', ...(notice !== undefined && { notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: notice }] }) };
}
