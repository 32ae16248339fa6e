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
  /** Epoch ms the job started, where the executor records it. */
  readonly startTime?: number;
  /** Epoch ms it ended; null while it runs. */
  readonly endTime?: number | null;
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

/**
 * The program a job came from, when known (jobs launched by `weir run FILE`): enough for a
 * TaskManager thread to load the same module and rebuild the job's functions as code.
 */
/** What a launcher sets for every environment a program creates. */
export interface EnvironmentDefaults {
  readonly parallelism?: number;
  readonly maxParallelism?: number;
  readonly executionOptions?: Partial<ExecutionOptions>;
}

export interface JobProgram {
  /** The program module's URL (file:). */
  readonly url: string;
  /** The program's own arguments (process.argv after the file). */
  readonly args: readonly string[];
  /** The launcher's defaults for the program's environments (`-p N`, conf/config.yaml). */
  readonly defaults: EnvironmentDefaults;
  /** Which of the program's submitted jobs this is: 0 for the first execute(), 1 for the next. */
  readonly jobIndex: number;
  /**
   * URL of the module that rebuilds the job from the program on a slot thread: the launcher's
   * (it exports `loadProgramJob(program): Promise<SubmittedJob>`). The cluster only imports it
   * by this URL, so it does not depend on the API or the CLI.
   */
  readonly loader: string;
}

export interface SubmittedJob {
  readonly jobGraph: JobGraph;
  readonly registry: FunctionRegistry;
  readonly options: ExecutionOptions;
  /** Set when the job's program file is known; lets the cluster run it on worker threads. */
  readonly program?: JobProgram;
}

export interface PipelineExecutor {
  execute(job: SubmittedJob): JobClient;
}
