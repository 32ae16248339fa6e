/**
 * The StreamGraph: one node per operator the program declared, edges carrying the
 * partitioning. Partitioning, unions and side outputs are not nodes here; they are
 * properties of edges (as in Flink). Plain data: functions live in the {@link FunctionRegistry}.
 */
import type { PartitionerKind } from '../runtime/exchange/partitioning.ts';
import type { KeySelector } from '../runtime/functions.ts';
import type { OperatorFactory } from '../runtime/operators/operator.ts';

/** Whether an operator may join its predecessor's chain, and its successors its own. */
export type ChainingStrategy = 'always' | 'head' | 'never';

export interface StreamNode {
  readonly id: number;
  readonly uid: string;
  readonly name: string;
  /** What the operator does, for plans: 'source', 'map', 'window', 'sink', ... */
  readonly kind: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly numInputs: 0 | 1 | 2;
  /** Registry ids of the key selector per input, when the operator is keyed. */
  readonly keySelectors: readonly string[] | null;
  readonly chaining: ChainingStrategy;
  readonly slotSharingGroup: string;
}

export interface StreamEdge {
  readonly source: number;
  readonly target: number;
  /** Which input of the target (0, or 1 for the second input of a two-input operator). */
  readonly targetInput: number;
  readonly partitioner: PartitionerKind;
  /** Registry id of the key selector for hash partitioning. */
  readonly keySelector: string | null;
  /** Set when the edge carries a side output instead of the main output. */
  readonly sideOutputTag: string | null;
}

export interface StreamGraph {
  readonly jobName: string;
  readonly nodes: readonly StreamNode[];
  readonly edges: readonly StreamEdge[];
  readonly chainingEnabled: boolean;
}

/**
 * The functions behind a graph, by operator uid and key-selector id. In one process the
 * registry travels with the graph; a TaskManager in another process rebuilds it by loading
 * the program module, so ids must be deterministic for a given program.
 */
export interface FunctionRegistry {
  readonly operators: ReadonlyMap<string, OperatorFactory>;
  readonly keySelectors: ReadonlyMap<string, KeySelector<unknown, unknown>>;
}
