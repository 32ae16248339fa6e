/**
 * The SQL engine's streaming jobs that run on slot threads (views' and sinks'), as the REST
 * API and dashboard list jobs: beside the mini-cluster's own, with why a failed one failed.
 */
import type { MiniCluster } from '../../cluster/mini-cluster.ts';
import type { SqlEngine } from '../../sql/engine/engine.ts';
import type { CancelOutcome, JobDetails, MoreJobs } from '../../web/cluster-view.ts';
import { TERMINAL_STATUSES } from '../../web/cluster-view.ts';

function message(e: unknown): string | null {
  if (e === undefined || e === null) return null;
  return e instanceof Error ? e.message : String(e);
}

export function sqlJobs(engine: () => SqlEngine | null, cluster: MiniCluster): MoreJobs {
  const list = (): JobDetails[] => {
    const e = engine();
    if (e === null) return [];
    return e.listJobs().flatMap(({ entry, job }) => {
      // Jobs on the mini-cluster are listed by it, with their plans.
      if (cluster.getJob(job.jobId) !== null) return [];
      const status = job.getJobStatus();
      return [
        {
          id: job.jobId,
          name: `${entry.kind} ${entry.name}`,
          status,
          startTime: job.startTime ?? 0,
          endTime: job.endTime ?? null,
          jobGraph: null,
          failure: status === 'FAILED' ? message(e.failure(entry)) : null,
        },
      ];
    });
  };
  return {
    list,
    async cancel(id: string): Promise<CancelOutcome> {
      const found = engine()?.listJobs().find(({ job }) => job.jobId === id);
      if (found === undefined) return 'unknown-job';
      if (TERMINAL_STATUSES.has(found.job.getJobStatus())) return 'not-cancellable';
      found.job.cancel().catch(() => {});
      return 'accepted';
    },
  };
}
