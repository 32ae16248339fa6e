/** An optimizer rule: rewrites one plan node (its inputs already optimized), keeping its output. */
import type { LogicalPlan } from '../plan/logical.ts';

export interface Rule {
  readonly name: string;
  /** A better equivalent of `plan`, or null when the rule does not apply. */
  apply(plan: LogicalPlan): LogicalPlan | null;
}
