/**
 * The in-process meeting point of a {@link CollectSink} and the client reading its results
 * (Flink's collect(): executeAndCollect). Writers push batches, the client iterates; the
 * buffer is bounded, so a slow client makes writers wait instead of growing memory.
 *
 * @example
 * const buffer = CollectBuffer.open('job-1/out', 10_000);
 * stream.sinkTo(new CollectSink('job-1/out'));
 * for await (const row of buffer) console.log(row);
 */

const registry = new Map<string, CollectBuffer<unknown>>();

export class CollectBuffer<T> implements AsyncIterable<T> {
  readonly id: string;
  readonly capacity: number;
  private items: T[] = [];
  private head = 0;
  private expectedWriters = -1;
  private finishedWriters = 0;
  private ended = false;
  private closed = false;
  private failure: Error | null = null;
  private readerWaiting: (() => void) | null = null;
  private writersWaiting: (() => void)[] = [];

  private constructor(id: string, capacity: number) {
    if (!(capacity >= 1)) throw new Error(`collect buffer capacity must be >= 1, got ${capacity}`);
    this.id = id;
    this.capacity = capacity;
  }

  /** Creates and registers the buffer for `id` (replacing a closed one). */
  static open<T>(id: string, capacity = 10_000): CollectBuffer<T> {
    const existing = registry.get(id);
    if (existing !== undefined && !existing.closed) throw new Error(`collect id '${id}' is already open`);
    const buffer = new CollectBuffer<T>(id, capacity);
    registry.set(id, buffer as CollectBuffer<unknown>);
    return buffer;
  }

  /** The buffer registered for `id`, created with the default capacity if none is. */
  static forId<T>(id: string): CollectBuffer<T> {
    const existing = registry.get(id);
    if (existing !== undefined) return existing as CollectBuffer<T>;
    return CollectBuffer.open<T>(id);
  }

  /** Records buffered and not yet read. */
  get size(): number {
    return this.items.length - this.head;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Called by each writer at creation; all writers of one sink share a parallelism. */
  registerWriter(parallelism: number): void {
    if (this.expectedWriters < 0) this.expectedWriters = parallelism;
  }

  /** Adds records; the promise (if any) resolves once the client has made room. */
  push(values: readonly T[]): void | Promise<void> {
    if (this.closed) return; // the client went away: discard, as Flink's collect does
    for (let i = 0; i < values.length; i++) this.items.push(values[i] as T);
    this.wakeReader();
    if (this.size < this.capacity) return;
    return new Promise<void>((resolve) => this.writersWaiting.push(resolve));
  }

  /** A writer reached end of input; the iteration ends when all have. */
  writerFinished(): void {
    this.finishedWriters++;
    if (this.expectedWriters >= 0 && this.finishedWriters >= this.expectedWriters) {
      this.ended = true;
      this.wakeReader();
    }
  }

  /** Fails the iteration (the job failed). */
  fail(error: Error): void {
    this.failure ??= error;
    this.wakeReader();
  }

  /** The client stops reading: drops buffered records and releases waiting writers. */
  close(): void {
    this.closed = true;
    this.items = [];
    this.head = 0;
    if (registry.get(this.id) === (this as CollectBuffer<unknown>)) registry.delete(this.id);
    this.wakeWriters();
    this.wakeReader();
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.failure !== null) throw this.failure;
      if (this.head < this.items.length) {
        const value = this.items[this.head] as T;
        this.head++;
        if (this.head >= 1024 && this.head * 2 >= this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        if (this.size < this.capacity) this.wakeWriters();
        return { value, done: false };
      }
      if (this.ended || this.closed) return { value: undefined, done: true };
      await new Promise<void>((resolve) => {
        this.readerWaiting = resolve;
      });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { value: undefined, done: true };
      },
    };
  }

  /** Reads everything until the end (for bounded jobs). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for (;;) {
      const r = await this.next();
      if (r.done === true) return out;
      out.push(r.value);
    }
  }

  private wakeReader(): void {
    const resolve = this.readerWaiting;
    this.readerWaiting = null;
    if (resolve !== null) resolve();
  }

  private wakeWriters(): void {
    const waiting = this.writersWaiting;
    this.writersWaiting = [];
    for (const resolve of waiting) resolve();
  }
}
