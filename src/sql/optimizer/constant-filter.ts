/**
 * A filter whose condition folded to a constant: TRUE keeps every row (the filter goes),
 * FALSE or NULL keeps none (the input is not read at all: an empty relation of its shape).
 */
import type { Rule } from './rule.ts';

export const constantFilter: Rule = {
  name: 'constant-filter',
  apply(plan) {
    if (plan.kind !== 'filter' || plan.predicate.kind !== 'literal') return null;
    if (plan.predicate.value === true) return plan.input;
    return { kind: 'values', rows: [], schema: plan.schema };
  },
};
