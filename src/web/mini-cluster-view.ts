/**
 * The embedded mini-cluster seen through `ClusterView`. MiniCluster forgets a job when it
 * ends and does not keep job graphs or start times, so this adapter sits in front of it as
 * the executor (`setDefaultExecutor(view)`): every job submitted through it is recorded with
 * its graph, times and final status. Jobs submitted to the MiniCluster directly appear too,
 * while they run, without a graph.
 */
import type { JobClient, PipelineExecutor, SubmittedJob } from '../graph/job-submission.ts';
import type { MiniCluster } from '../cluster/mini-cluster.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import { TERMINAL_STATUSES, type CancelOutcome, type ClusterOverview, type ClusterView, type JobDetails, type JobStatus } from './cluster-view.ts';

interface RecordedJob {
  readonly client: JobClient;
  readonly name: string;
  readonly jobGraph: JobGraph;
  readonly startTime: number;
  endTime: number | null;
}

export interface MiniClusterViewOptions {
  /** Slots the embedded TaskManager reports (taskmanager.numberOfTaskSlots). */
  readonly slots: number;
  /** Ended jobs kept for the REST API, oldest dropped first (Flink's jobstore.max-capacity). */
  readonly maxEndedJobs?: number;
}

export class MiniClusterView implements ClusterView, PipelineExecutor {
  private readonly cluster: MiniCluster;
  private readonly slots: number;
  private readonly maxEndedJobs: number;
  private readonly jobs = new Map<string, RecordedJob>();

  constructor(cluster: MiniCluster, options: MiniClusterViewOptions) {
    this.cluster = cluster;
    this.slots = options.slots;
    this.maxEndedJobs = options.maxEndedJobs ?? 1000;
  }

  execute(job: SubmittedJob): JobClient {
    const client = this.cluster.execute(job);
    const recorded: RecordedJob = { client, name: job.jobGraph.jobName, jobGraph: job.jobGraph, startTime: Date.now(), endTime: null };
    this.jobs.set(client.jobId, recorded);
    const ended = (): void => {
      recorded.endTime = Date.now();
      this.evictEnded();
    };
    client.getJobExecutionResult().then(ended, ended);
    return client;
  }

  overview(): ClusterOverview {
    // A job occupies, per slot sharing group, as many slots as its widest vertex (Flink's rule).
    let used = 0;
    for (const j of this.jobs.values()) {
      if (TERMINAL_STATUSES.has(j.client.getJobStatus())) continue;
      const widest = new Map<string, number>();
      for (const v of j.jobGraph.vertices) widest.set(v.slotSharingGroup, Math.max(widest.get(v.slotSharingGroup) ?? 0, v.parallelism));
      for (const n of widest.values()) used += n;
    }
    return { taskManagers: 1, slotsTotal: this.slots, slotsAvailable: Math.max(0, this.slots - used) };
  }

  listJobs(): JobDetails[] {
    const out: JobDetails[] = [...this.jobs.entries()].map(([id, j]) => this.details(id, j));
    for (const j of this.cluster.listJobs()) {
      if (!this.jobs.has(j.jobId)) out.push({ id: j.jobId, name: j.jobName, status: j.status, startTime: Date.now(), endTime: null, jobGraph: null });
    }
    return out;
  }

  getJob(id: string): JobDetails | null {
    const j = this.jobs.get(id);
    if (j !== undefined) return this.details(id, j);
    return this.listJobs().find((x) => x.id === id) ?? null;
  }

  async cancel(id: string): Promise<CancelOutcome> {
    const j = this.jobs.get(id);
    if (j === undefined) return this.cluster.listJobs().some((x) => x.jobId === id) ? 'not-cancellable' : 'unknown-job';
    if (TERMINAL_STATUSES.has(j.client.getJobStatus())) return 'not-cancellable';
    // JobClient.cancel() resolves when the job has stopped; the REST call only starts it.
    j.client.cancel().catch(() => {});
    return 'accepted';
  }

  /** Cancels every running job; for shutdown. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.client.cancel().catch(() => {})));
  }

  private details(id: string, j: RecordedJob): JobDetails {
    const status: JobStatus = j.client.getJobStatus();
    return { id, name: j.name, status, startTime: j.startTime, endTime: j.endTime, jobGraph: j.jobGraph };
  }

  private evictEnded(): void {
    const ended = [...this.jobs.entries()].filter(([, j]) => j.endTime !== null);
    for (const [id] of ended.slice(0, Math.max(0, ended.length - this.maxEndedJobs))) this.jobs.delete(id);
  }
}
