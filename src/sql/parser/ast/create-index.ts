import type { Identifier, ObjectName } from './object-name.ts';
import type { PgNode } from './pg-node.ts';
import type { Span } from './span.ts';
import type { WithOption } from './with-option.ts';

/**
 * `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (elements)
 * [INCLUDE (columns)] [NULLS [NOT] DISTINCT] [DISTRIBUTED BY (columns)] [WITH (...)]`.
 * `DISTRIBUTED BY` is RisingWave's; the rest is PostgreSQL's.
 */
export interface CreateIndexStatement {
  readonly kind: 'create_index';
  /** Null when left out: the index is named as PostgreSQL names it (`t_a_b_idx`). */
  readonly name: ObjectName | null;
  readonly ifNotExists: boolean;
  readonly unique: boolean;
  readonly table: ObjectName;
  readonly using: string | null;
  /** PostgreSQL `IndexElem` nodes: a column or `(expression)`, with ASC/DESC, NULLS FIRST/LAST. */
  readonly elements: readonly PgNode[];
  readonly include: readonly Identifier[];
  /** `NULLS NOT DISTINCT` (PostgreSQL 15): in a unique index, NULLs equal each other. */
  readonly nullsNotDistinct: boolean;
  readonly distributedBy: readonly Identifier[];
  readonly with: readonly WithOption[];
  readonly span: Span;
}
