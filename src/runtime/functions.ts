/**
 * The shapes of user functions, in Flink's vocabulary. Simple transformations accept a
 * plain function or an object with the method (Flink's lambda vs. rich function); process
 * functions are objects, usually classes extending the abstract classes here.
 */
import type {
  AggregateFunction,
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from './state/descriptors.ts';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from './state/state.ts';

export interface Collector<T> {
  collect(value: T): void;
}

/**
 * Names a side output. Records sent to a tag with `ctx.output(tag, value)` are read with
 * `stream.getSideOutput(tag)`.
 *
 * @example
 * const late = new OutputTag<Event>('late-events');
 */
export class OutputTag<T> {
  readonly id: string;
  declare readonly _type?: T;
  constructor(id: string) {
    if (!id) throw new Error('an OutputTag needs a non-empty id');
    this.id = id;
  }
}

/** What a function learns about where it runs, and where it gets keyed state. */
export interface RuntimeContext {
  getTaskName(): string;
  getIndexOfThisSubtask(): number;
  getNumberOfParallelSubtasks(): number;
  getMaxNumberOfParallelSubtasks(): number;
  getState<V>(descriptor: ValueStateDescriptor<V>): ValueState<V>;
  getListState<V>(descriptor: ListStateDescriptor<V>): ListState<V>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<V>(descriptor: ReducingStateDescriptor<V>): ReducingState<V>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}

/** Life-cycle hooks any function object may have. */
export interface RichFunction {
  open?(context: RuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

/**
 * Base class for functions that want `getRuntimeContext()` (Flink's Rich*Function).
 * The runtime sets the context before calling `open`.
 */
export abstract class AbstractRichFunction implements RichFunction {
  private runtimeContext: RuntimeContext | null = null;

  setRuntimeContext(context: RuntimeContext): void {
    this.runtimeContext = context;
  }

  getRuntimeContext(): RuntimeContext {
    if (this.runtimeContext === null) throw new Error('the runtime context is available from open() on');
    return this.runtimeContext;
  }

  open(_context: RuntimeContext): void | Promise<void> {}
  close(): void | Promise<void> {}
}

export type MapFunction<IN, OUT> = ((value: IN) => OUT) | ({ map(value: IN): OUT } & RichFunction);
export type FlatMapFunction<IN, OUT> =
  | ((value: IN, out: Collector<OUT>) => void)
  | ({ flatMap(value: IN, out: Collector<OUT>): void } & RichFunction);
export type FilterFunction<IN> = ((value: IN) => boolean) | ({ filter(value: IN): boolean } & RichFunction);
export type ReduceFunction<T> = ((a: T, b: T) => T) | ({ reduce(a: T, b: T): T } & RichFunction);
export type KeySelector<IN, KEY> = (value: IN) => KEY;

export type { AggregateFunction };

export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

export interface ProcessContext {
  /** Event-time timestamp of the current record, or null if it has none. */
  timestamp(): number | null;
  timerService(): TimerService;
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface KeyedProcessContext<KEY> extends ProcessContext {
  getCurrentKey(): KEY;
}

export interface OnTimerContext<KEY> extends KeyedProcessContext<KEY> {
  timeDomain(): 'event' | 'processing';
}

export abstract class ProcessFunction<IN, OUT> extends AbstractRichFunction {
  abstract processElement(value: IN, ctx: ProcessContext, out: Collector<OUT>): void;
}

export abstract class KeyedProcessFunction<KEY, IN, OUT> extends AbstractRichFunction {
  abstract processElement(value: IN, ctx: KeyedProcessContext<KEY>, out: Collector<OUT>): void;
  onTimer(_timestamp: number, _ctx: OnTimerContext<KEY>, _out: Collector<OUT>): void {}
}

/** Shapes accepted where a process function is expected: a class instance or a plain object. */
export interface ProcessFunctionLike<IN, OUT> extends RichFunction {
  processElement(value: IN, ctx: ProcessContext, out: Collector<OUT>): void;
}

export interface KeyedProcessFunctionLike<KEY, IN, OUT> extends RichFunction {
  processElement(value: IN, ctx: KeyedProcessContext<KEY>, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<KEY>, out: Collector<OUT>): void;
}

export interface CoMapFunction<IN1, IN2, OUT> extends RichFunction {
  map1(value: IN1): OUT;
  map2(value: IN2): OUT;
}

export interface CoFlatMapFunction<IN1, IN2, OUT> extends RichFunction {
  flatMap1(value: IN1, out: Collector<OUT>): void;
  flatMap2(value: IN2, out: Collector<OUT>): void;
}

export interface CoProcessFunctionLike<IN1, IN2, OUT> extends RichFunction {
  processElement1(value: IN1, ctx: ProcessContext, out: Collector<OUT>): void;
  processElement2(value: IN2, ctx: ProcessContext, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<unknown>, out: Collector<OUT>): void;
}

export abstract class CoProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {
  abstract processElement1(value: IN1, ctx: ProcessContext, out: Collector<OUT>): void;
  abstract processElement2(value: IN2, ctx: ProcessContext, out: Collector<OUT>): void;
}

export abstract class KeyedCoProcessFunction<KEY, IN1, IN2, OUT> extends AbstractRichFunction {
  abstract processElement1(value: IN1, ctx: KeyedProcessContext<KEY>, out: Collector<OUT>): void;
  abstract processElement2(value: IN2, ctx: KeyedProcessContext<KEY>, out: Collector<OUT>): void;
  onTimer(_timestamp: number, _ctx: OnTimerContext<KEY>, _out: Collector<OUT>): void {}
}

/** Calls a user function, wrapping what it throws so the job reports the operator. */
export class UserFunctionError extends Error {
  readonly operatorName: string;
  constructor(operatorName: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`user function in operator '${operatorName}' threw: ${message}`, { cause });
    this.name = 'UserFunctionError';
    this.operatorName = operatorName;
  }
}

/** Map with life-cycle hooks and a runtime context (Flink's RichMapFunction). */
export abstract class RichMapFunction<IN, OUT> extends AbstractRichFunction {
  abstract map(value: IN): OUT;
}

export abstract class RichFlatMapFunction<IN, OUT> extends AbstractRichFunction {
  abstract flatMap(value: IN, out: Collector<OUT>): void;
}

export abstract class RichFilterFunction<IN> extends AbstractRichFunction {
  abstract filter(value: IN): boolean;
}
