/**
 * The one place that decides whether the mini-cluster runs a job on worker threads.
 *
 * Rule: a job runs threaded when
 *   1. threads are not switched off (`MiniClusterOptions.threads`, else the environment
 *      variable WEIR_EXECUTION_THREADS, `auto` by default; `off` forces one thread),
 *   2. its program file is known (`weir run FILE`): workers obtain user code by loading
 *      that module, never by receiving closures,
 *   3. its largest vertex parallelism is above 1, and
 *   4. the machine has more than one core (threads never pay on one), and
 *   5. more than one slot results: `taskmanager.numberOfTaskSlots` when configured,
 *      otherwise the job's largest parallelism (one slot per parallel pipeline).
 * Everything else (in-process executeAndCollect, the SQL layer) runs on the caller's thread.
 */
import { availableParallelism } from 'node:os';
import type { SubmittedJob } from '../graph/job-submission.ts';

export type ThreadsSetting = 'auto' | 'off';

export const THREADS_ENV = 'WEIR_EXECUTION_THREADS';

export function threadsSetting(option: ThreadsSetting | undefined): ThreadsSetting {
  const value = option ?? process.env[THREADS_ENV] ?? 'auto';
  if (value !== 'auto' && value !== 'off') {
    throw new Error(`${THREADS_ENV} must be 'auto' or 'off', got '${value}'`);
  }
  return value;
}

/** Slots (worker threads) to run the job on; 1 means the single-thread mode. */
export function slotsFor(job: SubmittedJob, threads: ThreadsSetting, configuredSlots: number | undefined): number {
  if (threads === 'off' || job.program === undefined || availableParallelism() < 2) return 1;
  const parallelism = Math.max(1, ...job.jobGraph.vertices.map((v) => v.parallelism));
  if (parallelism <= 1) return 1;
  // More slots than the largest parallelism would stay empty (subtask i goes to slot i mod n).
  return Math.max(1, Math.min(configuredSlots ?? parallelism, parallelism));
}
