/**
 * cbrt() as glibc computes it (sysdeps/ieee754/dbl-64/s_cbrt.c), because PostgreSQL's cbrt()
 * calls the C library and glibc's result is not always the correctly rounded one
 * (cbrt(27) = 3.0000000000000004). The same double operations in the same order give the same
 * bits; x86-64 without FMA contraction evaluates them exactly as JS does.
 */
const CBRT2 = 1.2599210498948731648;
const SQR_CBRT2 = 1.5874010519681994748;
const FACTOR = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** frexp for finite nonzero x: [m, e] with x = m·2^e and 0.5 ≤ |m| < 1. */
function frexp(x: number): [number, number] {
  f64[0] = x;
  let hiExp = (u32[1]! >>> 20) & 0x7ff;
  let adjust = 0;
  if (hiExp === 0) { // subnormal: scale into the normal range first
    f64[0] = x * 2 ** 54;
    hiExp = (u32[1]! >>> 20) & 0x7ff;
    adjust = -54;
  }
  const e = hiExp - 1022 + adjust;
  u32[1] = (u32[1]! & 0x800fffff) | (1022 << 20);
  return [f64[0]!, e];
}

export function glibcCbrt(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x + x;
  const [xm, xe] = frexp(Math.abs(x));
  const u = 0.354895765043919860
    + ((1.50819193781584896
      + ((-2.11499494167371287
        + ((2.44693122563534430
          + ((-1.83469277483613086
            + (0.784932344976639262 - 0.145263899385486377 * xm) * xm)
            * xm))
          * xm))
        * xm))
      * xm);
  const t2 = u * u * u;
  // C's % and / truncate toward zero: xe % 3 is in -2..2.
  const ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[2 + (xe % 3)]!;
  const r = ym * 2 ** Math.trunc(xe / 3);
  return x < 0 ? -r : r;
}
