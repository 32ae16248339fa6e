/**
 * EvictingWindowOperator: the window operator with an evictor, as Flink's
 * EvictingWindowOperator. A window keeps every element with its timestamp (a list, even for
 * reduce and aggregate); when the trigger fires, the evictor removes elements, the reduce,
 * aggregate or process function runs over what remains, the evictor may remove more, and
 * the remaining elements stay in the window's state for its next firing.
 *
 * It is the plain WindowOperator running a process function (`EvictingWindowFunction`)
 * over the stored list, so assignment, triggers, lateness, merging (the lists concatenate),
 * cleanup and snapshots are the same code. It only differs in what it stores per record
 * and in dropping a list that eviction emptied, as Flink's ListState drops an empty list.
 *
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/#evictors
 */
import type { AggregateFunction, Collector, RuntimeContext } from '../../functions.ts';
import type { NormalizedKey } from '../../key-groups.ts';
import { closeFunction, openFunction, resolveFunction } from '../user-function.ts';
import type { Evictor, EvictorContext, TimestampedValue } from './evictors.ts';
import type { ProcessWindowContext, ProcessWindowFunctionLike } from './window-function.ts';
import { WindowOperator, type WindowFunctionSpec, type WindowOperatorOptions } from './window-operator.ts';
import type { Window } from './windows.ts';

/**
 * @example
 * new EvictingWindowOperator({
 *   assigner: GlobalWindows.create(),
 *   trigger: CountTrigger.of(2),
 *   evictor: CountEvictor.of(3),
 *   fn: { kind: 'reduce', reduce: (a, b) => a + b },
 * });
 */
export interface EvictingWindowOperatorOptions<IN = unknown, OUT = unknown, ACC = unknown, R = unknown> extends WindowOperatorOptions<IN, OUT, ACC, R> {
  readonly evictor: Evictor<IN, never>;
}

export class EvictingWindowOperator<IN = unknown, OUT = unknown, ACC = unknown, R = unknown> extends WindowOperator<IN, OUT, ACC, R> {
  constructor(options: EvictingWindowOperatorOptions<IN, OUT, ACC, R>) {
    const { evictor, fn, ...rest } = options;
    const window = new EvictingWindowFunction(fn as WindowFunctionSpec, evictor as Evictor<unknown, unknown>);
    super({ ...rest, fn: { kind: 'process', window } } as WindowOperatorOptions<IN, OUT, ACC, R>);
  }

  protected override addToContents(nk: NormalizedKey, ns: string, value: unknown, timestamp: number): void {
    const t = this.contents;
    const cur = t.get(nk, ns) as TimestampedValue<unknown>[] | undefined;
    const element: TimestampedValue<unknown> = { value, timestamp };
    if (cur === undefined) t.put(nk, ns, [element]);
    else cur.push(element);
  }

  protected override emitContents(nk: NormalizedKey, w: Window, ns: string, stateNs: string): boolean {
    if (!super.emitContents(nk, w, ns, stateNs)) return false;
    const left = this.contents.get(nk, stateNs) as unknown[] | undefined;
    if (left !== undefined && left.length === 0) this.contents.remove(nk, stateNs);
    return true;
  }
}

/** Evicts, applies the user's function to the remaining values, evicts again. */
class EvictingWindowFunction implements ProcessWindowFunctionLike<unknown, unknown, unknown, unknown>, EvictorContext {
  private readonly evictor: Evictor<unknown, unknown>;
  private readonly windowFn: ProcessWindowFunctionLike<unknown, unknown, unknown, unknown> | null;
  /** The reduce function or aggregate object, for open/close. */
  private readonly udf: unknown;
  private readonly reduceFn: ((a: unknown, b: unknown) => unknown) | null = null;
  private readonly agg: AggregateFunction<unknown, unknown, unknown> | null = null;
  /** The context of the current firing; the evictor's context reads the times from it. */
  private ctx: ProcessWindowContext<unknown> | null = null;

  constructor(fn: WindowFunctionSpec, evictor: Evictor<unknown, unknown>) {
    if (evictor === null || typeof evictor !== 'object' || typeof evictor.evictBefore !== 'function' || typeof evictor.evictAfter !== 'function') {
      throw new TypeError('an evictor needs evictBefore(elements, size, window, ctx) and evictAfter(elements, size, window, ctx) methods');
    }
    this.evictor = evictor;
    this.windowFn = fn.window ?? null;
    switch (fn.kind) {
      case 'reduce':
        this.udf = fn.reduce;
        this.reduceFn = resolveFunction<(a: unknown, b: unknown) => unknown>(fn.reduce, 'reduce');
        break;
      case 'aggregate':
        this.udf = fn.aggregate;
        this.agg = fn.aggregate;
        break;
      case 'process':
        this.udf = null;
        if (this.windowFn === null || typeof this.windowFn.process !== 'function') {
          throw new TypeError('a process window function needs a process(key, context, elements, out) method');
        }
        break;
    }
  }

  async open(context: RuntimeContext): Promise<void> {
    await openFunction(this.udf, context);
    await openFunction(this.windowFn, context);
  }

  async close(): Promise<void> {
    await closeFunction(this.udf);
    await closeFunction(this.windowFn);
  }

  /** `elements` is the window's stored list (see WindowOperator.emitContents): eviction shortens it in place. */
  process(key: unknown, ctx: ProcessWindowContext<unknown>, elements: Iterable<unknown>, out: Collector<unknown>): void {
    const list = elements as TimestampedValue<unknown>[];
    const window = ctx.window;
    this.ctx = ctx;
    this.evictor.evictBefore(list, list.length, window, this);
    const values = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) values[i] = (list[i] as TimestampedValue<unknown>).value;
    this.apply(key, ctx, values, out);
    this.evictor.evictAfter(list, list.length, window, this);
  }

  clear(ctx: ProcessWindowContext<unknown>): void {
    this.windowFn?.clear?.(ctx);
  }

  getCurrentProcessingTime(): number {
    return (this.ctx as ProcessWindowContext<unknown>).currentProcessingTime();
  }

  getCurrentWatermark(): number {
    return (this.ctx as ProcessWindowContext<unknown>).currentWatermark();
  }

  /**
   * Runs the user's function over the values left after `evictBefore`, as Flink's
   * ReduceApply/AggregateApply window functions do. An aggregate over no values gives the
   * result of a fresh accumulator; a reduce over no values emits nothing (Flink would
   * emit null).
   */
  private apply(key: unknown, ctx: ProcessWindowContext<unknown>, values: unknown[], out: Collector<unknown>): void {
    let result: unknown;
    if (this.reduceFn !== null) {
      if (values.length === 0) return;
      result = values[0];
      for (let i = 1; i < values.length; i++) result = this.reduceFn(result, values[i]);
    } else if (this.agg !== null) {
      const agg = this.agg;
      let acc = agg.createAccumulator();
      for (const v of values) acc = agg.add(v, acc);
      result = agg.getResult(acc);
    } else {
      (this.windowFn as ProcessWindowFunctionLike<unknown, unknown, unknown, unknown>).process(key, ctx, values, out);
      return;
    }
    if (this.windowFn === null) out.collect(result);
    else this.windowFn.process(key, ctx, [result], out);
  }
}
