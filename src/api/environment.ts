/**
 * StreamExecutionEnvironment: where a DataStream program starts, as in Flink.
 *
 * @example
 * const env = StreamExecutionEnvironment.getExecutionEnvironment();
 * env.fromElements(1, 2, 3).map((x) => x * 2).print();
 * await env.execute('doubling');
 */
import { CollectionSource } from '../connectors/collection.ts';
import { DataGeneratorSource } from '../connectors/datagen/data-generator-source.ts';
import { FileSource } from '../connectors/file/file-source.ts';
import { SocketTextSource } from '../connectors/socket/socket-text-source.ts';
import type { Source, SourceSplit } from '../connectors/source.ts';
import { createJobGraph, type JobGraph } from '../graph/job-graph.ts';
import type { StreamGraph } from '../graph/stream-graph.ts';
import { SourceOperator } from '../runtime/operators/source.ts';
import type { WatermarkSpec } from '../runtime/watermarks.ts';
import { DataStream } from './datastream.ts';
import {
  DEFAULT_EXECUTION_OPTIONS,
  getDefaultExecutor,
  getEnvironmentContext,
  nextJobIndex,
  PlanCapturedSignal,
  type ExecutionOptions,
  type JobClient,
  type JobExecutionResult,
  type SubmittedJob,
} from './executor.ts';
import { generateStreamGraph, type GeneratedGraph } from './stream-graph-generator.ts';
import type { PhysicalTransformation, Transformation } from './transformation.ts';
import { WatermarkStrategy } from './watermark-strategy.ts';

export class StreamExecutionEnvironment {
  private parallelism: number;
  private maxParallelism: number | null = null;
  private chainingEnabled = true;
  private options: ExecutionOptions = DEFAULT_EXECUTION_OPTIONS;
  private nextId = 1;
  /** Every transformation the program created; execute() runs them all. */
  private transformations: Transformation[] = [];

  constructor(parallelism = 1) {
    this.parallelism = parallelism;
  }

  /** The environment configured by the launcher (`weir run -p N`), or a local one. */
  static getExecutionEnvironment(): StreamExecutionEnvironment {
    const defaults = getEnvironmentContext().defaults ?? {};
    const env = new StreamExecutionEnvironment(defaults.parallelism ?? 1);
    if (defaults.maxParallelism !== undefined) env.setMaxParallelism(defaults.maxParallelism);
    if (defaults.executionOptions !== undefined) env.setExecutionOptions(defaults.executionOptions);
    return env;
  }

  setParallelism(parallelism: number): this {
    if (!(Number.isInteger(parallelism) && parallelism >= 1)) throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    this.parallelism = parallelism;
    return this;
  }

  getParallelism(): number {
    return this.parallelism;
  }

