/**
 * Watermark generation at sources, as in Flink: a timestamp assigner gives each record its
 * event time, a generator sees every event and emits watermarks periodically, and an input
 * that stays quiet for the idleness timeout stops holding back downstream watermarks.
 */

export interface WatermarkOutput {
  emitWatermark(timestamp: number): void;
  markIdle(): void;
  markActive(): void;
}

export interface WatermarkGenerator<T> {
  onEvent(event: T, timestamp: number, output: WatermarkOutput): void;
  onPeriodicEmit(output: WatermarkOutput): void;
}

/** Gives a record its event time; `recordTimestamp` is what the source attached (or NaN). */
export type TimestampAssigner<T> = (element: T, recordTimestamp: number) => number;

/**
 * Watermark = highest timestamp seen − bound − 1: records at most `bound` ms late are on time.
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private maxTimestamp: number;
  private readonly bound: number;

  constructor(boundMs: number) {
    if (!(boundMs >= 0)) throw new RangeError(`the out-of-orderness bound must be >= 0, got ${boundMs}`);
    this.bound = boundMs;
    this.maxTimestamp = Number.NEGATIVE_INFINITY;
  }

  onEvent(_event: T, timestamp: number): void {
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.maxTimestamp !== Number.NEGATIVE_INFINITY) output.emitWatermark(this.maxTimestamp - this.bound - 1);
  }
}

/** Emits no watermarks (event time never advances until end of input). */
export class NoWatermarks<T> implements WatermarkGenerator<T> {
  onEvent(): void {}
  onPeriodicEmit(): void {}
}

/** What a source needs to stamp records and generate watermarks. Built by WatermarkStrategy. */
export interface WatermarkSpec<T> {
  readonly createGenerator: () => WatermarkGenerator<T>;
  readonly timestampAssigner: TimestampAssigner<T> | null;
  /** Processing-time ms without records after which the source is marked idle; 0 = never. */
  readonly idlenessMs: number;
}
