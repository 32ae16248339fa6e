/**
 * sqrt, exp, ln, log and power on numeric with PostgreSQL 15's result scales (numeric.c):
 * each picks enough digits for NUMERIC_MIN_SIG_DIGITS (16) significant ones, never fewer than
 * the inputs' display scales, at most 1000 — estimated from base-10000 digit weights exactly as
 * PostgreSQL does, because the estimate decides how many digits are printed. Values are the
 * correctly rounded results (bigfixed.ts).
 */
import { SqlError, SqlState, Decimal, DECIMAL_NAN, DECIMAL_PINF } from '../../types/index.ts';
import { DECIMAL_ZERO, FINITE, NAN, NINF, PINF, decimalToString, pow10, rescale } from '../../types/numeric/decimal.ts';
import { checkFormat } from '../../types/numeric/numeric-text.ts';
import { decimalMul, decimalRound } from '../../types/numeric/numeric-arith.ts';
import { divRound, expFixed, isqrt, lnFixed } from './bigfixed.ts';
import { divisionByZero } from '../../../errors/index.ts';

const MIN_SIG = 16, MAX_DISPLAY = 1000, MAX_RESULT_SCALE = 2000;
const clampScale = (r: number): number => Math.min(Math.max(r, 0), MAX_DISPLAY);
const overflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value overflows numeric format');
const lnOfZero = (): SqlError => new SqlError(SqlState.invalidArgumentForLogarithm, 'cannot take logarithm of zero');
const lnOfNegative = (): SqlError => new SqlError(SqlState.invalidArgumentForLogarithm, 'cannot take logarithm of a negative number');

/** Base-10000 weight and first two base-10000 digits of a finite nonzero value (PostgreSQL's NumericVar view). */
function nbase(d: Decimal): { weight: number; d0: number; d1: number | undefined } {
  const abs = d.coef < 0n ? -d.coef : d.coef;
  const s = abs.toString();
  const e = s.length - 1 - d.scale; // decimal exponent of the leading digit
  const weight = Math.floor(e / 4);
  // Align the digits so that groups of four end at base-10000 boundaries.
  const lead = e - weight * 4 + 1; // digits in the first group (1..4)
  const g0 = s.slice(0, lead).padEnd(lead, '0');
  const rest = s.slice(lead);
  const g1 = rest.length > 0 ? rest.slice(0, 4).padEnd(4, '0') : undefined;
  const d1 = g1 === undefined || (/^0+$/.test(rest)) ? undefined : Number(g1);
  return { weight, d0: Number(g0), d1 };
}

const weightOf = (d: Decimal): number => (d.coef === 0n ? 0 : nbase(d).weight);
const toDouble = (d: Decimal): number => Number(decimalToString(d));
const sign = (d: Decimal): number => (d.special === PINF ? 1 : d.special === NINF ? -1 : d.coef > 0n ? 1 : d.coef < 0n ? -1 : 0);
const fromFixed = (v: bigint, scale: number): Decimal => checkFormat(new Decimal(v, scale));

export function numericSqrt(x: Decimal): Decimal {
  if (x.special === NAN || x.special === PINF) return x;
  if (x.special === NINF || x.coef < 0n) throw new SqlError(SqlState.invalidArgumentForPowerFunction, 'cannot take square root of a negative number');
  const sweight = Math.trunc(((weightOf(x) + 1) * 4) / 2) - 1;
  const rscale = clampScale(Math.max(MIN_SIG - sweight, x.scale));
  // floor(sqrt(x)·10^(rscale+1)), then round the extra digit half up.
  const n = x.coef * pow10(2 * (rscale + 1) - x.scale);
  const s = isqrt(n);
  return new Decimal((s + 5n) / 10n, rscale);
}

/** estimate_ln_dweight: the decimal weight of ln(x), from a couple of leading digits. */
function estimateLnDweight(x: Decimal): number {
  if (x.coef <= 0n) return 0;
  const v = toDouble(x);
  if (v >= 0.9 && v <= 1.1 && cmpRange(x)) {
    const diff = new Decimal(x.coef - pow10(x.scale), x.scale);
    if (diff.coef === 0n) return 0;
    const abs = diff.coef < 0n ? -diff.coef : diff.coef;
    return abs.toString().length - 1 - diff.scale;
  }
  const { weight, d0, d1 } = nbase(x);
  let digits = d0, dweight = weight * 4;
  if (d1 !== undefined) { digits = digits * 10000 + d1; dweight -= 4; }
  const lnVar = Math.log(digits) + dweight * 2.302585092994046;
  return Math.trunc(Math.log10(Math.abs(lnVar)));
}
/** 0.9 ≤ x ≤ 1.1 exactly (the double test above can be off at the edges). */
function cmpRange(x: Decimal): boolean {
  const c = x.coef * 10n, one = pow10(x.scale + 1);
  return c >= (one * 9n) / 10n && c <= (one * 11n) / 10n;
}

