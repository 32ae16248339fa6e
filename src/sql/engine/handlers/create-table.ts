/** CREATE TABLE: a table with an optional primary key, stored durably, whose changes feed views. */
import type { ColumnEntry, TableEntry } from '../../../catalog/index.ts';
import { bindExpr, coerce, typeOf, type BindContext } from '../../binder/bind-expr.ts';
import { Scope } from '../../binder/scope.ts';
import type { CreateTableStatement, PgNode } from '../../parser/index.ts';
import { SqlError, TEXT } from '../../types/index.ts';
import { typeText } from '../column-types.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { plannerFor, runQuery } from '../query.ts';
import { INSERT } from '../../../connectors/table/table-store.ts';
import { optionText } from './create-source.ts';
import { sqlSource } from '../sources.ts';
import { watermarkEntry } from './watermark.ts';
import { tableConstraints, writtenConstraints } from './table-constraints.ts';
import { firstLocation, quoteIdent } from '../constraint-text.ts';
import { newObjectName } from '../names.ts';
import { notSupported, SqlState, duplicateColumn, duplicateTable } from '../../../errors/index.ts';

function contype(c: PgNode): string {
  return String(((c as unknown as Record<string, Record<string, unknown>>).Constraint ?? {}).contype);
}

/** The text of an expression inside a column definition: from its first token to the next constraint or the column's end. */
function expressionText(text: string, expr: unknown, column: CreateTableStatement['columns'][number]): string | undefined {
  const start = firstLocation(expr);
  if (start === undefined) return undefined;
  const next = column.constraints
    .map((k) => (k as unknown as Record<string, Record<string, unknown>>).Constraint?.location)
    .filter((l): l is number => typeof l === 'number' && l > start);
  return text.slice(start, Math.min(column.span.end, ...next)).trim() || undefined;
}

/** WITH (connector = ..., ...) and FORMAT PLAIN ENCODE ... (...) as one set of options. */
function connectorOptions(s: CreateTableStatement): Record<string, string> {
  const options: Record<string, string> = {};
  for (const o of s.with) options[o.key.toLowerCase() === 'connector' ? 'connector' : o.key] = optionText(o);
  if (s.format !== null) {
    options.format = s.format.encode.toLowerCase();
    for (const o of s.format.options) options[o.key] = optionText(o);
  }
  return options;
}

/**
 * CREATE TABLE name AS query: a table (without a primary key) with the query's columns and
 * types, holding its rows as of now. PostgreSQL's command tag: `SELECT n`.
 */
async function createTableAs(s: CreateTableStatement, h: HandlerContext): Promise<StatementResult> {
  if (s.with.length > 0 || s.watermarks.length > 0 || s.primaryKey !== null) throw notSupported('CREATE TABLE ... AS with options, keys or watermarks');
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  if (h.engine.catalog.get(schema, name) !== undefined) {
    if (s.ifNotExists) return { command: 'CREATE TABLE AS', notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: `relation "${name}" already exists, skipping` }] };
    throw duplicateTable(name);
  }
  const tree = (s.query!.tree as unknown as Record<string, Record<string, unknown>>).SelectStmt as Record<string, unknown>;
  const planned = plannerFor(h.engine, { session: h.session, ...(h.params && { params: h.params }) }).planQuery(tree);
  const names = s.columns.length > 0 ? s.columns.map((c) => c.name.name) : planned.columns.map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw duplicateColumn(dup);
  const rows = await runQuery(h.engine, planned, h.session, { tree, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) });
  const { entry } = h.engine.catalog.create({
    kind: 'table',
    schema,
    name,
    columns: planned.columns.map((c, i) => ({ name: names[i] ?? c.name, type: typeText(c.type.kind === 'unknown' ? TEXT : c.type), nullable: true })),
    primaryKey: null,
    appendOnly: false,
    watermark: null,
    options: {},
    dependsOn: [],
    createSql: h.text.slice(s.span.start, s.span.end),
  });
  if (rows.length > 0) h.engine.store(entry).commit(rows.map((r) => [INSERT, r]));
  return { command: 'SELECT', rowCount: rows.length };
}