  /** Upper bound for rescaling keyed state later: the number of key groups. */
  setMaxParallelism(maxParallelism: number): this {
    if (!(Number.isInteger(maxParallelism) && maxParallelism >= 1 && maxParallelism <= 32768)) {
      throw new RangeError(`max parallelism must be an integer in [1, 32768], got ${maxParallelism}`);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }

  getMaxParallelism(): number | null {
    return this.maxParallelism;
  }

  disableOperatorChaining(): this {
    this.chainingEnabled = false;
    return this;
  }

  /** Rows per batch and channel capacity (in batches). */
  setExecutionOptions(options: Partial<ExecutionOptions>): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  /** @internal */
  newId(): number {
    return this.nextId++;
  }

  /** @internal Registers a transformation to be run by execute(). */
  addTransformation(t: Transformation): void {
    this.transformations.push(t);
  }

  // ---- sources -------------------------------------------------------------------------

  fromSource<T>(source: Source<T, SourceSplit>, watermarks: WatermarkSpec<T>, name?: string): DataStream<T> {
    const nonParallel = source.nonParallel === true;
    const options = () => this.options;
    const t: PhysicalTransformation = {
      type: 'physical',
      id: this.newId(),
      name: `Source: ${name ?? source.name ?? 'Custom Source'}`,
      uid: null,
      parallelism: null,
      maxParallelism: null,
      operatorKind: 'source',
      inputs: [],
      factory: () => {
        const op = new SourceOperator(source, watermarks);
        op.batchSize = options().batchSize;
        return op;
      },
      keySelectors: null,
      chaining: 'head',
      slotSharingGroup: 'default',
      nonParallel,
    };
    this.addTransformation(t);
    return new DataStream<T>(this, t);
  }

  fromElements<T>(...elements: T[]): DataStream<T> {
    return this.fromCollection(elements);
  }

  fromCollection<T>(elements: Iterable<T>): DataStream<T> {
    const source = new CollectionSource<T>([...elements]);
    return this.fromSource(source, WatermarkStrategy.noWatermarks<T>(), 'Collection Source');
  }

  /** The numbers from..to (inclusive), split over parallel readers. */
  fromSequence(from: number, to: number): DataStream<number> {
    const count = Math.max(0, to - from + 1);
    return this.fromSource(new DataGeneratorSource((i) => from + i, count), WatermarkStrategy.noWatermarks<number>(), 'Sequence Source');
  }

  /** Lines of a text file, or of every file in a directory. */
  readTextFile(path: string): DataStream<string> {
    return this.fromSource(FileSource.forTextLines(path), WatermarkStrategy.noWatermarks<string>(), `File ${path}`);
  }

  /** Lines from a TCP server; ends when the server closes the connection. Not parallel. */
  socketTextStream(hostname: string, port: number, delimiter = '\n', maxRetries = 0): DataStream<string> {
    const source = new SocketTextSource(hostname, port, delimiter, maxRetries);
    return this.fromSource(source, WatermarkStrategy.noWatermarks<string>(), `Socket Stream ${hostname}:${port}`);
  }

  // ---- running ---------------------------------------------------------------------------

  getStreamGraph(jobName = 'Weir Streaming Job'): GeneratedGraph {
    return generateStreamGraph(this.transformations, {
      jobName,
      parallelism: this.parallelism,
      maxParallelism: this.maxParallelism,
      chainingEnabled: this.chainingEnabled,
    });
  }

  getJobGraph(jobName = 'Weir Streaming Job'): JobGraph {
    return createJobGraph(this.getStreamGraph(jobName).graph);
  }

  /** @internal The job as submitted to an executor. */
  buildJob(jobName: string): SubmittedJob {
    const { graph, registry } = this.getStreamGraph(jobName);
    return { jobGraph: createJobGraph(graph as StreamGraph), registry, options: this.options };
  }

  /** Submits the job and returns at once. */
  executeAsync(jobName = 'Weir Streaming Job'): JobClient {
    const context = getEnvironmentContext();
    let job = this.buildJob(jobName);
    if (context.program !== undefined) {
      const { url, args, loader } = context.program;
      job = { ...job, program: { url, args, loader, defaults: context.defaults ?? {}, jobIndex: nextJobIndex() } };
    }
    const capture = context.capturePlan;
    if (capture !== undefined) {
      if (capture(job) !== false) throw new PlanCapturedSignal();
      this.transformations = [];
      return skippedJob(job.jobGraph.jobName);
    }
    this.transformations = [];
    return getDefaultExecutor().execute(job);
  }

  /** Runs the job; for bounded inputs, resolves when it finishes. */
  async execute(jobName = 'Weir Streaming Job'): Promise<JobExecutionResult> {
    return this.executeAsync(jobName).getJobExecutionResult();
  }
}

/** A job a plan capture let pass without running (see EnvironmentContext.capturePlan). */
function skippedJob(jobName: string): JobClient {
  const result: JobExecutionResult = { jobId: 'skipped', jobName, netRuntimeMs: 0, metrics: { sourceRecords: 0, sinkRecords: 0 } };
  return {
    jobId: 'skipped',
    getJobStatus: () => 'FINISHED',
    cancel: async () => {},
    getJobExecutionResult: async () => result,
  };
}
