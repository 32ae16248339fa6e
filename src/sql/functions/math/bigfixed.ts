/**
 * Fixed-point bigint arithmetic for numeric's transcendental functions: a value is an integer
 * scaled by 10^p. ln and exp are computed with guard digits and then rounded once, so results
 * are the correctly rounded ones, as PostgreSQL's ln_var/exp_var produce (they also carry guard
 * digits and round at the end).
 */
import { pow10 } from '../../types/numeric/decimal.ts';

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (x === 0n) x = 1n;
  // Newton from a float seed; a few steps even for thousands of digits. Start above the root.
  x = (x + n / x) / 2n + 1n;
  for (;;) {
    const y = (x + n / x) / 2n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** atanh(1/q)·10^p by its series, for ln 2 and ln 1.25. */
function atanhInv(q: bigint, p: number): bigint {
  const one = pow10(p);
  const q2 = q * q;
  let term = one / q;
  let sum = term;
  for (let k = 3n; term !== 0n; k += 2n) {
    term /= q2;
    sum += term / k;
  }
  return sum;
}

const LN10_CACHE: { p: number; v: bigint } = { p: -1, v: 0n };
/** ln(10)·10^p, cached at the highest precision asked for so far. */
export function ln10(p: number): bigint {
  if (LN10_CACHE.p >= p) return LN10_CACHE.v / pow10(LN10_CACHE.p - p);
  const w = p + 10;
  // ln 10 = 3 ln 2 + ln 1.25 = 6 atanh(1/3) + 2 atanh(1/9)
  const v = (6n * atanhInv(3n, w) + 2n * atanhInv(9n, w)) / pow10(10);
  LN10_CACHE.p = p;
  LN10_CACHE.v = v;
  return v;
}

/** Divides with rounding half away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const ad = d < 0n ? -d : d;
  if (twice >= ad) return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
  return q;
}

/** ln(coef·10^-scale)·10^p for a positive value, accurate to a few units in the last place. */
export function lnFixed(coef: bigint, scale: number, p: number): bigint {
  const w = p + 12;
  const digits = coef.toString().length;
  const k = digits - 1 - scale; // value = m·10^k with m in [1, 10)
  // m at working precision w
  let m = digits - 1 <= w ? coef * pow10(w - (digits - 1)) : coef / pow10(digits - 1 - w);
  const one = pow10(w);
  // Halve the argument's logarithm by square roots until m is within 1% of 1.
  let halvings = 0;
  const lo = one - one / 100n, hi = one + one / 100n;
  while (m < lo || m > hi) {
    m = isqrt(m * one);
    halvings++;
  }
  // ln m = 2 atanh(z), z = (m − 1)/(m + 1)
  const z = ((m - one) * one) / (m + one);
  const z2 = (z * z) / one;
  let term = z;
  let sum = z;
  for (let n = 3n; term !== 0n; n += 2n) {
    term = (term * z2) / one;
    sum += term / n;
  }
  const lnm = sum * 2n * (1n << BigInt(halvings));
  const total = lnm + BigInt(k) * ln10(w);
  return divRound(total, pow10(w - p));
}

/**
 * exp(x)·10^p where x = xFixed·10^-xp; returns null when the result would have more than
 * maxDigits integer digits (the caller raises overflow).
 */
export function expFixed(xFixed: bigint, xp: number, p: number): bigint {
  // exp(x) = 10^q · exp(r), r = x − q ln 10 ∈ [0, ln 10)
  const l10 = ln10(xp + 5);
  const xw = xFixed * 100000n;
  let q = xw / l10;
  if (xw < q * l10) q -= 1n; // floor for negative x
  const qn = Number(q);
  // Working precision: the digits wanted plus those exp(r)'s integer part and 10^q shift take.
  const w = Math.max(p + qn, 0) + 20;
  const one = pow10(w);
  const r = (xFixed * pow10(w) / pow10(xp)) - BigInt(q) * ln10(w);
  // Scale r down by 2^h so the Taylor series converges fast, then square h times.
  let h = 0;
  let rr = r;
  while (rr > one / 100n) { rr /= 2n; h++; }
  let sum = one;
  let term = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * rr) / (one * n);
    sum += term;
  }
  for (let i = 0; i < h; i++) sum = (sum * sum) / one;
  // sum ≈ exp(r)·10^w; result·10^p = sum · 10^(q + p − w)
  const shift = qn + p - w;
  return shift >= 0 ? sum * pow10(shift) : divRound(sum, pow10(-shift));
}
