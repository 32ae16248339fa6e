/**
 * StreamWatermarkFilter: over a relation with WATERMARK FOR followed as a stream, drops late
 * rows and raises the watermark. A source's rows are measured here (`generate`: the largest
 * `expr` seen); a table stamps each change with its watermark as it is inserted (`stamped`).
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import { ANY, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface StreamWatermarkFilter extends StreamProperties {
  readonly kind: 'watermark-filter';
  readonly input: StreamPlan;
  readonly how: 'generate' | 'stamped';
  /** The time column, and the watermark a row allows, over the input row. */
  readonly column: number;
  readonly expr: BoundExpr;
}

export function streamWatermarkFilter(input: StreamPlan, how: 'generate' | 'stamped', column: number, expr: BoundExpr): StreamWatermarkFilter {
  return { kind: 'watermark-filter', input, how, column, expr, schema: input.schema, changelog: input.changelog, key: input.key, distribution: ANY };
}
