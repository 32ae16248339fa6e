/**
 * StreamSimpleAgg: an aggregate without GROUP BY: one row (the empty key), on one subtask,
 * there even over no rows.
 */
import type { ScopeColumn } from '../binder/scope.ts';
import { SINGLETON, type StreamProperties } from './stream-plan.ts';
import { aggregateChangelog, type AggregateFields } from './stream-hash-agg.ts';

export interface StreamSimpleAgg extends StreamProperties, AggregateFields {
  readonly kind: 'simple-agg';
}

export function streamSimpleAgg(fields: AggregateFields, schema: readonly ScopeColumn[]): StreamSimpleAgg {
  return { kind: 'simple-agg', ...fields, schema, changelog: aggregateChangelog(fields), key: [], distribution: SINGLETON };
}
