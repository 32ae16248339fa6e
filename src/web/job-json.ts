/**
 * The JSON bodies of Flink's REST API, built from `ClusterView` data. Field names follow
 * Flink's (`jid`, `start-time`, `slots-total`), so Flink-aware tools read them; "flink-*"
 * fields are "weir-*" here.
 *
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/rest_api/
 */
import type { JobGraph } from '../graph/job-graph.ts';
import { TERMINAL_STATUSES, type ClusterOverview, type JobDetails, type JobStatus, type JobSummary } from './cluster-view.ts';

const TASK_STATES = ['created', 'scheduled', 'deploying', 'running', 'finished', 'canceling', 'canceled', 'failed', 'reconciling', 'initializing'] as const;

export function overviewJson(o: ClusterOverview, jobs: readonly JobSummary[], version: string): Record<string, unknown> {
  const count = (s: JobStatus): number => jobs.filter((j) => j.status === s).length;
  return {
    taskmanagers: o.taskManagers,
    'slots-total': o.slotsTotal,
    'slots-available': o.slotsAvailable,
    'jobs-running': jobs.filter((j) => !TERMINAL_STATUSES.has(j.status)).length,
    'jobs-finished': count('FINISHED'),
    'jobs-cancelled': count('CANCELED'),
    'jobs-failed': count('FAILED'),
    'weir-version': version,
  };
}

function times(j: JobSummary, now: number): Record<string, number> {
  const end = j.endTime ?? -1;
  return { 'start-time': j.startTime, 'end-time': end, duration: (j.endTime ?? now) - j.startTime };
}

/** Per-state task counts; the mini-cluster reports one state per job, so every task has it. */
function taskCounts(status: JobStatus, tasks: number): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(TASK_STATES.map((s) => [s, 0]));
  counts[status.toLowerCase()] = tasks;
  return counts;
}

function vertexCount(j: JobDetails): number {
  return j.jobGraph?.vertices.length ?? 0;
}

export function jobOverviewJson(j: JobDetails, now: number): Record<string, unknown> {
  return {
    jid: j.id,
    name: j.name,
    state: j.status,
    ...times(j, now),
    'last-modification': j.endTime ?? j.startTime,
    tasks: { total: vertexCount(j), ...taskCounts(j.status, vertexCount(j)) },
    ...(j.failure != null && { 'weir-failure': j.failure }),
  };
}

/** Flink's /jobs/:id/exceptions: the root exception of a failed job. */
export function exceptionsJson(j: JobDetails): Record<string, unknown> {
  const failed = j.failure != null;
  return {
    'root-exception': failed ? j.failure : null,
    timestamp: failed ? j.endTime : null,
    'all-exceptions': [],
    truncated: false,
    exceptionHistory: { entries: failed ? [{ exceptionName: 'JobFailure', stacktrace: j.failure, timestamp: j.endTime }] : [], truncated: false },
  };
}

export function jobDetailsJson(j: JobDetails, now: number): Record<string, unknown> {
  const t = times(j, now);
  return {
    jid: j.id,
    name: j.name,
    isStoppable: false,
    state: j.status,
    ...t,
    now,
    timestamps: { CREATED: j.startTime, RUNNING: j.startTime, ...(j.endTime === null ? {} : { [j.status]: j.endTime }) },
    vertices: (j.jobGraph?.vertices ?? []).map((v) => ({
      id: v.id,
      name: v.name,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      status: j.status,
      ...t,
      tasks: taskCounts(j.status, v.parallelism),
      operators: v.operators.map((o) => ({ uid: o.uid, name: o.name, kind: o.kind })),
    })),
    'status-counts': taskCounts(j.status, vertexCount(j)),
    plan: j.jobGraph === null ? null : planJson(j.id, j.jobGraph),
  };
}

/**
 * Flink's plan shape (JsonPlanGenerator): one node per JobGraph vertex, with inputs naming
 * the upstream vertex and the ship strategy.
 */
export function planJson(jobId: string, g: JobGraph): Record<string, unknown> {
  return {
    jid: jobId,
    name: g.jobName,
    type: 'STREAMING',
    nodes: g.vertices.map((v) => ({
      id: v.id,
      parallelism: v.parallelism,
      operator: '',
      operator_strategy: '',
      description: v.name,
      inputs: g.edges
        .filter((e) => e.target === v.id)
        .map((e, num) => ({
          num,
          id: e.source,
          ship_strategy: e.partitioner.toUpperCase(),
          exchange: 'pipelined_bounded',
          ...(e.sideOutputTag === null ? {} : { side_output: e.sideOutputTag }),
        })),
      optimizer_properties: {},
    })),
  };
}
