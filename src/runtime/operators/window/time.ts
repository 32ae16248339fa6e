/**
 * Window sizes, slides, gaps and lateness are plain milliseconds. These helpers only make
 * call sites read like Flink's (`Time.seconds(5)`, `Duration.ofMinutes(1)`).
 *
 * @example
 * TumblingEventTimeWindows.of(Time.seconds(5));
 * SlidingEventTimeWindows.of(Duration.ofMinutes(1), Duration.ofSeconds(10));
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Flink's (deprecated) `Time`: each method returns milliseconds. */
export const Time = {
  milliseconds: (n: number): number => n,
  seconds: (n: number): number => n * SECOND,
  minutes: (n: number): number => n * MINUTE,
  hours: (n: number): number => n * HOUR,
  days: (n: number): number => n * DAY,
} as const;

/** `java.time.Duration`-style constructors; each returns milliseconds. */
export const Duration = {
  ofMillis: (n: number): number => n,
  ofSeconds: (n: number): number => n * SECOND,
  ofMinutes: (n: number): number => n * MINUTE,
  ofHours: (n: number): number => n * HOUR,
  ofDays: (n: number): number => n * DAY,
} as const;
