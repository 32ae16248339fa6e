/**
 * A re-armable "data is available" signal for source readers.
 *
 * A reader returns 'nothing' from `pollNext` and hands out {@link wait}; whatever makes data
 * ready (a socket chunk, a finished file read, a timer) calls {@link notify}. Notifying before
 * anyone waits is remembered, so a wake-up that races the 'nothing' is never lost.
 *
 * @example
 * const available = new Availability();
 * socket.on('data', () => available.notify());
 * reader.isAvailable = () => available.wait();
 */
export class Availability {
  private pending: Promise<void> | null = null;
  private resolvePending: (() => void) | null = null;
  private signalled = false;

  /** Resolves at the next {@link notify}, or at once if one happened since the last wait. */
  wait(): Promise<void> {
    if (this.signalled) {
      this.signalled = false;
      return Promise.resolve();
    }
    if (this.pending === null) {
      this.pending = new Promise<void>((resolve) => {
        this.resolvePending = resolve;
      });
    }
    return this.pending;
  }

  /** Wakes the current waiter, or remembers the signal for the next one. */
  notify(): void {
    const resolve = this.resolvePending;
    if (resolve === null) {
      this.signalled = true;
      return;
    }
    this.pending = null;
    this.resolvePending = null;
    resolve();
  }
}
