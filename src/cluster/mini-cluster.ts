/**
 * The embedded mini-cluster: the JobManager's scheduling and the TaskManagers' task
 * execution in one process, wired with in-memory channels. It deploys every subtask of
 * every JobGraph vertex, runs them on the event loop, and fails the whole job (cancelling
 * the other tasks) when one task fails, naming the operator and the error.
 */
import { randomUUID } from 'node:crypto';
import type { JobClient, JobExecutionResult, JobStatus, PipelineExecutor, SubmittedJob } from '../graph/job-submission.ts';
import type { ChainTarget, JobEdge, JobGraph, JobVertex } from '../graph/job-graph.ts';
import type { FunctionRegistry } from '../graph/stream-graph.ts';
import { LocalChannel } from '../runtime/exchange/channel.ts';
import { InputGate } from '../runtime/exchange/input-gate.ts';
import { RecordWriter } from '../runtime/exchange/record-writer.ts';
import { keyGroupRangeFor } from '../runtime/key-groups.ts';
import type { KeySelector } from '../runtime/functions.ts';
import type { OperatorContext } from '../runtime/operators/operator.ts';
import { SinkOperator } from '../runtime/operators/sink.ts';
import { SourceOperator } from '../runtime/operators/source.ts';
import { HeapKeyedStateBackend } from '../runtime/state/heap-backend.ts';
import { StreamTask, TaskCanceledError, type ChainedOperator, type OutputTarget } from '../runtime/task.ts';

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

interface DeployedTask {
  readonly task: StreamTask;
  readonly sources: SourceOperator<unknown>[];
  readonly sinks: SinkOperator<unknown>[];
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
}

export class MiniCluster implements PipelineExecutor {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly maxEndedJobs: number;

  constructor(options: MiniClusterOptions = {}) {
    this.maxEndedJobs = options.maxEndedJobs ?? 1000;
  }

  execute(job: SubmittedJob): JobClient {
    const running = new RunningJob(job);
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
  private canceled = false;
  readonly result: Promise<JobExecutionResult>;
  private resolve!: (r: JobExecutionResult) => void;
  private reject!: (e: unknown) => void;
  readonly startTime = Date.now();
  endTime: number | null = null;

  constructor(job: SubmittedJob) {
    this.job = job;
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

  async cancel(): Promise<void> {
    if (this.status !== 'RUNNING' && this.status !== 'CREATED') return;
    this.canceled = true;
    for (const t of this.tasks) t.task.cancel();
    await this.result.catch(() => {});
  }

  start(): void {
    const started = performance.now();
    try {
      this.tasks = deploy(this.job.jobGraph, this.job.registry, this.job.options.channelCapacity);
    } catch (e) {
      this.status = 'FAILED';
      this.reject(e);
      return;
    }
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
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Creates channels for every edge and a task for every subtask, wired together. */
function deploy(graph: JobGraph, registry: FunctionRegistry, channelCapacity: number): DeployedTask[] {
  const vertices = new Map(graph.vertices.map((v) => [v.id, v]));
  // channels[edgeId][producerSubtask][consumerSubtask]
  const channels = new Map<string, LocalChannel[][]>();
  for (const e of graph.edges) {
    const up = vertices.get(e.source)!;
    const down = vertices.get(e.target)!;
    channels.set(
      e.id,
      Array.from({ length: up.parallelism }, () => Array.from({ length: down.parallelism }, () => new LocalChannel(channelCapacity))),
    );
  }
  const keySelector = (id: string): KeySelector<unknown, unknown> => {
    const fn = registry.keySelectors.get(id);
    if (fn === undefined) throw new Error(`no key selector '${id}' in the job's function registry`);
    return fn;
  };

  const deployed: DeployedTask[] = [];
  for (const v of graph.vertices) {
    const outEdges = graph.edges.filter((e) => e.source === v.id);
    const inEdges = graph.edges.filter((e) => e.target === v.id);
    for (let sub = 0; sub < v.parallelism; sub++) {
      const writers = outEdges.map((e) => {
        const target = vertices.get(e.target)!;
        return new RecordWriter({
          partitioner: e.partitioner,
          channels: channels.get(e.id)![sub]!,
          subtaskIndex: sub,
          parallelism: v.parallelism,
          keySelector: e.keySelector === null ? undefined : keySelector(e.keySelector),
          maxParallelism: target.maxParallelism,
        });
      });
      const gate =
        inEdges.length === 0
          ? null
          : new InputGate(
              inEdges.flatMap((e) => channels.get(e.id)!.map((perProducer) => ({ channel: perProducer[sub]!, input: e.targetInput }))),
              Math.max(1, v.numInputs),
            );
      deployed.push(deployTask(v, sub, gate, writers, outEdges, registry, keySelector));
    }
  }
  return deployed;
}

function deployTask(
  v: JobVertex,
  sub: number,
  gate: InputGate | null,
  writers: RecordWriter[],
  outEdges: JobEdge[],
  registry: FunctionRegistry,
  keySelector: (id: string) => KeySelector<unknown, unknown>,
): DeployedTask {
  const writerIndex = new Map(outEdges.map((e, i) => [e.id, i]));
  const toTarget = (t: ChainTarget): OutputTarget =>
    t.kind === 'chained' ? t : { kind: 'writer', writer: writerIndex.get(t.edge)! };
  const keyGroupRange = keyGroupRangeFor(sub, v.maxParallelism, v.parallelism);
  const chain: ChainedOperator[] = v.operators.map((op) => {
    const factory = registry.operators.get(op.uid);
    if (factory === undefined) throw new Error(`no operator '${op.uid}' in the job's function registry`);
    return {
      name: op.name,
      operator: factory(),
      main: op.main.map(toTarget),
      side: new Map(Object.entries(op.side).map(([tag, ts]) => [tag, ts.map(toTarget)])),
    };
  });
  const task = new StreamTask(v.name, sub, chain, gate, writers);
  v.operators.forEach((op, i) => {
    const context: OperatorContext = {
      name: op.name,
      uid: op.uid,
      subtaskIndex: sub,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      keyed:
        op.keySelectors === null
          ? null
          : {
              keySelectors: op.keySelectors.map(keySelector),
              backend: new HeapKeyedStateBackend(v.maxParallelism, keyGroupRange),
              keyGroupRange,
            },
      requestWakeup: (time) => task.requestWakeup(time),
      processingTime: () => Date.now(),
    };
    chain[i]!.operator.setup(context, task.outputFor(i));
  });
  const ops = chain.map((c) => c.operator);
  return {
    task,
    sources: ops.filter((o): o is SourceOperator<unknown> => o instanceof SourceOperator),
    sinks: ops.filter((o): o is SinkOperator<unknown> => o instanceof SinkOperator),
  };
}
