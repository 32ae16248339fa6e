/**
 * The seam between the API and whatever runs jobs. The API builds a JobGraph and hands it
 * to the current executor: the embedded mini-cluster by default (installed by Weir's
 * entry point), a remote JobManager later. The API itself knows nothing of clusters.
 */
import type { EnvironmentDefaults, PipelineExecutor, SubmittedJob } from '../graph/job-submission.ts';

export type {
  EnvironmentDefaults,
  ExecutionOptions,
  JobClient,
  JobExecutionResult,
  JobProgram,
  JobStatus,
  PipelineExecutor,
  SubmittedJob,
} from '../graph/job-submission.ts';
export { DEFAULT_EXECUTION_OPTIONS } from '../graph/job-submission.ts';

let defaultExecutor: PipelineExecutor | null = null;

export function setDefaultExecutor(executor: PipelineExecutor): void {
  defaultExecutor = executor;
}

export function getDefaultExecutor(): PipelineExecutor {
  if (defaultExecutor === null) {
    throw new Error("no job executor is installed; import the API from 'weir' (src/index.ts), which installs the embedded mini-cluster");
  }
  return defaultExecutor;
}

/**
 * How `StreamExecutionEnvironment.getExecutionEnvironment()` is configured by the program's
 * launcher (`weir run -p N`, or `weir run --plan`).
 */
export interface EnvironmentContext {
  /** Defaults for every environment the program creates (`-p N`, conf/config.yaml). */
  readonly defaults?: EnvironmentDefaults;
  /**
   * When set, execute() hands the job here instead of running it, then stops the program.
   * Returning false instead lets the program go on as if the job had run (and finished with
   * no output): a worker thread skips the jobs before the one it was sent.
   */
  readonly capturePlan?: (job: SubmittedJob) => boolean | void;
  /** The program being run (`weir run FILE args`): submitted jobs carry it, numbered. */
  readonly program?: { readonly url: string; readonly args: readonly string[]; readonly loader: string };
}

let environmentContext: EnvironmentContext = {};
let jobsSubmitted = 0;

export function setEnvironmentContext(context: EnvironmentContext): void {
  environmentContext = context;
  jobsSubmitted = 0;
}

/** The sequence number of the next job the current program submits (counted per context). */
export function nextJobIndex(): number {
  return jobsSubmitted++;
}

export function getEnvironmentContext(): EnvironmentContext {
  return environmentContext;
}

/** Thrown by execute() in plan mode to stop the program once its job is captured. */
export class PlanCapturedSignal extends Error {
  constructor() {
    super('the job graph was captured for --plan; the program does not run');
    this.name = 'PlanCapturedSignal';
  }
}
