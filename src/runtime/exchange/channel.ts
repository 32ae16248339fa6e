/**
 * A bounded in-process channel from one producing subtask to one consuming subtask.
 * The producer may overfill by the output of one input element; it then awaits
 * {@link LocalChannel.writable} before going on, which is how backpressure reaches sources.
 */
import type { StreamElement } from '../elements.ts';
import { checkMemory } from '../memory-guard.ts';

export class LocalChannel {
  private queue: StreamElement[] = [];
  private head = 0;
  private readonly capacity: number;
  private waitingWriter: (() => void) | null = null;
  /** Called when an element arrives (the consuming gate wakes its task). */
  onData: () => void = () => {};
  closed = false;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.queue.length - this.head;
  }

  push(element: StreamElement): void {
    // Each batch is where a job's intermediate rows grow: the thread's budget is checked here.
    checkMemory();
    this.enqueue(element);
  }

  /**
   * Adds an element without the memory check: for elements arriving from another thread,
   * outside any task (the consuming task checks after it takes them).
   */
  protected enqueue(element: StreamElement): void {
    if (this.closed) return;
    this.queue.push(element);
    this.onData();
  }

  poll(): StreamElement | undefined {
    if (this.head >= this.queue.length) return undefined;
    const el = this.queue[this.head] as StreamElement;
    this.queue[this.head++] = undefined as unknown as StreamElement;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.waitingWriter !== null && this.size < this.capacity) {
      const w = this.waitingWriter;
      this.waitingWriter = null;
      w();
    }
    return el;
  }

  isFull(): boolean {
    return this.size >= this.capacity;
  }

  /** Resolves once the channel has room (or is closed). */
  writable(): Promise<void> {
    if (!this.isFull() || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const prev = this.waitingWriter;
      this.waitingWriter = () => {
        prev?.();
        resolve();
      };
    });
  }

  /** Drops queued data and releases a waiting writer: the consumer is gone. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
    const w = this.waitingWriter;
    this.waitingWriter = null;
    w?.();
  }
}
