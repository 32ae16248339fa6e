/** Properties of logical plans that several statements need. */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { LogicalPlan } from './logical.ts';

/** The inputs of a plan node. */
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

/** The catalog entries (tables, sources, views' inputs, materialized views) a plan reads. */
export function relationsRead(p: LogicalPlan, out: Map<number, CatalogEntry> = new Map()): Map<number, CatalogEntry> {
  if (p.kind === 'scan') out.set(p.relation.oid, p.relation);
  for (const i of inputsOf(p)) relationsRead(i, out);
  return out;
}

/**
 * True when the plan's output only ever grows (no update or delete can come out of it):
 * only filters, projections, window assignment (not sessions) and unions over inputs that only grow.
 * Reading tables as a snapshot, a table only grows too; followed as a changelog, only an
 * APPEND ONLY one does.
 */
export function isAppendOnly(p: LogicalPlan, tables: 'snapshot' | 'changelog'): boolean {
  switch (p.kind) {
    case 'scan':
      return p.relation.kind === 'source' || tables === 'snapshot' || (p.relation.kind === 'table' && p.relation.appendOnly);
    case 'values':
      return true;
    case 'window':
      // A session can merge with another or split: rows move between windows.
      return p.function !== 'session' && isAppendOnly(p.input, tables);
    case 'filter':
    case 'project':
    case 'series':
    case 'union':
      return inputsOf(p).every((i) => isAppendOnly(i, tables));
    default:
      return false;
  }
}
