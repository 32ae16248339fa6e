/**
 * The floating-point statistics aggregates, retractable: var_pop / var_samp / stddev_pop /
 * stddev_samp (and the variance / stddev aliases) over real and double precision, and the
 * two-variable ones corr, covar_pop, covar_samp and regr_* (avgx, avgy, count, intercept, r2,
 * slope, sxx, sxy, syy) over (Y, X).
 *
 * PostgreSQL accumulates N, Sx, Sxx (and Sy, Syy, Sxy) in floating point with Youngs-Cramer
 * updates (float8_accum, float8_regr_accum), which cannot be undone. Weir keeps Σx, Σx², Σy,
 * Σy², Σxy exactly (exact-float-sum.ts) and derives Sxx = Σx² − (Σx)²/N etc. rounded once,
 * then applies PostgreSQL's final formulas (float8_var_pop, float8_corr, ...) in floating
 * point. The results equal PostgreSQL's when its running sums are exact and are otherwise
 * closer to the exact value (PostgreSQL's own depend on the rows' order); they may differ in
 * the last digits. Infinite and NaN inputs behave as PostgreSQL's: they make the dependent
 * moments NaN; finite inputs whose moments overflow raise 22003.
 */
import type { RetractableAggregate } from '../../../runtime/relational/aggregate-function.ts';
import { BIGINT, DOUBLE, SqlError, canCoerceImplicitly, castFunction, formatType, type DataType } from '../../types/index.ts';
import { DYADIC_ZERO, dyadicAdd, dyadicMul, dyadicNeg, dyadicOf, dyadicToDouble, scaledCoMoment, type Dyadic } from './exact-float-sum.ts';
import { SqlState, undefinedFunction, FUNCTION_CAST_HINT } from '../../../errors/index.ts';

/** The exact sums of one variable: finite values' Σ and Σ², and counts of the special values. */
interface Moments { s: Dyadic; ss: Dyadic; nan: number; pinf: number; ninf: number }

const emptyMoments = (): Moments => ({ s: DYADIC_ZERO, ss: DYADIC_ZERO, nan: 0, pinf: 0, ninf: 0 });

function fold(m: Moments, x: number, d: 1 | -1): Moments {
  if (x !== x) return { ...m, nan: m.nan + d };
  if (x === Infinity) return { ...m, pinf: m.pinf + d };
  if (x === -Infinity) return { ...m, ninf: m.ninf + d };
  const v = dyadicOf(x);
  const sq = dyadicMul(v, v);
  return { ...m, s: dyadicAdd(m.s, d === 1 ? v : dyadicNeg(v)), ss: dyadicAdd(m.ss, d === 1 ? sq : dyadicNeg(sq)) };
}

const finite = (m: Moments): boolean => m.nan + m.pinf + m.ninf === 0;
const overflow = (): SqlError => new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow');

/** Σx as floating-point addition gives it: NaN with a NaN or both infinities, else the infinity, else the exact sum rounded. */
function sumOf(m: Moments): number {
  if (m.nan > 0 || (m.pinf > 0 && m.ninf > 0)) return NaN;
  if (m.pinf > 0) return Infinity;
  if (m.ninf > 0) return -Infinity;
  const s = dyadicToDouble(m.s);
  if (!Number.isFinite(s)) throw overflow();
  return s;
}

/** Sxx = Σ(x − x̄)², NaN when an input is not finite. */
function squaredDeviations(n: number, m: Moments): number {
  if (!finite(m)) return NaN;
  const sxx = dyadicToDouble(scaledCoMoment(n, m.s, m.s, m.ss), BigInt(n));
  if (!Number.isFinite(sxx)) throw overflow();
  return sxx;
}

type VarianceName = 'var_pop' | 'var_samp' | 'stddev_pop' | 'stddev_samp';

/** var_pop / var_samp / stddev_pop / stddev_samp over real or double precision (the argument cast to double). */
export function floatVariance(name: VarianceName): RetractableAggregate<{ n: number; x: Moments }> {
  const sample = name.endsWith('samp');
  const root = name.startsWith('stddev');
  return {
    create: () => ({ n: 0, x: emptyMoments() }),
    add: (a, v) => ({ n: a.n + 1, x: fold(a.x, v as number, 1) }),
    retract: (a, v) => ({ n: a.n - 1, x: fold(a.x, v as number, -1) }),
    result: (a) => {
      if (a.n === 0 || (sample && a.n === 1)) return null;
      const v = squaredDeviations(a.n, a.x) / (sample ? a.n - 1 : a.n);
      return root ? Math.sqrt(v) : v;
    },
    ignoresNulls: true,
  };
}

