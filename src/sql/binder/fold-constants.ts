/**
 * Constant folding: an expression that reads no column and calls nothing that changes
 * within a session (now(), random(), ...) has one value; the binder replaces it with that
 * value, bottom-up as it binds (`1 + 2 * 3` → 7, `date '2024-01-01' + 1` → a date, `x > 2 + 3`
 * → `x > 5`). The value is computed with the session that runs the plan (a view's plans are
 * made and run with the engine's defaults, a query's with its session's). An expression
 * whose evaluation fails (`1 / 0`) is left as it is, to fail if and when it runs, as
 * PostgreSQL's folding never turns a branch that is not taken into an error of the query.
 */
import { compileExpr } from '../codegen/compile-expr.ts';
import type { SessionContext } from '../types/index.ts';
import type { BoundExpr } from './bound-expr.ts';

/** Whether `e` is built from literals only, with immutable calls. */
function constant(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'column':
    case 'outer':
      return false;
    case 'function':
      return (e.volatility ?? 'immutable') === 'immutable' && e.args.every(constant);
    case 'operator':
    case 'and':
    case 'or':
    case 'coalesce':
      return e.args.every(constant);
    case 'compare':
    case 'is-distinct':
    case 'nullif':
      return constant(e.left) && constant(e.right);
    case 'cast':
    case 'not':
    case 'is-null':
    case 'is-bool':
      return constant(e.arg);
    case 'case':
      return e.whens.every(([w, t]) => constant(w) && constant(t)) && constant(e.otherwise);
    case 'in-list':
      return constant(e.arg) && e.list.every(constant);
    case 'like':
      return constant(e.arg) && constant(e.pattern);
    case 'aggregate-call':
    case 'grouping':
    case 'window-call':
      return false;
  }
}

export function foldConstant(e: BoundExpr, session: SessionContext): BoundExpr {
  if (e.kind === 'literal' || e.kind === 'column' || e.type.kind === 'unknown' || !constant(e)) return e;
  try {
    return { kind: 'literal', value: compileExpr(e, session).fn([]), type: e.type };
  } catch {
    return e;
  }
}
