/**
 * The embedded mini-cluster: the JobManager's scheduling and the TaskManagers' task
 * execution in one process, wired with in-memory channels. It deploys every subtask of
 * every JobGraph vertex, runs them on the event loop, and fails the whole job (cancelling
 * the other tasks) when one task fails, naming the operator and the error.
 */
import { randomUUID } from 'node:crypto';
import type { JobClient, JobExecutionResult, JobStatus, PipelineExecutor, SubmittedJob } from '../graph/job-submission.ts';
import type { JobGraph } from '../graph/job-graph.ts';
import type { ExchangeCounts, JobPart, SlotJobExecutor } from '../graph/slot-program.ts';
import { PortMux, type RemoteInputChannel } from '../runtime/exchange/remote-channel.ts';
import { TaskCanceledError } from '../runtime/task.ts';
import { deploy, localPlacement, partPlacement, type DeployedTask } from './deploy.ts';
import { slotsFor, threadsSetting, type ThreadsSetting } from './execution-mode.ts';
import { ThreadedRun, type SlotFailure } from './threaded-runner.ts';

export class JobFailedError extends Error {
  readonly jobName: string;
  constructor(jobName: string, taskName: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`job '${jobName}' failed: task '${taskName}': ${why}`, { cause });
    this.name = 'JobFailedError';
    this.jobName = jobName;
  }
}

export class JobCanceledError extends Error {
  constructor(jobName: string) {
    super(`job '${jobName}' was canceled`);
    this.name = 'JobCanceledError';
  }
}

/** A job the mini-cluster runs or ran: what its job store keeps (Flink's ExecutionGraphInfo). */
export interface JobRecord {
  readonly jobId: string;
  readonly jobName: string;
  readonly status: JobStatus;
  readonly jobGraph: JobGraph;
  /** Epoch ms. */
  readonly startTime: number;
  /** Epoch ms; null while the job runs. */
  readonly endTime: number | null;
}

export interface MiniClusterOptions {
  /** Ended jobs kept for inspection, oldest dropped first (Flink's jobstore.max-capacity). */
  readonly maxEndedJobs?: number;
  /**
   * Worker threads: 'auto' runs jobs with a known program file and parallelism > 1 on
   * slot threads, 'off' keeps every job on one thread. Default: WEIR_EXECUTION_THREADS, else
   * 'auto' (the rule is in execution-mode.ts).
   */
  readonly threads?: ThreadsSetting;
  /** Slots (threads) per job (taskmanager.numberOfTaskSlots); default the job's max parallelism. */
  readonly slots?: number;
}

export class MiniCluster implements PipelineExecutor, SlotJobExecutor {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly maxEndedJobs: number;
  private readonly options: MiniClusterOptions;

  constructor(options: MiniClusterOptions = {}) {
    this.maxEndedJobs = options.maxEndedJobs ?? 1000;
    this.options = options;
  }

  execute(job: SubmittedJob): JobClient {
    return this.launch(new RunningJob(job, slotsFor(job, threadsSetting(this.options.threads), this.options.slots)));
  }

  /** Runs one part of a job whose other parts run elsewhere (see JobPart), on this thread. */
  executePart(job: SubmittedJob, part: JobPart): JobClient {
    return this.launch(new RunningJob(job, 1, part));
  }

  exchangeCounts(jobId: string): ExchangeCounts {
    return this.jobs.get(jobId)?.exchangeCounts() ?? { sent: 0, received: 0 };
  }

  private launch(running: RunningJob): JobClient {
    this.jobs.set(running.jobId, running);
    const ended = (): void => this.evictEnded();
    running.result.then(ended, ended);
    running.start();
    return running;
  }

  /** Running and ended jobs, in submission order. */
  listJobs(): JobRecord[] {
    return [...this.jobs.values()].map((j) => j.record());
  }

