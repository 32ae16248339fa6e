/**
 * WindowOperator: Flink's keyed window operator. Each record is assigned to windows; its
 * window's contents (a reduced value, an accumulator, or the list of records) live in keyed
 * state under the window's namespace; the trigger decides when a window fires and purges;
 * a cleanup timer at `maxTimestamp + allowedLateness` drops the window's state for good.
 *
 * Semantics follow Flink's WindowOperator:
 * - a window is late when `maxTimestamp + allowedLateness <= watermark` (event time only);
 *   records are added only to windows that are not late;
 * - a record that fell into no window at all and whose `timestamp + allowedLateness <=
 *   watermark` goes to the late-data side output, or is counted in `numLateRecordsDropped`;
 * - within allowed lateness, each late record re-fires its window with the updated contents
 *   (EventTimeTrigger fires at once when the watermark is past the window);
 * - merging (session) windows keep a per-key MergingWindowSet and merge the state of
 *   windows that grow together;
 * - results carry the window's max timestamp.
 *
 * With an evictor, EvictingWindowOperator (evicting-window-operator.ts) runs instead.
 *
 * Reduce functions should not mutate their inputs: with sliding windows one record starts
 * several windows' state.
 *
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/
 */
import type { Batch } from '../../batch.ts';
import { BatchBuilder } from '../../batch.ts';
import type { AggregateFunction, Collector, KeySelector, ReduceFunction, RuntimeContext } from '../../functions.ts';
import type { NormalizedKey } from '../../key-groups.ts';
import type { KeyedStateBackend } from '../../state/heap-backend.ts';
import type { Timer } from '../../timers.ts';
import { AbstractStreamOperator } from '../operator.ts';
import { closeFunction, openFunction, resolveFunction, userError } from '../user-function.ts';
import type { WindowAssigner } from './assigners.ts';
import { MergingWindowSet, type MergeFunction } from './merging-window-set.ts';
import type { Trigger } from './triggers.ts';
import { TimerMemo, WindowProcessContext, WindowTriggerContext, type WindowContextHost } from './window-contexts.ts';
import type { ProcessWindowFunctionLike } from './window-function.ts';
import { mergeNamespaces, rawTable, type MergeValues, type RawTable } from './window-state.ts';
import type { Window } from './windows.ts';

/**
 * How fired windows become output: `reduce` and `aggregate` keep one value per window and
 * emit it (or hand it, alone, to `window`); `process` keeps every record and hands them all
 * to `window`.
 */
export type WindowFunctionSpec<IN = unknown, OUT = unknown, ACC = unknown, R = unknown> =
  | { readonly kind: 'reduce'; readonly reduce: ReduceFunction<IN>; readonly window?: ProcessWindowFunctionLike<IN, OUT, unknown, unknown> }
  | {
      readonly kind: 'aggregate';
      readonly aggregate: AggregateFunction<IN, ACC, R>;
      readonly window?: ProcessWindowFunctionLike<R, OUT, unknown, unknown>;
    }
  | { readonly kind: 'process'; readonly window: ProcessWindowFunctionLike<IN, OUT, unknown, unknown> };

/**
 * @example
 * new WindowOperator({
 *   assigner: TumblingEventTimeWindows.of(Time.seconds(10)),
 *   fn: { kind: 'reduce', reduce: (a, b) => ({ ...a, n: a.n + b.n }) },
 *   allowedLateness: Time.seconds(5),
 *   lateDataTag: 'late-events',
 * });
 */
export interface WindowOperatorOptions<IN = unknown, OUT = unknown, ACC = unknown, R = unknown> {
  readonly assigner: WindowAssigner<IN, unknown>;
  /** Defaults to the assigner's default trigger. */
  readonly trigger?: Trigger<IN, unknown>;
  readonly fn: WindowFunctionSpec<IN, OUT, ACC, R>;
  /** Milliseconds of event time a window's state is kept past its end; default 0. */
  readonly allowedLateness?: number;
  /** Side-output tag id for records later than the allowed lateness; null drops them. */
  readonly lateDataTag?: string | null;
}

