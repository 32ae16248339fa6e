/** StreamProject: one expression per output column over each input row; change kinds pass through. */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamProject extends StreamProperties {
  readonly kind: 'project';
  readonly input: StreamPlan;
  readonly exprs: readonly BoundExpr[];
}

export function streamProject(input: StreamPlan, exprs: readonly BoundExpr[], schema: readonly ScopeColumn[]): StreamProject {
  // The key survives when every key column is projected as is.
  const key = input.key?.map((k) => exprs.findIndex((e) => e.kind === 'column' && e.index === k)) ?? null;
  return { kind: 'project', input, exprs, schema, changelog: input.changelog, key: key === null || key.some((k) => k < 0) ? null : key, distribution: ANY };
}
