/**
 * Exact numeric arithmetic with PostgreSQL's result scales and special-value rules
 * (numeric.c, PostgreSQL 14+): + and − keep the larger scale, × adds the scales, ÷ uses
 * select_div_scale (at least 16 significant digits), % keeps the larger scale; rounding is half
 * away from zero; NaN absorbs; Infinity follows IEEE-like rules except that x ÷ 0 is always
 * 22012 `division by zero`.
 */
import { divisionByZero } from '../sql-error.ts';
import {
  DECIMAL_NAN, DECIMAL_NINF, DECIMAL_PINF, DECIMAL_ZERO, Decimal, FINITE, NAN, NINF, PINF, align,
  decimalSign, digitCount, pow10,
} from './decimal.ts';
import { checkFormat } from './numeric-text.ts';

const inf = (sign: number): Decimal => (sign > 0 ? DECIMAL_PINF : sign < 0 ? DECIMAL_NINF : DECIMAL_NAN);

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  if (a.special !== FINITE || b.special !== FINITE) {
    if (a.special === NAN || b.special === NAN) return DECIMAL_NAN;
    if (a.special !== FINITE && b.special !== FINITE) return a.special === b.special ? a : DECIMAL_NAN;
    return a.special !== FINITE ? a : b;
  }
  const [x, y] = align(a, b);
  return new Decimal(x + y, Math.max(a.scale, b.scale));
}

export function decimalNeg(a: Decimal): Decimal {
  if (a.special !== FINITE) return a.special === PINF ? DECIMAL_NINF : a.special === NINF ? DECIMAL_PINF : a;
  return new Decimal(-a.coef, a.scale);
}

export const decimalSub = (a: Decimal, b: Decimal): Decimal => decimalAdd(a, decimalNeg(b));

export function decimalMul(a: Decimal, b: Decimal): Decimal {
  if (a.special !== FINITE || b.special !== FINITE) {
    if (a.special === NAN || b.special === NAN) return DECIMAL_NAN;
    return inf(decimalSign(a) * decimalSign(b)); // Inf × 0 = NaN
  }
  return checkFormat(new Decimal(a.coef * b.coef, a.scale + b.scale));
}

export function decimalAbs(a: Decimal): Decimal {
  if (a.special === NINF) return DECIMAL_PINF;
  return a.special === FINITE && a.coef < 0n ? new Decimal(-a.coef, a.scale) : a;
}

/**
 * PostgreSQL's select_div_scale: enough digits for 16 significant ones in the quotient, but not
 * fewer than either input's scale, and at most 1000. Weights are in base-10000 digits because
 * PostgreSQL stores numerics that way, and the result scale depends on it.
 */
export function selectDivScale(a: Decimal, b: Decimal): number {
  const [w1, f1] = weightAndFirstDigit(a);
  const [w2, f2] = weightAndFirstDigit(b);
  let qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  let rscale = 16 - qweight * 4;
  rscale = Math.max(rscale, a.scale, b.scale, 0);
  return Math.min(rscale, 1000);
}

/** Base-10000 weight and leading base-10000 digit of |d| (0, 0 for zero). */
function weightAndFirstDigit(d: Decimal): [number, number] {
  if (d.coef === 0n) return [0, 0];
  const digits = (d.coef < 0n ? -d.coef : d.coef).toString();
  const lead = digits.length - 1 - d.scale; // decimal exponent of the leading digit
  const weight = Math.floor(lead / 4);
  const firstLen = lead - weight * 4 + 1; // 1..4 decimal digits in the leading group
  return [weight, Number(digits.slice(0, firstLen).padEnd(firstLen, '0'))];
}

export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (a.special !== FINITE || b.special !== FINITE) {
    if (a.special === NAN || b.special === NAN) return DECIMAL_NAN;
    if (a.special !== FINITE) {
      if (b.special !== FINITE) return DECIMAL_NAN;
      const s = decimalSign(b);
      if (s === 0) throw divisionByZero();
      return inf(decimalSign(a) * s);
    }
    return DECIMAL_ZERO; // finite ÷ ±Infinity
  }
  if (b.coef === 0n) throw divisionByZero();
  const rscale = selectDivScale(a, b);
  return new Decimal(divRound(a.coef * pow10(rscale + b.scale), b.coef * pow10(a.scale)), rscale);
}

/** n ÷ d rounded half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= (d < 0n ? -d : d)) return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
  return q;
}

/** Truncating remainder with the dividend's sign, scale max(s1, s2) (PostgreSQL's mod_var). */
export function decimalMod(a: Decimal, b: Decimal): Decimal {
  if (a.special !== FINITE || b.special !== FINITE) {
    if (a.special === NAN || b.special === NAN) return DECIMAL_NAN;
    if (a.special !== FINITE) {
      if (decimalSign(b) === 0 && b.special === FINITE) throw divisionByZero();
      return DECIMAL_NAN;
    }
    return a; // finite % ±Infinity
  }
  if (b.coef === 0n) throw divisionByZero();
  const [x, y] = align(a, b);
  return new Decimal(x % y, Math.max(a.scale, b.scale));
}

/** round(numeric, s) — half away from zero; negative s rounds left of the point. */
export function decimalRound(a: Decimal, s: number): Decimal {
  if (a.special !== FINITE) return a;
  if (s >= a.scale) return new Decimal(a.coef * pow10(s - a.scale), s);
  const div = pow10(a.scale - s);
  const q = divRound(a.coef, div);
  return s >= 0 ? new Decimal(q, s) : new Decimal(q * pow10(-s), 0);
}

/** trunc(numeric, s) — toward zero. */
export function decimalTrunc(a: Decimal, s: number): Decimal {
  if (a.special !== FINITE) return a;
  if (s >= a.scale) return new Decimal(a.coef * pow10(s - a.scale), s);
  const q = a.coef / pow10(a.scale - s);
  return s >= 0 ? new Decimal(q, s) : new Decimal(q * pow10(-s), 0);
}

/** Digits before the point of a finite nonzero value (≤ 0 for |d| < 1). */
export function integerDigits(d: Decimal): number {
  return d.coef === 0n ? 0 : digitCount(d.coef) - d.scale;
}