export function numericLn(x: Decimal): Decimal {
  if (x.special === NAN || x.special === PINF) return x;
  if (x.special === NINF || x.coef < 0n) throw lnOfNegative();
  if (x.coef === 0n) throw lnOfZero();
  const rscale = clampScale(Math.max(MIN_SIG - estimateLnDweight(x), x.scale));
  return new Decimal(lnFixed(x.coef, x.scale, rscale), rscale);
}

export function numericExp(x: Decimal): Decimal {
  if (x.special === NAN || x.special === PINF) return x;
  if (x.special === NINF) return DECIMAL_ZERO;
  let val = toDouble(x) * 0.434294481903252;
  val = Math.min(Math.max(val, -MAX_RESULT_SCALE), MAX_RESULT_SCALE);
  const rscale = clampScale(Math.max(MIN_SIG - Math.trunc(val), x.scale));
  if (Math.abs(toDouble(x)) >= MAX_RESULT_SCALE * 3) {
    if (x.coef > 0n) throw overflow();
    return new Decimal(0n, rscale);
  }
  return fromFixed(expFixed(x.coef, x.scale, rscale), rscale);
}

/** log(base, x) as log_var: ln x / ln base with PostgreSQL's result scale. */
export function numericLog(base: Decimal, x: Decimal): Decimal {
  if (base.special !== FINITE || x.special !== FINITE) {
    if (base.special === NAN || x.special === NAN) return DECIMAL_NAN;
    if (sign(base) < 0 || sign(x) < 0) throw lnOfNegative();
    if (sign(base) === 0 || sign(x) === 0) throw lnOfZero();
    if (base.special === PINF) return x.special === PINF ? DECIMAL_NAN : DECIMAL_ZERO;
    return DECIMAL_PINF;
  }
  if (base.coef < 0n || x.coef < 0n) throw lnOfNegative();
  if (base.coef === 0n || x.coef === 0n) throw lnOfZero();
  const bw = estimateLnDweight(base), xw = estimateLnDweight(x);
  const rscale = clampScale(Math.max(MIN_SIG - (xw - bw), base.scale, x.scale));
  const p = rscale + 20 + Math.abs(bw) + Math.abs(xw);
  const lb = lnFixed(base.coef, base.scale, p);
  if (lb === 0n) throw divisionByZero();
  const lx = lnFixed(x.coef, x.scale, p);
  return new Decimal(divRound(lx * pow10(rscale), lb), rscale);
}

const isIntegral = (d: Decimal): boolean => d.special === FINITE && (d.scale === 0 || d.coef % pow10(d.scale) === 0n);
const integerValue = (d: Decimal): bigint => d.coef / pow10(d.scale);

export function numericPower(x: Decimal, y: Decimal): Decimal {
  if (x.special !== FINITE || y.special !== FINITE) return powerSpecial(x, y);
  const sx = sign(x), sy = sign(y);
  if (sx === 0 && sy < 0) throw new SqlError(SqlState.invalidArgumentForPowerFunction, 'zero raised to a negative power is undefined');
  if (sx < 0 && !isIntegral(y)) throw new SqlError(SqlState.invalidArgumentForPowerFunction, 'a negative number raised to a non-integer power yields a complex result');
  if (isIntegral(y)) {
    const n = integerValue(y);
    if (n >= -2147483648n && n <= 2147483647n) return powerInt(x, Number(n), clampScale(Math.max(MIN_SIG, x.scale)));
  }
  if (sx === 0) return new Decimal(0n, MIN_SIG);
  return powerByLn(x, y);
}

