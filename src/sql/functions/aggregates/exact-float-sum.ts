/**
 * Exact sums of doubles and of their products, for aggregates that must take values back.
 *
 * Every finite double is an integer times a power of two, so Σx, Σx² and Σxy are exact
 * dyadic rationals: kept as `m·2^e` (a bigint and the smallest exponent seen), they add and
 * subtract without rounding, so a retraction restores exactly the sums before the insert,
 * and the result does not depend on the order rows arrived in (floating-point accumulation,
 * as PostgreSQL's, does). Results are rounded to double once, correctly (ties to even).
 *
 * Accumulators are plain data (bigints and numbers), as keyed state requires.
 */

/** m · 2^e; zero is { m: 0n, e: 0 }. */
export interface Dyadic { readonly m: bigint; readonly e: number }

export const DYADIC_ZERO: Dyadic = Object.freeze({ m: 0n, e: 0 });

const view = new DataView(new ArrayBuffer(8));

/** A finite double as m·2^e with m odd (or zero), so integers keep e ≥ 0 and bigints stay small. */
export function dyadicOf(x: number): Dyadic {
  if (x === 0) return DYADIC_ZERO;
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074; // subnormal
  else { m |= 1n << 52n; e = biased - 1075; }
  while ((m & 0xffffn) === 0n) { m >>= 16n; e += 16; }
  while ((m & 1n) === 0n) { m >>= 1n; e += 1; }
  return { m: hi >>> 31 === 1 ? -m : m, e };
}

/** a + b, exactly. */
export function dyadicAdd(a: Dyadic, b: Dyadic): Dyadic {
  if (b.m === 0n) return a;
  if (a.m === 0n) return b;
  if (a.e === b.e) return { m: a.m + b.m, e: a.e };
  return a.e < b.e ? { m: a.m + (b.m << BigInt(b.e - a.e)), e: a.e } : { m: (a.m << BigInt(a.e - b.e)) + b.m, e: b.e };
}

export const dyadicNeg = (a: Dyadic): Dyadic => ({ m: -a.m, e: a.e });
export const dyadicMul = (a: Dyadic, b: Dyadic): Dyadic => (a.m === 0n || b.m === 0n ? DYADIC_ZERO : { m: a.m * b.m, e: a.e + b.e });
export const dyadicScale = (a: Dyadic, k: bigint): Dyadic => ({ m: a.m * k, e: a.e });

const bitLength = (v: bigint): number => (v === 0n ? 0 : v.toString(2).length);

/**
 * The double nearest to (num / den) · 2^exp, ties to even; ±Infinity beyond the double range.
 * den > 0.
 */
export function ratioToDouble(num: bigint, den: bigint, exp: number): number {
  if (num === 0n) return 0;
  const negative = num < 0n;
  let n = negative ? -num : num;
  let d = den;
  // A quotient of 55 to 56 bits: 53 for the mantissa, a rounding bit, and the sticky bit below.
  const shift = 55 - (bitLength(n) - bitLength(d));
  if (shift > 0) n <<= BigInt(shift); else d <<= BigInt(-shift);
  let q = n / d;
  const sticky = n % d !== 0n;
  q = (q << 1n) | (sticky ? 1n : 0n);
  let e2 = exp - shift - 1;
  // The value is q · 2^e2 with q < 2^57. Below the normal range the mantissa shrinks: round
  // at the subnormal position first, so that the scaling below is exact.
  const top = bitLength(q) + e2; // the value lies in [2^(top-1), 2^top)
  if (top < -1021) {
    const drop = -1074 - e2; // bits of q below 2^-1074
    if (drop > 0) {
      const kept = q >> BigInt(drop);
      const rest = q - (kept << BigInt(drop));
      const half = 1n << BigInt(drop - 1);
      const up = rest > half || (rest === half && (kept & 1n) === 1n);
      q = kept + (up ? 1n : 0n);
      e2 = -1074;
    }
  }
  let r = Number(q); // rounds correctly to 53 bits (the sticky bit prevents false ties)
  // Scale in steps so no intermediate leaves the double range early.
  while (e2 > 0) { const k = Math.min(e2, 1000); r *= 2 ** k; e2 -= k; }
  while (e2 < 0) { const k = Math.min(-e2, 1000); r *= 2 ** -k; e2 += k; }
  return negative ? -r : r;
}

/** The double nearest to a · k / den (k, den integers, den > 0). */
export const dyadicToDouble = (a: Dyadic, den = 1n): number => ratioToDouble(a.m, den, a.e);

/**
 * N·Σab − Σa·Σb, exactly: N times the sum of the products of deviations from the means
 * (for a = b, N times the sum of squared deviations). Divided by N it is PostgreSQL's Sxx / Sxy.
 */
export function scaledCoMoment(n: number, sa: Dyadic, sb: Dyadic, sab: Dyadic): Dyadic {
  return dyadicAdd(dyadicScale(sab, BigInt(n)), dyadicNeg(dyadicMul(sa, sb)));
}
