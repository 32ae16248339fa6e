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
 *
 * With an evictor, windows keep all their records and run EvictingWindowOperator:
 *
 * @example
 * // The sum of the last 3 records of each user, every 2 records (a sliding count window).
 * stream.keyBy((e) => e.user).countWindow(3, 2).sum('clicks');
 */
import type { AggregateFunction, KeySelector, OutputTag, ReduceFunction } from '../runtime/functions.ts';
import {
  CountEvictor,
  CountTrigger,
  EvictingWindowOperator,
  GlobalWindows,
  PurgingTrigger,
  WindowOperator,
  type Evictor,
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
type AnyEvictor = Evictor<unknown, never>;
/** What the window operator of a windowed stream is built from. */
type WindowedOptions = WindowOperatorOptions & { readonly evictor: AnyEvictor | null };

abstract class WindowedBase<T, K, W> {
  protected readonly assigner: AnyAssigner;
  protected trigger_: AnyTrigger | null;
  protected allowedLateness_ = 0;
  protected lateTag: string | null = null;
  protected evictor_: AnyEvictor | null;

  constructor(assigner: WindowAssigner<unknown, W>, trigger: AnyTrigger | null = null, evictor: AnyEvictor | null = null) {
    this.assigner = assigner as AnyAssigner;
    this.trigger_ = trigger;
    this.evictor_ = evictor;
  }

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger<unknown, W>): this {
    this.trigger_ = trigger as AnyTrigger;
    return this;
  }

  /**
   * Removes records from each window when it fires, before and/or after the window
   * function (Flink's `evictor`). Windows then keep all their records: reduce and aggregate
   * run over the records left at firing time instead of incrementally.
   *
   * @example
   * .window(TumblingEventTimeWindows.of(Time.minutes(1))).evictor(TimeEvictor.of(Time.seconds(10))).sum('clicks')
   */
  evictor(evictor: Evictor<T, W>): this {
    this.evictor_ = evictor as AnyEvictor;
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

  protected abstract add<R>(name: string, options: WindowedOptions): DataStream<R>;

  private run<R>(what: string, fn: WindowFunctionSpec): DataStream<R> {
    const options: WindowedOptions = {
      assigner: this.assigner,
      ...(this.trigger_ !== null && { trigger: this.trigger_ }),
      fn,
      allowedLateness: this.allowedLateness_,
      lateDataTag: this.lateTag,
      evictor: this.evictor_,
    };
    const evictor = this.evictor_ === null ? '' : `${String(this.evictor_)}, `;
    return this.add<R>(`Window(${this.assigner.toString()}, ${evictor}${what})`, options);
  }

  /** Reduces each window incrementally (at firing time with an evictor); with `window`, hands the result to a process window function. */
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

  constructor(input: KeyedStream<T, K>, assigner: WindowAssigner<unknown, W>, trigger: AnyTrigger | null = null, evictor: AnyEvictor | null = null) {
    super(assigner, trigger, evictor);
    this.input = input;
  }

  protected add<R>(name: string, options: WindowedOptions): DataStream<R> {
    return this.input.keyedOperator<R>(name, 'window', () => windowOperatorForSubtask(options));
  }
}

/**
 * A window operator for one subtask, evicting if there is an evictor. Each gets its own
 * copies of the user's function objects; evictors keep nothing of their own and are shared.
 */
function windowOperatorForSubtask(o: WindowedOptions): WindowOperator {
  const fn = { ...o.fn } as { window?: AnyWindowFunction } & WindowFunctionSpec;
  if (fn.window !== undefined) fn.window = copyForSubtask(fn.window);
  if (fn.kind === 'aggregate') (fn as { aggregate: unknown }).aggregate = copyForSubtask(fn.aggregate);
  if (fn.kind === 'reduce') (fn as { reduce: unknown }).reduce = copyForSubtask(fn.reduce);
  const { evictor, ...options } = o;
  return evictor === null ? new WindowOperator({ ...options, fn }) : new EvictingWindowOperator({ ...options, fn, evictor });
}

const ALL_KEY: KeySelector<unknown, number> = () => 0;

export class AllWindowedStream<T, W> extends WindowedBase<T, number, W> {
  private readonly input: DataStream<T>;

  constructor(input: DataStream<T>, assigner: WindowAssigner<unknown, W>, trigger: AnyTrigger | null = null, evictor: AnyEvictor | null = null) {
    super(assigner, trigger, evictor);
    this.input = input;
  }

  protected add<R>(name: string, options: WindowedOptions): DataStream<R> {
    const keyed = this.input.keyBy(ALL_KEY as KeySelector<T, number>);
    return keyed.keyedOperator<R>(name.replace(/^Window/, 'AllWindow'), 'window-all', () => windowOperatorForSubtask(options)).setParallelism(1);
  }
}

/**
 * countWindow(size): global windows that fire and purge every `size` records of a key.
 * countWindow(size, slide): every `slide` records, the last `size` records; exactly
 * Flink's GlobalWindows + CountEvictor.of(size) + CountTrigger.of(slide), so a key's last
 * `size` records stay in state for good.
 */
export function countWindowTrigger(
  size: number,
  slide?: number,
): { assigner: WindowAssigner<unknown, GlobalWindow>; trigger: AnyTrigger; evictor: AnyEvictor | null } {
  if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`count window size must be a positive integer, got ${size}`);
  const assigner = GlobalWindows.create() as WindowAssigner<unknown, GlobalWindow>;
  if (slide === undefined) return { assigner, trigger: PurgingTrigger.of(CountTrigger.of(size)) as AnyTrigger, evictor: null };
  if (!(Number.isInteger(slide) && slide > 0)) throw new RangeError(`count window slide must be a positive integer, got ${slide}`);
  return { assigner, trigger: CountTrigger.of(slide) as AnyTrigger, evictor: CountEvictor.of(size) };
}