/** power_var_int (PostgreSQL 15): rscale = max(16, base's scale); the value is exact, then rounded. */
function powerInt(x: Decimal, n: number, rscale: number): Decimal {
  switch (n) {
    case 0: return new Decimal(pow10(rscale), rscale);
    case 1: return decimalRound(x, rscale);
    case -1: return roundQuotient(pow10(x.scale), x.coef, rscale);
    case 2: return decimalRound(decimalMul(x, x), rscale);
  }
  if (x.coef === 0n) {
    if (n < 0) throw divisionByZero();
    return new Decimal(0n, rscale);
  }
  // PostgreSQL estimates the result's decimal weight from the leading 16 digits, as here.
  const f = n * log10Abs(x);
  if (f > 3 * 32767 * 4) throw overflow();
  if (f + 1 < -rscale || f + 1 < -MAX_DISPLAY) return new Decimal(0n, rscale);
  const digitsOfPower = Math.abs(n) * x.coef.toString().length;
  if (digitsOfPower <= 60000) {
    const abs = Math.abs(n);
    const num = x.coef ** BigInt(abs);
    const sc = x.scale * abs;
    if (n > 0) return checkFormat(new Decimal(rescale(num, sc, rscale), rscale));
    return roundQuotient(pow10(sc), num, rscale);
  }
  return powerByLn(x, new Decimal(BigInt(n), 0), rscale);
}

/** log10|x| from the leading digits, valid far beyond double's exponent range. */
function log10Abs(x: Decimal): number {
  const s = (x.coef < 0n ? -x.coef : x.coef).toString();
  return Math.log10(Number(`${s[0]}.${s.slice(1, 17) || '0'}`)) + (s.length - 1 - x.scale);
}

/** The quotient a/b rounded to rscale digits. */
function roundQuotient(a: bigint, b: bigint, rscale: number): Decimal {
  return checkFormat(new Decimal(divRound(a * pow10(rscale), b), rscale));
}

/** x^y = exp(y · ln x) with power_var's scale rule. */
function powerByLn(x: Decimal, y: Decimal, forcedScale?: number): Decimal {
  const negative = x.coef < 0n && isIntegral(y) && (integerValue(y) & 1n) === 1n;
  const ax = x.coef < 0n ? new Decimal(-x.coef, x.scale) : x;
  const lnDweight = estimateLnDweight(ax);
  const localRscale = Math.max(8 - lnDweight, 0);
  const lnBase = new Decimal(lnFixed(ax.coef, ax.scale, localRscale), localRscale);
  const lnNum = decimalRound(decimalMul(lnBase, y), localRscale);
  let val = toDouble(lnNum);
  if (Math.abs(val) > MAX_RESULT_SCALE * 3.01) {
    if (val > 0) throw overflow();
    return new Decimal(0n, MAX_DISPLAY);
  }
  val *= 0.434294481903252;
  const rscale = forcedScale ?? clampScale(Math.max(MIN_SIG - Math.trunc(val), x.scale, y.scale));
  // Digits needed in ln x: the result's significant digits plus the exponent's magnitude.
  const resultDigits = rscale + Math.max(0, Math.ceil(val)) + 10;
  const yDigits = Math.max(0, y.coef.toString().length - y.scale);
  const p = resultDigits + yDigits + 10;
  const lnx = lnFixed(ax.coef, ax.scale, p);
  const t = lnx * y.coef; // scaled by 10^(p + y.scale)
  const r = expFixed(t, p + y.scale, rscale);
  const out = fromFixed(r, rscale);
  return negative ? new Decimal(-out.coef, out.scale) : out;
}

function powerSpecial(x: Decimal, y: Decimal): Decimal {
  const one = (d: Decimal, v: bigint): boolean => d.special === FINITE && d.coef === v * pow10(d.scale);
  if (x.special === NAN) return y.special === FINITE && y.coef === 0n ? new Decimal(1n, 0) : DECIMAL_NAN;
  if (y.special === NAN) return one(x, 1n) ? new Decimal(1n, 0) : DECIMAL_NAN;
  const sx = sign(x), sy = sign(y);
  if (sx === 0 && sy < 0) throw new SqlError(SqlState.invalidArgumentForPowerFunction, 'zero raised to a negative power is undefined');
  if (sx < 0 && y.special === FINITE && !isIntegral(y)) throw new SqlError(SqlState.invalidArgumentForPowerFunction, 'a negative number raised to a non-integer power yields a complex result');
  if (y.special !== FINITE) {
    if (one(x, -1n) || one(x, 1n)) return new Decimal(1n, 0);
    const absGtOne = x.special !== FINITE || (x.coef < 0n ? -x.coef : x.coef) > pow10(x.scale);
    return absGtOne === (sy > 0) ? DECIMAL_PINF : DECIMAL_ZERO;
  }
  if (sx > 0) return sy < 0 ? DECIMAL_ZERO : sy > 0 ? DECIMAL_PINF : new Decimal(1n, 0);
  if (sy < 0) return DECIMAL_ZERO;
  if (sy === 0) return new Decimal(1n, 0);
  const odd = isIntegral(y) && (integerValue(y) & 1n) === 1n;
  return odd ? new Decimal(0n, 0, NINF) : DECIMAL_PINF;
}

