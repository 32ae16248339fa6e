/**
 * WatermarkStrategy, as in Flink: how records get their event time and how watermarks are
 * generated from it.
 *
 * @example
 * WatermarkStrategy.forBoundedOutOfOrderness<Event>(5_000)
 *   .withTimestampAssigner((e) => e.time)
 *   .withIdleness(60_000);
 */
import {
  BoundedOutOfOrdernessWatermarks,
  NoWatermarks,
  type TimestampAssigner,
  type WatermarkGenerator,
  type WatermarkSpec,
} from '../runtime/watermarks.ts';

export class WatermarkStrategy<T> implements WatermarkSpec<T> {
  readonly createGenerator: () => WatermarkGenerator<T>;
  readonly timestampAssigner: TimestampAssigner<T> | null;
  readonly idlenessMs: number;

  private constructor(create: () => WatermarkGenerator<T>, assigner: TimestampAssigner<T> | null, idlenessMs: number) {
    this.createGenerator = create;
    this.timestampAssigner = assigner;
    this.idlenessMs = idlenessMs;
  }

  /** Watermarks trail the highest timestamp seen by `maxOutOfOrdernessMs`. */
  static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new BoundedOutOfOrdernessWatermarks<T>(maxOutOfOrdernessMs), null, 0);
  }

  /** For timestamps that never decrease: watermarks follow the highest timestamp. */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return WatermarkStrategy.forBoundedOutOfOrderness<T>(0);
  }

  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new NoWatermarks<T>(), null, 0);
  }

  /** A strategy around a custom generator. */
  static forGenerator<T>(create: () => WatermarkGenerator<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(create, null, 0);
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(this.createGenerator, assigner, this.idlenessMs);
  }

  /** Marks the input idle after `idlenessMs` without records, so it does not hold back event time. */
  withIdleness(idlenessMs: number): WatermarkStrategy<T> {
    if (!(idlenessMs > 0)) throw new RangeError(`idleness must be > 0 ms, got ${idlenessMs}`);
    return new WatermarkStrategy<T>(this.createGenerator, this.timestampAssigner, idlenessMs);
  }
}
