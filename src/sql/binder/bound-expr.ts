/**
 * Bound expressions: what the binder makes of the parser's expression trees. Every node
 * has its result type; column references point at positions of the input row; literals
 * already hold runtime values (see src/sql/types/values.ts). Immutable tagged union.
 */
import type { CastFn, Comparator, DataType, OperatorImpl } from '../types/index.ts';

export type BoundExpr =
  | { readonly kind: 'column'; readonly index: number; readonly type: DataType; readonly name: string }
  | { readonly kind: 'literal'; readonly value: unknown; readonly type: DataType }
  /**
   * A column of an enclosing query read by a subquery (a correlated reference): `depth` 1 is
   * the query the subquery is part of, 2 the one around that, ...; `index` is the column's
   * position in that query's FROM row. The planner unnests every such reference into joins
   * (see planner/unnest.ts), so none reaches code generation.
   */
  | { readonly kind: 'outer'; readonly depth: number; readonly index: number; readonly type: DataType; readonly name: string }
  /** A binary or prefix operator from the type system's catalogue (arguments already cast). */
  | { readonly kind: 'operator'; readonly op: string; readonly impl: OperatorImpl; readonly args: readonly BoundExpr[]; readonly type: DataType }
  /** `=, <>, <, <=, >, >=` with the comparator of the arguments' common type. */
  | { readonly kind: 'compare'; readonly op: string; readonly cmp: Comparator; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: DataType }
  | { readonly kind: 'cast'; readonly arg: BoundExpr; readonly fn: CastFn; readonly type: DataType }
  | {
      readonly kind: 'function';
      readonly name: string;
      readonly impl: (args: readonly unknown[], session: unknown) => unknown;
      readonly strict: boolean;
      readonly args: readonly BoundExpr[];
      readonly type: DataType;
      /** 'stable' (now(), ...) and 'volatile' calls are never folded to constants; absent: immutable. */
      readonly volatility?: 'immutable' | 'stable' | 'volatile';
    }
  | { readonly kind: 'and' | 'or'; readonly args: readonly BoundExpr[]; readonly type: DataType }
  | { readonly kind: 'not'; readonly arg: BoundExpr; readonly type: DataType }
  | { readonly kind: 'is-null'; readonly arg: BoundExpr; readonly negated: boolean; readonly type: DataType }
  /** `IS [NOT] TRUE/FALSE/UNKNOWN`. */
  | { readonly kind: 'is-bool'; readonly arg: BoundExpr; readonly value: boolean | null; readonly negated: boolean; readonly type: DataType }
  | { readonly kind: 'is-distinct'; readonly left: BoundExpr; readonly right: BoundExpr; readonly cmp: Comparator; readonly negated: boolean; readonly type: DataType }
  | { readonly kind: 'case'; readonly whens: ReadonlyArray<readonly [BoundExpr, BoundExpr]>; readonly otherwise: BoundExpr; readonly type: DataType }
  | { readonly kind: 'coalesce'; readonly args: readonly BoundExpr[]; readonly type: DataType }
  | { readonly kind: 'nullif'; readonly left: BoundExpr; readonly right: BoundExpr; readonly cmp: Comparator; readonly type: DataType }
  /** `x [NOT] IN (a, b, ...)`: SQL's three-valued membership. */
  | { readonly kind: 'in-list'; readonly arg: BoundExpr; readonly list: readonly BoundExpr[]; readonly cmp: Comparator; readonly negated: boolean; readonly type: DataType }
  /** `x [NOT] LIKE pattern` (ILIKE when `caseInsensitive`). */
  | { readonly kind: 'like'; readonly arg: BoundExpr; readonly pattern: BoundExpr; readonly caseInsensitive: boolean; readonly negated: boolean; readonly type: DataType };

export type BoundExprKind = BoundExpr['kind'];

/** The columns a bound expression reads. */
export function columnsOf(e: BoundExpr, out: Set<number> = new Set()): Set<number> {
  switch (e.kind) {
    case 'column':
      out.add(e.index);
      break;
    case 'literal':
    case 'outer':
      break;
    case 'operator':
    case 'function':
    case 'and':
    case 'or':
    case 'coalesce':
      for (const a of e.args) columnsOf(a, out);
      break;
    case 'compare':
    case 'is-distinct':
    case 'nullif':
      columnsOf(e.left, out);
      columnsOf(e.right, out);
      break;
    case 'cast':
    case 'not':
    case 'is-null':
    case 'is-bool':
      columnsOf(e.arg, out);
      break;
    case 'case':
      for (const [w, t] of e.whens) {
        columnsOf(w, out);
        columnsOf(t, out);
      }
      columnsOf(e.otherwise, out);
      break;
    case 'in-list':
      columnsOf(e.arg, out);
      for (const a of e.list) columnsOf(a, out);
      break;
    case 'like':
      columnsOf(e.arg, out);
      columnsOf(e.pattern, out);
      break;
  }
  return out;
}
