/**
 * StreamHashAgg: GROUP BY, its input hashed on the group keys. One row per group, updated in
 * place (+I new group, -U/+U changed, -D gone), keyed by the group keys; over a snapshot,
 * each group's final row once, at the end (append-only).
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalAggregateCall } from '../plan/logical.ts';
import { keyed, type ChangelogMode, type StreamPlan, type StreamProperties } from './stream-plan.ts';
import type { WatermarkCleanup } from './watermark-cleanup.ts';

/** What a hash and a simple aggregate share: the calls, and when they emit. */
export interface AggregateFields {
  readonly input: StreamPlan;
  readonly groupKeys: readonly BoundExpr[];
  readonly calls: readonly LogicalAggregateCall[];
  /** Over a snapshot: emit the final rows when the input ends, not after every batch. */
  readonly emitAtEnd: boolean;
  readonly cleanup: WatermarkCleanup | null;
}

export interface StreamHashAgg extends StreamProperties, AggregateFields {
  readonly kind: 'hash-agg';
}

export function streamHashAgg(fields: AggregateFields, schema: readonly ScopeColumn[]): StreamHashAgg {
  return { kind: 'hash-agg', ...fields, schema, changelog: aggregateChangelog(fields), key: fields.groupKeys.map((_, i) => i), distribution: keyed([fields.groupKeys], true) };
}

/** Emitted once at the end, each group's row is never taken back. */
export function aggregateChangelog(fields: AggregateFields): ChangelogMode {
  return fields.emitAtEnd ? 'append-only' : 'retract';
}
