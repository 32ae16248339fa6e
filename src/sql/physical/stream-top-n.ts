/**
 * StreamTopN: ROW_NUMBER/RANK/DENSE_RANK per partition (hashed on PARTITION BY, one subtask
 * without it), the rank appended; with a limit only the rows ranked up to it (Top-N), else
 * every row (a rank). A row's rank changes with other rows, so the output retracts.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { keyed, type StreamPlan, type StreamProperties } from './stream-plan.ts';
import type { SortKey } from './stream-over-window.ts';
import type { WatermarkCleanup } from './watermark-cleanup.ts';

export interface StreamTopN extends StreamProperties {
  readonly kind: 'top-n';
  readonly input: StreamPlan;
  readonly rank: 'row_number' | 'rank' | 'dense_rank';
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
  readonly limit: number | null;
  readonly cleanup: WatermarkCleanup | null;
}

export function streamTopN(f: Omit<StreamTopN, 'kind' | keyof StreamProperties>, schema: readonly ScopeColumn[]): StreamTopN {
  return { kind: 'top-n', ...f, schema, changelog: 'retract', key: null, distribution: keyed([f.partitionBy], true) };
}