/** The two-variable aggregates, by name; the argument is the record (Y, X). */
export type RegressionName =
  | 'corr' | 'covar_pop' | 'covar_samp' | 'regr_avgx' | 'regr_avgy' | 'regr_count' | 'regr_intercept'
  | 'regr_r2' | 'regr_slope' | 'regr_sxx' | 'regr_sxy' | 'regr_syy';

export const REGRESSION_AGGREGATES: ReadonlySet<string> = new Set<RegressionName>([
  'corr', 'covar_pop', 'covar_samp', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy', 'regr_syy',
]);

interface Pairs { n: number; y: Moments; x: Moments; sxy: Dyadic; nonFinitePairs: number }

function foldPair(a: Pairs, y: number, x: number, d: 1 | -1): Pairs {
  const both = Number.isFinite(x) && Number.isFinite(y);
  let sxy = a.sxy;
  if (both) {
    const p = dyadicMul(dyadicOf(x), dyadicOf(y));
    sxy = dyadicAdd(sxy, d === 1 ? p : dyadicNeg(p));
  }
  return { n: a.n + d, y: fold(a.y, y, d), x: fold(a.x, x, d), sxy, nonFinitePairs: a.nonFinitePairs + (both ? 0 : d) };
}

/** PostgreSQL's float8_regr_* final functions over N, Sx, Sy, Sxx, Syy, Sxy. */
function regressionResult(name: RegressionName, a: Pairs): number | null {
  const n = a.n;
  if (name === 'regr_count') return n;
  if (n < 1 || (name === 'covar_samp' && n < 2)) return null;
  const sx = (): number => sumOf(a.x);
  const sy = (): number => sumOf(a.y);
  const sxx = (): number => squaredDeviations(n, a.x);
  const syy = (): number => squaredDeviations(n, a.y);
  const sxy = (): number => {
    if (a.nonFinitePairs > 0) return NaN;
    const v = dyadicToDouble(scaledCoMoment(n, a.x.s, a.y.s, a.sxy), BigInt(n));
    if (!Number.isFinite(v)) throw overflow();
    return v;
  };
  switch (name) {
    case 'regr_sxx': return sxx();
    case 'regr_syy': return syy();
    case 'regr_sxy': return sxy();
    case 'regr_avgx': return sx() / n;
    case 'regr_avgy': return sy() / n;
    case 'covar_pop': return sxy() / n;
    case 'covar_samp': return sxy() / (n - 1);
    case 'corr': {
      const xx = sxx(), yy = syy();
      if (xx === 0 || yy === 0) return null;
      return sxy() / Math.sqrt(xx * yy);
    }
    case 'regr_r2': {
      const xx = sxx(), yy = syy();
      if (xx === 0) return null;
      if (yy === 0) return 1;
      const xy = sxy();
      return (xy * xy) / (xx * yy);
    }
    case 'regr_slope': {
      const xx = sxx();
      if (xx === 0) return null;
      return sxy() / xx;
    }
    case 'regr_intercept': {
      const xx = sxx();
      if (xx === 0) return null;
      return (sy() - (sx() * sxy()) / xx) / n;
    }
  }
}

/**
 * corr(Y, X) and the others over a record (Y, X) of any types that reach double precision
 * implicitly; a pair with a NULL is skipped (regr_count counts the pairs without).
 * @throws SqlError 42883 as PostgreSQL's `function corr(text, integer) does not exist`
 */
export function regressionAggregate(name: RegressionName, arg: DataType): { fn: RetractableAggregate<Pairs>; resultType: DataType } {
  const fields = arg.kind === 'record' ? arg.fields.map((f) => f.type) : [arg];
  if (fields.length !== 2 || !fields.every((t) => canCoerceImplicitly(t, DOUBLE))) {
    throw undefinedFunction(name, fields.map(formatType), FUNCTION_CAST_HINT);
  }
  const toY = castFunction(fields[0]!, DOUBLE, 'i') as (v: unknown) => unknown;
  const toX = castFunction(fields[1]!, DOUBLE, 'i') as (v: unknown) => unknown;
  const pair = (v: unknown): [number, number] | null => {
    const [y, x] = v as [unknown, unknown];
    return y === null || x === null ? null : [toY(y) as number, toX(x) as number];
  };
  const fn: RetractableAggregate<Pairs> = {
    create: () => ({ n: 0, y: emptyMoments(), x: emptyMoments(), sxy: DYADIC_ZERO, nonFinitePairs: 0 }),
    add: (a, v) => {
      const p = pair(v);
      return p === null ? a : foldPair(a, p[0], p[1], 1);
    },
    retract: (a, v) => {
      const p = pair(v);
      return p === null ? a : foldPair(a, p[0], p[1], -1);
    },
    result: (a) => regressionResult(name, a),
    ignoresNulls: true,
  };
  return { fn, resultType: name === 'regr_count' ? BIGINT : DOUBLE };
}
