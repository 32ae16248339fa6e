/** StreamHashJoin: both sides kept by join key (hashed on it), each row meeting the other side's rows of its key. */
import type { ScopeColumn } from '../binder/scope.ts';
import { keyed, type StreamProperties } from './stream-plan.ts';
import { joinedChangelog, type JoinFields } from './join-fields.ts';

export interface StreamHashJoin extends StreamProperties, JoinFields {
  readonly kind: 'hash-join';
}

export function streamHashJoin(fields: JoinFields, schema: readonly ScopeColumn[]): StreamHashJoin {
  return { kind: 'hash-join', ...fields, schema, ...joinedChangelog(fields), distribution: keyed([fields.leftKeys, fields.rightKeys], fields.nullSafe) };
}