  getJob(jobId: string): JobRecord | null {
    return this.jobs.get(jobId)?.record() ?? null;
  }

  /** Waits until the given running jobs (all when omitted) have processed all their input so far. */
  async settle(jobIds?: readonly string[], timeoutMs = 60_000): Promise<void> {
    const jobs = [...this.jobs.values()].filter((j) => jobIds === undefined || jobIds.includes(j.jobId));
    await Promise.all(jobs.map((j) => j.settled(timeoutMs)));
  }

  /** Starts cancelling a job; resolves when it has stopped. False if there is no such running job. */
  async cancelJob(jobId: string): Promise<boolean> {
    const j = this.jobs.get(jobId);
    if (j === undefined || (j.getJobStatus() !== 'RUNNING' && j.getJobStatus() !== 'CREATED')) return false;
    await j.cancel();
    return true;
  }

  private evictEnded(): void {
    const ended = [...this.jobs.values()].filter((j) => j.endTime !== null);
    for (const j of ended.slice(0, Math.max(0, ended.length - this.maxEndedJobs))) this.jobs.delete(j.jobId);
  }
}

class RunningJob implements JobClient {
  readonly jobId = randomUUID().replaceAll('-', '');
  readonly jobName: string;
  private status: JobStatus = 'CREATED';
  private readonly job: SubmittedJob;
  private tasks: DeployedTask[] = [];
  /** Slot threads the job runs on; 1 for the single-thread mode. */
  readonly slots: number;
  private threaded: ThreadedRun | null = null;
  /** Set when the job is one part of a job spread over threads. */
  private readonly part: JobPart | null;
  private readonly muxes = new Map<number, PortMux>();
  /** Threaded mode: the most elements queued in one cross-thread channel (flow control at work). */
  maxQueuedAcrossThreads = 0;
  private canceled = false;
  readonly result: Promise<JobExecutionResult>;
  private resolve!: (r: JobExecutionResult) => void;
  private reject!: (e: unknown) => void;
  readonly startTime = Date.now();
  endTime: number | null = null;

