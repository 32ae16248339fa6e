/**
 * A thread's memory guard: the check tasks make after each element and channels make for
 * each batch, so that a job whose state or intermediate rows outgrow the thread's budget
 * fails within one batch — with {@link MemoryLimitError}, which frees everything the job
 * held — instead of taking the thread's heap, and with it the process, to V8's limit.
 *
 * One guard per thread (a slot installs one for the program it runs); none by default.
 */

export class MemoryLimitError extends Error {
  /** Bytes of heap in use when the limit was seen passed. */
  readonly heapBytes: number;
  readonly limitBytes: number;
  constructor(heapBytes: number, limitBytes: number) {
    super(`memory limit exceeded: ${Math.round(heapBytes / 2 ** 20)} MB held, limit ${Math.round(limitBytes / 2 ** 20)} MB`);
    this.name = 'MemoryLimitError';
    this.heapBytes = heapBytes;
    this.limitBytes = limitBytes;
  }
}

let guard: ((owner: unknown) => void) | null = null;
let owner: unknown = null;

/**
 * Installs (or with null removes) this thread's guard; it throws MemoryLimitError when over
 * budget. It is told whose work the check follows (see setMemoryOwner), so that a thread
 * shared by several jobs can charge what is allocated to the job allocating it.
 */
export function setMemoryGuard(check: ((owner: unknown) => void) | null): void {
  guard = check;
}

/** Whose work runs on this thread from now on (a task sets its job before each element). */
export function setMemoryOwner(o: unknown): void {
  owner = o;
}

/** Throws MemoryLimitError when this thread's job holds more than its budget. */
export function checkMemory(): void {
  if (guard !== null) guard(owner);
}