/** Window state names in the keyed backend. */
const CONTENTS_STATE = '_window-contents';
const MERGING_SET_STATE = '_merging-window-set';

const REDUCE = 0;
const AGGREGATE = 1;
const PROCESS = 2;

/** Errors the operator raises itself (not user code), passed through unwrapped. */
export class WindowOperatorError extends Error {
  override readonly name = 'WindowOperatorError';
}

/** Type parameters only check the options; at run time records are `unknown`. */
export class WindowOperator<IN = unknown, OUT = unknown, ACC = unknown, R = unknown> extends AbstractStreamOperator implements Collector<unknown> {
  /** Records dropped for being later than the allowed lateness (with no late-data tag). */
  numLateRecordsDropped = 0;

  private readonly assigner: WindowAssigner<unknown, Window>;
  private readonly trigger: Trigger<unknown, Window>;
  private readonly eventTime: boolean;
  private readonly allowedLateness: number;
  private readonly lateTag: string | null;
  private readonly kind: number;
  private readonly udf: unknown;
  private readonly reduceFn: ((a: unknown, b: unknown) => unknown) | null = null;
  private readonly agg: AggregateFunction<unknown, unknown, unknown> | null = null;
  private readonly windowFn: ProcessWindowFunctionLike<unknown, unknown, unknown, unknown> | null;
  private readonly mergeContents: MergeValues | null;

  private backend!: KeyedStateBackend;
  private keyOf!: KeySelector<unknown, unknown>;
  protected contents!: RawTable;
  private mergingSet: MergingWindowSet<Window> | null = null;
  private tctx!: WindowTriggerContext;
  private pctx!: WindowProcessContext;
  private readonly sideBuilders = new Map<string, BatchBuilder>();
  /** Timestamp given to what the window function emits: the firing window's max timestamp. */
  private emitTimestamp = NaN;
  /** Cleanup timers registered since timers last fired or were deleted (see TimerMemo). */
  private readonly cleanupMemo = new TimerMemo();

  constructor(options: WindowOperatorOptions<IN, OUT, ACC, R>) {
    super();
    const assigner = options.assigner as WindowAssigner<unknown, unknown>;
    const fn = options.fn as WindowFunctionSpec;
    this.assigner = assigner as WindowAssigner<unknown, Window>;
    this.trigger = (options.trigger ?? assigner.defaultTrigger()) as Trigger<unknown, Window>;
    this.eventTime = assigner.isEventTime();
    const lateness = options.allowedLateness ?? 0;
    if (!(lateness >= 0)) throw new RangeError(`allowed lateness must be >= 0 ms, got ${lateness}`);
    this.allowedLateness = lateness;
    this.lateTag = options.lateDataTag ?? null;
    if (assigner.isMerging && !this.trigger.canMerge()) {
      throw new Error(`a merging window assigner (${assigner.toString()}) cannot be used with a trigger that does not support merging (${this.trigger.toString()})`);
    }
    this.windowFn = fn.window ?? null;
    switch (fn.kind) {
      case 'reduce':
        this.kind = REDUCE;
        this.udf = fn.reduce;
        this.reduceFn = resolveFunction<(a: unknown, b: unknown) => unknown>(fn.reduce, 'reduce');
        this.mergeContents = this.reduceFn;
        break;
      case 'aggregate': {
        this.kind = AGGREGATE;
        const agg = fn.aggregate;
        this.udf = agg;
        this.agg = agg;
        this.mergeContents = typeof agg.merge === 'function' ? (a, b) => (agg.merge as (x: unknown, y: unknown) => unknown)(a, b) : null;
        if (assigner.isMerging && this.mergeContents === null) {
          throw new Error(`aggregate() over merging windows (${assigner.toString()}) needs an AggregateFunction with merge()`);
        }
        break;
      }
      case 'process':
        this.kind = PROCESS;
        this.udf = null;
        this.mergeContents = (a, b) => (a as unknown[]).concat(b as unknown[]);
        if (this.windowFn === null || typeof this.windowFn.process !== 'function') {
          throw new TypeError('a process window function needs a process(key, context, elements, out) method');
        }
        break;
    }
  }

