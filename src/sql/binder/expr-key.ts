/** Structural keys of bound expressions: what the binder and the planner compare expressions by. */
import { childrenOf, type BoundExpr } from './bound-expr.ts';
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
    case 'aggregate-call':
      return `agg:${e.name}${e.distinct}(${childrenOf(e).map(exprKey).join(',')})`;
    case 'grouping':
      return `grouping(${e.args.map(exprKey).join(',')})`;
    case 'window-call':
      return `win:${JSON.stringify(e.call, (k, v: unknown) => (k === 'arg' || k === 'fallback' || k === 'aggregate' ? undefined : v))}(${childrenOf(e).map(exprKey).join(',')})`;
  }
}
