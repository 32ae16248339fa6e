/** The embedded mini-cluster seen through `ClusterView`: its job store, in the REST API's terms. */
import type { JobClient, PipelineExecutor, SubmittedJob } from '../graph/job-submission.ts';
import type { JobRecord, MiniCluster } from '../cluster/mini-cluster.ts';
import { TERMINAL_STATUSES, type CancelOutcome, type ClusterOverview, type ClusterView, type JobDetails, type MoreJobs } from './cluster-view.ts';

export interface MiniClusterViewOptions {
  /** Slots the embedded TaskManager reports (taskmanager.numberOfTaskSlots). */
  readonly slots: number;
  /** Jobs run elsewhere that the REST API and dashboard list too (views' and sinks' jobs). */
  readonly more?: MoreJobs;
}

export class MiniClusterView implements ClusterView, PipelineExecutor {
  private readonly cluster: MiniCluster;
  private readonly slots: number;
  private readonly more: MoreJobs | null;

  constructor(cluster: MiniCluster, options: MiniClusterViewOptions) {
    this.cluster = cluster;
    this.slots = options.slots;
    this.more = options.more ?? null;
  }

  execute(job: SubmittedJob): JobClient {
    return this.cluster.execute(job);
  }

  overview(): ClusterOverview {
    // A job occupies, per slot sharing group, as many slots as its widest vertex (Flink's rule).
    let used = 0;
    for (const j of this.cluster.listJobs()) {
      if (TERMINAL_STATUSES.has(j.status)) continue;
      const widest = new Map<string, number>();
      for (const v of j.jobGraph.vertices) widest.set(v.slotSharingGroup, Math.max(widest.get(v.slotSharingGroup) ?? 0, v.parallelism));
      for (const n of widest.values()) used += n;
    }
    return { taskManagers: 1, slotsTotal: this.slots, slotsAvailable: Math.max(0, this.slots - used) };
  }

  listJobs(): JobDetails[] {
    const all = [...this.cluster.listJobs().map(details), ...(this.more?.list() ?? [])];
    return all.sort((a, b) => a.startTime - b.startTime);
  }

  getJob(id: string): JobDetails | null {
    const j = this.cluster.getJob(id);
    if (j !== null) return details(j);
    return this.more?.list().find((m) => m.id === id) ?? null;
  }

  async cancel(id: string): Promise<CancelOutcome> {
    const j = this.cluster.getJob(id);
    if (j === null) return this.more === null ? 'unknown-job' : this.more.cancel(id);
    if (TERMINAL_STATUSES.has(j.status)) return 'not-cancellable';
    // cancelJob resolves when the job has stopped; the REST call only starts it.
    this.cluster.cancelJob(id).catch(() => {});
    return 'accepted';
  }

  /** Cancels every running job; for shutdown. */
  async cancelAll(): Promise<void> {
    await Promise.all(this.cluster.listJobs().map((j) => this.cluster.cancelJob(j.jobId).catch(() => false)));
  }
}

function details(j: JobRecord): JobDetails {
  return { id: j.jobId, name: j.jobName, status: j.status, startTime: j.startTime, endTime: j.endTime, jobGraph: j.jobGraph };
}
