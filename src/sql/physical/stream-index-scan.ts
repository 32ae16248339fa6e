/**
 * StreamIndexScan: the rows of a table (read as a snapshot) whose columns equal constants that
 * its primary key or an index (CREATE INDEX) covers; only those rows are read.
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamProperties } from './stream-plan.ts';
import { primaryKeyOf } from './stream-table-scan.ts';

export interface StreamIndexScan extends StreamProperties {
  readonly kind: 'index-scan';
  readonly relation: CatalogEntry;
  /** column = constant, for the columns the index covers (the constants are literals). */
  readonly lookup: ReadonlyArray<{ readonly column: number; readonly value: Extract<BoundExpr, { kind: 'literal' }> }>;
}

export function streamIndexScan(relation: CatalogEntry, schema: readonly ScopeColumn[], lookup: StreamIndexScan['lookup']): StreamIndexScan {
  return { kind: 'index-scan', relation, lookup, schema, changelog: 'append-only', key: primaryKeyOf(relation), distribution: ANY };
}
