/**
 * The seam between the API and whatever runs jobs. The API builds a JobGraph and hands it
 * to the current executor: the embedded mini-cluster by default (installed by Weir's
 * entry point), a remote JobManager later. The API itself knows nothing of clusters.
 */
import type { PipelineExecutor, SubmittedJob } from '../graph/job-submission.ts';

export type {
  ExecutionOptions,
  JobClient,
  JobExecutionResult,
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
  readonly parallelism?: number;
  /** When set, execute() hands the job here instead of running it, then stops the program. */
  readonly capturePlan?: (job: SubmittedJob) => void;
}

let environmentContext: EnvironmentContext = {};

export function setEnvironmentContext(context: EnvironmentContext): void {
  environmentContext = context;
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
