/**
 * StreamIntervalJoin: a join of inputs that only grow, with watermarks on both, whose
 * condition bounds the time between the sides (`R.t BETWEEN L.t - X AND L.t + Y`): a stored
 * row expires once the other side's watermark passes the last time it could match. Hashed on
 * the equi-join keys, or on one subtask without them.
 */
import type { ScopeColumn } from '../binder/scope.ts';
import type { IntervalSide } from '../planner/watermarks.ts';
import { keyed, type StreamProperties } from './stream-plan.ts';
import { joinedChangelog, type JoinFields } from './join-fields.ts';

export interface StreamIntervalJoin extends StreamProperties, JoinFields {
  readonly kind: 'interval-join';
  /** Per side, its time column and when its rows expire (at least one side). */
  readonly expire: { readonly left?: IntervalSide; readonly right?: IntervalSide };
}

export function streamIntervalJoin(fields: JoinFields, expire: StreamIntervalJoin['expire'], schema: readonly ScopeColumn[]): StreamIntervalJoin {
  return { kind: 'interval-join', ...fields, expire, schema, ...joinedChangelog(fields), distribution: keyed([fields.leftKeys, fields.rightKeys], fields.nullSafe) };
}
