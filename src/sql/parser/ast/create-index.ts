import type { Identifier, ObjectName } from './object-name.ts';
import type { PgNode } from './pg-node.ts';
import type { Span } from './span.ts';
import type { WithOption } from './with-option.ts';

/**
 * `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table [USING method] (elements)
 * [INCLUDE (columns)] [DISTRIBUTED BY (columns)] [WITH (...)]`.
 * `DISTRIBUTED BY` is RisingWave's; the rest is PostgreSQL's.
 */
export interface CreateIndexStatement {
  readonly kind: 'create_index';
  readonly name: ObjectName;
  readonly ifNotExists: boolean;
  readonly unique: boolean;
  readonly table: ObjectName;
  readonly using: string | null;
  /** PostgreSQL `IndexElem` nodes: a column or `(expression)`, with ASC/DESC, NULLS FIRST/LAST. */
  readonly elements: readonly PgNode[];
  readonly include: readonly Identifier[];
  readonly distributedBy: readonly Identifier[];
  readonly with: readonly WithOption[];
  readonly span: Span;
}
