/**
 * StreamProjectSet: set-returning functions over each input row (generate_series, unnest,
 * ...): the row once per value, the value appended. A retracted row retracts its whole series.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { SeriesCall } from '../plan/logical.ts';
import { ANY, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamProjectSet extends StreamProperties {
  readonly kind: 'project-set';
  readonly input: StreamPlan;
  /** One function, or (`zip`) several run in lockstep, one column each, the shorter padded with NULL. */
  readonly calls: readonly SeriesCall[];
  readonly zip: boolean;
  /** One function: its position (1, 2, ...) after the value. */
  readonly ordinality: boolean;
}

export function streamProjectSet(f: Omit<StreamProjectSet, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamProjectSet {
  return { kind: 'project-set', ...f, schema, changelog: f.input.changelog, key: null, distribution: ANY };
}
