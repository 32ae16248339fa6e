/** StreamTableScan: a table's or materialized view's rows, as a snapshot or as a changelog. */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamProperties } from './stream-plan.ts';

export interface StreamTableScan extends StreamProperties {
  readonly kind: 'table-scan';
  readonly relation: CatalogEntry;
  /** 'snapshot': the rows as of the statement, then the end; 'changelog': the rows, then every change. */
  readonly read: 'snapshot' | 'changelog';
}

/** The columns of a table's primary key, by position; null without one. */
export function primaryKeyOf(relation: CatalogEntry): readonly number[] | null {
  if (relation.kind !== 'table' || relation.primaryKey === null) return null;
  return relation.primaryKey.map((k) => relation.columns.findIndex((c) => c.name === k));
}

export function streamTableScan(relation: CatalogEntry, schema: readonly ScopeColumn[], read: 'snapshot' | 'changelog'): StreamTableScan {
  // Followed as a changelog, only an APPEND ONLY table never takes a row back.
  const grows = read === 'snapshot' || (relation.kind === 'table' && relation.appendOnly);
  return { kind: 'table-scan', relation, read, schema, changelog: grows ? 'append-only' : 'retract', key: primaryKeyOf(relation), distribution: ANY };
}
