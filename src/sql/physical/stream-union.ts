/** StreamUnion: the rows of every input (UNION ALL), each input's changes in their order. */
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, appendIfAll, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamUnion extends StreamProperties {
  readonly kind: 'union';
  readonly inputs: readonly StreamPlan[];
}

export function streamUnion(inputs: readonly StreamPlan[], schema: readonly ScopeColumn[]): StreamUnion {
  return { kind: 'union', inputs, schema, changelog: appendIfAll(inputs), key: null, distribution: ANY };
}
