/**
 * Window assigners, as in Flink's DataStream API: which windows a record belongs to, whether
 * they run on event or processing time, the trigger they fire with by default, and for
 * session windows, how windows merge. All sizes are milliseconds (see `Time`/`Duration`).
 *
 * Arrays returned by `assignWindows` are read-only and may be reused by the next call (the
 * tumbling and sliding assigners hand back the previous array while records stay in the
 * same windows, so a steady stream allocates nothing).
 */
import { EventTimeTrigger, NeverTrigger, ProcessingTimeTrigger, type Trigger } from './triggers.ts';
import { GlobalWindow, TimeWindow } from './windows.ts';

export { Time, Duration } from './time.ts';
export { TimeWindow, GlobalWindow, type Window } from './windows.ts';

export interface WindowAssigner<T, W> {
  /**
   * The windows `element` belongs to. `timestamp` is its event time (NaN when it has none);
   * `currentProcessingTime` is the operator's clock.
   */
  assignWindows(element: T, timestamp: number, currentProcessingTime: number): readonly W[];
  defaultTrigger(): Trigger<T, W>;
  isEventTime(): boolean;
  /** True for session assigners, whose windows grow and merge (`mergeWindows` is then required). */
  readonly isMerging: boolean;
  mergeWindows?(windows: readonly W[], callback: (toBeMerged: W[], mergeResult: W) => void): void;
  /** Turns `window.namespace()` text (as timers and state carry it) back into a window. */
  windowFromNamespace(namespace: string): W;
  toString(): string;
}

/** Extracts the gap of the session a record starts (DynamicEventTimeSessionWindows). */
export type SessionWindowTimeGapExtractor<T> = ((element: T) => number) | { extract(element: T): number };

function requireTimestamp(timestamp: number): number {
  if (timestamp !== timestamp) {
    throw new Error(
      'record has no timestamp; event-time windows need timestamps and watermarks: call ' +
        'assignTimestampsAndWatermarks(...) before the window, or use a processing-time window assigner',
    );
  }
  return timestamp;
}