  override async open(): Promise<void> {
    const backend = this.keyedBackend();
    this.backend = backend;
    this.keyOf = this.context.keyed!.keySelectors[0]!;
    this.contents = rawTable(backend, CONTENTS_STATE);
    if (this.assigner.isMerging) this.mergingSet = new MergingWindowSet(this.assigner, rawTable(backend, MERGING_SET_STATE));
    const host = this.contextHost();
    this.tctx = new WindowTriggerContext(host);
    this.pctx = new WindowProcessContext(host, this.assigner.isMerging);
    const rc = this.runtimeContext();
    try {
      await openFunction(this.udf, rc);
      await openFunction(this.windowFn, rc);
    } catch (e) {
      throw userError(this.context.name, e);
    }
  }

  override async close(): Promise<void> {
    await closeFunction(this.udf);
    await closeFunction(this.windowFn);
  }

  /** Functions see keyed state in the void namespace, whatever window is current. */
  protected override runtimeContext(): RuntimeContext {
    const base = super.runtimeContext();
    const global = this.pctx.global;
    return {
      ...base,
      getState: (d) => global.getState(d),
      getListState: (d) => global.getListState(d),
      getMapState: (d) => global.getMapState(d),
      getReducingState: (d) => global.getReducingState(d),
      getAggregatingState: (d) => global.getAggregatingState(d),
    };
  }

