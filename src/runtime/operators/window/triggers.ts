/**
 * Triggers decide when a window's contents are emitted (FIRE) and/or dropped (PURGE), as in
 * Flink's `Trigger`. A trigger object is shared by all windows and keys; whatever it needs
 * to remember lives in partitioned state (scoped to the current key and window) that it
 * gets from the context, so it is snapshotted with the job.
 *
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/#triggers
 */
import { ReducingStateDescriptor, type StateDescriptor } from '../../state/descriptors.ts';
import type { ReducingState, State } from '../../state/state.ts';
import type { Window } from './windows.ts';

/** Bit 1 = fire, bit 2 = purge. A const object, not an enum, so type stripping can run it. */
export const TriggerResult = {
  CONTINUE: 0,
  FIRE: 1,
  PURGE: 2,
  FIRE_AND_PURGE: 3,
} as const;
export type TriggerResult = (typeof TriggerResult)[keyof typeof TriggerResult];

export function isFire(r: TriggerResult): boolean {
  return (r & TriggerResult.FIRE) !== 0;
}

export function isPurge(r: TriggerResult): boolean {
  return (r & TriggerResult.PURGE) !== 0;
}

/** What a trigger may do for the current key and window. */
export interface TriggerContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
  registerProcessingTimeTimer(time: number): void;
  registerEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  /** State scoped to the current key and window. */
  getPartitionedState<S extends State>(descriptor: StateDescriptor): S;
}

export interface OnMergeContext extends TriggerContext {
  /** Folds this state of the windows being merged into the merged window (reducing, aggregating or list state). */
  mergePartitionedState(descriptor: StateDescriptor): void;
}

/**
 * Base class of triggers. Subclasses that work with merging (session) windows override
 * `canMerge` and `onMerge`.
 */
export abstract class Trigger<T, W> {
  abstract onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult;
  abstract onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  abstract onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;
  /** Removes what the trigger keeps for the window (timers, state); called when the window is purged for good. */
  abstract clear(window: W, ctx: TriggerContext): void;

  canMerge(): boolean {
    return false;
  }

  onMerge(_window: W, _ctx: OnMergeContext): void {
    throw new Error(`${this.toString()} does not support merging windows`);
  }

  toString(): string {
    return this.constructor.name;
  }
}

/** Fires once the watermark passes the window's end; late records re-fire it at once. */
export class EventTimeTrigger extends Trigger<unknown, Window> {
  private static readonly instance = new EventTimeTrigger();

  private constructor() {
    super();
  }

