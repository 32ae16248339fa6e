/**
 * String material for the Nexmark generator, after the Java `StringsGenerator`.
 *
 * Building strings character by character is the slowest part of a naive generator, so the
 * random characters are drawn once into two pools, and each generated string is a `slice`
 * of a pool at a random offset (V8 makes that a cheap sliced string, no copy).
 */
import { Buffer } from 'node:buffer';
import { SplitMix } from '../internal/prng.ts';

const POOL_SIZE = 1 << 16;
/** Shortest string `nextString` returns (upstream MIN_STRING_LENGTH). */
const MIN_STRING_LENGTH = 3;

function buildPool(seed: number, spaces: boolean): string {
  const rng = new SplitMix();
  rng.reseed(seed, 0);
  const bytes = new Uint8Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) {
    // Upstream: one character in 13 is a space in nextString; nextExactString has none.
    bytes[i] = spaces && rng.nextInt(13) === 0 ? 0x20 : 0x61 + rng.nextInt(26);
  }
  return Buffer.from(bytes).toString('latin1');
}

/** Lowercase letters only (nextExactString / extra). */
const LETTERS = buildPool(0x5eed0001, false);
/** Letters with ~1/13 spaces (nextString). */
const SPACED = buildPool(0x5eed0002, true);

/** A random string of 3..maxLength-1 characters (trimmed, as upstream), maxLength > 3. */
export function nextString(rng: SplitMix, maxLength: number): string {
  const length = MIN_STRING_LENGTH + rng.nextInt(maxLength - MIN_STRING_LENGTH);
  const offset = rng.nextInt(POOL_SIZE - length);
  // trim() returns the slice itself when there is nothing to trim.
  return SPACED.slice(offset, offset + length).trim();
}

/** A random string of lowercase letters of exactly `length` characters. */
export function nextExactString(rng: SplitMix, length: number): string {
  const offset = rng.nextInt(POOL_SIZE - length);
  return LETTERS.slice(offset, offset + length);
}

/**
 * Padding such that `currentSize + extra.length` averages `desiredAverageSize`, spread ±20 %
 * (upstream nextExtra).
 */
export function nextExtra(rng: SplitMix, currentSize: number, desiredAverageSize: number): string {
  if (currentSize > desiredAverageSize) return '';
  const average = desiredAverageSize - currentSize;
  const delta = Math.round(average * 0.2);
  const size = average - delta + (delta === 0 ? 0 : rng.nextInt(2 * delta));
  return nextExactString(rng, Math.min(size, POOL_SIZE - 1));
}

/** Letters and an underscore in place of the spaces (upstream nextString(random, 5, '_')). */
export function nextUrlPart(rng: SplitMix): string {
  const length = MIN_STRING_LENGTH + rng.nextInt(5 - MIN_STRING_LENGTH);
  let s = '';
  for (let i = 0; i < length; i++) {
    s += rng.nextInt(13) === 0 ? '_' : String.fromCharCode(0x61 + rng.nextInt(26));
  }
  return s;
}
