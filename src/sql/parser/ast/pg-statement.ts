import type { PgNode } from './pg-node.ts';
import type { Span } from './span.ts';

/**
 * A statement in PostgreSQL's own syntax, parsed by PostgreSQL's parser: SELECT, INSERT,
 * UPDATE, DELETE, VALUES, WITH, BEGIN/COMMIT, the catalog queries of psql and JDBC, and
 * every other statement Weir's grammar does not claim. Window TVFs in Flink's form have
 * already been rewritten to RisingWave's call form.
 *
 * @example
 * // SELECT 1  →  { kind: 'pg', type: 'SelectStmt', tree: { SelectStmt: {...} }, text: 'SELECT 1', ... }
 */
export interface PgStatement {
  readonly kind: 'pg';
  /** The node type of `tree`: `'SelectStmt'`, `'InsertStmt'`, `'TransactionStmt'`, ... */
  readonly type: string;
  readonly tree: PgNode;
  /** The statement's text as submitted (before any rewrite). */
  readonly text: string;
  readonly span: Span;
}
