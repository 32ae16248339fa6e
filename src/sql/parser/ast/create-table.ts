import type { ColumnDefinition, PrimaryKey, WatermarkDefinition } from './column-definition.ts';
import type { ObjectName } from './object-name.ts';
import type { PgNode } from './pg-node.ts';
import type { EmbeddedQuery } from './query.ts';
import type { Span } from './span.ts';
import type { FormatClause, WithOption } from './with-option.ts';

/**
 * `CREATE TABLE [IF NOT EXISTS] name (columns, constraints, WATERMARK FOR ...) [APPEND ONLY]
 * [WITH (...)] [FORMAT ... ENCODE ...]`, or `CREATE TABLE name [(columns)] AS query`.
 *
 * Every CREATE TABLE goes through Weir's grammar, also the plain PostgreSQL ones, so the
 * binder sees one node for all of them. With `WITH (connector = ...)` the table is fed by a
 * connector (Flink's CREATE TABLE); without, it is a table that takes INSERT/UPDATE/DELETE.
 *
 * @example
 * CREATE TABLE bid (auction bigint, price bigint, ts timestamp(3),
 *   WATERMARK FOR ts AS ts - INTERVAL '4' SECOND) APPEND ONLY WITH (connector = 'nexmark');
 */
export interface CreateTableStatement {
  readonly kind: 'create_table';
  readonly name: ObjectName;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDefinition[];
  /** From `PRIMARY KEY (...)` or a column's `PRIMARY KEY`; null when there is none. */
  readonly primaryKey: PrimaryKey | null;
  /** Table constraints other than PRIMARY KEY (UNIQUE, CHECK, ...): PostgreSQL `Constraint` nodes. */
  readonly constraints: readonly PgNode[];
  readonly watermarks: readonly WatermarkDefinition[];
  readonly appendOnly: boolean;
  readonly with: readonly WithOption[];
  readonly format: FormatClause | null;
  /** The query of `CREATE TABLE ... AS query`; null otherwise. */
  readonly query: EmbeddedQuery | null;
  readonly span: Span;
}
