/**
 * Watermark-based state cleaning, as a node that keeps state per key chooses it: when a key
 * column is a watermark column and the input only grows, keys the watermark has closed can
 * drop their state.
 */
import type { WatermarkBound } from '../planner/watermarks.ts';

export interface WatermarkCleanup {
  /** Which key value closes: for an aggregate, a group key's position; for Top-N, an input column. */
  readonly column: number;
  /** The lowest value any future row can have, given the input watermark. */
  readonly bound: WatermarkBound;
}
