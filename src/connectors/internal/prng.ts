/**
 * A small, fast, seedable pseudo-random generator (mulberry32 over 32-bit state) with a
 * seeding function that mixes a 64-bit-ish index into the seed, so that item N of a generated
 * stream can be produced without producing items 0..N-1 (which is what makes generated
 * sources splittable and replayable).
 *
 * Quality is ample for synthetic benchmark data; it is not a cryptographic generator.
 *
 * @example
 * const rng = new SplitMix();
 * rng.reseed(seed, eventNumber);
 * const price = rng.nextInt(100);
 */
export class SplitMix {
  /** 32-bit state; read by nothing outside this class. */
  state = 0;

  /** Positions the generator at the stream for (seed, index). */
  reseed(seed: number, index: number): void {
    // Index may exceed 2^32: fold the high part in separately (both are exact doubles).
    const lo = index >>> 0;
    const hi = Math.floor(index / 4294967296) >>> 0;
    let h = (seed ^ Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b)) | 0;
    // murmur3 finalizer: spreads neighbouring indices over the whole state space.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    this.state = (h ^ (h >>> 16)) | 0;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const a = (this.state = (this.state + 0x6d2b79f5) | 0);
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, n) for 0 < n <= 2^21 (exact: the product stays below 2^53). */
  nextInt(n: number): number {
    return Math.floor((this.nextU32() * n) / 4294967296);
  }

  /** Uniform integer in [0, n) for any positive safe integer n. */
  nextLong(n: number): number {
    if (n <= 2097152) return this.nextInt(n);
    return Math.floor(this.nextDouble() * n);
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [0, 1) with 32 random bits: enough where speed matters more. */
  nextFloat(): number {
    return this.nextU32() / 4294967296;
  }
}

/** Mixes an arbitrary number (or string) into a 32-bit seed. */
export function seedFrom(value: number | string): number {
  let h = 0x811c9dc5;
  const text = typeof value === 'number' ? String(value) : value;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h | 0;
}
