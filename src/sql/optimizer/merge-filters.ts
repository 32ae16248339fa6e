/** Two filters in a row become one filter on the AND of their conditions. */
import type { Rule } from './rule.ts';

export const mergeFilters: Rule = {
  name: 'merge-filters',
  apply(plan) {
    if (plan.kind !== 'filter' || plan.input.kind !== 'filter') return null;
    const inner = plan.input;
    return { kind: 'filter', input: inner.input, predicate: { kind: 'and', args: [inner.predicate, plan.predicate], type: plan.predicate.type }, schema: plan.schema };
  },
};
