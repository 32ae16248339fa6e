/**
 * Which input of a join over snapshots is built and which is probed. A one-off query reads
 * each table once and then ends, so a join there need not keep both inputs as a streaming
 * join does (either side may come first, any row may be retracted): with both inputs
 * append-only, it reads the smaller one (by the planner's row estimates) to its end into a
 * hash table and streams the other through it, keeping nothing of it, as Flink's batch hash
 * join and DataFusion's HashJoinExec do. Outer, semi and anti joins keep their meaning: rows
 * nothing matched are settled when the probe input ends (BuildProbeJoinOperator).
 */
import type { LogicalPlan } from '../plan/logical.ts';
import { estimateRows } from '../optimizer/estimate.ts';
import type { StreamPlan } from './stream-plan.ts';

/** The input read first and kept; null for a streaming join that keeps both. */
export type BuildSide = 'left' | 'right' | null;

export function chooseBuildSide(plan: Extract<LogicalPlan, { kind: 'join' }>, left: StreamPlan, right: StreamPlan, mode: 'snapshot' | 'changelog'): BuildSide {
  if (mode !== 'snapshot' || left.changelog !== 'append-only' || right.changelog !== 'append-only') return null;
  // Ties build the right side, the subquery of a semi or anti join.
  return estimateRows(plan.left) < estimateRows(plan.right) ? 'left' : 'right';
}
