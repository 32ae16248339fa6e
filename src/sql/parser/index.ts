/**
 * Weir's SQL parser: PostgreSQL's own parser for PostgreSQL's syntax, Weir's PEG grammar
 * (grammar/weir.peggy) for streaming statements. See docs/sql-parser.md.
 *
 * @example
 * import { parse, ParseError } from './sql/parser/index.ts';
 * try {
 *   for (const stmt of parse(sqlText)) handle(stmt); // stmt.kind: 'create_table' | ... | 'pg'
 * } catch (e) {
 *   if (e instanceof ParseError) reply(e.sqlstate, e.message, e.position);
 * }
 */
export { parse } from './parse.ts';
export { ParseError } from './errors.ts';
export { splitStatements } from './split.ts';
export { rewriteWindowTvfs } from './tvf-rewrite.ts';
export { mapTypeAlias } from './fragments.ts';
export { visitStatement, type StatementVisitor } from './visitor.ts';

export type { Statement, StatementKind } from './ast/statement.ts';
export type { Span } from './ast/span.ts';
export type { PgNode, PgTypeName } from './ast/pg-node.ts';
export type { ObjectName, Identifier } from './ast/object-name.ts';
export type { WithOption, OptionValue, FormatClause } from './ast/with-option.ts';
export type { ColumnDefinition, WatermarkDefinition, PrimaryKey } from './ast/column-definition.ts';
export type { EmbeddedQuery } from './ast/query.ts';
export type { CreateTableStatement } from './ast/create-table.ts';
export type { CreateSourceStatement } from './ast/create-source.ts';
export type { CreateViewStatement } from './ast/create-view.ts';
export type { CreateMaterializedViewStatement } from './ast/create-materialized-view.ts';
export type { CreateSinkStatement } from './ast/create-sink.ts';
export type { CreateIndexStatement } from './ast/create-index.ts';
export type { DropStatement, DropObjectType } from './ast/drop.ts';
export type { ShowStatement, ShowTarget, ShowObjectType } from './ast/show.ts';
export type { SetStatement, SetValue } from './ast/set.ts';
export type { ResetStatement } from './ast/reset.ts';
export type { FlushStatement } from './ast/flush.ts';
export type { ExplainStatement, ExplainOption } from './ast/explain.ts';
export type { DescribeStatement } from './ast/describe.ts';
export type { SubscribeStatement } from './ast/subscribe.ts';
export type { PgStatement } from './ast/pg-statement.ts';
