/**
 * Windows: the buckets an assigner puts records into. A window's state and timers live in
 * the keyed backend under a string namespace, so every window knows its namespace and an
 * assigner can turn a namespace back into its window (timers carry only the string).
 */

/** What the window operator needs of any window. */
export interface Window {
  /** Largest timestamp that still belongs to the window; results carry it as timestamp. */
  maxTimestamp(): number;
  /** Stable text naming the window in state and timers; equal windows give equal text. */
  namespace(): string;
}

/**
 * A half-open interval of time `[start, end)` in milliseconds.
 *
 * @example
 * const w = new TimeWindow(0, 5000); // w.maxTimestamp() === 4999, w.namespace() === '0|5000'
 */
export class TimeWindow implements Window {
  readonly start: number;
  readonly end: number;
  private ns: string | null = null;

  constructor(start: number, end: number) {
    this.start = start;
    this.end = end;
  }

  maxTimestamp(): number {
    return this.end - 1;
  }

  namespace(): string {
    return (this.ns ??= `${this.start}|${this.end}`);
  }

  /** Parses `namespace()` text back into a window. */
  static fromNamespace(ns: string): TimeWindow {
    const bar = ns.indexOf('|');
    if (bar < 0) throw new Error(`'${ns}' is not a TimeWindow namespace`);
    const w = new TimeWindow(Number(ns.slice(0, bar)), Number(ns.slice(bar + 1)));
    w.ns = ns;
    return w;
  }

  equals(other: unknown): boolean {
    return other instanceof TimeWindow && other.start === this.start && other.end === this.end;
  }

  /** True when the windows overlap or touch; Flink merges touching session windows too. */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  /** The smallest window containing both. */
  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /**
   * Start of the window of `windowSize` (shifted by `offset`) that contains `timestamp`,
   * for negative timestamps too.
   *
   * @example
   * TimeWindow.getWindowStartWithOffset(7, 0, 5) === 5;
   * TimeWindow.getWindowStartWithOffset(-3, 0, 5) === -5;
   */
  static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number {
    const remainder = (timestamp - offset) % windowSize;
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /**
   * Merges overlapping (or touching) windows, as session assigners do: sorts by start, sweeps
   * once, and reports each group of two or more windows with the window covering it.
   */
  static mergeWindows(windows: readonly TimeWindow[], callback: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    if (windows.length < 2) return;
    const sorted = windows.length === 2 && (windows[0] as TimeWindow).start <= (windows[1] as TimeWindow).start
      ? windows
      : [...windows].sort((a, b) => a.start - b.start);
    let cover: TimeWindow | null = null;
    let group: TimeWindow[] = [];
    for (const w of sorted) {
      if (cover === null) {
        cover = w;
        group = [w];
      } else if (cover.intersects(w)) {
        cover = cover.cover(w);
        group.push(w);
      } else {
        if (group.length > 1) callback(group, cover);
        cover = w;
        group = [w];
      }
    }
    if (cover !== null && group.length > 1) callback(group, cover);
  }
}

/** The single window of GlobalWindows: all of time, never ends. */
export class GlobalWindow implements Window {
  static readonly NAMESPACE = 'global';
  private static readonly instance = new GlobalWindow();

  private constructor() {}

  static get(): GlobalWindow {
    return GlobalWindow.instance;
  }

  /** Flink's Long.MAX_VALUE: the window never ends, so it is never late nor cleaned up. */
  maxTimestamp(): number {
    return Number.POSITIVE_INFINITY;
  }

  namespace(): string {
    return GlobalWindow.NAMESPACE;
  }

  toString(): string {
    return 'GlobalWindow';
  }
}
