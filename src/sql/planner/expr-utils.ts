/** Helpers over bound expressions the planner needs: structural keys, rewriting, conjuncts. */
import { mapWindowFunction, type BoundExpr } from '../binder/bound-expr.ts';

export { exprKey } from '../binder/expr-key.ts';

/**
 * Rebuilds `e` bottom-up, letting `f` replace any node first (returning undefined keeps
 * descending). Used to re-point column references after aggregation or in join inputs.
 */
export function rewrite(e: BoundExpr, f: (e: BoundExpr) => BoundExpr | undefined): BoundExpr {
  const r = f(e);
  if (r !== undefined) return r;
  const go = (x: BoundExpr): BoundExpr => rewrite(x, f);
  switch (e.kind) {
    case 'column':
    case 'outer':
    case 'literal':
      return e;
    case 'operator':
    case 'function':
    case 'and':
    case 'or':
    case 'coalesce':
      return { ...e, args: e.args.map(go) } as BoundExpr;
    case 'compare':
    case 'is-distinct':
    case 'nullif':
      return { ...e, left: go(e.left), right: go(e.right) } as BoundExpr;
    case 'cast':
    case 'not':
    case 'is-null':
    case 'is-bool':
      return { ...e, arg: go(e.arg) } as BoundExpr;
    case 'case':
      return { ...e, whens: e.whens.map(([c, v]) => [go(c), go(v)] as const), otherwise: go(e.otherwise) };
    case 'in-list':
      return { ...e, arg: go(e.arg), list: e.list.map(go) };
    case 'like':
      return { ...e, arg: go(e.arg), pattern: go(e.pattern) };
    case 'aggregate-call':
      return { ...e, arg: go(e.arg), extra: e.extra === null ? null : go(e.extra), ...(e.orderBy && { orderBy: e.orderBy.map(go) }), filter: e.filter === null ? null : go(e.filter) };
    case 'grouping':
      return { ...e, args: e.args.map(go) };
    case 'window-call':
      return { ...e, partitionBy: e.partitionBy.map(go), orderBy: e.orderBy.map((o) => ({ ...o, expr: go(o.expr) })), call: mapWindowFunction(e.call, go) };
  }
}

/** The AND-ed parts of a condition. */
export function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? e.args.flatMap(conjuncts) : [e];
}

/** Shifts column references by `delta` (a right join input's columns after the left's). */
export function shiftColumns(e: BoundExpr, delta: number): BoundExpr {
  return rewrite(e, (x) => (x.kind === 'column' ? { ...x, index: x.index + delta } : undefined));
}
