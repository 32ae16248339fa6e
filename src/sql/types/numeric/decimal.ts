/**
 * Decimal: Weir's exact `numeric`. A finite value is `coef × 10^-scale` with a bigint
 * coefficient and `scale` = PostgreSQL's display scale (dscale, ≥ 0), so `1.50` keeps its two
 * digits the way PostgreSQL prints them. NaN and ±Infinity (PostgreSQL 14+) are singletons.
 *
 * bigint does the digit work, so there is no floating point anywhere and precision is
 * unbounded; PostgreSQL's own limits (131072 digits before the point, 16383 after) are
 * enforced where values are made.
 */

/** 0 finite, 1 NaN, 2 +Infinity, 3 -Infinity. */
export type DecimalSpecial = 0 | 1 | 2 | 3;
export const FINITE = 0, NAN = 1, PINF = 2, NINF = 3;

export class Decimal {
  readonly coef: bigint;
  readonly scale: number;
  readonly special: DecimalSpecial;

  constructor(coef: bigint, scale: number, special: DecimalSpecial = 0) {
    this.coef = coef;
    this.scale = scale;
    this.special = special;
  }

  /** Text exactly as PostgreSQL's numeric_out prints it. */
  toString(): string {
    return decimalToString(this);
  }
}

export const DECIMAL_NAN = Object.freeze(new Decimal(0n, 0, NAN));
export const DECIMAL_PINF = Object.freeze(new Decimal(0n, 0, PINF));
export const DECIMAL_NINF = Object.freeze(new Decimal(0n, 0, NINF));
export const DECIMAL_ZERO = Object.freeze(new Decimal(0n, 0));

export const isDecimal = (v: unknown): v is Decimal => v instanceof Decimal;

/** Powers of ten, cached: scale alignment asks for the same few again and again. */
const POW10: bigint[] = [1n];
export function pow10(n: number): bigint {
  if (n < 0) throw new RangeError(`pow10(${n})`);
  if (n > 2048) return 10n ** BigInt(n); // rare: do not grow the cache without bound
  for (let i = POW10.length; i <= n; i++) POW10.push(POW10[i - 1]! * 10n);
  return POW10[n]!;
}

export function decimalFromInt(v: number | bigint): Decimal {
  return new Decimal(typeof v === 'bigint' ? v : BigInt(v), 0);
}

export function decimalToString(d: Decimal): string {
  if (d.special !== FINITE) return d.special === NAN ? 'NaN' : d.special === PINF ? 'Infinity' : '-Infinity';
  if (d.scale === 0) return d.coef.toString();
  const neg = d.coef < 0n;
  let digits = (neg ? -d.coef : d.coef).toString();
  if (digits.length <= d.scale) digits = '0'.repeat(d.scale - digits.length + 1) + digits;
  const cut = digits.length - d.scale;
  return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
}

/** -1, 0, 1 with NaN above +Infinity above every finite value (PostgreSQL's btree order). */
export function decimalCmp(a: Decimal, b: Decimal): number {
  if (a.special !== FINITE || b.special !== FINITE) {
    return specialRank(a) - specialRank(b) > 0 ? 1 : specialRank(a) === specialRank(b) ? 0 : -1;
  }
  if (a.scale === b.scale) return a.coef < b.coef ? -1 : a.coef > b.coef ? 1 : 0;
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}
const specialRank = (d: Decimal): number => (d.special === NAN ? 3 : d.special === PINF ? 2 : d.special === NINF ? -2 : 0);

export const decimalEq = (a: Decimal, b: Decimal): boolean => decimalCmp(a, b) === 0;

/** Coefficients of a and b at the larger of the two scales. */
export function align(a: Decimal, b: Decimal): [bigint, bigint] {
  if (a.scale === b.scale) return [a.coef, b.coef];
  if (a.scale > b.scale) return [a.coef, b.coef * pow10(a.scale - b.scale)];
  return [a.coef * pow10(b.scale - a.scale), b.coef];
}

/**
 * A string equal for equal values whatever their display scale (`1.0` and `1.00`), for hash
 * keys: GROUP BY and joins treat them as the same value, as PostgreSQL's hash_numeric does.
 */
export function decimalKey(d: Decimal): string {
  if (d.special !== FINITE || d.coef === 0n) return d.special === FINITE ? '0' : decimalToString(d);
  let c = d.coef, s = d.scale;
  while (s > 0 && c % 10n === 0n) { c /= 10n; s--; }
  return s === 0 ? c.toString() : `${c}e-${s}`;
}

/** Sign of a finite or infinite value (NaN gives 0). */
export function decimalSign(d: Decimal): number {
  if (d.special === PINF) return 1;
  if (d.special === NINF) return -1;
  if (d.special === NAN) return 0;
  return d.coef > 0n ? 1 : d.coef < 0n ? -1 : 0;
}

/** Number of decimal digits of |c| (c ≠ 0). */
export function digitCount(c: bigint): number {
  return (c < 0n ? -c : c).toString().length;
}

/** Round coef×10^-from to `to` digits after the point, half away from zero (PostgreSQL's round_var). */
export function rescale(coef: bigint, from: number, to: number): bigint {
  if (to >= from) return coef * pow10(to - from);
  const div = pow10(from - to);
  const q = coef / div;
  const r = coef - q * div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= div) return coef < 0n ? q - 1n : q + 1n;
  return q;
}
