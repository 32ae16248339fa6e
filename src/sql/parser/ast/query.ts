import type { PgNode } from './pg-node.ts';
import type { Span } from './span.ts';

/**
 * A query embedded in a Weir statement (the body of a view, a sink, CREATE TABLE AS), parsed
 * by PostgreSQL's parser after the window-TVF rewrite. `tree` is a `SelectStmt` node (also
 * for VALUES and WITH ... SELECT); `span` covers the query's text in the submitted SQL.
 */
export interface EmbeddedQuery {
  readonly tree: PgNode;
  readonly span: Span;
}