export function createTable(s: CreateTableStatement, h: HandlerContext): StatementResult | Promise<StatementResult> {
  if (s.query !== null) return createTableAs(s, h);
  if (s.format !== null && s.format.format.toUpperCase() !== 'PLAIN') throw notSupported(`FORMAT ${s.format.format}`, 'Tables read FORMAT PLAIN ENCODE CSV or JSON.');
  const written = writtenConstraints(s);
  const { schema, name } = newObjectName(h.engine, h.session, s.name.parts);
  const pk = s.primaryKey?.columns.map((c) => c.name) ?? null;
  const seen = new Set<string>();
  const columns: ColumnEntry[] = s.columns.map((c) => {
    if (seen.has(c.name.name)) throw duplicateColumn(c.name.name);
    seen.add(c.name.name);
    let nullable = !(pk?.includes(c.name.name) ?? false);
    let defaultExpr: unknown;
    let defaultSql: string | undefined;
    const type = typeOf(c.type);
    for (const k of c.constraints) {
      const t = contype(k);
      if (t === 'CONSTR_NOTNULL' || t === 'CONSTR_PRIMARY') nullable = false;
      else if (t === 'CONSTR_NULL') nullable = true;
      else if (t === 'CONSTR_DEFAULT') {
        defaultExpr = (k as unknown as Record<string, Record<string, unknown>>).Constraint!.raw_expr;
        defaultSql = expressionText(h.text, defaultExpr, c);
        // Checked now: it must read no column and take the column's type.
        const bind: BindContext = { scope: new Scope([]), session: h.session, clause: 'DEFAULT' };
        coerce(bindExpr(defaultExpr as PgNode, bind), type, bind, 'a');
      } else if (t !== 'CONSTR_UNIQUE' && t !== 'CONSTR_CHECK') {
        throw notSupported(t === 'CONSTR_FOREIGN' ? 'FOREIGN KEY constraints' : `column constraint ${t.replace('CONSTR_', '')}`);
      }
    }
    return { name: c.name.name, type: typeText(type), nullable, ...(defaultExpr !== undefined && { defaultExpr, ...(defaultSql !== undefined && { defaultSql }) }) };
  });
  for (const k of pk ?? []) {
    if (!seen.has(k)) throw new SqlError(SqlState.undefinedColumn, `column "${k}" named in key does not exist`);
  }
  if (s.ifNotExists && h.engine.catalog.get(schema, name) !== undefined) {
    return { command: 'CREATE TABLE', notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: `relation "${name}" already exists, skipping` }] };
  }
  if (h.engine.catalog.get(schema, name) !== undefined) throw duplicateTable(name);
  const { checks, uniques } = tableConstraints(h.text, written, name, columns, pk, h.engine.catalog, h.session, schema);
  const entry: Omit<TableEntry, 'oid' | 'createdAt'> = {
    kind: 'table',
    schema,
    name,
    columns,
    primaryKey: pk,
    appendOnly: s.appendOnly,
    watermark: watermarkEntry(s.watermarks, columns, name, h),
    options: connectorOptions(s),
    dependsOn: [],
    createSql: h.text.slice(s.span.start, s.span.end),
    ...(checks.length > 0 && { checks }),
  };
  const fed = entry.options.connector !== undefined;
  if (fed && (checks.length > 0 || uniques.length > 0)) {
    throw notSupported('UNIQUE and CHECK constraints on a table fed by a connector', 'Its rows come from the connector, which a constraint could not refuse.');
  }
  // Check the connector's options now, not when the table starts reading.
  if (fed) sqlSource({ ...entry, kind: 'source', watermark: null, oid: 0, createdAt: 0 }, h.session);
  const { entry: created, notice } = h.engine.catalog.create(entry, s.ifNotExists);
  // Each UNIQUE constraint is an index of its name (pg_class), created with the table.
  for (const u of uniques) {
    h.engine.catalog.create({
      kind: 'index', schema, name: u.name, table: name, columns: u.columns, dependsOn: [created.oid], unique: true, constraint: true,
      ...(u.nullsNotDistinct && { nullsNotDistinct: true }),
      createSql: `ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(name)} ADD CONSTRAINT ${quoteIdent(u.name)} UNIQUE ${u.nullsNotDistinct ? 'NULLS NOT DISTINCT ' : ''}(${u.columns.map(quoteIdent).join(', ')})`,
    });
  }
  if (fed && notice === undefined) h.engine.registerJob(created, h.engine.startIngest(created as TableEntry));
  return { command: 'CREATE TABLE', ...(notice !== undefined && { notices: [{ severity: 'NOTICE', code: SqlState.duplicateTable, message: notice }] }) };
}
