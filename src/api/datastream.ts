/**
 * DataStream: a stream of records of type T, and the operations that derive new streams
 * from it — Flink's DataStream and SingleOutputStreamOperator in one class.
 *
 * @example
 * env.fromElements('a b', 'b c')
 *   .flatMap((line: string, out) => line.split(' ').forEach((w) => out.collect(w)))
 *   .map((w) => [w, 1] as [string, number])
 *   .keyBy((t) => t[0])
 *   .sum(1)
 *   .print();
 */
import type { Sink } from '../connectors/sink.ts';
import type { ChainingStrategy } from '../graph/stream-graph.ts';
import type { PartitionerKind } from '../runtime/exchange/partitioning.ts';
import type {
  FilterFunction,
  FlatMapFunction,
  KeyedProcessFunctionLike,
  KeySelector,
  ReduceFunction,
  MapFunction,
  OutputTag,
  ProcessFunctionLike,
} from '../runtime/functions.ts';
import type { OperatorFactory } from '../runtime/operators/operator.ts';
import { FilterOperator, FlatMapOperator, MapOperator } from '../runtime/operators/simple.ts';
import { copyForSubtask } from '../runtime/operators/user-function.ts';
import { KeyedReduceOperator } from '../runtime/operators/keyed-reduce.ts';
import type { StreamOperator } from '../runtime/operators/operator.ts';
import { KeyedProcessOperator, ProcessOperator } from '../runtime/operators/process.ts';
import { fieldAggregation, type AggregationKind, type FieldRef } from './field-aggregations.ts';
import { SinkOperator } from '../runtime/operators/sink.ts';
import { TimestampsAndWatermarksOperator } from '../runtime/operators/timestamps-watermarks.ts';
import type { WatermarkSpec } from '../runtime/watermarks.ts';
import type { StreamExecutionEnvironment } from './environment.ts';
import type { PhysicalTransformation, Transformation } from './transformation.ts';
import { collectSink, printSink, type CollectHandle } from './sinks.ts';
import { ConnectedStreams } from './connected-streams.ts';
import { AllWindowedStream, countWindowTrigger, WindowedStream } from './windowed-stream.ts';
import type { GlobalWindow, WindowAssigner } from '../runtime/operators/window/index.ts';

export interface OperatorSpec {
  readonly name: string;
  readonly kind: string;
  readonly factory: OperatorFactory;
  readonly inputs: readonly Transformation[];
  readonly keySelectors?: readonly KeySelector<unknown, unknown>[] | null;
  readonly nonParallel?: boolean;
  readonly parallelism?: number | null;
}

export class DataStream<T> {
  /** @internal */
  readonly env: StreamExecutionEnvironment;
  /** @internal */
  readonly transformation: Transformation;

  constructor(env: StreamExecutionEnvironment, transformation: Transformation) {
    this.env = env;
    this.transformation = transformation;
  }

  /** @internal Adds a physical operator fed by `spec.inputs`. */
  protected addOperator<R>(spec: OperatorSpec): DataStream<R> {
    const t: PhysicalTransformation = {
      type: 'physical',
      id: this.env.newId(),
      name: spec.name,
      uid: null,
      parallelism: spec.parallelism ?? null,
      maxParallelism: null,
      operatorKind: spec.kind,
      inputs: spec.inputs,
      factory: spec.factory,
      keySelectors: spec.keySelectors ?? null,
      chaining: 'always',
      slotSharingGroup: 'default',
      nonParallel: spec.nonParallel ?? false,
    };
    this.env.addTransformation(t);
    return new DataStream<R>(this.env, t);
  }

  /** @internal Applies a one-input operator to this stream. */
  transform<R>(name: string, kind: string, factory: OperatorFactory): DataStream<R> {
    return this.addOperator<R>({ name, kind, factory, inputs: [this.transformation] });
  }

  private physical(what: string): PhysicalTransformation {
    const t = this.transformation;
    if (t.type !== 'physical') throw new Error(`${what} applies to an operator; this stream is a ${t.type} of one`);
    return t;
  }

  // ---- record-at-a-time ----------------------------------------------------------------

  map<R>(fn: MapFunction<T, R>): DataStream<R> {
    return this.transform('Map', 'map', () => new MapOperator(copyForSubtask(fn)));
  }

  flatMap<R>(fn: FlatMapFunction<T, R>): DataStream<R> {
    return this.transform('Flat Map', 'flat-map', () => new FlatMapOperator(copyForSubtask(fn)));
  }

