/**
 * StreamSessionWindow: per partition (hashed on it; one subtask without one), rows less than
 * the gap apart share a session. A row moves to another session as rows come and go, so the
 * output retracts.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { keyed, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamSessionWindow extends StreamProperties {
  readonly kind: 'session-window';
  readonly input: StreamPlan;
  readonly timeColumn: number;
  /** In microseconds. */
  readonly gap: number;
  readonly partitionBy: readonly BoundExpr[];
}

export function streamSessionWindow(f: Omit<StreamSessionWindow, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamSessionWindow {
  return { kind: 'session-window', ...f, schema, changelog: 'retract', key: null, distribution: keyed([f.partitionBy], true) };
}
