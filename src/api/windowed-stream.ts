/**
 * WindowedStream: a keyed stream cut into windows by an assigner; each window is reduced,
 * aggregated or processed when its trigger fires. AllWindowedStream is the non-keyed form,
 * run by a single window operator.
 *
 * @example
 * stream.keyBy((e) => e.user)
 *   .window(TumblingEventTimeWindows.of(Time.minutes(1)))
 *   .allowedLateness(Time.seconds(10))
 *   .sideOutputLateData(lateTag)
 *   .reduce((a, b) => ({ ...a, clicks: a.clicks + b.clicks }));
 */
import type { AggregateFunction, KeySelector, OutputTag, ReduceFunction } from '../runtime/functions.ts';
import {
  CountTrigger,
  GlobalWindows,
  PurgingTrigger,
  WindowOperator,
  type GlobalWindow,
  type ProcessWindowFunctionLike,
  type Trigger,
  type WindowAssigner,
  type WindowFunctionSpec,
  type WindowOperatorOptions,
} from '../runtime/operators/window/index.ts';
import type { DataStream } from './datastream.ts';
import { fieldAggregation, type FieldRef } from './field-aggregations.ts';
import { copyForSubtask } from '../runtime/operators/user-function.ts';
import type { KeyedStream } from './keyed-stream.ts';

type AnyAssigner = WindowAssigner<unknown, unknown>;
type AnyTrigger = Trigger<unknown, unknown>;
type AnyWindowFunction = ProcessWindowFunctionLike<unknown, unknown, unknown, unknown>;

abstract class WindowedBase<T, K, W> {
  protected readonly assigner: AnyAssigner;
  protected trigger_: AnyTrigger | null;
  protected allowedLateness_ = 0;
  protected lateTag: string | null = null;

  constructor(assigner: WindowAssigner<unknown, W>, trigger: AnyTrigger | null = null) {
    this.assigner = assigner as AnyAssigner;
    this.trigger_ = trigger;
  }

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger<unknown, W>): this {
    this.trigger_ = trigger as AnyTrigger;
    return this;
  }

  /** Keeps window state this long (ms of event time) after a window's end; later records re-fire it. */
  allowedLateness(ms: number): this {
    if (!(ms >= 0)) throw new RangeError(`allowed lateness must be >= 0 ms, got ${ms}`);
    this.allowedLateness_ = ms;
    return this;
  }

  /** Records too late even for the allowed lateness go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.lateTag = tag.id;
    return this;
  }

  protected abstract add<R>(name: string, options: WindowOperatorOptions): DataStream<R>;

  private run<R>(what: string, fn: WindowFunctionSpec): DataStream<R> {
    const options: WindowOperatorOptions = {
      assigner: this.assigner,
      ...(this.trigger_ !== null && { trigger: this.trigger_ }),
      fn,
      allowedLateness: this.allowedLateness_,
      lateDataTag: this.lateTag,
    };
    return this.add<R>(`Window(${this.assigner.toString()}, ${what})`, options);
  }

  /** Reduces each window incrementally; with `window`, hands the result to a process window function. */
  reduce(fn: ReduceFunction<T>): DataStream<T>;
  reduce<R>(fn: ReduceFunction<T>, window: ProcessWindowFunctionLike<T, R, K, W>): DataStream<R>;
  reduce<R>(fn: ReduceFunction<T>, window?: ProcessWindowFunctionLike<T, R, K, W>): DataStream<T | R> {
    return this.run('Reduce', {
      kind: 'reduce',
      reduce: fn as ReduceFunction<unknown>,
      ...(window !== undefined && { window: window as AnyWindowFunction }),
    });
  }

  /** Aggregates each window incrementally with an accumulator. */
  aggregate<ACC, V>(agg: AggregateFunction<T, ACC, V>): DataStream<V>;
  aggregate<ACC, V, R>(agg: AggregateFunction<T, ACC, V>, window: ProcessWindowFunctionLike<V, R, K, W>): DataStream<R>;
  aggregate<ACC, V, R>(agg: AggregateFunction<T, ACC, V>, window?: ProcessWindowFunctionLike<V, R, K, W>): DataStream<V | R> {
    return this.run('Aggregate', {
      kind: 'aggregate',
      aggregate: agg as AggregateFunction<unknown, unknown, unknown>,
      ...(window !== undefined && { window: window as AnyWindowFunction }),
    });
  }

  /** Sum of a field per window (array index or property name; omit it for plain numbers). */
  sum(field?: FieldRef): DataStream<T> {
    return this.reduce(fieldAggregation<T>('sum', field));
  }
  min(field?: FieldRef): DataStream<T> {
    return this.reduce(fieldAggregation<T>('min', field));
  }
  max(field?: FieldRef): DataStream<T> {
    return this.reduce(fieldAggregation<T>('max', field));
  }
  minBy(field?: FieldRef): DataStream<T> {
    return this.reduce(fieldAggregation<T>('minBy', field));
  }
  maxBy(field?: FieldRef): DataStream<T> {
    return this.reduce(fieldAggregation<T>('maxBy', field));
  }

  /** Hands all of a window's records to a process window function when it fires. */
  process<R>(fn: ProcessWindowFunctionLike<T, R, K, W>): DataStream<R> {
    return this.run('Process', { kind: 'process', window: fn as AnyWindowFunction });
  }
}

