/**
 * Transformations: what each DataStream call records. Physical ones become StreamGraph
 * nodes; partitioning, union and side-output selection are virtual and become edge
 * properties when the graph is generated.
 */
import type { ChainingStrategy } from '../graph/stream-graph.ts';
import type { PartitionerKind } from '../runtime/exchange/partitioning.ts';
import type { KeySelector } from '../runtime/functions.ts';
import type { OperatorFactory } from '../runtime/operators/operator.ts';

export type Transformation = PhysicalTransformation | PartitionTransformation | UnionTransformation | SideOutputTransformation;

interface Common {
  readonly id: number;
  name: string;
  uid: string | null;
  /** null: the environment's default. */
  parallelism: number | null;
  maxParallelism: number | null;
}

export interface PhysicalTransformation extends Common {
  readonly type: 'physical';
  /** Operator kind for plans: 'source', 'map', 'keyed-process', 'window', 'sink', ... */
  readonly operatorKind: string;
  readonly inputs: readonly Transformation[];
  readonly factory: OperatorFactory;
  /** Key selector per input when the operator runs on keyed streams. */
  readonly keySelectors: readonly KeySelector<unknown, unknown>[] | null;
  chaining: ChainingStrategy;
  slotSharingGroup: string;
  /** Set for operators that cannot run in parallel (socket source, windowAll). */
  readonly nonParallel: boolean;
}

export interface PartitionTransformation extends Common {
  readonly type: 'partition';
  readonly input: Transformation;
  readonly partitioner: PartitionerKind;
  readonly keySelector: KeySelector<unknown, unknown> | null;
}

export interface UnionTransformation extends Common {
  readonly type: 'union';
  readonly inputs: readonly Transformation[];
}

export interface SideOutputTransformation extends Common {
  readonly type: 'side-output';
  readonly input: Transformation;
  readonly tag: string;
}
