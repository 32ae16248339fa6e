import type { Identifier } from './object-name.ts';
import type { PgNode, PgTypeName } from './pg-node.ts';
import type { Span } from './span.ts';

/**
 * A column of CREATE TABLE / CREATE SOURCE. The type and the column constraints are parsed
 * by PostgreSQL's parser, so every PostgreSQL form (`numeric(10,2)`, `int[]`,
 * `timestamp(3) with time zone`, `NOT NULL`, `DEFAULT expr`, `CHECK (...)`) means what it
 * means there. RisingWave's type aliases are mapped: `string` → `text`, `double` →
 * `pg_catalog.float8`; `typeText` keeps what the user wrote.
 */
export interface ColumnDefinition {
  readonly name: Identifier;
  readonly type: PgTypeName;
  readonly typeText: string;
  /** PostgreSQL `Constraint` nodes (NOT NULL, NULL, DEFAULT, PRIMARY KEY, UNIQUE, CHECK, ...). */
  readonly constraints: readonly PgNode[];
  readonly span: Span;
}

/**
 * `WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`: events whose `ts` falls behind the
 * watermark are late. `expression` is a PostgreSQL expression tree.
 */
export interface WatermarkDefinition {
  readonly column: Identifier;
  readonly expression: PgNode;
  /** Where the expression stands in the statement (its text is kept in the catalog). */
  readonly expressionSpan: Span;
  readonly span: Span;
}

/** `PRIMARY KEY (a, b)` at table level, or `a int PRIMARY KEY` on one column. */
export interface PrimaryKey {
  readonly columns: readonly Identifier[];
  readonly span: Span;
}
