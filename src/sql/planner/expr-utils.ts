/** Helpers over bound expressions the planner needs: structural keys, rewriting, conjuncts. */
import type { BoundExpr } from '../binder/bound-expr.ts';
import { valueKey } from '../types/values.ts';

/** A text equal for structurally equal expressions (same shape, columns, constants, operators). */
export function exprKey(e: BoundExpr): string {
  switch (e.kind) {
    case 'column':
      return `#${e.index}`;
    case 'outer':
      return `^${e.depth}#${e.index}`;
    case 'literal':
      return `lit(${e.type.kind}:${valueKey(e.value)})`;
    case 'operator':
      return `op${e.op}(${e.args.map(exprKey).join(',')})`;
    case 'compare':
      return `cmp${e.op}(${exprKey(e.left)},${exprKey(e.right)})`;
    case 'cast':
      return `cast:${valueKey(e.type)}(${exprKey(e.arg)})`;
    case 'function':
      return `fn:${e.name}(${e.args.map(exprKey).join(',')})`;
    case 'and':
    case 'or':
    case 'coalesce':
      return `${e.kind}(${e.args.map(exprKey).join(',')})`;
    case 'not':
      return `not(${exprKey(e.arg)})`;
    case 'is-null':
      return `isnull${e.negated}(${exprKey(e.arg)})`;
    case 'is-bool':
      return `isbool${e.value}${e.negated}(${exprKey(e.arg)})`;
    case 'is-distinct':
      return `distinct${e.negated}(${exprKey(e.left)},${exprKey(e.right)})`;
    case 'case':
      return `case(${e.whens.map(([c, r]) => `${exprKey(c)}:${exprKey(r)}`).join(',')};${exprKey(e.otherwise)})`;
    case 'nullif':
      return `nullif(${exprKey(e.left)},${exprKey(e.right)})`;
    case 'in-list':
      return `in${e.negated}(${exprKey(e.arg)};${e.list.map(exprKey).join(',')})`;
    case 'like':
      return `like${e.caseInsensitive}${e.negated}(${exprKey(e.arg)},${exprKey(e.pattern)})`;
  }
}

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