  static create(): EventTimeTrigger {
    return EventTimeTrigger.instance;
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    const max = window.maxTimestamp();
    // The watermark is already past the window (a late record within allowed lateness).
    if (max <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(max);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window): TriggerResult {
    return time === window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    // Only while the merged window is not yet due: a due one fires on its next element.
    const max = window.maxTimestamp();
    if (max > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(max);
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  override toString(): string {
    return 'EventTimeTrigger()';
  }
}

/** Fires when processing time reaches the window's end. */
export class ProcessingTimeTrigger extends Trigger<unknown, Window> {
  private static readonly instance = new ProcessingTimeTrigger();

  private constructor() {
    super();
  }

  static create(): ProcessingTimeTrigger {
    return ProcessingTimeTrigger.instance;
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.FIRE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    const max = window.maxTimestamp();
    if (max > ctx.getCurrentProcessingTime()) ctx.registerProcessingTimeTimer(max);
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }

  override toString(): string {
    return 'ProcessingTimeTrigger()';
  }
}

/** The default trigger of GlobalWindows: never fires. */
export class NeverTrigger extends Trigger<unknown, unknown> {
  onElement(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }
  clear(): void {}
  override canMerge(): boolean {
    return true;
  }
  override onMerge(): void {}
  override toString(): string {
    return 'NeverTrigger()';
  }
}

const sum = (a: number, b: number): number => a + b;
const min = (a: number, b: number): number => Math.min(a, b);

/** Fires every `maxCount` elements of a window (the count restarts after each firing). */
export class CountTrigger extends Trigger<unknown, unknown> {
  readonly maxCount: number;
  private readonly countDesc = new ReducingStateDescriptor<number>('count', sum);

  private constructor(maxCount: number) {
    super();
    this.maxCount = maxCount;
  }

  /** @example PurgingTrigger.of(CountTrigger.of(100)) */
  static of(maxCount: number): CountTrigger {
    if (!(Number.isInteger(maxCount) && maxCount > 0)) throw new RangeError(`CountTrigger needs a positive integer count, got ${maxCount}`);
    return new CountTrigger(maxCount);
  }

  onElement(_element: unknown, _timestamp: number, _window: unknown, ctx: TriggerContext): TriggerResult {
    const count = ctx.getPartitionedState<ReducingState<number>>(this.countDesc);
    count.add(1);
    if ((count.get() as number) >= this.maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: unknown, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.countDesc);
  }

  clear(_window: unknown, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.countDesc).clear();
  }

  override toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}

/** Turns every FIRE of the wrapped trigger into FIRE_AND_PURGE. */
export class PurgingTrigger<T, W> extends Trigger<T, W> {
  readonly nested: Trigger<T, W>;

  private constructor(nested: Trigger<T, W>) {
    super();
    this.nested = nested;
  }

  static of<T, W>(nested: Trigger<T, W>): PurgingTrigger<T, W> {
    return new PurgingTrigger(nested);
  }

  onElement(element: T, timestamp: number, window: W, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onElement(element, timestamp, window, ctx));
  }

  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onEventTime(time, window, ctx));
  }

  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onProcessingTime(time, window, ctx));
  }

  override canMerge(): boolean {
    return this.nested.canMerge();
  }

  override onMerge(window: W, ctx: OnMergeContext): void {
    this.nested.onMerge(window, ctx);
  }

  clear(window: W, ctx: TriggerContext): void {
    this.nested.clear(window, ctx);
  }

  override toString(): string {
    return `PurgingTrigger(${this.nested.toString()})`;
  }
}

function purging(r: TriggerResult): TriggerResult {
  return isFire(r) ? TriggerResult.FIRE_AND_PURGE : r;
}

/**
 * Fires every `interval` ms of event time while the window is open (early results), and at
 * the window's end.
 */
export class ContinuousEventTimeTrigger extends Trigger<unknown, Window> {
  readonly interval: number;
  private readonly fireTimeDesc = new ReducingStateDescriptor<number>('fire-time', min);

  private constructor(interval: number) {
    super();
    this.interval = interval;
  }

  static of(interval: number): ContinuousEventTimeTrigger {
    if (!(interval > 0)) throw new RangeError(`ContinuousEventTimeTrigger needs a positive interval, got ${interval}`);
    return new ContinuousEventTimeTrigger(interval);
  }

  onElement(_element: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(window.maxTimestamp());
    const fireTime = ctx.getPartitionedState<ReducingState<number>>(this.fireTimeDesc);
    if (fireTime.get() === undefined) this.registerNext(timestamp - (timestamp % this.interval), window, ctx, fireTime);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    const fireTime = ctx.getPartitionedState<ReducingState<number>>(this.fireTimeDesc);
    if (fireTime.get() === time) {
      fireTime.clear();
      this.registerNext(time, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTimeDesc);
    const next = ctx.getPartitionedState<ReducingState<number>>(this.fireTimeDesc).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const fireTime = ctx.getPartitionedState<ReducingState<number>>(this.fireTimeDesc);
    const t = fireTime.get();
    if (t !== undefined) ctx.deleteEventTimeTimer(t);
    fireTime.clear();
  }

  private registerNext(time: number, window: Window, ctx: TriggerContext, fireTime: ReducingState<number>): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    fireTime.add(next);
    ctx.registerEventTimeTimer(next);
  }

  override toString(): string {
    return `ContinuousEventTimeTrigger(${this.interval})`;
  }
}
