/**
 * Paces a reader to a target rate without sleeping: it says how many items may be emitted
 * now, and when the next one is due. A rate of 0 means unlimited.
 *
 * @example
 * const limiter = new RateLimiter(1000);
 * const n = limiter.allowance(batchSize);   // 0 → return 'nothing', wait limiter.delayMs()
 * limiter.consumed(n);
 */
export class RateLimiter {
  readonly ratePerSecond: number;
  private startMs = -1;
  private emitted = 0;

  constructor(ratePerSecond: number) {
    if (!(ratePerSecond >= 0)) throw new Error(`rate must be >= 0, got ${ratePerSecond}`);
    this.ratePerSecond = ratePerSecond;
  }

  get unlimited(): boolean {
    return this.ratePerSecond === 0;
  }

  /** How many items may be emitted now, at most `max`. */
  allowance(max: number): number {
    if (this.ratePerSecond === 0) return max;
    const now = performance.now();
    if (this.startMs < 0) this.startMs = now;
    const due = Math.floor(((now - this.startMs) * this.ratePerSecond) / 1000) + 1 - this.emitted;
    return due <= 0 ? 0 : Math.min(max, due);
  }

  consumed(n: number): void {
    this.emitted += n;
  }

  /** Milliseconds until the next item is due (at least 1). */
  delayMs(): number {
    if (this.ratePerSecond === 0 || this.startMs < 0) return 1;
    const dueAt = this.startMs + (this.emitted * 1000) / this.ratePerSecond;
    return Math.max(1, Math.ceil(dueAt - performance.now()));
  }

  /** A promise resolved when the next item is due. */
  whenDue(): Promise<void> {
    return new Promise((resolve) => {
      setTimeout(resolve, this.delayMs());
    });
  }
}
