/**
 * Keyed timers in event time and processing time. A timer belongs to a key and a namespace
 * (a window, or none); registering the same (key, namespace, time) twice keeps one timer,
 * as in Flink. Timers fire in time order and are snapshotted by key group with the state.
 */
import { keyGroupFor, type KeyGroupRange, type NormalizedKey } from './key-groups.ts';
import type { KeyedStateBackend } from './state/heap-backend.ts';

export interface Timer {
  readonly timestamp: number;
  readonly key: unknown;
  readonly nk: NormalizedKey;
  readonly namespace: string;
}

export type TimeDomain = 'event' | 'processing';

export interface TimerSnapshot {
  readonly maxParallelism: number;
  /** [domain, timestamp, key, namespace, registration order] by key group. */
  readonly keyGroups: Record<number, Array<[TimeDomain, number, unknown, string, number]>>;
}

/** Binary min-heap of timers by timestamp with lazy deletion through a registry. */
class TimerQueue {
  private heap: Timer[] = [];
  /** Registration order, so timers with equal timestamps fire in the order they were set. */
  private readonly seq = new Map<Timer, number>();
  private nextSeq = 0;
  readonly registered = new Map<string, Timer>();

  static id(nk: NormalizedKey, ns: string, ts: number): string {
    return `${typeof nk === 'string' ? 's' : 'o'}${String(nk)}\u0000${ns}\u0000${ts}`;
  }

  add(t: Timer): boolean {
    const id = TimerQueue.id(t.nk, t.namespace, t.timestamp);
    if (this.registered.has(id)) return false;
    this.registered.set(id, t);
    this.seq.set(t, this.nextSeq++);
    this.heap.push(t);
    this.up(this.heap.length - 1);
    return true;
  }

  delete(nk: NormalizedKey, ns: string, ts: number): void {
    this.registered.delete(TimerQueue.id(nk, ns, ts));
  }

  /** Earliest live timer's timestamp, or +Infinity. */
  peekTime(): number {
    this.dropDeleted();
    return this.heap.length === 0 ? Number.POSITIVE_INFINITY : (this.heap[0] as Timer).timestamp;
  }

  /** Removes and returns the earliest live timer if it is due at `time`. */
  pollDue(time: number): Timer | null {
    this.dropDeleted();
    const top = this.heap[0];
    if (top === undefined || top.timestamp > time) return null;
    this.pop();
    this.registered.delete(TimerQueue.id(top.nk, top.namespace, top.timestamp));
    return top;
  }

  get size(): number {
    return this.registered.size;
  }

  /** Live timers with their registration order. */
  *live(): IterableIterator<[Timer, number]> {
    for (const t of this.registered.values()) yield [t, this.seq.get(t) as number];
  }

  private dropDeleted(): void {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined) return;
      if (this.registered.get(TimerQueue.id(top.nk, top.namespace, top.timestamp)) === top) return;
      this.pop();
    }
  }

  private before(a: Timer, b: Timer): boolean {
    return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && (this.seq.get(a) as number) < (this.seq.get(b) as number));
  }

  private pop(): void {
    this.seq.delete(this.heap[0] as Timer);
    const last = this.heap.pop() as Timer;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private up(i: number): void {
    const h = this.heap;
    const t = h[i] as Timer;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = h[p] as Timer;
      if (!this.before(t, pt)) break;
      h[i] = pt;
      i = p;
    }
    h[i] = t;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const t = h[i] as Timer;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && this.before(h[r] as Timer, h[c] as Timer)) c = r;
      if (!this.before(h[c] as Timer, t)) break;
      h[i] = h[c] as Timer;
      i = c;
    }
    h[i] = t;
  }
}

/** Asks the task to call back when processing time reaches `time`. */
export type WakeupRequester = (time: number) => void;

