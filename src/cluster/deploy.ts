/**
 * Deploying a JobGraph's subtasks: channels for every edge, a task for every subtask, wired
 * together. Shared by the single-thread mini-cluster (one placement owning every subtask,
 * all channels local) and by each slot thread of the threaded mode (a placement owning the
 * subtasks of one slot, with cross-thread channels where an edge leaves the slot).
 */
import type { ChainTarget, JobEdge, JobGraph, JobVertex } from '../graph/job-graph.ts';
import type { FunctionRegistry } from '../graph/stream-graph.ts';
import { LocalChannel } from '../runtime/exchange/channel.ts';
import { RemoteInputChannel, RemoteOutputChannel, type PortMux } from '../runtime/exchange/remote-channel.ts';
import { InputGate } from '../runtime/exchange/input-gate.ts';
import { RecordWriter } from '../runtime/exchange/record-writer.ts';
import { keyGroupRangeFor } from '../runtime/key-groups.ts';
import type { KeySelector } from '../runtime/functions.ts';
import type { OperatorContext } from '../runtime/operators/operator.ts';
import { SinkOperator } from '../runtime/operators/sink.ts';
import { SourceOperator } from '../runtime/operators/source.ts';
import { HeapKeyedStateBackend } from '../runtime/state/heap-backend.ts';
import { StreamTask, type ChainedOperator, type OutputTarget } from '../runtime/task.ts';

export interface DeployedTask {
  readonly task: StreamTask;
  readonly sources: SourceOperator<unknown>[];
  readonly sinks: SinkOperator<unknown>[];
}

/** Which subtasks this deployment runs, and the channel for each (edge, producer, consumer). */
export interface Placement {
  owns(vertex: JobVertex, subtask: number): boolean;
  /**
   * The channel from producer subtask `p` to consumer subtask `c` of edge `e`, as seen from
   * `side`. Asked once per side for each channel with an owned end; a channel with both ends
   * owned must be the same object from both sides.
   */
  channel(e: JobEdge, edgeIndex: number, p: number, c: number, side: 'out' | 'in'): LocalChannel;
}

/** Owns everything, all channels in memory: the single-thread mini-cluster. */
export function localPlacement(channelCapacity: number): Placement {
  const channels = new Map<string, LocalChannel>();
  return {
    owns: () => true,
    channel: (e, _i, p, c) => {
      const key = `${e.id}/${p}/${c}`;
      let ch = channels.get(key);
      if (ch === undefined) channels.set(key, (ch = new LocalChannel(channelCapacity)));
      return ch;
    },
  };
}

/** Channel ids agree across threads: they derive from (edge, producer, consumer) alone. */
function channelId(edgeIndex: number, p: number, c: number): number {
  return (edgeIndex * 32768 + p) * 32768 + c;
}

/**
 * Owns subtask i of every vertex for i ≡ `part` (mod `parts`): one part of a job spread over
 * threads, each running the same JobGraph. Edges between parts cross on the PortMux to the
 * other part (by part index); the remote inputs created are added to `inputs`.
 */
export function partPlacement(part: number, parts: number, muxes: ReadonlyMap<number, PortMux>, channelCapacity: number, inputs: RemoteInputChannel[]): Placement {
  const local = new Map<number, LocalChannel>();
  const muxOf = (other: number): PortMux => {
    const mux = muxes.get(other);
    if (mux === undefined) throw new Error(`no port to part ${other + 1} of ${parts}`);
    return mux;
  };
  return {
    owns: (_v, sub) => sub % parts === part,
    channel: (_e, ei, p, c, side) => {
      const id = channelId(ei, p, c);
      const [ps, cs] = [p % parts, c % parts];
      if (ps === cs) {
        let ch = local.get(id);
        if (ch === undefined) local.set(id, (ch = new LocalChannel(channelCapacity)));
        return ch;
      }
      if (side === 'out') return new RemoteOutputChannel(muxOf(cs), id, channelCapacity);
      const ch = new RemoteInputChannel(muxOf(ps), id, channelCapacity);
      inputs.push(ch);
      return ch;
    },
  };
}

