/** StreamNestedLoopJoin: a join without equi-join keys; every row meets every row of the other side, on one subtask. */
import type { ScopeColumn } from '../binder/scope.ts';
import { SINGLETON, type StreamProperties } from './stream-plan.ts';
import { joinedChangelog, type JoinFields } from './join-fields.ts';

export interface StreamNestedLoopJoin extends StreamProperties, JoinFields {
  readonly kind: 'nested-loop-join';
}

export function streamNestedLoopJoin(fields: JoinFields, schema: readonly ScopeColumn[]): StreamNestedLoopJoin {
  return { kind: 'nested-loop-join', ...fields, schema, ...joinedChangelog(fields), distribution: SINGLETON };
}
