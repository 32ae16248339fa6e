/**
 * What a client submits to whatever runs jobs (the embedded mini-cluster, a JobManager),
 * and what it gets back. The API builds a {@link SubmittedJob}; executors implement
 * {@link PipelineExecutor}.
 */
import type { JobGraph } from './job-graph.ts';
import type { FunctionRegistry } from './stream-graph.ts';

export type JobStatus = 'CREATED' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

export interface JobExecutionResult {
  readonly jobId: string;
  readonly jobName: string;
  readonly netRuntimeMs: number;
  /** Records read by sources and written by sinks, summed over subtasks. */
  readonly metrics: { readonly sourceRecords: number; readonly sinkRecords: number };
}

export interface JobClient {
  readonly jobId: string;
  getJobStatus(): JobStatus;
  /** Stops the job; its result then rejects with a cancellation error. */
  cancel(): Promise<void>;
  getJobExecutionResult(): Promise<JobExecutionResult>;
}

export interface ExecutionOptions {
  /** Rows per batch that sources aim for. */
  readonly batchSize: number;
  /** Batches an in-process channel holds before its producer waits. */
  readonly channelCapacity: number;
}

export const DEFAULT_EXECUTION_OPTIONS: ExecutionOptions = { batchSize: 1024, channelCapacity: 8 };

export interface SubmittedJob {
  readonly jobGraph: JobGraph;
  readonly registry: FunctionRegistry;
  readonly options: ExecutionOptions;
}

export interface PipelineExecutor {
  execute(job: SubmittedJob): JobClient;
}
