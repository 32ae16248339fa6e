/**
 * StreamTemporalFilter: conditions `expr(row) <op> expr(now())` in a view, re-checked as
 * processing time passes: a row leaves a `ts > now() - interval` window when it gets old, so
 * the output retracts rows even over an input that only grows. One subtask holds the timers.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import { SINGLETON, type StreamPlan, type StreamProperties } from './stream-plan.ts';

export interface TemporalCondition {
  /** `value op time`: value over the input row, time a function of now() alone. */
  readonly op: '<' | '<=' | '>' | '>=' | '=' | '<>';
  readonly value: BoundExpr;
  readonly time: BoundExpr;
  /** The comparator of the compared type. */
  readonly cmp: unknown;
}

export interface StreamTemporalFilter extends StreamProperties {
  readonly kind: 'temporal-filter';
  readonly input: StreamPlan;
  readonly conditions: readonly TemporalCondition[];
}

export function streamTemporalFilter(input: StreamPlan, conditions: readonly TemporalCondition[]): StreamTemporalFilter {
  return { kind: 'temporal-filter', input, conditions, schema: input.schema, changelog: 'retract', key: input.key, distribution: SINGLETON };
}
