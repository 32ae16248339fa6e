/**
 * A slot thread of the {@link SlotPool}: a worker that runs one program at a time
 * (`runOnSlot(args, host)` of the module the program names) and reports its outcome. The
 * program's jobs run on this thread's own single-thread mini-cluster; its heap is this
 * thread's, so what one statement holds can be measured and capped without touching the
 * endpoint's thread.
 *
 * The heap is checked by the job's tasks after each element and by its channels for each
 * batch (runtime/memory-guard.ts), and watched between turns of the event loop: past the
 * limit the job fails, or the thread reports `memory` and the pool ends it. V8's own limit on
 * the thread sits well above, as the last resort.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { SlotHost, SlotProgramModule } from '../graph/slot-program.ts';
import { MemoryLimitError, setMemoryGuard } from '../runtime/memory-guard.ts';
import { MiniCluster } from './mini-cluster.ts';

export interface SlotThreadData {
  readonly limitBytes: number;
  /** Several runs share the thread (views): the limit is theirs together. */
  readonly shared: boolean;
  /** Modules to import before the first run (what the pool's programs need). */
  readonly preload: readonly string[];
  /**
   * One Int32: how many module imports this thread has under way, 1 from its start until its
   * preload is done. The pool never terminates a thread while it is above 0 (see
   * `SlotPool.kill`).
   */
  readonly loading: SharedArrayBuffer;
}

/** From the pool to the slot. */
export interface RunRequest {
  readonly type: 'run';
  readonly runId: number;
  readonly module: string;
  readonly args: unknown;
  /** Asynchronous messages both ways. */
  readonly port: MessagePort;
  /** Synchronous requests: the slot posts, waits on `flag`, then takes the answer. */
  readonly rpc: MessagePort;
  readonly flag: SharedArrayBuffer;
  /** A member of a group of runs: its place and its ports to the other members. */
  readonly group: { readonly index: number; readonly count: number; readonly peers: Map<number, MessagePort> } | null;
}

/** From the slot to the pool. */
export type SlotReport =
  | { readonly type: 'ready' }
  /** `recycle`: the run hit the memory limit; the thread should be replaced, not reused. */
  | { readonly type: 'done'; readonly runId: number; readonly value: unknown; readonly recycle: boolean }
  | { readonly type: 'failed'; readonly runId: number; readonly error: SerializedError }
  | { readonly type: 'memory'; readonly runId: number; readonly heapBytes: number };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The error's own enumerable fields (code, detail, ...), where they are plain data. */
  readonly fields: Record<string, unknown>;
}

const data = workerData as SlotThreadData;
const control = parentPort as MessagePort;
const report = (r: SlotReport): void => control.postMessage(r);
const heapUsed = (): number => getHeapStatistics().used_heap_size;

// V8's used heap counts garbage not collected yet: with the thread's hard V8 limit well above
// the budget, V8 may not collect before the budget is passed, and a job that only makes
// short-lived garbage would be failed for it. Past the budget the heap is collected once, and
// the job fails only if what is live still passes it.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The heap in use, collected first when the raw figure passes `limit`. */
function liveHeap(limit: number): number {
  const used = heapUsed();
  if (used <= limit) return used;
  collect();
  return heapUsed();
}

function serialize(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v;
  }
  return { name: e.name, message: e.message, ...(e.stack !== undefined && { stack: e.stack }), fields };
}

const modules = new Map<string, Promise<SlotProgramModule>>();
const loading = new Int32Array(data.loading);
function load(url: string): Promise<SlotProgramModule> {
  let m = modules.get(url);
  if (m === undefined) {
    Atomics.add(loading, 0, 1);
    m = (import(url) as Promise<SlotProgramModule>).finally(() => Atomics.sub(loading, 0, 1));
    modules.set(url, m);
  }
  return m;
}

/** The runs on this thread now (one, unless the pool shares threads among long runs). */
const runs = new Map<number, { cancel: Array<() => void> }>();
/** The guard fired during this thread's life: an exclusive thread is replaced after its run. */
let tripped = false;

// Tasks and channels check the heap per element and per batch: past the limit a job fails
// with MemoryLimitError (53200 for SQL) within one batch and drops what it held; the thread
// and its other jobs go on.
//
// On a thread that views share, the job that fails is the one that has been allocating most
// lately, not whichever happens to check first: each check charges the heap's growth since
// the previous one to the job whose element ran in between (halved every half second, so a
// job that stopped growing is forgotten). A job picked while another one checks is failed at
// its own next check. Only a job that is growing is failed: a heap over the limit that no job
// is growing holds garbage (a failed job's state, until V8 collects it), unless it passes
// 1.75 times the limit.
const charged = new Map<unknown, number>();
const doomed = new Set<unknown>();
let lastUsed = 0;
let lastDecay = Date.now();
/** What a job must have grown by lately to be failed for the heap it finds over the limit. */
const GROWING = Math.max(8 * 2 ** 20, data.limitBytes / 32);

