/**
 * StreamWindow: TUMBLE, HOP or CUMULATE: each input row once per window containing its time
 * column, `window_start` and `window_end` appended. Row by row, wherever the input is.
 */
import type { ScopeColumn } from '../binder/scope.ts';
import { ANY, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamWindow extends StreamProperties {
  readonly kind: 'window';
  readonly input: StreamPlan;
  readonly function: 'tumble' | 'hop' | 'cumulate';
  readonly timeColumn: number;
  /** In microseconds: the window's size, and the hop's slide or cumulate's step. */
  readonly size: number;
  readonly slide: number;
}

export function streamWindow(f: Omit<StreamWindow, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamWindow {
  // A row in several windows: its key plus window_start identifies an output row.
  const key = f.input.key === null ? null : [...f.input.key, f.input.schema.length];
  return { kind: 'window', ...f, schema, changelog: f.input.changelog, key, distribution: ANY };
}