/** Creates the owned subtasks and their channels. */
export function deploy(graph: JobGraph, registry: FunctionRegistry, placement: Placement): DeployedTask[] {
  const vertices = new Map(graph.vertices.map((v) => [v.id, v]));
  const edgeIndex = new Map(graph.edges.map((e, i) => [e.id, i]));
  const keySelector = (id: string): KeySelector<unknown, unknown> => {
    const fn = registry.keySelectors.get(id);
    if (fn === undefined) throw new Error(`no key selector '${id}' in the job's function registry`);
    return fn;
  };

  const deployed: DeployedTask[] = [];
  for (const v of graph.vertices) {
    const outEdges = graph.edges.filter((e) => e.source === v.id);
    const inEdges = graph.edges.filter((e) => e.target === v.id);
    for (let sub = 0; sub < v.parallelism; sub++) {
      if (!placement.owns(v, sub)) continue;
      const writers = outEdges.map((e) => {
        const target = vertices.get(e.target)!;
        return new RecordWriter({
          partitioner: e.partitioner,
          channels: Array.from({ length: target.parallelism }, (_, c) => placement.channel(e, edgeIndex.get(e.id)!, sub, c, 'out')),
          subtaskIndex: sub,
          parallelism: v.parallelism,
          keySelector: e.keySelector === null ? undefined : keySelector(e.keySelector),
          maxParallelism: target.maxParallelism,
        });
      });
      const gate =
        inEdges.length === 0
          ? null
          : new InputGate(
              inEdges.flatMap((e) =>
                Array.from({ length: vertices.get(e.source)!.parallelism }, (_, p) => ({
                  channel: placement.channel(e, edgeIndex.get(e.id)!, p, sub, 'in'),
                  input: e.targetInput,
                })),
              ),
              Math.max(1, v.numInputs),
            );
      deployed.push(deployTask(v, sub, gate, writers, outEdges, registry, keySelector));
    }
  }
  return deployed;
}

function deployTask(
  v: JobVertex,
  sub: number,
  gate: InputGate | null,
  writers: RecordWriter[],
  outEdges: JobEdge[],
  registry: FunctionRegistry,
  keySelector: (id: string) => KeySelector<unknown, unknown>,
): DeployedTask {
  const writerIndex = new Map(outEdges.map((e, i) => [e.id, i]));
  const toTarget = (t: ChainTarget): OutputTarget =>
    t.kind === 'chained' ? t : { kind: 'writer', writer: writerIndex.get(t.edge)! };
  const keyGroupRange = keyGroupRangeFor(sub, v.maxParallelism, v.parallelism);
  const chain: ChainedOperator[] = v.operators.map((op) => {
    const factory = registry.operators.get(op.uid);
    if (factory === undefined) throw new Error(`no operator '${op.uid}' in the job's function registry`);
    return {
      name: op.name,
      operator: factory(),
      main: op.main.map(toTarget),
      side: new Map(Object.entries(op.side).map(([tag, ts]) => [tag, ts.map(toTarget)])),
    };
  });
  const task = new StreamTask(v.name, sub, chain, gate, writers);
  v.operators.forEach((op, i) => {
    const context: OperatorContext = {
      name: op.name,
      uid: op.uid,
      subtaskIndex: sub,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      keyed:
        op.keySelectors === null
          ? null
          : {
              keySelectors: op.keySelectors.map(keySelector),
              backend: new HeapKeyedStateBackend(v.maxParallelism, keyGroupRange),
              keyGroupRange,
            },
      requestWakeup: (time) => task.requestWakeup(time),
      processingTime: () => Date.now(),
    };
    chain[i]!.operator.setup(context, task.outputFor(i));
  });
  const ops = chain.map((c) => c.operator);
  return {
    task,
    sources: ops.filter((o): o is SourceOperator<unknown> => o instanceof SourceOperator),
    sinks: ops.filter((o): o is SinkOperator<unknown> => o instanceof SinkOperator),
  };
}
