/**
 * A slot of the threaded mini-cluster: a worker thread that runs subtask i of every vertex
 * for i ≡ slot (mod slots). It obtains the job's user code by loading the program module
 * the job came from (through the launcher's loader, which captures the program's Nth
 * submitted job instead of running it), and checks that the job it rebuilt is the job it
 * was sent before deploying anything.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { JobGraph } from '../graph/job-graph.ts';
import type { JobProgram, SubmittedJob } from '../graph/job-submission.ts';
import { PortMux, type RemoteInputChannel } from '../runtime/exchange/remote-channel.ts';
import { TaskCanceledError } from '../runtime/task.ts';
import { deploy, partPlacement, type DeployedTask } from './deploy.ts';

export interface SlotWorkerData {
  readonly slot: number;
  readonly slots: number;
  readonly program: JobProgram;
  readonly jobGraph: JobGraph;
  readonly channelCapacity: number;
  /** The port to each other slot, by slot index (none for this one). */
  readonly peers: Record<number, MessagePort>;
}

/** What a slot reports to the cluster. */
export type SlotMessage =
  | { readonly type: 'done'; readonly sourceRecords: number; readonly sinkRecords: number; readonly maxQueued: number }
  | { readonly type: 'failed'; readonly task: string; readonly error: { name: string; message: string; stack?: string } }
  | { readonly type: 'canceled' };

const data = workerData as SlotWorkerData;
const control = parentPort as MessagePort;
const post = (m: SlotMessage): void => control.postMessage(m);

function describe(e: unknown): { name: string; message: string; stack?: string } {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack !== undefined && { stack: e.stack }) };
  return { name: 'Error', message: String(e) };
}

/** Rebuilds the job, functions included, with the loader the job's launcher named. */
async function loadJob(program: JobProgram): Promise<SubmittedJob> {
  const loader = (await import(program.loader)) as { loadProgramJob?: (p: JobProgram) => Promise<SubmittedJob> };
  if (typeof loader.loadProgramJob !== 'function') throw new Error(`${program.loader} does not export loadProgramJob()`);
  return loader.loadProgramJob(program);
}

function verify(rebuilt: JobGraph, sent: JobGraph): void {
  if (JSON.stringify(rebuilt) === JSON.stringify(sent)) return;
  const show = (g: JobGraph): string => g.vertices.map((v) => `${v.name}[${v.operators.map((o) => o.uid).join(',')}]x${v.parallelism}`).join(' → ');
  throw new Error(
    `the program built a different job on a slot thread than it submitted (is the program deterministic?): ` +
      `submitted ${show(sent)}; rebuilt ${show(rebuilt)}`,
  );
}

async function main(): Promise<void> {
  const muxes = new Map<number, PortMux>(Object.entries(data.peers).map(([s, port]) => [Number(s), new PortMux(port)]));
  const inputs: RemoteInputChannel[] = [];
  let tasks: DeployedTask[] = [];
  let ended = false;
  const end = (m: SlotMessage): void => {
    if (ended) return;
    ended = true;
    post(m);
    // Nothing keeps the thread alive now: it exits once its last output is flushed.
    for (const mux of muxes.values()) mux.unref();
    control.unref();
  };
  let canceled = false;
  control.on('message', (m: { type: string }) => {
    if (m.type !== 'cancel') return;
    canceled = true;
    for (const t of tasks) t.task.cancel();
    for (const mux of muxes.values()) mux.closeOutputs();
    if (tasks.length === 0) end({ type: 'canceled' });
  });
  try {
    const job = await loadJob(data.program);
    verify(job.jobGraph, data.jobGraph);
    tasks = deploy(job.jobGraph, job.registry, partPlacement(data.slot, data.slots, muxes, data.channelCapacity, inputs));
  } catch (e) {
    end({ type: 'failed', task: `slot ${data.slot + 1}`, error: describe(e) });
    return;
  }
  for (const mux of muxes.values()) mux.start();
  if (canceled) for (const t of tasks) t.task.cancel();
  let failed = false;
  await Promise.all(
    tasks.map(({ task }) =>
      task.run().catch((e: unknown) => {
        if (failed || e instanceof TaskCanceledError || canceled) return;
        failed = true;
        for (const other of tasks) if (other.task !== task) other.task.cancel();
        end({ type: 'failed', task: `${task.name} (${task.subtaskIndex + 1})`, error: describe(e) });
      }),
    ),
  );
  if (canceled) return end({ type: 'canceled' });
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  end({
    type: 'done',
    sourceRecords: sum(tasks.flatMap((t) => t.sources.map((s) => s.recordsIn))),
    sinkRecords: sum(tasks.flatMap((t) => t.sinks.map((s) => s.recordsIn))),
    maxQueued: Math.max(0, ...inputs.map((c) => c.maxQueued)),
  });
}

void main();
