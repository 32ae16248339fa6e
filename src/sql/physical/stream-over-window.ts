/**
 * StreamOverWindow: window functions over one window, hashed on PARTITION BY (one subtask
 * without it). A touched partition is recomputed; a row's values change with other rows of
 * its partition, so the output retracts.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalWindowCall } from '../plan/logical.ts';
import { keyed, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export type SortKey = { readonly expr: BoundExpr; readonly descending: boolean; readonly nullsFirst: boolean };

export interface StreamOverWindow extends StreamProperties {
  readonly kind: 'over-window';
  readonly input: StreamPlan;
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
  readonly calls: readonly LogicalWindowCall[];
}

export function streamOverWindow(f: Omit<StreamOverWindow, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamOverWindow {
  return { kind: 'over-window', ...f, schema, changelog: 'retract', key: null, distribution: keyed([f.partitionBy], true) };
}
