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
 * NULLIF(a, b)'s result type and comparison, as PostgreSQL's transformAExprNullIf types it: the
 * result is the type of the `=` operator's left input, so NULLIF(int, bigint) is integer (there
 * is an int4 = int8 operator) and NULLIF(int, numeric) is numeric (numeric = numeric is chosen),
 * keeping a's modifier when a is not cast. `cmp` compares a value of that type with b cast to
 * `common`, their common type, in which the comparison runs.
 */
export function nullifTyping(a: DataType, b: DataType, common: DataType, session?: SessionContext): { readonly type: DataType; readonly cmp: Comparator } {
  const left = resolveOperatorFunction('=', a, b, session).argTypes[0] ?? common;
  const type = left.kind === a.kind ? a : left;
  const inCommon = comparatorFor(common);
  if (type.kind === common.kind) return { type, cmp: inCommon };
  const cast = castFunction(type, common, 'i', session);
  return { type, cmp: (x, y) => inCommon(cast(x as never) as never, y) };
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
