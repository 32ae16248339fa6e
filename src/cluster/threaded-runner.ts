/**
 * The cluster side of the threaded mode: starts one worker thread per slot, connects every
 * pair of slots with a MessageChannel (the slots multiplex their cross-thread channels on
 * it), and turns the slots' reports into one job outcome: the first failure fails the job
 * and cancels every slot; the job finishes when every slot's tasks have finished, with
 * metrics summed over slots.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { SubmittedJob } from '../graph/job-submission.ts';
import type { SlotMessage, SlotWorkerData } from './slot-worker.ts';

const WORKER_URL = new URL('./slot-worker.ts', import.meta.url);
/** How long a slot that has reported may take to exit on its own before it is terminated. */
const EXIT_GRACE_MS = 2000;

export interface SlotsOutcome {
  readonly sourceRecords: number;
  readonly sinkRecords: number;
  /** Largest number of elements queued in any cross-thread input channel. */
  readonly maxQueued: number;
}

export class SlotFailure extends Error {
  readonly task: string;
  constructor(task: string, cause: Error) {
    super(cause.message, { cause });
    this.task = task;
  }
}

export class ThreadedRun {
  readonly slots: number;
  private readonly workers: Worker[] = [];
  private readonly reports: (SlotMessage | null)[];
  private settled = false;
  private canceling = false;
  readonly outcome: Promise<SlotsOutcome>;
  private resolve!: (o: SlotsOutcome) => void;
  private reject!: (e: unknown) => void;

  constructor(job: SubmittedJob, slots: number) {
    const program = job.program;
    if (program === undefined) throw new Error('the threaded mode needs the job\'s program');
    this.slots = slots;
    this.reports = Array.from({ length: slots }, () => null);
    this.outcome = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    this.outcome.catch(() => {});
    const peers: Record<number, MessagePort>[] = Array.from({ length: slots }, () => ({}));
    for (let i = 0; i < slots; i++) {
      for (let j = i + 1; j < slots; j++) {
        const { port1, port2 } = new MessageChannel();
        peers[i]![j] = port1;
        peers[j]![i] = port2;
      }
    }
    for (let slot = 0; slot < slots; slot++) {
      const workerData: SlotWorkerData = {
        slot,
        slots,
        program,
        jobGraph: job.jobGraph,
        channelCapacity: job.options.channelCapacity,
        peers: peers[slot]!,
      };
      const w = new Worker(WORKER_URL, { workerData, transferList: Object.values(peers[slot]!), name: `weir-slot-${slot + 1}` });
      w.on('message', (m: SlotMessage) => this.onReport(slot, m));
      w.on('error', (e) => this.fail(`slot ${slot + 1}`, e as Error));
      w.on('exit', (code) => {
        if (this.reports[slot] === null) this.fail(`slot ${slot + 1}`, new Error(`slot thread exited with code ${code} before its tasks ended`));
      });
      this.workers.push(w);
    }
  }

  cancel(): void {
    if (this.settled || this.canceling) return;
    this.canceling = true;
    for (const w of this.workers) w.postMessage({ type: 'cancel' });
  }

  private onReport(slot: number, m: SlotMessage): void {
    if (this.reports[slot] !== null) return;
    this.reports[slot] = m;
    if (m.type === 'failed') {
      const err = Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack });
      return this.fail(m.task, err);
    }
    if (this.reports.some((r) => r === null)) return;
    // Every slot has reported: the job's outcome is known once the threads are gone, so
    // that their printed output has reached this process's stdout first.
    void this.awaitExit().then(() => {
      if (this.settled) return;
      this.settled = true;
      if (this.canceling) return this.reject(new SlotFailure('', new Error('canceled')));
      const done = this.reports.filter((r): r is Extract<SlotMessage, { type: 'done' }> => r?.type === 'done');
      this.resolve({
        sourceRecords: done.reduce((a, r) => a + r.sourceRecords, 0),
        sinkRecords: done.reduce((a, r) => a + r.sinkRecords, 0),
        maxQueued: Math.max(0, ...done.map((r) => r.maxQueued)),
      });
    });
  }

  private fail(task: string, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    for (const w of this.workers) w.postMessage({ type: 'cancel' });
    void this.awaitExit().then(() => this.reject(new SlotFailure(task, error)));
  }

  /** Waits for every slot thread to exit, terminating those that outstay the grace period. */
  private async awaitExit(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.threadId === -1) return resolve();
            const timer = setTimeout(() => void w.terminate(), EXIT_GRACE_MS);
            w.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }
}
