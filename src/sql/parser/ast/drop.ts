import type { ObjectName } from './object-name.ts';
import type { Span } from './span.ts';

export type DropObjectType = 'table' | 'source' | 'view' | 'materialized_view' | 'sink' | 'index';

/**
 * `DROP {TABLE | SOURCE | VIEW | MATERIALIZED VIEW | SINK | INDEX} [IF EXISTS] name, ...
 * [CASCADE | RESTRICT]`. Other DROPs (SCHEMA, FUNCTION, ...) are PostgreSQL statements.
 */
export interface DropStatement {
  readonly kind: 'drop';
  readonly objectType: DropObjectType;
  readonly ifExists: boolean;
  readonly names: readonly ObjectName[];
  readonly cascade: boolean;
  readonly span: Span;
}