function charge(owner: unknown, used: number, now: number): void {
  const grown = used - lastUsed;
  lastUsed = used;
  if (grown > 0 && owner !== null) charged.set(owner, (charged.get(owner) ?? 0) + grown);
  if (now - lastDecay < 500) return;
  lastDecay = now;
  for (const [o, bytes] of charged) {
    if (bytes < 1 << 20) charged.delete(o);
    else charged.set(o, bytes / 2);
  }
}

function fail(owner: unknown, used: number): never {
  tripped = true;
  charged.delete(owner);
  doomed.delete(owner);
  throw new MemoryLimitError(used, data.limitBytes);
}

setMemoryGuard((owner) => {
  if (runs.size === 0) return;
  if (!data.shared) {
    const used = liveHeap(data.limitBytes);
    if (used > data.limitBytes) fail(owner, used);
    return;
  }
  const used = heapUsed();
  const now = Date.now();
  charge(owner, used, now);
  if (used <= data.limitBytes) {
    doomed.clear();
    return;
  }
  if (doomed.has(owner)) fail(owner, used);
  let victim: unknown = owner;
  let most = -1;
  for (const [o, bytes] of charged) {
    if (bytes > most) {
      most = bytes;
      victim = o;
    }
  }
  if (most < GROWING && used < data.limitBytes * 1.75) return;
  if (victim === owner) fail(owner, used);
  doomed.add(victim);
});

// The watch, between turns of the event loop, for what grows outside any task (planning, a
// result being copied): an exclusive thread reports its run, and the pool ends the thread.
const watch = setInterval(() => {
  if (runs.size !== 1 || data.shared) return;
  const used = liveHeap(data.limitBytes);
  const runId = [...runs.keys()][0]!;
  if (used > data.limitBytes) {
    report({ type: 'memory', runId, heapBytes: used });
    runs.delete(runId);
  }
}, 20);
watch.unref();

function hostFor(req: RunRequest, cancel: Array<() => void>): SlotHost {
  const flag = new Int32Array(req.flag);
  const listeners: Array<(m: unknown) => void> = [];
  req.port.on('message', (m: unknown) => {
    for (const l of listeners) l(m);
  });
  return {
    request(message) {
      Atomics.store(flag, 0, 0);
      req.rpc.postMessage(message);
      while (Atomics.wait(flag, 0, 0, 5000) === 'timed-out') {
        // The submitter answers at once unless its thread is busy; keep waiting.
      }
      const answer = receiveMessageOnPort(req.rpc);
      if (answer === undefined) throw new Error('slot request: woken without an answer');
      return answer.message;
    },
    post: (message) => req.port.postMessage(message),
    onMessage: (l) => void listeners.push(l),
    onCancel: (l) => void cancel.push(l),
    executor: new MiniCluster({ threads: 'off' }),
    group: req.group,
    heapUsed,
  };
}

/** The key of a run's outcome on its own port (see finalReport). */
const OUTCOME = '__slotOutcome';

/**
 * A run's outcome goes on the run's own port, after every message the program posted there:
 * the submitter has handled all of them (a view's last commits) before it learns the end.
 */
function finalReport(req: RunRequest, r: SlotReport): void {
  req.port.postMessage({ [OUTCOME]: r });
}

async function run(req: RunRequest): Promise<void> {
  const state = { cancel: [] as Array<() => void> };
  runs.set(req.runId, state);
  try {
    const program = await load(req.module);
    const value = await program.runOnSlot(req.args, hostFor(req, state.cancel));
    if (runs.has(req.runId)) finalReport(req, { type: 'done', runId: req.runId, value, recycle: tripped && !data.shared });
  } catch (e) {
    if (runs.has(req.runId)) finalReport(req, { type: 'failed', runId: req.runId, error: serialize(e) });
  } finally {
    // The port stays open until the pool, having read the outcome, closes its end.
    req.rpc.close();
    runs.delete(req.runId);
  }
}

control.on('message', (m: RunRequest | { type: 'cancel'; runId: number }) => {
  if (m.type === 'run') void run(m);
  else for (const stop of runs.get(m.runId)?.cancel ?? []) stop();
});

// Not a top-level await: this entry module stays synchronous, and the thread's startup is
// counted in `loading` (set to 1 by the pool) until the preload is done.
void Promise.all(data.preload.map((url) => load(url).catch(() => {}))).then(() => {
  Atomics.sub(loading, 0, 1);
  report({ type: 'ready' });
});
