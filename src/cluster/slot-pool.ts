/**
 * The slots of the embedded TaskManager: worker threads that run {@link SlotProgram}s (SQL
 * statements and the jobs of views) away from the thread that serves connections. A slot
 * runs one program at a time, with its heap capped: a statement that exhausts its memory,
 * spins or is canceled ends its own thread, never the process. A spare slot is kept warm
 * (started, modules loaded) so that a statement does not wait for a thread to start.
 *
 * A canceled run, or one past its memory limit, loses its thread: that is what frees its
 * memory and stops its CPU at once, whatever it was doing. A new thread takes its place.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { SlotRunError, type SlotExecutor, type SlotProgram, type SlotRun, type SlotRunHandlers } from '../graph/slot-program.ts';
import type { RunRequest, SerializedError, SlotReport, SlotThreadData } from './slot-thread.ts';

/** slot-thread.ts's OUTCOME (not imported: that module is the thread's entry and runs when loaded). */
const OUTCOME = '__slotOutcome';

const THREAD_URL = new URL('./slot-thread.ts', import.meta.url);
const MB = 2 ** 20;
/** How long a thread being ended may go on importing modules first. */
const KILL_IMPORT_WAIT_MS = 30_000;

export interface SlotPoolOptions {
  /** The heap one run may hold, bytes (statement.memory.limit). */
  readonly memoryLimitBytes: number;
  /** Most threads at once; runs beyond wait for one. Default 64. */
  readonly maxSlots?: number;
  /** Idle threads kept started. Default 1. */
  readonly spare?: number;
  /** Modules a new thread imports before its first run. */
  readonly preload?: readonly string[];
  /**
   * Runs one thread takes at once. 1 (the default) gives each run its thread and heap, for
   * statements. Above 1, long runs (views' jobs) share threads, at most `maxSlots` of them,
   * each taking the least busy; the memory limit is then the thread's, for its runs
   * together, and the job allocating when it is passed is the one that fails.
   */
  readonly runsPerSlot?: number;
}

interface PendingRun {
  readonly runId: number;
  readonly program: SlotProgram;
  readonly handlers: SlotRunHandlers;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  slot: Slot | null;
  ended: boolean;
  /** The asynchronous port, once the run is on a slot; messages posted before wait here. */
  port: MessagePort | null;
  readonly early: unknown[];
  /** Closes the run's ports once it has ended. */
  close: () => void;
  /** For a member of a group: its index, the group's size, and its port to each other member. */
  readonly member: { readonly index: number; readonly count: number; readonly peers: Map<number, MessagePort> } | null;
  /** The group's runs (this one included); empty for a run on its own. */
  readonly siblings: PendingRun[];
}

type MessagePort = import('node:worker_threads').MessagePort;

class Slot {
  readonly worker: Worker;
  readonly runs = new Set<PendingRun>();
  /** Module imports under way on the thread (slot-thread.ts's `loading`). */
  readonly loading: Int32Array;
  dead = false;
  exited = false;
  constructor(worker: Worker, loading: Int32Array) {
    this.worker = worker;
    this.loading = loading;
  }
}

let nextRunId = 1;

export class SlotPool implements SlotExecutor {
  readonly memoryLimitBytes: number;
  private readonly maxSlots: number;
  private readonly spare: number;
  private readonly preload: readonly string[];
  private readonly runsPerSlot: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: PendingRun[] = [];
  private closed = false;

  constructor(o: SlotPoolOptions) {
    this.memoryLimitBytes = o.memoryLimitBytes;
    this.maxSlots = Math.max(1, o.maxSlots ?? 64);
    this.spare = Math.max(0, o.spare ?? 1);
    this.preload = o.preload ?? [];
    this.runsPerSlot = Math.max(1, o.runsPerSlot ?? 1);
    this.topUp();
  }

  get maxThreads(): number {
    return this.maxSlots;
  }

  /** Threads started, those running a program, and the names of the programs running. */
  get stats(): { threads: number; busy: number; queued: number; running: string[] } {
    const all = [...this.slots].filter((s) => !s.dead);
    const running = all.flatMap((s) => [...s.runs].map((r) => r.program.name));
    return { threads: all.length, busy: all.filter((s) => s.runs.size > 0).length, queued: this.queue.length, running };
  }

  run(program: SlotProgram, handlers: SlotRunHandlers = {}): SlotRun {
    if (this.closed) throw new Error('the slot pool is closed');
    const [run, handle] = this.pending(program, handlers, null, []);
    this.queue.push(run);
    this.dispatch();
    return handle;
  }

