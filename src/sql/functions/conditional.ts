/**
 * COALESCE, NULLIF, GREATEST and LEAST are syntax in PostgreSQL's parse tree (CoalesceExpr,
 * NullIfExpr, MinMaxExpr), not catalogue functions, so the binder owns them as expressions.
 * These helpers give it PostgreSQL's typing and the per-row work:
 *  - COALESCE/GREATEST/LEAST: one common type of all arguments (select_common_type), every
 *    argument cast to it; COALESCE returns the first non-null, GREATEST/LEAST ignore NULLs and
 *    are NULL only when all are.
 *  - NULLIF(a, b): the `=` operator resolved between a and b; the result has the type of that
 *    operator's left input; NULL when `a = b` is true.
 */
import { castFunction, commonTypeOf, type Comparator, type DataType, type SessionContext } from '../types/index.ts';
import { comparatorFor } from '../types/index.ts';
import { resolveOperatorFunction } from './operator-functions.ts';

/** The type COALESCE(args…) returns and casts every argument to (`null` = untyped literal). */
export const coalesceType = (args: readonly (DataType | null)[]): DataType => commonTypeOf(args.map(orUnknown), 'COALESCE');
export const greatestType = (args: readonly (DataType | null)[]): DataType => commonTypeOf(args.map(orUnknown), 'GREATEST');
export const leastType = (args: readonly (DataType | null)[]): DataType => commonTypeOf(args.map(orUnknown), 'LEAST');
const orUnknown = (t: DataType | null): DataType => t ?? { kind: 'unknown' };

/**
 * NULLIF(a, b)'s typing, as PostgreSQL's transformAExprNullIf does it: the `=` operator is
 * resolved between a and b, and the result has the type of its left input, so NULLIF(int, bigint)
 * is integer (there is an int4 = int8 operator), NULLIF(int, numeric) numeric and
 * NULLIF(int, real) double precision (float8 = float8 is chosen). a keeps its modifier when it is
 * not cast. a is cast to `type`, b to `right` (the operator's right input), and `cmp` compares the
 * two in their common type, into which both cast implicitly.
 */
export function nullifTyping(a: DataType, b: DataType, session?: SessionContext): { readonly type: DataType; readonly right: DataType; readonly cmp: Comparator } {
  const op = resolveOperatorFunction('=', a, b, session);
  const left = op.argTypes[0] ?? a;
  const type = left.kind === a.kind ? a : left;
  const rightOp = op.argTypes[1] ?? b;
  const right = rightOp.kind === b.kind ? b : rightOp;
  if (type.kind === right.kind) return { type, right, cmp: comparatorFor(type) };
  const common = commonTypeOf([type, right], 'NULLIF');
  const inCommon = comparatorFor(common);
  const castLeft = type.kind === common.kind ? (x: unknown) => x : castFunction(type, common, 'i', session);
  const castRight = right.kind === common.kind ? (x: unknown) => x : castFunction(right, common, 'i', session);
  return { type, right, cmp: (x, y) => inCommon(castLeft(x as never) as never, castRight(y as never) as never) };
}

/** COALESCE over values already cast to the common type. */
export function coalesce(values: readonly unknown[]): unknown {
  for (const v of values) if (v !== null) return v;
  return null;
}

/** GREATEST (sign 1) or LEAST (sign −1) over values of `type`, skipping NULLs. */
export function minMaxImpl(type: DataType, sign: 1 | -1): (values: readonly unknown[]) => unknown {
  const cmp = comparatorFor(type);
  return (values) => {
    let best: unknown = null;
    for (const v of values) {
      if (v === null) continue;
      if (best === null || cmp(v as never, best as never) * sign > 0) best = v;
    }
    return best;
  };
}

/**
 * NULLIF(a, b): resolves `a = b` as PostgreSQL does and returns the evaluator plus the types
 * to cast a and b to. The result has a's type (before the cast).
 */
export function nullifImpl(a: DataType | null, b: DataType | null, session?: SessionContext): {
  readonly argTypes: readonly DataType[];
  /** `a` as written (the result), and a and b cast to argTypes for the comparison. */
  readonly impl: (a: unknown, aCast: unknown, bCast: unknown, session: SessionContext) => unknown;
} {
  const eq = resolveOperatorFunction('=', a, b, session);
  return {
    argTypes: eq.argTypes,
    impl: (x, xc, yc, s) => (x !== null && yc !== null && eq.impl([xc, yc], s) === true ? null : x),
  };
}
