import type { Identifier, ObjectName } from './object-name.ts';
import type { EmbeddedQuery } from './query.ts';
import type { Span } from './span.ts';
import type { WithOption } from './with-option.ts';

/**
 * `CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(columns)] [WITH (...)] AS query
 * [EMIT ON WINDOW CLOSE]`: a query maintained by a streaming job.
 *
 * With EMIT ON WINDOW CLOSE, results are emitted once the watermark closes their window,
 * append-only, instead of being updated as rows arrive.
 */
export interface CreateMaterializedViewStatement {
  readonly kind: 'create_materialized_view';
  readonly name: ObjectName;
  readonly ifNotExists: boolean;
  readonly columns: readonly Identifier[] | null;
  readonly with: readonly WithOption[];
  readonly query: EmbeddedQuery;
  readonly emitOnWindowClose: boolean;
  readonly span: Span;
}