export class WindowedStream<T, K, W> extends WindowedBase<T, K, W> {
  private readonly input: KeyedStream<T, K>;

  constructor(input: KeyedStream<T, K>, assigner: WindowAssigner<unknown, W>, trigger: AnyTrigger | null = null) {
    super(assigner, trigger);
    this.input = input;
  }

  protected add<R>(name: string, options: WindowOperatorOptions): DataStream<R> {
    return this.input.keyedOperator<R>(name, 'window', () => new WindowOperator(forSubtask(options)));
  }
}

/** Each subtask's window operator gets its own copies of the user's function objects. */
function forSubtask(o: WindowOperatorOptions): WindowOperatorOptions {
  const fn = { ...o.fn } as { window?: AnyWindowFunction } & WindowFunctionSpec;
  if (fn.window !== undefined) fn.window = copyForSubtask(fn.window);
  if (fn.kind === 'aggregate') (fn as { aggregate: unknown }).aggregate = copyForSubtask(fn.aggregate);
  if (fn.kind === 'reduce') (fn as { reduce: unknown }).reduce = copyForSubtask(fn.reduce);
  return { ...o, fn };
}

const ALL_KEY: KeySelector<unknown, number> = () => 0;

export class AllWindowedStream<T, W> extends WindowedBase<T, number, W> {
  private readonly input: DataStream<T>;

  constructor(input: DataStream<T>, assigner: WindowAssigner<unknown, W>, trigger: AnyTrigger | null = null) {
    super(assigner, trigger);
    this.input = input;
  }

  protected add<R>(name: string, options: WindowOperatorOptions): DataStream<R> {
    const keyed = this.input.keyBy(ALL_KEY as KeySelector<T, number>);
    return keyed.keyedOperator<R>(name.replace(/^Window/, 'AllWindow'), 'window-all', () => new WindowOperator(forSubtask(options))).setParallelism(1);
  }
}

/** countWindow(size): global windows that fire and purge every `size` records of a key. */
export function countWindowTrigger(size: number): { assigner: WindowAssigner<unknown, GlobalWindow>; trigger: AnyTrigger } {
  if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`count window size must be a positive integer, got ${size}`);
  return {
    assigner: GlobalWindows.create() as WindowAssigner<unknown, GlobalWindow>,
    trigger: PurgingTrigger.of(CountTrigger.of(size)) as AnyTrigger,
  };
}