function requirePositive(what: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${what} must be a positive number of milliseconds, got ${v}`);
}

/** Tumbling windows; shared by the event- and processing-time variants. */
abstract class TumblingWindows implements WindowAssigner<unknown, TimeWindow> {
  readonly size: number;
  readonly offset: number;
  readonly isMerging = false;
  private lastStart = Number.NaN;
  private last: readonly TimeWindow[] = [];

  protected constructor(name: string, size: number, offset: number) {
    requirePositive(`${name} size`, size);
    if (Math.abs(offset) >= size) throw new RangeError(`${name} parameters must satisfy abs(offset) < size`);
    this.size = size;
    this.offset = offset;
  }

  protected windowsAt(t: number): readonly TimeWindow[] {
    const start = TimeWindow.getWindowStartWithOffset(t, this.offset, this.size);
    if (start !== this.lastStart) {
      this.lastStart = start;
      this.last = [new TimeWindow(start, start + this.size)];
    }
    return this.last;
  }

  abstract assignWindows(element: unknown, timestamp: number, currentProcessingTime: number): readonly TimeWindow[];
  abstract defaultTrigger(): Trigger<unknown, TimeWindow>;
  abstract isEventTime(): boolean;

  windowFromNamespace(namespace: string): TimeWindow {
    return TimeWindow.fromNamespace(namespace);
  }
}

/**
 * @example
 * stream.keyBy((e) => e.user).window(TumblingEventTimeWindows.of(Time.minutes(1)))
 */
export class TumblingEventTimeWindows extends TumblingWindows {
  private constructor(size: number, offset: number) {
    super('TumblingEventTimeWindows', size, offset);
  }

  /** Windows of `size` ms starting at multiples of `size` shifted by `offset` (e.g. a time zone). */
  static of(size: number, offset = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows(size, offset);
  }

  override assignWindows(_element: unknown, timestamp: number, _currentProcessingTime?: number): readonly TimeWindow[] {
    return this.windowsAt(requireTimestamp(timestamp));
  }

  override defaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `TumblingEventTimeWindows(${this.size})`;
  }
}

export class TumblingProcessingTimeWindows extends TumblingWindows {
  private constructor(size: number, offset: number) {
    super('TumblingProcessingTimeWindows', size, offset);
  }

  static of(size: number, offset = 0): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows(size, offset);
  }

  override assignWindows(_element: unknown, _timestamp: number, currentProcessingTime: number): readonly TimeWindow[] {
    return this.windowsAt(currentProcessingTime);
  }

  override defaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `TumblingProcessingTimeWindows(${this.size})`;
  }
}

/** Sliding windows; shared by the event- and processing-time variants. */
abstract class SlidingWindows implements WindowAssigner<unknown, TimeWindow> {
  readonly size: number;
  readonly slide: number;
  readonly offset: number;
  readonly isMerging = false;
  private lastStart = Number.NaN;
  private last: readonly TimeWindow[] = [];

  protected constructor(name: string, size: number, slide: number, offset: number) {
    requirePositive(`${name} size`, size);
    requirePositive(`${name} slide`, slide);
    if (Math.abs(offset) >= slide) throw new RangeError(`${name} parameters must satisfy abs(offset) < slide and size > 0`);
    this.size = size;
    this.slide = slide;
    this.offset = offset;
  }

  /** Every window of `size` that contains `t`, latest start first (Flink's order). */
  protected windowsAt(t: number): readonly TimeWindow[] {
    const lastStart = TimeWindow.getWindowStartWithOffset(t, this.offset, this.slide);
    if (lastStart !== this.lastStart) {
      const windows: TimeWindow[] = [];
      for (let start = lastStart; start > t - this.size; start -= this.slide) windows.push(new TimeWindow(start, start + this.size));
      this.lastStart = lastStart;
      this.last = windows;
    } else if (this.size % this.slide !== 0) {
      // With a size that is no multiple of the slide, how far back windows reach depends on t.
      const oldest = this.last[this.last.length - 1] as TimeWindow;
      const nextOlder = oldest.start - this.slide;
      if (nextOlder > t - this.size || oldest.start <= t - this.size) {
        this.lastStart = Number.NaN;
        return this.windowsAt(t);
      }
    }
    return this.last;
  }

  abstract assignWindows(element: unknown, timestamp: number, currentProcessingTime: number): readonly TimeWindow[];
  abstract defaultTrigger(): Trigger<unknown, TimeWindow>;
  abstract isEventTime(): boolean;

  windowFromNamespace(namespace: string): TimeWindow {
    return TimeWindow.fromNamespace(namespace);
  }
}

/**
 * @example
 * // 10-minute windows every minute
 * SlidingEventTimeWindows.of(Time.minutes(10), Time.minutes(1))
 */
export class SlidingEventTimeWindows extends SlidingWindows {
  private constructor(size: number, slide: number, offset: number) {
    super('SlidingEventTimeWindows', size, slide, offset);
  }

  static of(size: number, slide: number, offset = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows(size, slide, offset);
  }

  override assignWindows(_element: unknown, timestamp: number, _currentProcessingTime?: number): readonly TimeWindow[] {
    return this.windowsAt(requireTimestamp(timestamp));
  }

  override defaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `SlidingEventTimeWindows(${this.size}, ${this.slide})`;
  }
}

export class SlidingProcessingTimeWindows extends SlidingWindows {
  private constructor(size: number, slide: number, offset: number) {
    super('SlidingProcessingTimeWindows', size, slide, offset);
  }

  static of(size: number, slide: number, offset = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows(size, slide, offset);
  }

  override assignWindows(_element: unknown, _timestamp: number, currentProcessingTime: number): readonly TimeWindow[] {
    return this.windowsAt(currentProcessingTime);
  }

  override defaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `SlidingProcessingTimeWindows(${this.size}, ${this.slide})`;
  }
}

/** Session windows: each record opens `[t, t + gap)`; overlapping or touching sessions merge. */
abstract class SessionWindows<T> implements WindowAssigner<T, TimeWindow> {
  readonly isMerging = true;

  protected abstract gapOf(element: T): number;
  protected abstract startOf(timestamp: number, currentProcessingTime: number): number;
  abstract defaultTrigger(): Trigger<T, TimeWindow>;
  abstract isEventTime(): boolean;

  assignWindows(element: T, timestamp: number, currentProcessingTime: number): readonly TimeWindow[] {
    const start = this.startOf(timestamp, currentProcessingTime);
    return [new TimeWindow(start, start + this.gapOf(element))];
  }

  mergeWindows(windows: readonly TimeWindow[], callback: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, callback);
  }

  windowFromNamespace(namespace: string): TimeWindow {
    return TimeWindow.fromNamespace(namespace);
  }
}

function resolveExtractor<T>(extractor: SessionWindowTimeGapExtractor<T>): (element: T) => number {
  if (typeof extractor === 'function') return extractor;
  if (extractor !== null && typeof extractor === 'object' && typeof extractor.extract === 'function') return (e) => extractor.extract(e);
  throw new TypeError('expected a session gap extractor: a function or an object with an extract() method');
}

function dynamicGap(gap: number): number {
  if (!(gap > 0)) throw new RangeError(`Dynamic gap can not be less than or equal to 0 (got ${gap})`);
  return gap;
}

/**
 * @example
 * stream.keyBy((e) => e.user).window(EventTimeSessionWindows.withGap(Time.minutes(30)))
 */
export class EventTimeSessionWindows extends SessionWindows<unknown> {
  readonly gap: number;

  private constructor(gap: number) {
    super();
    requirePositive('EventTimeSessionWindows gap', gap);
    this.gap = gap;
  }

  static withGap(gap: number): EventTimeSessionWindows {
    return new EventTimeSessionWindows(gap);
  }

  /** Sessions whose gap each record decides (the gap it starts with). */
  static withDynamicGap<T>(extractor: SessionWindowTimeGapExtractor<T>): DynamicEventTimeSessionWindows<T> {
    return new DynamicEventTimeSessionWindows(extractor);
  }

  protected override gapOf(): number {
    return this.gap;
  }

  protected override startOf(timestamp: number): number {
    return requireTimestamp(timestamp);
  }

  override defaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `EventTimeSessionWindows(${this.gap})`;
  }
}

export class DynamicEventTimeSessionWindows<T> extends SessionWindows<T> {
  private readonly extract: (element: T) => number;

  constructor(extractor: SessionWindowTimeGapExtractor<T>) {
    super();
    this.extract = resolveExtractor(extractor);
  }

  protected override gapOf(element: T): number {
    return dynamicGap(this.extract(element));
  }

  protected override startOf(timestamp: number): number {
    return requireTimestamp(timestamp);
  }

  override defaultTrigger(): Trigger<T, TimeWindow> {
    return EventTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return 'DynamicEventTimeSessionWindows()';
  }
}

export class ProcessingTimeSessionWindows extends SessionWindows<unknown> {
  readonly gap: number;

  private constructor(gap: number) {
    super();
    requirePositive('ProcessingTimeSessionWindows gap', gap);
    this.gap = gap;
  }

  static withGap(gap: number): ProcessingTimeSessionWindows {
    return new ProcessingTimeSessionWindows(gap);
  }

  static withDynamicGap<T>(extractor: SessionWindowTimeGapExtractor<T>): DynamicProcessingTimeSessionWindows<T> {
    return new DynamicProcessingTimeSessionWindows(extractor);
  }

  protected override gapOf(): number {
    return this.gap;
  }

  protected override startOf(_timestamp: number, currentProcessingTime: number): number {
    return currentProcessingTime;
  }

  override defaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `ProcessingTimeSessionWindows(${this.gap})`;
  }
}

export class DynamicProcessingTimeSessionWindows<T> extends SessionWindows<T> {
  private readonly extract: (element: T) => number;

  constructor(extractor: SessionWindowTimeGapExtractor<T>) {
    super();
    this.extract = resolveExtractor(extractor);
  }

  protected override gapOf(element: T): number {
    return dynamicGap(this.extract(element));
  }

  protected override startOf(_timestamp: number, currentProcessingTime: number): number {
    return currentProcessingTime;
  }

  override defaultTrigger(): Trigger<T, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  override isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return 'DynamicProcessingTimeSessionWindows()';
  }
}

/**
 * One window holding everything per key; it never fires unless given a trigger.
 *
 * @example
 * stream.keyBy(k).window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(100)))
 */
export class GlobalWindows implements WindowAssigner<unknown, GlobalWindow> {
  private static readonly instance = new GlobalWindows();
  private static readonly windows: readonly GlobalWindow[] = [GlobalWindow.get()];
  readonly isMerging = false;

  private constructor() {}

  static create(): GlobalWindows {
    return GlobalWindows.instance;
  }

  assignWindows(_element?: unknown, _timestamp?: number, _currentProcessingTime?: number): readonly GlobalWindow[] {
    return GlobalWindows.windows;
  }

  defaultTrigger(): Trigger<unknown, GlobalWindow> {
    return new NeverTrigger();
  }

  isEventTime(): boolean {
    return false;
  }

  windowFromNamespace(namespace: string): GlobalWindow {
    if (namespace !== GlobalWindow.NAMESPACE) throw new Error(`'${namespace}' is not the GlobalWindow namespace`);
    return GlobalWindow.get();
  }

  toString(): string {
    return 'GlobalWindows()';
  }
}
