/** StreamFilter: the input rows the predicate holds for; change kinds pass through. */
import type { BoundExpr } from '../binder/bound-expr.ts';
import { ANY, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamFilter extends StreamProperties {
  readonly kind: 'filter';
  readonly input: StreamPlan;
  readonly predicate: BoundExpr;
}

export function streamFilter(input: StreamPlan, predicate: BoundExpr): StreamFilter {
  return { kind: 'filter', input, predicate, schema: input.schema, changelog: input.changelog, key: input.key, distribution: ANY };
}
