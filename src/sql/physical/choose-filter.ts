/**
 * The two filters that are not a plain StreamFilter: a query's `col = constant` conditions
 * that an index covers (StreamIndexScan), and a view's conditions on now() (StreamTemporalFilter).
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { conjuncts, rewrite } from '../planner/expr-utils.ts';
import { streamFilter } from './stream-filter.ts';
import { streamIndexScan, type StreamIndexScan } from './stream-index-scan.ts';
import type { StreamPlan } from './stream-plan.ts';
import { streamProject } from './stream-project.ts';
import { streamTemporalFilter, type TemporalCondition } from './stream-temporal-filter.ts';

type LogicalFilter = Extract<LogicalPlan, { kind: 'filter' }>;

/** Whether `columns = values` can be looked up in `relation` (its primary key or an index covers them). */
export type CanLookUp = (relation: CatalogEntry, columns: readonly number[], values: readonly unknown[]) => boolean;

/**
 * A query that ends, filtering a table on `col = constant` conditions that its primary key or
 * an index covers: the filter over the rows looked up (projected as the plan says, when a
 * projection of columns sits between), or null to scan as usual.
 */
export function indexLookup(plan: LogicalFilter, canLookUp: CanLookUp): StreamPlan | null {
  let input = plan.input;
  let project: Extract<LogicalPlan, { kind: 'project' }> | null = null;
  if (input.kind === 'project' && input.exprs.every((e) => e.kind === 'column')) {
    project = input;
    input = input.input;
  }
  if (input.kind !== 'scan' || (input.relation.kind !== 'table' && input.relation.kind !== 'materialized view')) return null;
  // col = constant, with col a column of the table (through the projection).
  const equal = new Map<number, Extract<BoundExpr, { kind: 'literal' }>>();
  for (const c of conjuncts(plan.predicate)) {
    if (c.kind !== 'compare' || c.op !== '=') continue;
    const [col, lit] = c.left.kind === 'column' && c.right.kind === 'literal' ? [c.left, c.right] : c.right.kind === 'column' && c.left.kind === 'literal' ? [c.right, c.left] : [null, null];
    if (col === null || lit === null || lit.value === null || col.type.kind !== lit.type.kind) continue;
    const source = project === null ? col.index : (project.exprs[col.index] as Extract<BoundExpr, { kind: 'column' }>).index;
    equal.set(source, lit);
  }
  if (equal.size === 0) return null;
  const relation = input.relation;
  const all = [...equal.keys()];
  const candidates = [all, ...(all.length > 1 ? all.map((c) => [c]) : [])];
  const columns = candidates.find((cols) => canLookUp(relation, cols, cols.map((c) => equal.get(c)!.value)));
  if (columns === undefined) return null;
  const lookup: StreamIndexScan['lookup'] = columns.map((column) => ({ column, value: equal.get(column)! }));
  const rows: StreamPlan = streamIndexScan(relation, input.schema, lookup);
  return streamFilter(project === null ? rows : streamProject(rows, project.exprs, project.schema), plan.predicate);
}

const NOW_FUNCTIONS = new Set(['now', 'current_timestamp', 'statement_timestamp', 'transaction_timestamp', 'localtimestamp', 'current_date', 'clock_timestamp']);

/** Whether `e` calls now() (or another function of the current time). */
function readsNow(e: BoundExpr): boolean {
  let found = false;
  rewrite(e, (x) => {
    if (x.kind === 'function' && (x.volatility ?? 'immutable') !== 'immutable' && NOW_FUNCTIONS.has(x.name)) found = true;
    return undefined;
  });
  return found;
}

const FLIPPED: Record<string, TemporalCondition['op']> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * A view's filter with conditions `expr(row) <op> expr(now())`: the other conditions filter
 * first (`below`, the physical plan of a filter), then a temporal filter re-checks the time
 * conditions as time passes. Null without such conditions.
 */
export function temporalFilter(plan: LogicalFilter, input: StreamPlan): StreamPlan | null {
  const conditions: TemporalCondition[] = [];
  const rest: BoundExpr[] = [];
  for (const c of conjuncts(plan.predicate)) {
    if (c.kind === 'compare' && readsNow(c.right) && columnsOf(c.right).size === 0 && !readsNow(c.left) && columnsOf(c.left).size > 0) {
      conditions.push({ op: c.op as TemporalCondition['op'], value: c.left, time: c.right, cmp: c.cmp });
    } else if (c.kind === 'compare' && readsNow(c.left) && columnsOf(c.left).size === 0 && !readsNow(c.right) && columnsOf(c.right).size > 0) {
      conditions.push({ op: FLIPPED[c.op] ?? (c.op as TemporalCondition['op']), value: c.right, time: c.left, cmp: c.cmp });
    } else rest.push(c);
  }
  if (conditions.length === 0) return null;
  // The same filter without its time conditions.
  const below = rest.length === 0 ? input : streamFilter(input, rest.length === 1 ? rest[0]! : { kind: 'and', args: rest, type: plan.predicate.type });
  return streamTemporalFilter(below, conditions);
}
