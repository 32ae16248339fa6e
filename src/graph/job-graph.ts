/**
 * The JobGraph: StreamGraph nodes fused into chains (vertices) wherever Flink would chain
 * them — a forward edge between operators of equal parallelism whose target has no other
 * input — so that chained operators call each other directly instead of exchanging data.
 * Plain, serializable data.
 */
import type { PartitionerKind } from '../runtime/exchange/partitioning.ts';
import type { StreamEdge, StreamGraph, StreamNode } from './stream-graph.ts';

/** Where an operator's output goes: another operator of the same chain, or a job edge. */
export type ChainTarget =
  | { readonly kind: 'chained'; readonly operator: number; readonly input: number }
  | { readonly kind: 'edge'; readonly edge: string };

export interface JobOperator {
  readonly uid: string;
  readonly name: string;
  readonly kind: string;
  readonly keySelectors: readonly string[] | null;
  readonly main: readonly ChainTarget[];
  readonly side: Readonly<Record<string, readonly ChainTarget[]>>;
}

export interface JobVertex {
  readonly id: string;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly numInputs: number;
  readonly slotSharingGroup: string;
  /** Operators in chain order; the first is the head. */
  readonly operators: readonly JobOperator[];
}

export interface JobEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly targetInput: number;
  readonly partitioner: PartitionerKind;
  readonly keySelector: string | null;
  readonly sideOutputTag: string | null;
}

export interface JobGraph {
  readonly jobName: string;
  readonly vertices: readonly JobVertex[];
  readonly edges: readonly JobEdge[];
}

function isChainable(edge: StreamEdge, up: StreamNode, down: StreamNode, inDegree: number, enabled: boolean): boolean {
  return (
    enabled &&
    edge.partitioner === 'forward' &&
    inDegree === 1 &&
    up.parallelism === down.parallelism &&
    up.maxParallelism === down.maxParallelism &&
    up.chaining !== 'never' &&
    down.chaining === 'always' &&
    up.slotSharingGroup === down.slotSharingGroup
  );
}

export function createJobGraph(graph: StreamGraph): JobGraph {
  const nodes = [...graph.nodes].sort((a, b) => a.id - b.id);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const inEdges = new Map<number, StreamEdge[]>();
  const outEdges = new Map<number, StreamEdge[]>();
  for (const e of graph.edges) {
    (inEdges.get(e.target) ?? inEdges.set(e.target, []).get(e.target)!).push(e);
    (outEdges.get(e.source) ?? outEdges.set(e.source, []).get(e.source)!).push(e);
  }

  // Assign every node to the chain of its head.
  const headOf = new Map<number, number>();
  const chainable = new Set<StreamEdge>();
  for (const n of nodes) {
    const ins = inEdges.get(n.id) ?? [];
    const only = ins.length === 1 ? ins[0] : undefined;
    if (only !== undefined && isChainable(only, byId.get(only.source)!, n, ins.length, graph.chainingEnabled)) {
      chainable.add(only);
      headOf.set(n.id, headOf.get(only.source)!);
    } else {
      headOf.set(n.id, n.id);
    }
  }

  const vertexId = (head: number): string => `v${head}`;
  const members = new Map<number, StreamNode[]>();
  for (const n of nodes) {
    const h = headOf.get(n.id)!;
    (members.get(h) ?? members.set(h, []).get(h)!).push(n);
  }

  const edges: JobEdge[] = [];
  const edgeIdOf = new Map<StreamEdge, string>();
  for (const e of graph.edges) {
    if (chainable.has(e)) continue;
    const id = `e${edges.length}`;
    edgeIdOf.set(e, id);
    edges.push({
      id,
      source: vertexId(headOf.get(e.source)!),
      target: vertexId(headOf.get(e.target)!),
      targetInput: e.targetInput,
      partitioner: e.partitioner,
      keySelector: e.keySelector,
      sideOutputTag: e.sideOutputTag,
    });
  }

  const vertices: JobVertex[] = [];
  for (const [head, chain] of members) {
    const index = new Map(chain.map((n, i) => [n.id, i]));
    const operators = chain.map((n): JobOperator => {
      const main: ChainTarget[] = [];
      const side: Record<string, ChainTarget[]> = {};
      for (const e of outEdges.get(n.id) ?? []) {
        const target: ChainTarget = chainable.has(e)
          ? { kind: 'chained', operator: index.get(e.target)!, input: e.targetInput }
          : { kind: 'edge', edge: edgeIdOf.get(e)! };
        if (e.sideOutputTag === null) main.push(target);
        else (side[e.sideOutputTag] ??= []).push(target);
      }
      return { uid: n.uid, name: n.name, kind: n.kind, keySelectors: n.keySelectors, main, side };
    });
    const h = byId.get(head)!;
    vertices.push({
      id: vertexId(head),
      name: chain.map((n) => n.name).join(' -> '),
      parallelism: h.parallelism,
      maxParallelism: h.maxParallelism,
      numInputs: h.numInputs,
      slotSharingGroup: h.slotSharingGroup,
      operators,
    });
  }
  return { jobName: graph.jobName, vertices, edges };
}