export class InternalTimerService {
  private readonly eventTimers = new TimerQueue();
  private readonly processingTimers = new TimerQueue();
  private readonly backend: KeyedStateBackend;
  private readonly requestWakeup: WakeupRequester;
  private namespace = '';
  currentWatermark = Number.NEGATIVE_INFINITY;

  constructor(backend: KeyedStateBackend, requestWakeup: WakeupRequester) {
    this.backend = backend;
    this.requestWakeup = requestWakeup;
  }

  /** Namespace given to timers registered from now on (windows set it per window). */
  setNamespace(namespace: string): void {
    this.namespace = namespace;
  }

  registerEventTimeTimer(time: number): void {
    this.eventTimers.add(this.timer(time));
  }

  deleteEventTimeTimer(time: number): void {
    this.eventTimers.delete(this.backend.getCurrentNormalizedKey(), this.namespace, time);
  }

  registerProcessingTimeTimer(time: number): void {
    if (this.processingTimers.add(this.timer(time))) this.requestWakeup(time);
  }

  deleteProcessingTimeTimer(time: number): void {
    this.processingTimers.delete(this.backend.getCurrentNormalizedKey(), this.namespace, time);
  }

  private timer(timestamp: number): Timer {
    return {
      timestamp,
      key: this.backend.getCurrentKey(),
      nk: this.backend.getCurrentNormalizedKey(),
      namespace: this.namespace,
    };
  }

  /**
   * Fires every event-time timer at or before `watermark`, in time order. Timers registered
   * while firing that are also due fire in the same call.
   */
  advanceWatermark(watermark: number, fire: (timer: Timer) => void): void {
    this.currentWatermark = watermark;
    for (let t = this.eventTimers.pollDue(watermark); t !== null; t = this.eventTimers.pollDue(watermark)) {
      this.scope(t);
      fire(t);
    }
  }

  advanceProcessingTime(now: number, fire: (timer: Timer) => void): void {
    for (let t = this.processingTimers.pollDue(now); t !== null; t = this.processingTimers.pollDue(now)) {
      this.scope(t);
      fire(t);
    }
    const next = this.processingTimers.peekTime();
    if (next !== Number.POSITIVE_INFINITY) this.requestWakeup(next);
  }

  private scope(t: Timer): void {
    this.backend.setCurrentKey(t.key);
    this.backend.setCurrentNamespace(t.namespace);
    this.namespace = t.namespace;
  }

  nextProcessingTime(): number {
    return this.processingTimers.peekTime();
  }

  numTimers(): number {
    return this.eventTimers.size + this.processingTimers.size;
  }

  snapshot(): TimerSnapshot {
    const max = this.backend.maxParallelism;
    const keyGroups: TimerSnapshot['keyGroups'] = {};
    const add = (domain: TimeDomain, [t, seq]: [Timer, number]): void => {
      (keyGroups[keyGroupFor(t.nk, max)] ??= []).push([domain, t.timestamp, t.key, t.namespace, seq]);
    };
    for (const t of this.eventTimers.live()) add('event', t);
    for (const t of this.processingTimers.live()) add('processing', t);
    return structuredClone({ maxParallelism: max, keyGroups });
  }

  restore(snapshots: readonly TimerSnapshot[], range: KeyGroupRange): void {
    const mine: Array<TimerSnapshot['keyGroups'][number][number]> = [];
    for (const snap of snapshots) {
      for (const [kgText, timers] of Object.entries(snap.keyGroups)) {
        const kg = Number(kgText);
        if (kg >= range.start && kg <= range.end) mine.push(...timers);
      }
    }
    // Re-register in the original order so equal-time timers keep their firing order.
    mine.sort((a, b) => a[4] - b[4]);
    for (const [domain, timestamp, key, namespace] of mine) {
      this.backend.setCurrentKey(key);
      const t: Timer = { timestamp, key, nk: this.backend.getCurrentNormalizedKey(), namespace };
      if (domain === 'event') this.eventTimers.add(t);
      else if (this.processingTimers.add(t)) this.requestWakeup(timestamp);
    }
  }
}