  filter(fn: FilterFunction<T>): DataStream<T> {
    return this.transform('Filter', 'filter', () => new FilterOperator(copyForSubtask(fn)));
  }

  process<R>(fn: ProcessFunctionLike<T, R>): DataStream<R> {
    return this.transform('Process', 'process', () => new ProcessOperator(copyForSubtask(fn)));
  }

  /** Stamps records with event time and generates watermarks from here on. */
  assignTimestampsAndWatermarks(strategy: WatermarkSpec<T>): DataStream<T> {
    return this.transform('Timestamps/Watermarks', 'timestamps-watermarks', () => new TimestampsAndWatermarksOperator(strategy));
  }

  // ---- partitioning ----------------------------------------------------------------------

  /** Partitions by key: records with equal keys go to the same subtask and share keyed state. */
  keyBy<K>(key: KeySelector<T, K>): KeyedStream<T, K> {
    return new KeyedStream<T, K>(this, key);
  }

  private partition(partitioner: PartitionerKind): DataStream<T> {
    return new DataStream<T>(this.env, {
      type: 'partition',
      id: this.env.newId(),
      name: partitioner,
      uid: null,
      parallelism: null,
      maxParallelism: null,
      input: this.transformation,
      partitioner,
      keySelector: null,
    });
  }

  rebalance(): DataStream<T> {
    return this.partition('rebalance');
  }
  shuffle(): DataStream<T> {
    return this.partition('shuffle');
  }
  broadcast(): DataStream<T> {
    return this.partition('broadcast');
  }
  forward(): DataStream<T> {
    return this.partition('forward');
  }
  rescale(): DataStream<T> {
    return this.partition('rescale');
  }
  global(): DataStream<T> {
    return this.partition('global');
  }

  // ---- combining -------------------------------------------------------------------------

  union(...others: DataStream<T>[]): DataStream<T> {
    return new DataStream<T>(this.env, {
      type: 'union',
      id: this.env.newId(),
      name: 'Union',
      uid: null,
      parallelism: null,
      maxParallelism: null,
      inputs: [this.transformation, ...others.map((o) => o.transformation)],
    });
  }

  connect<U>(other: DataStream<U>): ConnectedStreams<T, U> {
    return new ConnectedStreams<T, U>(this, other);
  }

  /** Non-keyed windows: all records go through one window operator with parallelism 1. */
  windowAll<W>(assigner: WindowAssigner<unknown, W>): AllWindowedStream<T, W> {
    return new AllWindowedStream<T, W>(this, assigner);
  }

  /** Non-keyed tumbling windows of `size` records; with `slide`, the last `size` records every `slide` records. */
  countWindowAll(size: number, slide?: number): AllWindowedStream<T, GlobalWindow> {
    const { assigner, trigger, evictor } = countWindowTrigger(size, slide);
    return new AllWindowedStream<T, GlobalWindow>(this, assigner, trigger, evictor);
  }

  /** The records a process function sent to `tag`. */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    this.physical('getSideOutput');
    return new DataStream<X>(this.env, {
      type: 'side-output',
      id: this.env.newId(),
      name: `side:${tag.id}`,
      uid: null,
      parallelism: null,
      maxParallelism: null,
      input: this.transformation,
      tag: tag.id,
    });
  }

  // ---- operator settings ----------------------------------------------------------------

  name(name: string): this {
    this.transformation.name = name;
    return this;
  }

  /** A stable id for the operator, used to match state on restore and functions across processes. */
  uid(uid: string): this {
    this.physical('uid').uid = uid;
    return this;
  }

  setParallelism(parallelism: number): this {
    if (!(Number.isInteger(parallelism) && parallelism >= 1)) throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    this.physical('setParallelism').parallelism = parallelism;
    return this;
  }

  setMaxParallelism(maxParallelism: number): this {
    this.physical('setMaxParallelism').maxParallelism = maxParallelism;
    return this;
  }

  getParallelism(): number {
    return this.transformation.parallelism ?? this.env.getParallelism();
  }

  private setChaining(chaining: ChainingStrategy): this {
    this.physical('chaining').chaining = chaining;
    return this;
  }

  disableChaining(): this {
    return this.setChaining('never');
  }

  startNewChain(): this {
    return this.setChaining('head');
  }

  slotSharingGroup(group: string): this {
    this.physical('slotSharingGroup').slotSharingGroup = group;
    return this;
  }

  // ---- sinks -----------------------------------------------------------------------------

  sinkTo(sink: Sink<T>, name?: string): DataStream<never> {
    return this.transform<never>(`Sink: ${name ?? sink.name ?? 'Unnamed'}`, 'sink', () => new SinkOperator(sink));
  }

  /** Prints each record to stdout, prefixed with the subtask when parallel (`2> value`). */
  print(prefix?: string): DataStream<never> {
    return this.sinkTo(printSink<T>(prefix, false), 'Print to Std. Out');
  }

  printToErr(prefix?: string): DataStream<never> {
    return this.sinkTo(printSink<T>(prefix, true), 'Print to Std. Err');
  }

  /** Runs the job and returns every record of this stream (bounded jobs). */
  async executeAndCollect(limit?: number): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this.collectAsync()) {
      out.push(v);
      if (limit !== undefined && out.length >= limit) break;
    }
    return out;
  }

  /** Runs the job and streams this stream's records to the caller as they arrive. */
  collectAsync(jobName = 'Collect job'): AsyncIterable<T> {
    const handle: CollectHandle<T> = collectSink<T>();
    this.sinkTo(handle.sink, 'Collect');
    const client = this.env.executeAsync(jobName);
    return handle.iterate(client);
  }
}

