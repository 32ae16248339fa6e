/**
 * Takes the conditions every branch of an OR shares out of it, as PostgreSQL's planner does
 * (orclauses.c's pull_ors and the CNF factoring of prepqual.c):
 *
 *   (p.k = l.k AND p.brand = 'A') OR (p.k = l.k AND p.brand = 'B')
 *     →  p.k = l.k AND (p.brand = 'A' OR p.brand = 'B')
 *
 * so that the shared equality can become a join key (TPC-H q19 crossed part with lineitem)
 * and a shared one-table condition can be pushed down. A branch left with nothing makes the
 * OR true, and it goes. Filters and join residuals both.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { conjuncts, exprKey } from '../planner/expr-utils.ts';
import type { Rule } from './rule.ts';

const and = (parts: readonly BoundExpr[], like: BoundExpr): BoundExpr =>
  parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: like.type };

/** exprKey, with the sides of = and <> in one order: `a = b` and `b = a` are one condition. */
function conditionKey(e: BoundExpr): string {
  if (e.kind !== 'compare' || (e.op !== '=' && e.op !== '<>')) return exprKey(e);
  const [l, r] = [exprKey(e.left), exprKey(e.right)].sort();
  return `cmp${e.op}(${l},${r})`;
}

/** One OR with its shared conjuncts taken out, or null when its branches share none. */
function factor(or: Extract<BoundExpr, { kind: 'and' | 'or' }>): BoundExpr[] | null {
  const branches = or.args.map(conjuncts);
  const first = branches[0]!;
  const common = first.filter((c) => branches.every((b) => b.some((x) => conditionKey(x) === conditionKey(c))));
  if (common.length === 0) return null;
  const keys = new Set(common.map(conditionKey));
  const rests = branches.map((b) => b.filter((x) => !keys.has(conditionKey(x))));
  // A branch with nothing left is the shared part alone: the OR holds whenever that does.
  if (rests.some((r) => r.length === 0)) return common;
  return [...common, { kind: 'or', args: rests.map((r) => and(r, or)), type: or.type }];
}

/** The condition with every top-level OR factored; null when nothing changed. */
export function factorOr(predicate: BoundExpr): BoundExpr | null {
  let changed = false;
  const out: BoundExpr[] = [];
  for (const c of conjuncts(predicate)) {
    const f = c.kind === 'or' ? factor(c) : null;
    if (f === null) out.push(c);
    else {
      changed = true;
      out.push(...f);
    }
  }
  return changed ? and(out, predicate) : null;
}

export const factorOrRule: Rule = {
  name: 'factor-or',
  apply(plan: LogicalPlan) {
    if (plan.kind === 'filter') {
      const p = factorOr(plan.predicate);
      return p === null ? null : { ...plan, predicate: p };
    }
    if (plan.kind === 'join' && plan.residual !== null) {
      const r = factorOr(plan.residual);
      return r === null ? null : { ...plan, residual: r };
    }
    return null;
  },
};