  runGroup(members: ReadonlyArray<{ readonly program: SlotProgram; readonly handlers?: SlotRunHandlers }>): SlotRun[] {
    if (this.closed) throw new Error('the slot pool is closed');
    const count = members.length;
    const peers = members.map(() => new Map<number, MessagePort>());
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const { port1, port2 } = new MessageChannel();
        peers[i]!.set(j, port1);
        peers[j]!.set(i, port2);
      }
    }
    const siblings: PendingRun[] = [];
    const handles = members.map((m, index) => {
      const [run, handle] = this.pending(m.program, m.handlers ?? {}, { index, count, peers: peers[index]! }, siblings);
      siblings.push(run);
      return handle;
    });
    this.queue.push(...siblings);
    this.dispatch();
    return handles;
  }

  private pending(program: SlotProgram, handlers: SlotRunHandlers, member: PendingRun['member'], siblings: PendingRun[]): [PendingRun, SlotRun] {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    result.catch(() => {});
    const run: PendingRun = { runId: nextRunId++, program, handlers, resolve, reject, slot: null, ended: false, port: null, early: [], close: () => {}, member, siblings };
    return [
      run,
      {
        result,
        post: (m) => {
          if (run.ended) return;
          if (run.port === null) run.early.push(m);
          else run.port.postMessage(m);
        },
        cancel: () => this.end(run, { reason: 'canceled' }),
      },
    ];
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.queue.splice(0)) this.end(r, { reason: 'canceled' });
    await Promise.all([...this.slots].map((s) => this.kill(s)));
  }

  /** The least busy thread with room for a run; `apart`: none that runs one of these. */
  private idle(apart: readonly PendingRun[] = []): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) {
      if (s.dead || s.runs.size >= this.runsPerSlot || apart.some((r) => r.slot === s)) continue;
      if (best === undefined || s.runs.size < best.runs.size) best = s;
    }
    return best;
  }

  /**
   * Where a run goes: a member of a group on a thread none of its siblings uses, starting one
   * if the pool may; else (and for a run on its own) the least busy thread with room.
   */
  private choose(run: PendingRun): Slot | undefined {
    if (run.siblings.length > 0) {
      const apart = this.idle(run.siblings) ?? (this.live() < this.maxSlots ? this.spawn() : undefined);
      if (apart !== undefined) return apart;
    }
    return this.idle() ?? (this.live() < this.maxSlots ? this.spawn() : this.leastBusy());
  }

  /** Shared threads all full and no more allowed: the least busy takes one more. */
  private leastBusy(): Slot | undefined {
    if (this.runsPerSlot === 1) return undefined;
    let best: Slot | undefined;
    for (const s of this.slots) if (!s.dead && (best === undefined || s.runs.size < best.runs.size)) best = s;
    return best;
  }

  private live(): number {
    let n = 0;
    for (const s of this.slots) if (!s.dead) n++;
    return n;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.choose(this.queue[0]!);
      if (slot === undefined) break;
      this.start(slot, this.queue.shift()!);
    }
    this.topUp();
  }

  /** Keeps `spare` idle threads started, within the maximum. */
  private topUp(): void {
    if (this.closed) return;
    let idle = 0;
    for (const s of this.slots) if (!s.dead && s.runs.size === 0) idle++;
    while (idle < this.spare && this.live() < this.maxSlots) {
      this.spawn();
      idle++;
    }
  }

  private spawn(): Slot {
    const loading = new SharedArrayBuffer(4);
    new Int32Array(loading)[0] = 1;
    const data: SlotThreadData = { limitBytes: this.memoryLimitBytes, shared: this.runsPerSlot > 1, preload: this.preload, loading };
    // V8's own cap sits above the watched limit: it only ends a run that grew past the limit
    // within one turn of the event loop, before the watch could see it.
    const hardMb = Math.ceil((this.memoryLimitBytes * 2) / MB) + 256;
    const worker = new Worker(THREAD_URL, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: hardMb }, name: 'weir-slot' });
    const slot = new Slot(worker, new Int32Array(loading));
    this.slots.add(slot);
    worker.unref();
    worker.on('message', (m: SlotReport) => this.onReport(slot, m));
    worker.on('error', (e: Error & { code?: string }) => {
      for (const run of [...slot.runs]) {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') this.end(run, { reason: 'memory', heapBytes: hardMb * MB, limitBytes: this.memoryLimitBytes });
        else this.end(run, { reason: 'crashed', message: e.message });
      }
    });
    worker.on('exit', (code) => {
      slot.exited = true;
      slot.dead = true;
      this.slots.delete(slot);
      for (const run of [...slot.runs]) this.end(run, { reason: 'crashed', message: `slot thread exited with code ${code}` });
      if (!this.closed) this.dispatch();
    });
    return slot;
  }

  private start(slot: Slot, run: PendingRun): void {
    slot.runs.add(run);
    run.slot = slot;
    slot.worker.ref();
    const async = new MessageChannel();
    const rpc = new MessageChannel();
    const flagBuffer = new SharedArrayBuffer(4);
    const flag = new Int32Array(flagBuffer);
    rpc.port1.on('message', (m: unknown) => {
      let answer: unknown;
      try {
        answer = run.handlers.serve === undefined ? { error: 'this run answers no requests' } : run.handlers.serve(m);
      } catch (e) {
        answer = { error: e instanceof Error ? e.message : String(e) };
      }
      rpc.port1.postMessage(answer);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
    async.port1.on('message', (m: unknown) => {
      const outcome = (m as Record<string, SlotReport> | null)?.[OUTCOME];
      if (outcome !== undefined) this.onReport(slot, outcome);
      else run.handlers.onMessage?.(m);
    });
    run.port = async.port1;
    for (const m of run.early.splice(0)) async.port1.postMessage(m);
    const member = run.member;
    const group = member === null ? null : { index: member.index, count: member.count, peers: member.peers };
    const request: RunRequest = { type: 'run', runId: run.runId, module: run.program.module, args: run.program.args, port: async.port2, rpc: rpc.port2, flag: flagBuffer, group };
    slot.worker.postMessage(request, [async.port2, rpc.port2, ...(member === null ? [] : member.peers.values())]);
    run.close = () => {
      async.port1.close();
      rpc.port1.close();
    };
  }

  private onReport(slot: Slot, m: SlotReport): void {
    if (m.type === 'ready') return;
    const run = [...slot.runs].find((r) => r.runId === m.runId);
    if (run === undefined) return;
    if (m.type === 'memory') return this.end(run, { reason: 'memory', heapBytes: m.heapBytes, limitBytes: this.memoryLimitBytes });
    this.finish(slot, run);
    if (m.type === 'done') {
      // A run that hit the limit leaves a heap that V8 may be slow to give back: a new thread.
      if (m.recycle) void this.kill(slot).then(() => this.dispatch());
      run.resolve(m.value);
    } else run.reject(revive(m.error));
  }

  /** A run that returned or threw: its thread is free for the next. */
  private finish(slot: Slot, run: PendingRun): void {
    run.ended = true;
    run.close();
    slot.runs.delete(run);
    if (slot.runs.size === 0) slot.worker.unref();
    this.dispatch();
  }

  /** A run that must stop now: its thread goes with it (queued runs just leave the queue). */
  private end(run: PendingRun, why: ConstructorParameters<typeof SlotRunError>[0]): void {
    if (run.ended) return;
    run.ended = true;
    run.close();
    const i = this.queue.indexOf(run);
    if (i >= 0) {
      this.queue.splice(i, 1);
      // Never started: its ends of the group's ports were not handed to a thread.
      for (const p of run.member?.peers.values() ?? []) p.close();
    }
    const slot = run.slot;
    if (slot !== null) {
      slot.runs.delete(run);
      // An exclusive thread goes with its run (that is what stops it at once); a shared one
      // is asked to stop the run's jobs, unless the thread itself is what failed.
      if (this.runsPerSlot === 1 || why.reason !== 'canceled') void this.kill(slot);
      else {
        slot.worker.postMessage({ type: 'cancel', runId: run.runId });
        if (slot.runs.size === 0) slot.worker.unref();
      }
    }
    run.reject(new SlotRunError(why, run.program.name));
    this.dispatch();
  }

  /**
   * Ends a thread. Never while it is importing modules: V8 aborts the whole process when an
   * isolate is terminated during the evaluation of an async module graph (nodejs/node#62114;
   * the SQL parser's module has a top-level await), so the thread is first left to finish its
   * imports. Imports are short; the wait is bounded all the same.
   */
  private async kill(slot: Slot): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot);
    for (let waited = 0; !slot.exited && Atomics.load(slot.loading, 0) > 0 && waited < KILL_IMPORT_WAIT_MS; waited += 5) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await slot.worker.terminate().catch(() => {});
  }
}

function revive(e: SerializedError): Error {
  const err = Object.assign(new Error(e.message), e.fields);
  err.name = e.name;
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}