/**
 * KeyedStream: a stream partitioned by key. Operators on it get keyed state and timers
 * scoped to each record's key. (In this module with DataStream, which it extends, so that
 * the two load in the right order.)
 */
export class KeyedStream<T, K> extends DataStream<T> {
  /** @internal */
  readonly keySelector: KeySelector<T, K>;

  constructor(input: DataStream<T>, keySelector: KeySelector<T, K>) {
    super(input.env, {
      type: 'partition',
      id: input.env.newId(),
      name: 'hash',
      uid: null,
      parallelism: null,
      maxParallelism: null,
      input: input.transformation,
      partitioner: 'hash',
      keySelector: keySelector as KeySelector<unknown, unknown>,
    });
    this.keySelector = keySelector;
  }

  /** @internal Adds an operator that runs on this keyed stream. */
  keyedOperator<R>(name: string, kind: string, factory: () => StreamOperator): DataStream<R> {
    return this.addOperator<R>({
      name,
      kind,
      factory,
      inputs: [this.transformation],
      keySelectors: [this.keySelector as KeySelector<unknown, unknown>],
    });
  }

  /** A rolling reduce: emits the key's reduced value after every record. */
  reduce(fn: ReduceFunction<T>): DataStream<T> {
    return this.keyedOperator('Keyed Reduce', 'keyed-reduce', () => new KeyedReduceOperator(copyForSubtask(fn)));
  }

  private aggregate(kind: AggregationKind, field?: FieldRef): DataStream<T> {
    const fn = fieldAggregation<T>(kind, field);
    return this.keyedOperator('Keyed Aggregation', `keyed-${kind.toLowerCase()}`, () => new KeyedReduceOperator(copyForSubtask(fn)));
  }

  /** Rolling sum of a field (array index or property name; omit it for a stream of numbers). */
  sum(field?: FieldRef): DataStream<T> {
    return this.aggregate('sum', field);
  }
  min(field?: FieldRef): DataStream<T> {
    return this.aggregate('min', field);
  }
  max(field?: FieldRef): DataStream<T> {
    return this.aggregate('max', field);
  }
  /** The whole record with the smallest value of the field so far (the first one on ties). */
  minBy(field?: FieldRef): DataStream<T> {
    return this.aggregate('minBy', field);
  }
  maxBy(field?: FieldRef): DataStream<T> {
    return this.aggregate('maxBy', field);
  }

  override process<R>(fn: KeyedProcessFunctionLike<K, T, R>): DataStream<R> {
    return this.keyedOperator('KeyedProcess', 'keyed-process', () => new KeyedProcessOperator(copyForSubtask(fn)));
  }

  window<W>(assigner: WindowAssigner<unknown, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, assigner);
  }

  /**
   * Tumbling windows of `size` records per key; with `slide`, every `slide` records of a key
   * a window of its last `size` records (Flink's GlobalWindows + CountEvictor.of(size) +
   * CountTrigger.of(slide)).
   *
   * @example
   * // Per sensor, every 2 readings, the mean of the last 3.
   * readings.keyBy((r) => r.sensor).countWindow(3, 2).aggregate(mean);
   */
  countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    const { assigner, trigger, evictor } = countWindowTrigger(size, slide);
    return new WindowedStream<T, K, GlobalWindow>(this, assigner, trigger, evictor);
  }
}
