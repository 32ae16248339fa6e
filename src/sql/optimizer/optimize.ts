/**
 * The optimizer driver, in stages: the rules bottom-up until none applies (conditions an
 * OR's branches share taken out of it, filters pushed down, WHERE equalities made join
 * keys), then join ordering over each join graph
 * (reorder-joins.ts), then the rules again over the new trees. It checks that no rule
 * changed a node's output schema (a rule that did would be a bug, not an optimization).
 */
import type { LogicalPlan } from '../plan/logical.ts';
import { SqlError } from '../types/index.ts';
import { mergeFilters } from './merge-filters.ts';
import { pushDownFilter } from './push-down-filter.ts';
import { joinKeysFromFilter } from './join-keys-from-filter.ts';
import { constantFilter } from './constant-filter.ts';
import { factorOrRule } from './factor-or.ts';
import type { Rule } from './rule.ts';
import { withInputs } from '../plan/properties.ts';
import { reorderJoins } from './reorder-joins.ts';
import { SqlState } from '../../errors/index.ts';

export const RULES: readonly Rule[] = [factorOrRule, constantFilter, mergeFilters, joinKeysFromFilter, pushDownFilter];

function sameSchema(a: LogicalPlan, b: LogicalPlan): boolean {
  return a.schema.length === b.schema.length && a.schema.every((c, i) => c.name === b.schema[i]!.name && c.type.kind === b.schema[i]!.type.kind);
}

export function optimize(plan: LogicalPlan, rules: readonly Rule[] = RULES): LogicalPlan {
  const ordered = reorderJoins(applyRules(plan, rules));
  if (!sameSchema(plan, ordered)) throw new SqlError(SqlState.internalError, 'internal error: join ordering changed a plan\'s output');
  return applyRules(ordered, rules);
}

function applyRules(plan: LogicalPlan, rules: readonly Rule[]): LogicalPlan {
  let p = withInputs(plan, (i) => applyRules(i, rules));
  for (let round = 0; round < 100; round++) {
    let changed = false;
    for (const rule of rules) {
      const next = rule.apply(p);
      if (next === null) continue;
      if (!sameSchema(p, next)) throw new SqlError(SqlState.internalError, `internal error: optimizer rule ${rule.name} changed a plan's output`);
      // The rewritten node's new inputs may offer more to optimize.
      p = withInputs(next, (i) => applyRules(i, rules));
      changed = true;
    }
    if (!changed) return p;
  }
  return p;
}
