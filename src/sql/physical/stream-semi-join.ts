/**
 * StreamSemiJoin: the left rows with some (semi) or no (anti) matching right row: IN, NOT
 * IN, EXISTS. The output is the left row; hashed on the keys, or on one subtask without them.
 */
import type { ScopeColumn } from '../binder/scope.ts';
import { keyed, type StreamProperties } from './stream-plan.ts';
import type { JoinInputs } from './join-fields.ts';

/** Its residual is over the left row followed by the right row; nullSafe keys join back to a subquery's domain. */
export interface StreamSemiJoin extends StreamProperties, JoinInputs {
  readonly kind: 'semi-join';
  readonly anti: boolean;
}

export function streamSemiJoin(f: Omit<StreamSemiJoin, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamSemiJoin {
  // A left row appears when its first match does; an anti join's rows go when a match comes,
  // unless it builds one side and settles each left row once.
  const grows = f.build !== null || (!f.anti && f.left.changelog === 'append-only' && f.right.changelog === 'append-only');
  return { kind: 'semi-join', ...f, schema, changelog: grows ? 'append-only' : 'retract', key: f.left.key, distribution: keyed([f.leftKeys, f.rightKeys], f.nullSafe) };
}
