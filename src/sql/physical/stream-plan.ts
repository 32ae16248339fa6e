/**
 * The streaming physical plan: what runs, chosen from the optimized logical plan by
 * `toPhysical` (to-physical.ts) and mapped one node to one group of DataStream operators by
 * src/sql/translate. Immutable tagged union, one node kind per file (`stream-*.ts`).
 *
 * Every node knows, from its inputs, when it is built:
 *   changelog     what kinds of change its output carries:
 *                   append-only  only inserts (+I)
 *                   retract      inserts, updates as -U/+U pairs, deletes (-D)
 *   key           output columns no two live rows share (null when none is known): a retract
 *                 stream with a key can be applied as upserts by key
 *   distribution  where its input rows must be for it to compute its result: anywhere, all on
 *                 one subtask, or hashed on keys (one subtask per key group)
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { StreamFilter } from './stream-filter.ts';
import type { StreamHashAgg } from './stream-hash-agg.ts';
import type { StreamHashJoin } from './stream-hash-join.ts';
import type { StreamIndexScan } from './stream-index-scan.ts';
import type { StreamIntervalJoin } from './stream-interval-join.ts';
import type { StreamNestedLoopJoin } from './stream-nested-loop-join.ts';
import type { StreamOverWindow } from './stream-over-window.ts';
import type { StreamProject } from './stream-project.ts';
import type { StreamProjectSet } from './stream-project-set.ts';
import type { StreamReplicate } from './stream-replicate.ts';
import type { StreamSemiJoin } from './stream-semi-join.ts';
import type { StreamSessionWindow } from './stream-session-window.ts';
import type { StreamSimpleAgg } from './stream-simple-agg.ts';
import type { StreamSource } from './stream-source.ts';
import type { StreamTableScan } from './stream-table-scan.ts';
import type { StreamTemporalFilter } from './stream-temporal-filter.ts';
import type { StreamTopN } from './stream-top-n.ts';
import type { StreamUnion } from './stream-union.ts';
import type { StreamValues } from './stream-values.ts';
import type { StreamWatermarkFilter } from './stream-watermark-filter.ts';
import type { StreamWindow } from './stream-window.ts';

export type ChangelogMode = 'append-only' | 'retract';

export type Distribution =
  | { readonly kind: 'any' }
  | { readonly kind: 'singleton' }
  /**
   * One list of keys per input, each over that input's row (a join: the left keys, then the
   * right keys). `nullsMatch`: a NULL key is a key like any other (GROUP BY, PARTITION BY,
   * IS NOT DISTINCT FROM); else a row with a NULL key matches nothing.
   */
  | { readonly kind: 'hash'; readonly keys: ReadonlyArray<readonly BoundExpr[]>; readonly nullsMatch: boolean };

/** What every node carries. */
export interface StreamProperties {
  readonly schema: readonly ScopeColumn[];
  readonly changelog: ChangelogMode;
  readonly key: readonly number[] | null;
  readonly distribution: Distribution;
}

export type StreamPlan =
  | StreamTableScan
  | StreamIndexScan
  | StreamSource
  | StreamWatermarkFilter
  | StreamValues
  | StreamFilter
  | StreamTemporalFilter
  | StreamProject
  | StreamHashAgg
  | StreamSimpleAgg
  | StreamHashJoin
  | StreamIntervalJoin
  | StreamNestedLoopJoin
  | StreamSemiJoin
  | StreamOverWindow
  | StreamTopN
  | StreamProjectSet
  | StreamReplicate
  | StreamWindow
  | StreamSessionWindow
  | StreamUnion;

export type StreamKind = StreamPlan['kind'];

export const ANY: Distribution = { kind: 'any' };
export const SINGLETON: Distribution = { kind: 'singleton' };

/** Hashed on `keys` (one list per input); with no keys, all rows on one subtask. */
export function keyed(keys: ReadonlyArray<readonly BoundExpr[]>, nullsMatch: boolean): Distribution {
  return keys.every((k) => k.length === 0) ? SINGLETON : { kind: 'hash', keys, nullsMatch };
}

/** Append-only when every input is. */
export function appendIfAll(inputs: readonly StreamPlan[]): ChangelogMode {
  return inputs.every((i) => i.changelog === 'append-only') ? 'append-only' : 'retract';
}

/** The inputs of a node. */
export function streamInputs(p: StreamPlan): readonly StreamPlan[] {
  switch (p.kind) {
    case 'table-scan':
    case 'index-scan':
    case 'source':
    case 'values':
      return [];
    case 'hash-join':
    case 'interval-join':
    case 'nested-loop-join':
    case 'semi-join':
      return [p.left, p.right];
    case 'union':
      return p.inputs;
    default:
      return [p.input];
  }
}
