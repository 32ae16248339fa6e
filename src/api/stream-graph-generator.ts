/**
 * Turns the transformations a program recorded into a StreamGraph, resolving virtual
 * transformations into edge properties and applying the environment's defaults.
 */
import { defaultMaxParallelism } from '../runtime/key-groups.ts';
import type { PartitionerKind } from '../runtime/exchange/partitioning.ts';
import type { KeySelector } from '../runtime/functions.ts';
import type { OperatorFactory } from '../runtime/operators/operator.ts';
import type { FunctionRegistry, StreamEdge, StreamGraph, StreamNode } from '../graph/stream-graph.ts';
import type { PhysicalTransformation, Transformation } from './transformation.ts';

export interface GeneratorSettings {
  readonly jobName: string;
  readonly parallelism: number;
  readonly maxParallelism: number | null;
  readonly chainingEnabled: boolean;
}

/** An upstream physical node as seen through virtual transformations. */
interface Upstream {
  readonly node: StreamNode;
  readonly partitioner: PartitionerKind | null;
  readonly keySelector: KeySelector<unknown, unknown> | null;
  readonly sideOutputTag: string | null;
}

export interface GeneratedGraph {
  readonly graph: StreamGraph;
  readonly registry: FunctionRegistry;
}

export function generateStreamGraph(transformations: readonly Transformation[], s: GeneratorSettings): GeneratedGraph {
  const physical = collectPhysical(transformations);
  if (physical.length === 0) {
    throw new Error('no operators defined in the streaming topology; add a source and a sink before execute()');
  }
  const nodes: StreamNode[] = [];
  const edges: StreamEdge[] = [];
  const nodeOf = new Map<number, StreamNode>();
  const operators = new Map<string, OperatorFactory>();
  const keySelectors = new Map<string, KeySelector<unknown, unknown>>();
  const selectorIds = new Map<KeySelector<unknown, unknown>, string>();
  const uids = new Set<string>();

  const selectorId = (fn: KeySelector<unknown, unknown>): string => {
    let id = selectorIds.get(fn);
    if (id === undefined) {
      id = `key-${selectorIds.size}`;
      selectorIds.set(fn, id);
      keySelectors.set(id, fn);
    }
    return id;
  };

  const resolve = (t: Transformation): Upstream[] => {
    switch (t.type) {
      case 'physical':
        return [{ node: nodeOf.get(t.id)!, partitioner: null, keySelector: null, sideOutputTag: null }];
      case 'partition':
        return resolve(t.input).map((u) => ({ ...u, partitioner: t.partitioner, keySelector: t.keySelector }));
      case 'side-output':
        return resolve(t.input).map((u) => ({ ...u, sideOutputTag: t.tag }));
      case 'union':
        return t.inputs.flatMap(resolve);
    }
  };

  for (const t of physical) {
    const parallelism = t.nonParallel ? 1 : (t.parallelism ?? s.parallelism);
    if (t.nonParallel && t.parallelism !== null && t.parallelism !== 1) {
      throw new Error(`operator '${t.name}' is not parallel; its parallelism must be 1, not ${t.parallelism}`);
    }
    if (!(Number.isInteger(parallelism) && parallelism >= 1)) {
      throw new Error(`parallelism of '${t.name}' must be a positive integer, got ${parallelism}`);
    }
    const maxParallelism = t.maxParallelism ?? s.maxParallelism ?? defaultMaxParallelism(parallelism);
    if (parallelism > maxParallelism) {
      throw new Error(`parallelism ${parallelism} of '${t.name}' exceeds its max parallelism ${maxParallelism}`);
    }
    const uid = t.uid ?? `${t.operatorKind}-${t.id}`;
    if (uids.has(uid)) throw new Error(`duplicate operator uid '${uid}'; uids must be unique within a job`);
    uids.add(uid);
    operators.set(uid, t.factory);
    const node: StreamNode = {
      id: t.id,
      uid,
      name: t.name,
      kind: t.operatorKind,
      parallelism,
      maxParallelism,
      numInputs: Math.min(t.inputs.length, 2) as 0 | 1 | 2,
      keySelectors: t.keySelectors?.map(selectorId) ?? null,
      chaining: t.chaining,
      slotSharingGroup: t.slotSharingGroup,
    };
    nodes.push(node);
    nodeOf.set(t.id, node);

    t.inputs.forEach((input, inputIndex) => {
      for (const up of resolve(input)) {
        let partitioner = up.partitioner;
        if (partitioner === null) partitioner = up.node.parallelism === parallelism ? 'forward' : 'rebalance';
        if (partitioner === 'forward' && up.node.parallelism !== parallelism) {
          throw new Error(
            `forward partitioning does not allow a change of parallelism: '${up.node.name}' (${up.node.parallelism}) -> '${t.name}' (${parallelism}); use rebalance() or rescale()`,
          );
        }
        edges.push({
          source: up.node.id,
          target: t.id,
          targetInput: inputIndex,
          partitioner,
          keySelector: up.keySelector === null ? null : selectorId(up.keySelector),
          sideOutputTag: up.sideOutputTag,
        });
      }
    });
  }
  return {
    graph: { jobName: s.jobName, nodes, edges, chainingEnabled: s.chainingEnabled },
    registry: { operators, keySelectors },
  };
}

/** Physical transformations reachable from the registered ones, in creation (topological) order. */
function collectPhysical(roots: readonly Transformation[]): PhysicalTransformation[] {
  const seen = new Map<number, PhysicalTransformation>();
  const visit = (t: Transformation): void => {
    switch (t.type) {
      case 'physical':
        if (seen.has(t.id)) return;
        seen.set(t.id, t);
        t.inputs.forEach(visit);
        return;
      case 'partition':
      case 'side-output':
        return visit(t.input);
      case 'union':
        return t.inputs.forEach(visit);
    }
  };
  roots.forEach(visit);
  return [...seen.values()].sort((a, b) => a.id - b.id);
}
