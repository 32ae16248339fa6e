/**
 * WindowedStream: a keyed stream cut into windows by an assigner; each window is reduced,
 * aggregated or processed when its trigger fires. AllWindowedStream is the non-keyed form,
 * run by a single window operator.
 */
import type { AggregateFunction, KeySelector, OutputTag, ReduceFunction } from '../runtime/functions.ts';
import {
  CountTrigger,
  GlobalWindows,
  PurgingTrigger,
  WindowOperator,
  type ProcessWindowFunctionLike,
  type Trigger,
  type WindowAssigner,
  type WindowOperatorOptions,
} from '../runtime/operators/window/index.ts';
import type { DataStream } from './datastream.ts';
import type { KeyedStream } from './keyed-stream.ts';
import { resolveFunction } from '../runtime/operators/user-function.ts';

export type WindowAssignerLike = WindowAssigner<unknown, unknown>;

/** countWindow(size) = global windows fired and purged every `size` records. */
export function countWindowAssigner(size: number, slide?: number): {
  assigner: WindowAssignerLike;
  trigger: Trigger<unknown, unknown>;
  evictLast: number | null;
} {
  if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`count window size must be a positive integer, got ${size}`);
  if (slide !== undefined) {
    throw new Error('sliding count windows (countWindow(size, slide)) are not supported yet; use countWindow(size)');
  }
  return {
    assigner: GlobalWindows.create() as WindowAssignerLike,
    trigger: PurgingTrigger.of(CountTrigger.of(size)) as Trigger<unknown, unknown>,
    evictLast: null,
  };
}

abstract class WindowedBase<T> {
  protected trigger_: Trigger<unknown, unknown> | null;
  protected allowedLateness_ = 0;
  protected lateTag: string | null = null;
  protected readonly assigner: WindowAssignerLike;

  constructor(assigner: WindowAssignerLike, trigger: Trigger<unknown, unknown> | null = null) {
    this.assigner = assigner;
    this.trigger_ = trigger;
  }

  trigger(trigger: Trigger<unknown, unknown>): this {
    this.trigger_ = trigger;
    return this;
  }

  /** Keeps window state this long after the window's end; later records re-fire it. */
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

  protected options(fn: WindowOperatorOptions['fn']): WindowOperatorOptions {
    return {
      assigner: this.assigner,
      trigger: this.trigger_ ?? undefined,
      fn,
      allowedLateness: this.allowedLateness_,
      lateDataTag: this.lateTag,
    };
  }

  protected describe(what: string): string {
    return `Window(${this.assigner.toString()}, ${what})`;
  }

  protected abstract add<R>(name: string, options: WindowOperatorOptions): DataStream<R>;

  reduce(fn: ReduceFunction<T>, window?: ProcessWindowFunctionLike<T, unknown, unknown, unknown>): DataStream<T> {
    const reduce = resolveFunction<(a: T, b: T) => T>(fn, 'reduce');
    return this.add(this.describe('Reduce'), this.options({ kind: 'reduce', reduce, window } as WindowOperatorOptions['fn']));
  }

  aggregate<ACC, R>(agg: AggregateFunction<T, ACC, R>, window?: ProcessWindowFunctionLike<R, unknown, unknown, unknown>): DataStream<R> {
    return this.add(this.describe('Aggregate'), this.options({ kind: 'aggregate', aggregate: agg, window } as WindowOperatorOptions['fn']));
  }

  process<R>(window: ProcessWindowFunctionLike<T, R, unknown, unknown>): DataStream<R> {
    return this.add(this.describe('Process'), this.options({ kind: 'process', window } as WindowOperatorOptions['fn']));
  }
}

export class WindowedStream<T, K> extends WindowedBase<T> {
  private readonly input: KeyedStream<T, K>;

  constructor(input: KeyedStream<T, K>, assigner: WindowAssignerLike, trigger: Trigger<unknown, unknown> | null = null, _evictLast: number | null = null) {
    super(assigner, trigger);
    this.input = input;
  }

  protected add<R>(name: string, options: WindowOperatorOptions): DataStream<R> {
    return this.input.keyedOperator<R>(name, 'window', () => new WindowOperator(options));
  }
}

const ALL_KEY: KeySelector<unknown, unknown> = () => 0;

export class AllWindowedStream<T> extends WindowedBase<T> {
  private readonly input: DataStream<T>;

  constructor(input: DataStream<T>, assigner: WindowAssignerLike) {
    super(assigner);
    this.input = input;
  }

  protected add<R>(name: string, options: WindowOperatorOptions): DataStream<R> {
    const keyed = this.input.keyBy(ALL_KEY as KeySelector<T, unknown>);
    const s = keyed.keyedOperator<R>(name.replace(/^Window/, 'AllWindow'), 'window-all', () => new WindowOperator(options));
    return s.setParallelism(1);
  }
}
