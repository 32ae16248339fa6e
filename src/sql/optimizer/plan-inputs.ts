/** A plan node's inputs, and the node with each input replaced: what passes over whole plans use. */
import type { LogicalPlan } from '../plan/logical.ts';

export function inputsOf(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'scan':
    case 'values':
      return [];
    case 'join':
      return [p.left, p.right];
    case 'union':
      return p.inputs;
    default:
      return [p.input];
  }
}

export function withInputs(p: LogicalPlan, f: (i: LogicalPlan) => LogicalPlan): LogicalPlan {
  switch (p.kind) {
    case 'scan':
    case 'values':
      return p;
    case 'join':
      return { ...p, left: f(p.left), right: f(p.right) };
    case 'union':
      return { ...p, inputs: p.inputs.map(f) };
    default:
      return { ...p, input: f(p.input) } as LogicalPlan;
  }
}
