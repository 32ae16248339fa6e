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

/** The node with each input replaced by `f` of it. */
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

/**
 * Where output column `index` comes from unchanged: a relation's oid and the column's
 * number in it (1-based), as PostgreSQL's RowDescription reports it for a plain column
 * reference (drivers show it as the result column's table); null for computed columns.
 */
export function columnOrigin(p: LogicalPlan, index: number): { readonly relation: number; readonly column: number } | null {
  switch (p.kind) {
    case 'scan':
      return index < p.schema.length ? { relation: p.relation.oid, column: index + 1 } : null;
    case 'filter':
    case 'replicate':
      return columnOrigin(p.input, index);
    case 'project': {
      const e = p.exprs[index];
      return e?.kind === 'column' ? columnOrigin(p.input, e.index) : null;
    }
    case 'aggregate': {
      const key = p.groupKeys[index];
      return key?.kind === 'column' ? columnOrigin(p.input, key.index) : null;
    }
    case 'join': {
      const width = p.left.schema.length;
      return index < width ? columnOrigin(p.left, index) : p.type === 'semi' || p.type === 'anti' ? null : columnOrigin(p.right, index - width);
    }
    case 'series':
    case 'rank':
    case 'over':
    case 'window':
      // The input's columns, then the computed ones.
      return index < p.input.schema.length ? columnOrigin(p.input, index) : null;
    default:
      return null;
  }
}
