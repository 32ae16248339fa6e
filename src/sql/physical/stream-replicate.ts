/** StreamReplicate: each input row (whose last column is a count) as that many copies of its other columns. */
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamReplicate extends StreamProperties {
  readonly kind: 'replicate';
  readonly input: StreamPlan;
}

export function streamReplicate(input: StreamPlan, schema: readonly ScopeColumn[]): StreamReplicate {
  return { kind: 'replicate', input, schema, changelog: input.changelog, key: null, distribution: ANY };
}
