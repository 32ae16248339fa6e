/**
 * Row estimates for plans, from the rows each relation held when the query was planned
 * (`scan.rows`) and fixed selectivities for conditions, as System R did before histograms:
 * an equality with a constant keeps a tenth, any other condition a third. Good enough to
 * tell a join that follows a predicate from a cross product, which is what join ordering
 * needs; not meant to predict exact sizes.
 */
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { conjuncts } from '../planner/expr-utils.ts';

/** Rows assumed for a relation whose size is unknown (a source, a view being planned). */
export const UNKNOWN_ROWS = 1000;

/** The fraction of rows a condition keeps. */
export function selectivity(predicate: BoundExpr): number {
  let s = 1;
  for (const c of conjuncts(predicate)) {
    if (c.kind === 'literal') s *= c.value === true ? 1 : 0;
    else if (c.kind === 'compare' && c.op === '=' && (columnsOf(c.left).size === 0 || columnsOf(c.right).size === 0)) s *= 0.1;
    else if (c.kind === 'in-list' && !c.negated) s *= Math.min(1, 0.1 * c.list.length);
    else if (c.kind === 'is-null' && !c.negated) s *= 0.1;
    else s *= 1 / 3;
  }
  return s;
}

export function estimateRows(p: LogicalPlan): number {
  switch (p.kind) {
    case 'scan':
      return p.rows ?? UNKNOWN_ROWS;
    case 'values':
      return p.rows.length;
    case 'filter':
      return Math.max(1, estimateRows(p.input) * selectivity(p.predicate));
    case 'aggregate':
      return p.groupKeys.length === 0 ? 1 : Math.max(1, estimateRows(p.input) / 2);
    case 'join': {
      const l = estimateRows(p.left);
      const r = estimateRows(p.right);
      if (p.type === 'semi' || p.type === 'anti') return Math.max(1, l / 2);
      const joined = p.leftKeys.length > 0 ? Math.max(l, r) : l * r;
      const inner = p.residual === null ? joined : joined * selectivity(p.residual);
      if (p.type === 'inner') return Math.max(1, inner);
      return Math.max(inner, p.type === 'left' ? l : p.type === 'right' ? r : l + r);
    }
    case 'union':
      return p.inputs.reduce((n, i) => n + estimateRows(i), 0);
    case 'series':
      return estimateRows(p.input) * 10;
    case 'rank':
      return p.limit === null ? estimateRows(p.input) : Math.min(estimateRows(p.input), p.limit * Math.max(1, p.partitionBy.length * 10));
    default:
      return estimateRows(p.input);
  }
}
