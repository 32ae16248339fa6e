/**
 * StreamSemiJoin: the left rows with some (semi) or no (anti) matching right row: IN, NOT
 * IN, EXISTS. The output is the left row; hashed on the keys, or on one subtask without them.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { keyed, type StreamPlan, type StreamProperties } from './stream-plan.ts';
import type { BuildSide } from './build-side.ts';

export interface StreamSemiJoin extends StreamProperties {
  readonly kind: 'semi-join';
  readonly anti: boolean;
  readonly left: StreamPlan;
  readonly right: StreamPlan;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  /** Over the left row followed by the right row. */
  readonly residual: BoundExpr | null;
  /** Keys match when both are NULL too (joining back to a subquery's domain). */
  readonly nullSafe: boolean;
  /** Over snapshots: the input read to its end first and kept, the other streamed through (build-side.ts). */
  readonly build: BuildSide;
}

export function streamSemiJoin(f: Omit<StreamSemiJoin, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamSemiJoin {
  // A left row appears when its first match does; an anti join's rows go when a match comes,
  // unless it builds one side and settles each left row once.
  const grows = f.build !== null || (!f.anti && f.left.changelog === 'append-only' && f.right.changelog === 'append-only');
  return { kind: 'semi-join', ...f, schema, changelog: grows ? 'append-only' : 'retract', key: f.left.key, distribution: keyed([f.leftKeys, f.rightKeys], f.nullSafe) };
}
