/**
 * gamma(double precision) and lgamma(double precision), as PostgreSQL 18's dgamma/dlgamma
 * (float.c) wrap C's tgamma/lgamma: NaN passes through, +Infinity gives +Infinity, a pole
 * (zero, a negative integer) or an infinite result is 22003 "value out of range: overflow",
 * a result that rounds to zero "value out of range: underflow"; lgamma(-Infinity) is
 * +Infinity.
 *
 * The values come from the Lanczos approximation (g = 7, nine terms, relative error near
 * 1e-15), with Stirling's series for large arguments and the reflection formula below 1/2;
 * gamma of a positive integer is its factorial, exactly where a double holds it.
 */
import { DOUBLE, SqlError, SqlState } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';

const overflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow');
const underflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: underflow');

const G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

function lanczosSum(x: number): number {
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i);
  return a;
}

/** sin(πx), reduced first so that large arguments keep their precision (sin πx = ±sin π(x − n)). */
function sinPi(x: number): number {
  const n = Math.round(x);
  const s = Math.sin(Math.PI * (x - n));
  return n % 2 === 0 ? s : -s;
}

/** log|Γ(x)| for finite x that is not a pole. */
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
  if (x >= 30) {
    const r = 1 / x, r2 = r * r;
    const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
    return (x - 0.5) * (Math.log(x) - 1) + (HALF_LOG_2PI - 0.5) + series;
  }
  return Math.log(gammaOf(x));
}

/** Γ(x) for finite x that is not a pole; may be ±Infinity or 0 where it leaves the doubles. */
function gammaOf(x: number): number {
  if (Number.isInteger(x) && x > 0 && x <= 171) {
    let f = 1;
    for (let i = 2; i < x; i++) f *= i;
    return f;
  }
  if (x < 0.5) {
    const s = sinPi(x);
    return Math.PI / (s * gammaOf(1 - x));
  }
  if (x > 171.7) return Infinity;
  const y = x - 1;
  const t = y + G + 0.5;
  // t^(y+0.5) split in two so it does not overflow before e^-t brings it back.
  const half = Math.pow(t, (y + 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * half * (half * Math.exp(-t)) * lanczosSum(y);
}

export function gamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) {
    if (x < 0) throw overflow();
    return x;
  }
  if (x === 0 || (x < 0 && Number.isInteger(x))) throw overflow();
  const r = gammaOf(x);
  if (!Number.isFinite(r)) throw overflow();
  if (r === 0) throw underflow();
  return r;
}

export function lgamma(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Infinity;
  if (x === 0 || (x < 0 && Number.isInteger(x))) throw overflow();
  const r = logGamma(x);
  if (!Number.isFinite(r)) throw overflow();
  return r;
}

export const GAMMA_FUNCTIONS: readonly FunctionSignature[] = [
  fn('gamma', [DOUBLE], DOUBLE, ([x]) => gamma(x as number)),
  fn('lgamma', [DOUBLE], DOUBLE, ([x]) => lgamma(x as number)),
];
