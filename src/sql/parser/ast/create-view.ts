import type { Identifier, ObjectName } from './object-name.ts';
import type { EmbeddedQuery } from './query.ts';
import type { Span } from './span.ts';

/**
 * `CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(columns)] AS query`: a named query,
 * expanded where it is used.
 */
export interface CreateViewStatement {
  readonly kind: 'create_view';
  readonly name: ObjectName;
  readonly ifNotExists: boolean;
  readonly orReplace: boolean;
  /** The column list after the name; null when absent. */
  readonly columns: readonly Identifier[] | null;
  readonly query: EmbeddedQuery;
  readonly span: Span;
}
