/** What the joins that pair rows (hash, interval, nested loop) share, and their changelog. */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { JoinType } from '../../runtime/relational/hash-join.ts';
import type { ChangelogMode, StreamPlan } from './stream-plan.ts';
import type { BuildSide } from './build-side.ts';

/** What every join of two inputs has, semi and anti joins too. */
export interface JoinInputs {
  readonly left: StreamPlan;
  readonly right: StreamPlan;
  /** Equi-join keys: leftKeys[i] (over the left row) = rightKeys[i] (over the right row). */
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  /** The rest of the ON condition, over the joined row. */
  readonly residual: BoundExpr | null;
  /** Keys match when both are NULL too (IS NOT DISTINCT FROM). */
  readonly nullSafe: boolean;
  /** Over snapshots: the input read to its end first and kept, the other streamed through (build-side.ts). */
  readonly build: BuildSide;
}

export interface JoinFields extends JoinInputs {
  readonly joinType: JoinType;
}

/**
 * An inner join of inputs that only grow only grows; outer joins retract their NULL-padded
 * rows when a match comes, unless they build one side and pad once, at the end. A pair of
 * keyed rows is keyed by both keys.
 */
export function joinedChangelog(f: JoinFields): { changelog: ChangelogMode; key: readonly number[] | null } {
  const grows = f.build !== null || (f.joinType === 'inner' && f.left.changelog === 'append-only' && f.right.changelog === 'append-only');
  const key = f.left.key !== null && f.right.key !== null ? [...f.left.key, ...f.right.key.map((k) => k + f.left.schema.length)] : null;
  return { changelog: grows ? 'append-only' : 'retract', key };
}
