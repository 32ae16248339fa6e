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

/** A registered timer inside the queue; `live` turns false when it is deleted. */
class TimerEntry implements Timer {
  readonly timestamp: number;
  readonly key: unknown;
  readonly nk: NormalizedKey;
  readonly namespace: string;
  /** Registration order: equal-time timers fire in the order they were set. */
  readonly seq: number;
  live = true;

  constructor(timestamp: number, key: unknown, nk: NormalizedKey, namespace: string, seq: number) {
    this.timestamp = timestamp;
    this.key = key;
    this.nk = nk;
    this.namespace = namespace;
    this.seq = seq;
  }
}

/**
 * Binary min-heap of timers by (timestamp, registration order), with a registry by
 * timestamp → namespace → key that finds duplicates without building strings (a window
 * operator registers a timer per record and window). Deleted timers stay in the heap,
 * marked dead, until they reach the top.
 */
class TimerQueue {
  private heap: TimerEntry[] = [];
  private readonly registry = new Map<number, Map<string, Map<NormalizedKey, TimerEntry>>>();
  private nextSeq = 0;
  size = 0;

  private lookup(ts: number, ns: string): Map<NormalizedKey, TimerEntry> | undefined {
    return this.registry.get(ts)?.get(ns);
  }

  /** Registers a timer unless the same (key, namespace, time) is registered; true when added. */
  add(timestamp: number, key: unknown, nk: NormalizedKey, namespace: string): boolean {
    let byNs = this.registry.get(timestamp);
    if (byNs === undefined) this.registry.set(timestamp, (byNs = new Map()));
    let byKey = byNs.get(namespace);
    if (byKey === undefined) byNs.set(namespace, (byKey = new Map()));
    else if (byKey.has(nk)) return false;
    const t = new TimerEntry(timestamp, key, nk, namespace, this.nextSeq++);
    byKey.set(nk, t);
    this.size++;
    this.heap.push(t);
    this.up(this.heap.length - 1);
    return true;
  }

  delete(nk: NormalizedKey, ns: string, ts: number): void {
    const byKey = this.lookup(ts, ns);
    const t = byKey?.get(nk);
    if (t === undefined) return;
    t.live = false;
    this.unregister(t);
  }

  private unregister(t: TimerEntry): void {
    const byNs = this.registry.get(t.timestamp)!;
    const byKey = byNs.get(t.namespace)!;
    byKey.delete(t.nk);
    if (byKey.size === 0) {
      byNs.delete(t.namespace);
      if (byNs.size === 0) this.registry.delete(t.timestamp);
    }
    this.size--;
  }

  /** Earliest live timer's timestamp, or +Infinity. */
  peekTime(): number {
    this.dropDeleted();
    return this.heap.length === 0 ? Number.POSITIVE_INFINITY : (this.heap[0] as TimerEntry).timestamp;
  }

  /** Removes and returns the earliest live timer if it is due at `time`. */
  pollDue(time: number): Timer | null {
    this.dropDeleted();
    const top = this.heap[0];
    if (top === undefined || top.timestamp > time) return null;
    this.pop();
    top.live = false;
    this.unregister(top);
    return top;
  }

  /** Live timers with their registration order. */
  *live(): IterableIterator<[Timer, number]> {
    for (const byNs of this.registry.values()) {
      for (const byKey of byNs.values()) for (const t of byKey.values()) yield [t, t.seq];
    }
  }

  private dropDeleted(): void {
    while (this.heap.length > 0 && !(this.heap[0] as TimerEntry).live) this.pop();
  }

  private pop(): void {
    const last = this.heap.pop() as TimerEntry;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private up(i: number): void {
    const h = this.heap;
    const t = h[i] as TimerEntry;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = h[p] as TimerEntry;
      if (pt.timestamp < t.timestamp || (pt.timestamp === t.timestamp && pt.seq < t.seq)) break;
      h[i] = pt;
      i = p;
    }
    h[i] = t;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const t = h[i] as TimerEntry;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      let ct = h[c] as TimerEntry;
      if (r < n) {
        const rt = h[r] as TimerEntry;
        if (rt.timestamp < ct.timestamp || (rt.timestamp === ct.timestamp && rt.seq < ct.seq)) {
          c = r;
          ct = rt;
        }
      }
      if (t.timestamp < ct.timestamp || (t.timestamp === ct.timestamp && t.seq < ct.seq)) break;
      h[i] = ct;
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
    const b = this.backend;
    this.eventTimers.add(time, b.getCurrentKey(), b.getCurrentNormalizedKey(), this.namespace);
  }

  deleteEventTimeTimer(time: number): void {
    this.eventTimers.delete(this.backend.getCurrentNormalizedKey(), this.namespace, time);
  }

  registerProcessingTimeTimer(time: number): void {
    const b = this.backend;
    if (this.processingTimers.add(time, b.getCurrentKey(), b.getCurrentNormalizedKey(), this.namespace)) this.requestWakeup(time);
  }

  deleteProcessingTimeTimer(time: number): void {
    this.processingTimers.delete(this.backend.getCurrentNormalizedKey(), this.namespace, time);
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
      const nk = this.backend.getCurrentNormalizedKey();
      if (domain === 'event') this.eventTimers.add(timestamp, key, nk, namespace);
      else if (this.processingTimers.add(timestamp, key, nk, namespace)) this.requestWakeup(timestamp);
    }
  }
}
