/**
 * Pushes WHERE conditions below joins: a conjunct that reads only one side's columns
 * filters that side before the join (less state, fewer rows through the exchange). For an
 * outer join only the preserved side may be filtered early (filtering the padded side
 * first would turn its missing matches into padded rows the WHERE would have removed).
 * Conjuncts of both sides stay above the join. A semi or anti join's output is its left row,
 * so every conjunct filters the left side first.
 */
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { conjuncts, shiftColumns } from '../planner/expr-utils.ts';
import type { Rule } from './rule.ts';

function and(parts: readonly BoundExpr[]): BoundExpr | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as BoundExpr) : { kind: 'and', args: parts, type: (parts[0] as BoundExpr).type };
}

export const pushDownFilter: Rule = {
  name: 'push-down-filter',
  apply(plan) {
    if (plan.kind !== 'filter' || plan.input.kind !== 'join') return null;
    const join = plan.input;
    const nLeft = join.left.schema.length;
    const toLeft: BoundExpr[] = [];
    const toRight: BoundExpr[] = [];
    const stay: BoundExpr[] = [];
    for (const c of conjuncts(plan.predicate)) {
      const cols = [...columnsOf(c)];
      const leftOnly = cols.every((i) => i < nLeft);
      const rightOnly = cols.length > 0 && cols.every((i) => i >= nLeft);
      if (leftOnly && (join.type === 'inner' || join.type === 'left' || join.type === 'semi' || join.type === 'anti')) toLeft.push(c);
      else if (rightOnly && (join.type === 'inner' || join.type === 'right')) toRight.push(shiftColumns(c, -nLeft));
      else stay.push(c);
    }
    if (toLeft.length === 0 && toRight.length === 0) return null;
    const left = and(toLeft);
    const right = and(toRight);
    const newJoin: LogicalPlan = {
      ...join,
      left: left === null ? join.left : { kind: 'filter', input: join.left, predicate: left, schema: join.left.schema },
      right: right === null ? join.right : { kind: 'filter', input: join.right, predicate: right, schema: join.right.schema },
    };
    const rest = and(stay);
    return rest === null ? newJoin : { kind: 'filter', input: newJoin, predicate: rest, schema: plan.schema };
  },
};
