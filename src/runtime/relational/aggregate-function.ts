/**
 * Aggregates that can take values back: what a streaming GROUP BY needs when its input
 * retracts rows (deletes and updates). The SQL layer supplies one per aggregate call, typed
 * for its argument (sum of integers vs. exact numerics); the operator only keeps
 * accumulators in state and calls these.
 *
 * Accumulators must be plain, structured-cloneable data (they are snapshotted with state).
 */
export interface RetractableAggregate<ACC = unknown> {
  /** An accumulator for an empty group. */
  create(): ACC;
  /** Folds in one value; returns the accumulator (the same object or a new one). */
  add(acc: ACC, value: unknown): ACC;
  /** Takes back one value that was added before. */
  retract(acc: ACC, value: unknown): ACC;
  /** The aggregate's value for the group as accumulated. */
  result(acc: ACC): unknown;
  /** True when NULL inputs are skipped (SQL aggregates other than count(*) do). */
  readonly ignoresNulls: boolean;
}

/** One aggregate call of a GROUP BY: which function, over which argument, for which rows. */
export interface AggregateCall {
  readonly fn: RetractableAggregate;
  /** The argument of the call for a row (count(*) passes a constant). */
  readonly arg: (row: readonly unknown[]) => unknown;
  /** `FILTER (WHERE ...)`: only rows for which this returns true count. */
  readonly filter?: (row: readonly unknown[]) => boolean;
  /** `DISTINCT`: each distinct argument value counts once. */
  readonly distinct?: boolean;
  /**
   * With `distinct`: the value as equality sees it (numerics whatever their scale, character(n)
   * without trailing spaces); without it, values are told apart by their representation.
   */
  readonly distinctKey?: (value: unknown) => unknown;
}
