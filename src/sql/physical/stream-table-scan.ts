/** StreamTableScan: a table's or materialized view's rows, as a snapshot or as a changelog. */
import type { CatalogEntry } from '../../catalog/index.ts';
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamProperties } from './stream-plan.ts';

export interface StreamTableScan extends StreamProperties {
  readonly kind: 'table-scan';
  readonly relation: CatalogEntry;
  /** 'snapshot': the rows as of the statement, then the end; 'changelog': the rows, then every change. */
  readonly read: 'snapshot' | 'changelog';
  /** The only columns the plan reads, when it reads a snapshot through a projection; null for all. */
  readonly reads: readonly number[] | null;
}

/** The columns of a table's primary key, by position; null without one. */
export function primaryKeyOf(relation: CatalogEntry): readonly number[] | null {
  if (relation.kind !== 'table' || relation.primaryKey === null) return null;
  return relation.primaryKey.map((k) => relation.columns.findIndex((c) => c.name === k));
}

export function streamTableScan(relation: CatalogEntry, schema: readonly ScopeColumn[], read: 'snapshot' | 'changelog'): StreamTableScan {
  // Followed as a changelog, only an APPEND ONLY table never takes a row back.
  const grows = read === 'snapshot' || (relation.kind === 'table' && relation.appendOnly);
  return { kind: 'table-scan', relation, read, reads: null, schema, changelog: grows ? 'append-only' : 'retract', key: primaryKeyOf(relation), distribution: ANY };
}

/**
 * A snapshot scan that a projection reads only some columns of: the scan copies only those
 * (another thread's table need not send the rest).
 */
export function readingOnly(scan: StreamTableScan, exprs: readonly BoundExpr[]): StreamTableScan {
  if (scan.read !== 'snapshot') return scan;
  const used = new Set<number>();
  for (const e of exprs) columnsOf(e, used);
  return used.size === scan.schema.length ? scan : { ...scan, reads: [...used].sort((a, b) => a - b) };
}
