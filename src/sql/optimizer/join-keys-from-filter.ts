/**
 * Turns `FROM a, b WHERE a.x = b.y` into a hash join on x = y: equalities between the two
 * sides of an inner join, found in a filter above it, become join keys (a cross join of
 * the two inputs would keep every pair in state).
 */
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import { conjuncts, shiftColumns } from '../planner/expr-utils.ts';
import type { Rule } from './rule.ts';

export const joinKeysFromFilter: Rule = {
  name: 'join-keys-from-filter',
  apply(plan) {
    if (plan.kind !== 'filter' || plan.input.kind !== 'join' || plan.input.type !== 'inner') return null;
    const join = plan.input;
    const nLeft = join.left.schema.length;
    const leftKeys = [...join.leftKeys];
    const rightKeys = [...join.rightKeys];
    const rest: BoundExpr[] = [];
    for (const c of conjuncts(plan.predicate)) {
      if (c.kind === 'compare' && c.op === '=') {
        const l = [...columnsOf(c.left)];
        const r = [...columnsOf(c.right)];
        const leftSide = (cs: number[]): boolean => cs.length > 0 && cs.every((i) => i < nLeft);
        const rightSide = (cs: number[]): boolean => cs.length > 0 && cs.every((i) => i >= nLeft);
        if (leftSide(l) && rightSide(r)) {
          leftKeys.push(c.left);
          rightKeys.push(shiftColumns(c.right, -nLeft));
          continue;
        }
        if (rightSide(l) && leftSide(r)) {
          leftKeys.push(c.right);
          rightKeys.push(shiftColumns(c.left, -nLeft));
          continue;
        }
      }
      rest.push(c);
    }
    if (leftKeys.length === join.leftKeys.length) return null;
    const newJoin = { ...join, leftKeys, rightKeys };
    if (rest.length === 0) return newJoin;
    return { ...plan, input: newJoin, predicate: rest.length === 1 ? (rest[0] as BoundExpr) : { kind: 'and', args: rest, type: plan.predicate.type } };
  },
};
