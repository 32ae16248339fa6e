/**
 * ln, exp and pow on doubles, correctly rounded (and log10 as glibc computes it). PostgreSQL calls glibc, whose exp/log/pow
 * are correctly rounded in practice; V8's Math.log/exp/pow are off by one unit in the last place
 * on some inputs (Math.log(3)), which shows in the printed digits. So the value is computed
 * here with ~40 significant digits in bigint fixed point and rounded once by Number's decimal
 * parser (itself correctly rounded). Slower than Math.* (tens of microseconds), exact always.
 */
import { expFixed, lnFixed } from './bigfixed.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** A positive finite double as coef·10^-scale, exactly. */
export function exactDecimal(x: number): { coef: bigint; scale: number } {
  f64[0] = x;
  const hi = u32[1]!, lo = u32[0]!;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074;
  else { mant |= 1n << 52n; e = biased - 1075; }
  if (e >= 0) return { coef: mant << BigInt(e), scale: 0 };
  return { coef: mant * 5n ** BigInt(-e), scale: -e };
}

const SIG = 40;
const toDouble = (fixed: bigint, p: number): number => Number(`${fixed}e${-p}`);
/** Digits after the point needed for SIG significant digits of a value near 10^mag. */
const placesFor = (mag: number): number => Math.max(SIG - Math.floor(mag), 0);

/** ln(x) for finite x > 0. */
export function crLn(x: number): number {
  if (x === 1) return 0;
  const approx = Math.log(x);
  const { coef, scale } = exactDecimal(x);
  const p = placesFor(Math.log10(Math.abs(approx)));
  return toDouble(lnFixed(coef, scale, p), p);
}

/**
 * log10 as glibc computes it (sysdeps/ieee754/dbl-64/e_log10.c), which is not correctly
 * rounded: split off the binary exponent k, then k·log10(2) in two parts plus log(m)/ln(10),
 * with glibc's (correctly rounded) log for the inner logarithm.
 */
const IVLN10 = 4.34294481903251816668e-01;
const LOG10_2HI = 3.01029995663611771306e-01;
const LOG10_2LO = 3.69423907715893078616e-13;
export function crLog10(x0: number): number {
  let x = x0;
  f64[0] = x;
  let hx = u32[1]! | 0;
  let k = 0;
  if (hx < 0x00100000) { // subnormal: scale up
    k -= 54;
    x *= 1.80143985094819840000e+16;
    f64[0] = x;
    hx = u32[1]! | 0;
  }
  k += (hx >> 20) - 1023;
  const i = (k >>> 31) & 1;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  u32[1] = hx;
  x = f64[0]!;
  const z = y * LOG10_2LO + IVLN10 * crLn(x);
  return z + y * LOG10_2HI;
}

/** exp(x) for finite x whose result is finite and nonzero (callers check the range). */
export function crExp(x: number): number {
  if (x === 0) return 1;
  const ax = Math.abs(x);
  const { coef, scale } = exactDecimal(ax);
  const p = placesFor(x * Math.LOG10E);
  const r = expFixed(x < 0 ? -coef : coef, scale, p);
  return toDouble(r, p);
}

/** x^y for finite x, y with a finite, nonzero result (x < 0 only with integral y). */
export function crPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  const negative = x < 0 && Math.abs(y % 2) === 1;
  const ax = Math.abs(x);
  if (Number.isInteger(ax) && Number.isInteger(y) && y > 0 && y * Math.log2(ax) < 1000) {
    const r = BigInt(ax) ** BigInt(y); // exact, then one rounding by Number()
    return negative ? -Number(r) : Number(r);
  }
  const { coef, scale } = exactDecimal(ax);
  const mag = y * Math.log(ax) * Math.LOG10E; // ≈ log10 of the result
  // y·ln(x) needs SIG digits after the point (its error is the result's relative error), so
  // ln(x) needs those plus as many as y has before the point.
  const p = SIG + 5 + Math.max(0, Math.ceil(Math.log10(Math.abs(y))));
  const lnx = lnFixed(coef, scale, p);
  const yd = exactDecimal(Math.abs(y));
  const prod = lnx * yd.coef * (y < 0 ? -1n : 1n); // scaled by 10^(p + yd.scale)
  const q = placesFor(mag);
  const r = toDouble(expFixed(prod, p + yd.scale, q), q);
  return negative ? -r : r;
}
