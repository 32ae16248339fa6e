/**
 * What travels in a channel: batches of rows, and the control elements that must stay in
 * order with them (watermarks, idleness, end of input; checkpoint barriers later).
 */
import type { Batch } from './batch.ts';

export interface WatermarkElement {
  readonly kind: 'watermark';
  /** Event time (ms) up to which the stream is complete; +Infinity at end of input. */
  readonly timestamp: number;
}

/** An input that produces nothing for a while is idle and does not hold back watermarks. */
export interface WatermarkStatusElement {
  readonly kind: 'status';
  readonly idle: boolean;
}

export interface EndOfInputElement {
  readonly kind: 'end';
}

export type StreamElement = Batch | WatermarkElement | WatermarkStatusElement | EndOfInputElement;

export const END_OF_INPUT: EndOfInputElement = Object.freeze({ kind: 'end' });
export const IDLE: WatermarkStatusElement = Object.freeze({ kind: 'status', idle: true });
export const ACTIVE: WatermarkStatusElement = Object.freeze({ kind: 'status', idle: false });

export function watermark(timestamp: number): WatermarkElement {
  return { kind: 'watermark', timestamp };
}

/** Watermark that closes all of event time: emitted when a bounded input ends. */
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;