  constructor(job: SubmittedJob, slots: number, part: JobPart | null = null) {
    this.job = job;
    this.slots = slots;
    this.part = part;
    this.jobName = job.jobGraph.jobName;
    this.result = new Promise<JobExecutionResult>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    }).finally(() => {
      this.endTime = Date.now();
    });
    // A job nobody awaits must not crash the process with an unhandled rejection.
    this.result.catch(() => {});
  }

  getJobStatus(): JobStatus {
    return this.status;
  }

  record(): JobRecord {
    const { jobId, jobName, status, startTime, endTime } = this;
    return { jobId, jobName, status, jobGraph: this.job.jobGraph, startTime, endTime };
  }

  getJobExecutionResult(): Promise<JobExecutionResult> {
    return this.result;
  }

  /**
   * Resolves once every task of the job is quiet (see StreamTask.isQuiet) on two checks a
   * macrotask apart, i.e. the job has processed all input its sources had: what FLUSH
   * waits for. Only for jobs on this thread.
   */
  async settled(timeoutMs: number): Promise<void> {
    if (this.threaded !== null) throw new Error(`job '${this.jobName}' runs on slot threads; settling is for single-thread jobs`);
    const deadline = Date.now() + timeoutMs;
    let quietChecks = 0;
    while (quietChecks < 2) {
      if (this.status !== 'RUNNING' && this.status !== 'CREATED') return;
      if (Date.now() > deadline) throw new Error(`job '${this.jobName}' did not settle within ${timeoutMs} ms`);
      await new Promise<void>((r) => setImmediate(r));
      quietChecks = this.tasks.every((t) => t.task.isQuiet()) ? quietChecks + 1 : 0;
    }
  }

  exchangeCounts(): ExchangeCounts {
    let sent = 0;
    let received = 0;
    for (const m of this.muxes.values()) {
      sent += m.framesSent;
      received += m.framesReceived;
    }
    return { sent, received };
  }

  async cancel(): Promise<void> {
    if (this.status !== 'RUNNING' && this.status !== 'CREATED') return;
    this.canceled = true;
    for (const t of this.tasks) t.task.cancel();
    for (const m of this.muxes.values()) m.closeOutputs();
    this.threaded?.cancel();
    await this.result.catch(() => {});
  }

  start(): void {
    if (this.slots > 1) return this.startThreaded();
    const started = performance.now();
    try {
      this.tasks = deploy(this.job.jobGraph, this.job.registry, this.placement());
      for (const t of this.tasks) t.task.memoryOwner = this.jobId;
    } catch (e) {
      this.status = 'FAILED';
      this.closePorts();
      this.reject(e);
      return;
    }
    for (const m of this.muxes.values()) m.start();
    // A part's ports close when it ends: a part that stopped early must not keep receiving.
    this.result.catch(() => {}).finally(() => this.closePorts());
    this.status = 'RUNNING';
    let failed = false;
    const runs = this.tasks.map(({ task }) =>
      task.run().catch((e: unknown) => {
        if (failed || e instanceof TaskCanceledError) return;
        failed = true;
        this.status = 'FAILED';
        for (const other of this.tasks) if (other.task !== task) other.task.cancel();
        this.reject(new JobFailedError(this.jobName, `${task.name} (${task.subtaskIndex + 1})`, e));
      }),
    );
    Promise.all(runs).then(() => {
      if (failed) return;
      if (this.canceled) {
        this.status = 'CANCELED';
        this.reject(new JobCanceledError(this.jobName));
        return;
      }
      this.status = 'FINISHED';
      this.resolve({
        jobId: this.jobId,
        jobName: this.jobName,
        netRuntimeMs: performance.now() - started,
        metrics: {
          sourceRecords: sum(this.tasks.flatMap((t) => t.sources.map((s) => s.recordsIn))),
          sinkRecords: sum(this.tasks.flatMap((t) => t.sinks.map((s) => s.recordsIn))),
        },
      });
    });
  }

  private placement(): ReturnType<typeof localPlacement> {
    const part = this.part;
    if (part === null) return localPlacement(this.job.options.channelCapacity);
    const options = part.reviveValues === undefined ? {} : { reviveValues: part.reviveValues };
    for (const [index, port] of part.peers) this.muxes.set(index, new PortMux(port, options));
    const inputs: RemoteInputChannel[] = [];
    return partPlacement(part.index, part.count, this.muxes, this.job.options.channelCapacity, inputs);
  }

  private closePorts(): void {
    for (const m of this.muxes.values()) {
      m.closeOutputs();
      m.release();
    }
  }

  /** Runs the job on slot threads (see threaded-runner.ts); the outcome maps as in start(). */
  private startThreaded(): void {
    const started = performance.now();
    try {
      this.threaded = new ThreadedRun(this.job, this.slots);
    } catch (e) {
      this.status = 'FAILED';
      this.reject(e);
      return;
    }
    this.status = 'RUNNING';
    this.threaded.outcome.then(
      (o) => {
        if (this.canceled) {
          this.status = 'CANCELED';
          return this.reject(new JobCanceledError(this.jobName));
        }
        this.maxQueuedAcrossThreads = o.maxQueued;
        this.status = 'FINISHED';
        this.resolve({
          jobId: this.jobId,
          jobName: this.jobName,
          netRuntimeMs: performance.now() - started,
          metrics: { sourceRecords: o.sourceRecords, sinkRecords: o.sinkRecords },
        });
      },
      (e: SlotFailure) => {
        if (this.canceled) {
          this.status = 'CANCELED';
          return this.reject(new JobCanceledError(this.jobName));
        }
        this.status = 'FAILED';
        this.reject(new JobFailedError(this.jobName, e.task, e.cause));
      },
    );
  }
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
