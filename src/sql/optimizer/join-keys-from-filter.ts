/**
 * Turns `FROM a, b WHERE a.x = b.y` into a hash join on x = y: equalities between the two
 * sides of an inner join, found in a filter above it, become join keys (a cross join of
 * the two inputs would keep every pair in state). Other conditions over both sides join the
 * ON condition (the residual), where an interval join finds its time bounds.
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
    const residual: BoundExpr[] = join.residual === null ? [] : [join.residual];
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
      const cs = [...columnsOf(c)];
      if (cs.some((i) => i < nLeft) && cs.some((i) => i >= nLeft)) residual.push(c);
      else rest.push(c);
    }
    const moved = residual.length - (join.residual === null ? 0 : 1);
    if (leftKeys.length === join.leftKeys.length && moved === 0) return null;
    const newJoin = {
      ...join,
      leftKeys,
      rightKeys,
      residual: residual.length === 0 ? null : residual.length === 1 ? (residual[0] as BoundExpr) : ({ kind: 'and', args: residual, type: plan.predicate.type } as BoundExpr),
    };
    if (rest.length === 0) return newJoin;
    return { ...plan, input: newJoin, predicate: rest.length === 1 ? (rest[0] as BoundExpr) : { kind: 'and', args: rest, type: plan.predicate.type } };
  },
};
