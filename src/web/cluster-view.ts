/**
 * What the REST API needs from a cluster. The web layer depends on this interface, not on
 * the cluster's classes: the embedded mini-cluster implements it through an adapter
 * (mini-cluster-view.ts) and the JobManager will implement it over gRPC.
 */
import type { JobStatus } from '../graph/job-submission.ts';
import type { JobGraph } from '../graph/job-graph.ts';

export type { JobStatus };

export interface JobSummary {
  /** 32 hex digits, as Flink's JobID. */
  readonly id: string;
  readonly name: string;
  readonly status: JobStatus;
  /** Epoch milliseconds. */
  readonly startTime: number;
  /** Epoch milliseconds; null while the job has not reached a terminal state. */
  readonly endTime: number | null;
  /** Why a FAILED job failed (its root exception's message); null or absent otherwise. */
  readonly failure?: string | null;
}

export interface JobDetails extends JobSummary {
  /** The job's graph; null when the cluster did not record it. */
  readonly jobGraph: JobGraph | null;
}

export interface ClusterOverview {
  readonly taskManagers: number;
  readonly slotsTotal: number;
  readonly slotsAvailable: number;
}

export type CancelOutcome = 'accepted' | 'unknown-job' | 'not-cancellable';

export interface ClusterView {
  overview(): ClusterOverview;
  /** Running and recently ended jobs, oldest first. */
  listJobs(): readonly JobSummary[];
  getJob(id: string): JobDetails | null;
  /** Starts cancelling a job; resolves once cancellation is under way, not when it ends. */
  cancel(id: string): Promise<CancelOutcome>;
}

/**
 * Jobs that run outside the cluster's own job store (the SQL engine's views and sinks on
 * their slot threads), listed beside the cluster's.
 */
export interface MoreJobs {
  list(): readonly JobDetails[];
  cancel(id: string): Promise<CancelOutcome>;
}

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['FINISHED', 'FAILED', 'CANCELED']);