  processBatch(batch: Batch): void {
    const values = batch.values;
    const backend = this.backend;
    const keyOf = this.keyOf;
    try {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        backend.setCurrentKey(keyOf(v));
        this.processElement(v, batch.timestampAt(i));
      }
    } catch (e) {
      throw this.failure(e);
    }
    this.flush();
  }

  private processElement(value: unknown, timestamp: number): void {
    const windows = this.assigner.assignWindows(value, timestamp, this.context.processingTime());
    const nk = this.backend.getCurrentNormalizedKey();
    let skipped = true;
    const set = this.mergingSet;
    if (set === null) {
      for (let j = 0; j < windows.length; j++) {
        const w = windows[j] as Window;
        if (this.isWindowLate(w)) continue;
        skipped = false;
        const ns = w.namespace();
        this.addAndTrigger(value, timestamp, nk, w, ns, ns);
      }
    } else {
      set.load(nk);
      for (let j = 0; j < windows.length; j++) {
        const actual = set.addWindow(windows[j] as Window, this.onMerge);
        const ns = actual.namespace();
        if (this.isWindowLate(actual)) {
          set.retireWindow(ns);
          continue;
        }
        skipped = false;
        const stateNs = set.getStateWindow(ns);
        if (stateNs === undefined) throw new WindowOperatorError(`window ${actual.toString()} has no state window (operator '${this.context.name}')`);
        this.addAndTrigger(value, timestamp, nk, actual, ns, stateNs);
      }
      set.persist();
    }
    if (skipped && this.eventTime && timestamp + this.allowedLateness <= this.currentWatermark) {
      if (this.lateTag !== null) this.sideOutput(this.lateTag, value, timestamp);
      else this.numLateRecordsDropped++;
    }
  }

  private addAndTrigger(value: unknown, timestamp: number, nk: NormalizedKey, w: Window, ns: string, stateNs: string): void {
    this.addToContents(nk, stateNs, value, timestamp);
    this.tctx.windowNs = ns;
    const r = this.trigger.onElement(value, timestamp, w, this.tctx);
    // As in Flink, a firing window without contents skips purge and cleanup registration.
    if ((r & 1) !== 0 && !this.emitContents(nk, w, ns, stateNs)) return;
    if ((r & 2) !== 0) this.contents.remove(nk, stateNs);
    this.registerCleanupTimer(nk, w, ns);
  }

  /** Adds a record to a window's contents (the evicting operator keeps its timestamp too). */
  protected addToContents(nk: NormalizedKey, ns: string, value: unknown, _timestamp: number): void {
    const t = this.contents;
    const cur = t.get(nk, ns);
    switch (this.kind) {
      case REDUCE:
        t.put(nk, ns, cur === undefined ? value : (this.reduceFn as (a: unknown, b: unknown) => unknown)(cur, value));
        break;
      case AGGREGATE: {
        const agg = this.agg as AggregateFunction<unknown, unknown, unknown>;
        t.put(nk, ns, agg.add(value, cur === undefined ? agg.createAccumulator() : cur));
        break;
      }
      default:
        if (cur === undefined) t.put(nk, ns, [value]);
        else (cur as unknown[]).push(value);
    }
  }

  /**
   * Emits the window's contents; false when it has none. A process window function gets
   * the stored list itself, not a copy (EvictingWindowOperator evicts from it in place).
   */
  protected emitContents(nk: NormalizedKey, w: Window, ns: string, stateNs: string): boolean {
    const stored = this.contents.get(nk, stateNs);
    if (stored === undefined) return false;
    const ts = w.maxTimestamp();
    this.emitTimestamp = ts;
    const result = this.kind === AGGREGATE ? (this.agg as AggregateFunction<unknown, unknown, unknown>).getResult(stored) : stored;
    const fn = this.windowFn;
    if (fn === null) {
      this.out.add(result, ts);
    } else {
      this.pctx.window = w;
      this.pctx.windowNs = ns;
      fn.process(this.backend.getCurrentKey(), this.pctx, this.kind === PROCESS ? (result as unknown[]) : [result], this);
    }
    return true;
  }

  /** Collector for the window function's results. */
  collect(value: unknown): void {
    this.out.add(value, this.emitTimestamp);
  }

  protected override onTimer(timer: Timer, domain: 'event' | 'processing'): void {
    this.forgetTimers(); // a memoized timer may be this one
    try {
      this.fireTimer(timer, domain);
    } catch (e) {
      throw this.failure(e);
    }
  }

  private fireTimer(timer: Timer, domain: 'event' | 'processing'): void {
    const ns = timer.namespace;
    const nk = timer.nk;
    const set = this.mergingSet;
    let stateNs: string | undefined = ns;
    if (set !== null) {
      // A timer of a window that merged away or was cleared: nothing left to do.
      stateNs = set.load(nk).getStateWindow(ns);
      if (stateNs === undefined) return;
    }
    const w = this.assigner.windowFromNamespace(ns);
    this.tctx.windowNs = ns;
    const r = domain === 'event'
      ? this.trigger.onEventTime(timer.timestamp, w, this.tctx)
      : this.trigger.onProcessingTime(timer.timestamp, w, this.tctx);
    if ((r & 1) !== 0) this.emitContents(nk, w, ns, stateNs);
    if ((r & 2) !== 0) this.contents.remove(nk, stateNs);
    if ((domain === 'event') === this.eventTime && timer.timestamp === this.cleanupTime(w)) this.clearAllState(nk, w, ns, stateNs);
    set?.persist();
  }

  /** Drops everything kept for a window whose cleanup time has come. */
  private clearAllState(nk: NormalizedKey, w: Window, ns: string, stateNs: string): void {
    this.contents.remove(nk, stateNs);
    this.tctx.windowNs = ns;
    this.trigger.clear(w, this.tctx);
    const fn = this.windowFn;
    if (fn !== null && typeof fn.clear === 'function') {
      this.pctx.window = w;
      this.pctx.windowNs = ns;
      fn.clear(this.pctx);
    }
    this.mergingSet?.retireWindow(ns);
  }

  /** Merging windows: the merged windows' triggers, timers and state move to the result. */
  private readonly onMerge: MergeFunction<Window> = (mergeResult, mergedWindows, stateWindowResult, mergedStateWindows) => {
    if (this.eventTime && this.cleanupTime(mergeResult) <= this.currentWatermark) {
      throw new WindowOperatorError(
        `the end timestamp of an event-time window cannot become earlier than the current watermark by merging ` +
          `(watermark ${this.currentWatermark}, window ${mergeResult.toString()}, operator '${this.context.name}')`,
      );
    }
    if (!this.eventTime && mergeResult.maxTimestamp() <= this.context.processingTime()) {
      throw new WindowOperatorError(
        `the end timestamp of a processing-time window cannot become earlier than the current processing time by merging ` +
          `(processing time ${this.context.processingTime()}, window ${mergeResult.toString()}, operator '${this.context.name}')`,
      );
    }
    const nk = this.backend.getCurrentNormalizedKey();
    const tctx = this.tctx;
    tctx.windowNs = mergeResult.namespace();
    tctx.mergedWindowNss = mergedWindows.map((m) => m.namespace());
    this.trigger.onMerge(mergeResult, tctx);
    tctx.mergedWindowNss = [];
    for (const m of mergedWindows) {
      const ns = m.namespace();
      tctx.windowNs = ns;
      this.trigger.clear(m, tctx);
      this.deleteCleanupTimer(m, ns);
    }
    mergeNamespaces(this.contents, nk, stateWindowResult, mergedStateWindows, this.mergeContents as MergeValues);
  };

  private cleanupTime(w: Window): number {
    // Infinity (a global window, or lateness overflowing) means never.
    return this.eventTime ? w.maxTimestamp() + this.allowedLateness : w.maxTimestamp();
  }

  private isWindowLate(w: Window): boolean {
    return this.eventTime && this.cleanupTime(w) <= this.currentWatermark;
  }

  private registerCleanupTimer(nk: NormalizedKey, w: Window, ns: string): void {
    const time = this.cleanupTime(w);
    if (time === Number.POSITIVE_INFINITY) return;
    if (this.cleanupMemo.seen(nk, ns, time)) return;
    const timers = this.timers!;
    timers.setNamespace(ns);
    if (this.eventTime) timers.registerEventTimeTimer(time);
    else timers.registerProcessingTimeTimer(time);
  }

  private forgetTimers(): void {
    this.cleanupMemo.reset();
    this.tctx.forgetTimers();
  }

  private deleteCleanupTimer(w: Window, ns: string): void {
    const time = this.cleanupTime(w);
    if (time === Number.POSITIVE_INFINITY) return;
    this.forgetTimers();
    const timers = this.timers!;
    timers.setNamespace(ns);
    if (this.eventTime) timers.deleteEventTimeTimer(time);
    else timers.deleteProcessingTimeTimer(time);
  }

  /**
   * The watermark is kept with the snapshot, unlike Flink, which restarts operators at
   * Long.MIN_VALUE: there, records replayed before the first new watermark are not late and
   * can re-open windows already fired and cleaned, emitting partial results a failure-free
   * run would not. With it restored, lateness decisions are the same with or without a
   * failure. A rescaled subtask takes the smallest watermark of its snapshots.
   */
  protected override snapshotOperatorState(): unknown {
    return { watermark: this.currentWatermark };
  }

  protected override restoreOperatorState(states: unknown[]): void {
    let wm = Number.POSITIVE_INFINITY;
    let found = false;
    for (const s of states) {
      const w = (s as { watermark?: unknown } | null)?.watermark;
      if (typeof w !== 'number') continue;
      found = true;
      wm = Math.min(wm, w);
    }
    if (!found || wm === Number.NEGATIVE_INFINITY) return;
    this.currentWatermark = wm;
    if (this.timers !== null) this.timers.currentWatermark = wm;
  }

  private sideOutput(tag: string, value: unknown, timestamp: number): void {
    let b = this.sideBuilders.get(tag);
    if (b === undefined) this.sideBuilders.set(tag, (b = new BatchBuilder()));
    b.add(value, timestamp);
  }

  /** Main output first, then side outputs; the base class emits the watermark after this. */
  protected override flush(): void {
    super.flush();
    for (const [tag, b] of this.sideBuilders) {
      const batch = b.take();
      if (batch !== null) this.output.emitSide(tag, batch);
    }
  }

  private failure(e: unknown): Error {
    return e instanceof WindowOperatorError ? e : userError(this.context.name, e);
  }

  private contextHost(): WindowContextHost {
    const self = this;
    return {
      backend: this.backend,
      timers: this.timerService(),
      currentWatermark: () => self.currentWatermark,
      currentProcessingTime: () => self.context.processingTime(),
      sideOutput: (tag, value, timestamp) => self.sideOutput(tag, value, timestamp),
      timerDeleted: () => self.forgetTimers(),
    };
  }
}
