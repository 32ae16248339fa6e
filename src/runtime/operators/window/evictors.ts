/**
 * Evictors remove elements from a window after its trigger fires, before and/or after the
 * window function sees them, as Flink's `Evictor`. A window operator with an evictor keeps
 * every element of a window with its timestamp (no incremental reduce or aggregate); what
 * an evictor removes is gone from the window's state for later firings too.
 *
 * Elements are handed over as an array that the evictor shortens in place (Flink removes
 * them through the iterator); the array is the window's state, so keep no reference to it.
 *
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/#evictors
 */
import { resolveFunction } from '../user-function.ts';

/** An element of a window with its timestamp; NaN when the record had none. */
export interface TimestampedValue<T> {
  readonly value: T;
  readonly timestamp: number;
}

/** What an evictor learns about the operator when it is called. */
export interface EvictorContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
}

/**
 * @example
 * // Keeps only the elements whose value is at least 10, before the window function runs.
 * const atLeast10: Evictor<number, TimeWindow> = {
 *   evictBefore(elements) { removeWhere(elements, (e) => e.value < 10); },
 *   evictAfter() {},
 * };
 */
export interface Evictor<T, W> {
  /** Called after the trigger fired, before the window function; `size` is `elements.length`. */
  evictBefore(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
  /** Called after the window function. */
  evictAfter(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
}

/** Removes, in place and keeping order, the elements that `evict` selects. */
export function removeWhere<E>(elements: E[], evict: (e: E) => boolean): void {
  let kept = 0;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i] as E;
    if (!evict(e)) elements[kept++] = e;
  }
  elements.length = kept;
}

/** Base of the built-in evictors: each evicts either before or after the window function. */
abstract class OneSidedEvictor<T> implements Evictor<T, unknown> {
  readonly doEvictAfter: boolean;

  protected constructor(doEvictAfter: boolean) {
    this.doEvictAfter = doEvictAfter;
  }

  protected abstract evict(elements: TimestampedValue<T>[], size: number): void;

  evictBefore(elements: TimestampedValue<T>[], size: number): void {
    if (!this.doEvictAfter) this.evict(elements, size);
  }

  evictAfter(elements: TimestampedValue<T>[], size: number): void {
    if (this.doEvictAfter) this.evict(elements, size);
  }
}

/**
 * Keeps the last `maxCount` elements of a window (in arrival order), evicting the oldest.
 *
 * @example
 * stream.keyBy((e) => e.user).window(GlobalWindows.create())
 *   .trigger(CountTrigger.of(2)).evictor(CountEvictor.of(3)).sum('clicks');
 */
export class CountEvictor extends OneSidedEvictor<unknown> {
  readonly maxCount: number;

  private constructor(maxCount: number, doEvictAfter: boolean) {
    super(doEvictAfter);
    this.maxCount = maxCount;
  }

  static of(maxCount: number, doEvictAfter = false): CountEvictor {
    if (!(Number.isInteger(maxCount) && maxCount >= 0)) throw new RangeError(`CountEvictor needs a count >= 0, got ${maxCount}`);
    return new CountEvictor(maxCount, doEvictAfter);
  }

  protected override evict(elements: TimestampedValue<unknown>[], size: number): void {
    if (size <= this.maxCount) return;
    elements.splice(0, size - this.maxCount);
  }

  override toString(): string {
    return `CountEvictor(${this.maxCount}${this.doEvictAfter ? ', after' : ''})`;
  }
}

/**
 * Keeps the elements of the last `windowSize` ms, measured back from the largest element
 * timestamp in the window: as Flink, it evicts every element with `timestamp <= max -
 * windowSize`. Windows whose first element has no timestamp are left alone.
 */
export class TimeEvictor extends OneSidedEvictor<unknown> {
  readonly windowSize: number;

  private constructor(windowSize: number, doEvictAfter: boolean) {
    super(doEvictAfter);
    this.windowSize = windowSize;
  }

  /** @example TimeEvictor.of(Time.seconds(5)) */
  static of(windowSize: number, doEvictAfter = false): TimeEvictor {
    if (!(windowSize >= 0)) throw new RangeError(`TimeEvictor needs a window size >= 0 ms, got ${windowSize}`);
    return new TimeEvictor(windowSize, doEvictAfter);
  }

  protected override evict(elements: TimestampedValue<unknown>[]): void {
    const first = elements[0];
    if (first === undefined || Number.isNaN(first.timestamp)) return;
    let max = Number.NEGATIVE_INFINITY;
    for (const e of elements) if (e.timestamp > max) max = e.timestamp;
    const cutoff = max - this.windowSize;
    removeWhere(elements, (e) => e.timestamp <= cutoff);
  }

  override toString(): string {
    return `TimeEvictor(${this.windowSize}${this.doEvictAfter ? ', after' : ''})`;
  }
}

/** The distance between two elements, for DeltaEvictor (Flink's DeltaFunction). */
export type DeltaFunction<T> = ((oldDataPoint: T, newDataPoint: T) => number) | { getDelta(oldDataPoint: T, newDataPoint: T): number };

/**
 * Evicts every element whose delta to the window's last element is at least `threshold`
 * (the last element itself stays unless the threshold is 0 or less).
 *
 * @example
 * DeltaEvictor.of(5, (a: Reading, b: Reading) => Math.abs(a.celsius - b.celsius))
 */
export class DeltaEvictor<T> extends OneSidedEvictor<T> {
  readonly threshold: number;
  private readonly delta: (oldDataPoint: T, newDataPoint: T) => number;

  private constructor(threshold: number, delta: (oldDataPoint: T, newDataPoint: T) => number, doEvictAfter: boolean) {
    super(doEvictAfter);
    this.threshold = threshold;
    this.delta = delta;
  }

  static of<T>(threshold: number, deltaFunction: DeltaFunction<T>, doEvictAfter = false): DeltaEvictor<T> {
    if (Number.isNaN(threshold)) throw new RangeError('DeltaEvictor needs a threshold, got NaN');
    return new DeltaEvictor(threshold, resolveFunction<(a: T, b: T) => number>(deltaFunction, 'getDelta'), doEvictAfter);
  }

  protected override evict(elements: TimestampedValue<T>[]): void {
    const last = elements[elements.length - 1];
    if (last === undefined) return;
    const latest = last.value;
    removeWhere(elements, (e) => this.delta(e.value, latest) >= this.threshold);
  }

  override toString(): string {
    return `DeltaEvictor(${this.threshold}${this.doEvictAfter ? ', after' : ''})`;
  }
}
