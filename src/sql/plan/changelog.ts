/**
 * Changelog modes: what kinds of change each plan node's output carries, for EXPLAIN and
 * for the operators and sinks that can do less work over insert-only input.
 *
 *   append-only  only inserts (+I)
 *   retract      inserts, updates as -U/+U pairs, deletes (-D)
 *
 * and, where the planner knows one, the output's unique key (the columns no two live rows
 * share, e.g. an aggregate's group keys): a retract stream with a key can be applied as
 * upserts by key.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalPlan } from './logical.ts';
import { formatExpr } from './format-expr.ts';
import { conjuncts } from '../planner/expr-utils.ts';
import { intervalJoinSides } from '../planner/watermarks.ts';

export interface ChangelogMode {
  readonly mode: 'append-only' | 'retract';
  /** Output columns that identify a row; null when rows are not known to be unique. */
  readonly key: readonly number[] | null;
}

const APPEND: ChangelogMode = { mode: 'append-only', key: null };

/** The changelog mode of a plan's output. Tables read as a snapshot only grow. */
export function changelogMode(p: LogicalPlan, tables: 'snapshot' | 'changelog'): ChangelogMode {
  switch (p.kind) {
    case 'scan': {
      const r = p.relation;
      const key = r.kind === 'table' && r.primaryKey !== null ? r.primaryKey.map((k) => r.columns.findIndex((c) => c.name === k)) : null;
      const grows = r.kind === 'source' || tables === 'snapshot' || (r.kind === 'table' && r.appendOnly);
      return { mode: grows ? 'append-only' : 'retract', key };
    }
    case 'values':
      return APPEND;
    case 'filter':
      return changelogMode(p.input, tables);
    case 'project': {
      const input = changelogMode(p.input, tables);
      // The key survives when every key column is projected as is.
      const key = input.key?.map((k) => p.exprs.findIndex((e) => e.kind === 'column' && e.index === k)) ?? null;
      return { mode: input.mode, key: key === null || key.some((k) => k < 0) ? null : key };
    }
    case 'aggregate':
      // One row per group, updated in place (a global aggregate: one row, the empty key).
      return { mode: 'retract', key: p.groupKeys.map((_, i) => i) };
    case 'join': {
      const left = changelogMode(p.left, tables);
      const right = changelogMode(p.right, tables);
      const bothGrow = left.mode === 'append-only' && right.mode === 'append-only';
      if (p.type === 'semi') return { mode: bothGrow ? 'append-only' : 'retract', key: left.key };
      if (p.type === 'anti') return { mode: 'retract', key: left.key };
      // Outer joins retract their NULL-padded rows when a match comes.
      const key = left.key !== null && right.key !== null ? [...left.key, ...right.key.map((k) => k + p.left.schema.length)] : null;
      return { mode: bothGrow && p.type === 'inner' ? 'append-only' : 'retract', key };
    }
    case 'union': {
      const modes = p.inputs.map((i) => changelogMode(i, tables));
      return { mode: modes.every((m) => m.mode === 'append-only') ? 'append-only' : 'retract', key: null };
    }
    case 'series':
    case 'replicate':
      return { mode: changelogMode(p.input, tables).mode, key: null };
    case 'rank':
    case 'over':
      // A row's rank or window values change with other rows of its partition.
      return { mode: 'retract', key: null };
    case 'window': {
      const input = changelogMode(p.input, tables);
      if (p.function === 'session') return { mode: 'retract', key: null };
      // A row in several windows: its key plus the window identifies an output row.
      return { mode: input.mode, key: input.key === null ? null : [...input.key, p.input.schema.length] };
    }
  }
}

/** The streaming operator a node runs as, for EXPLAIN. */
function operatorName(p: LogicalPlan, tables: 'snapshot' | 'changelog'): string {
  switch (p.kind) {
    case 'scan':
      return p.relation.kind === 'source' ? `StreamSource { ${p.relation.name} }` : `StreamTableScan { ${p.relation.name} }`;
    case 'values':
      return `StreamValues { rows: ${p.rows.length} }`;
    case 'filter':
      return 'StreamFilter';
    case 'project':
      return 'StreamProject';
    case 'aggregate':
      return p.groupKeys.length === 0 ? 'StreamSimpleAgg' : 'StreamHashAgg';
    case 'join':
      if (p.type === 'semi' || p.type === 'anti') return `StreamHashJoin { ${p.type === 'semi' ? 'LeftSemi' : 'LeftAnti'} }`;
      {
        // Over growing inputs with watermarks, time bounds in the condition make an interval join.
        const interval =
          tables === 'changelog' &&
          p.residual !== null &&
          changelogMode(p.left, tables).mode === 'append-only' &&
          changelogMode(p.right, tables).mode === 'append-only' &&
          Object.keys(intervalJoinSides(p, conjuncts(p.residual))).length > 0;
        const what = `${p.type}${interval ? ', interval' : ''}`;
        return p.leftKeys.length === 0 ? `StreamNestedLoopJoin { ${what} }` : `StreamHashJoin { ${what} }`;
      }
    case 'union':
      return 'StreamUnion';
    case 'series':
      return 'StreamProjectSet';
    case 'replicate':
      return 'StreamReplicate';
    case 'rank':
      return p.limit === null ? 'StreamRank' : `StreamTopN { limit: ${p.limit} }`;
    case 'over':
      return 'StreamOverWindow';
    case 'window':
      return p.function === 'session' ? 'StreamSessionWindow' : `StreamWindow { ${p.function} }`;
  }
}

/**
 * Where a node's input rows must be, for the node to compute its result: hashed on keys (one
 * subtask per key group), all on one subtask, or wherever its input is.
 */
export function requiredDistribution(p: LogicalPlan): string | null {
  const over = (keys: readonly BoundExpr[], input: readonly ScopeColumn[]): string => (keys.length === 0 ? 'singleton' : `hash[${keys.map((k) => formatExpr(k, input)).join(', ')}]`);
  switch (p.kind) {
    case 'aggregate':
      return over(p.groupKeys, p.input.schema);
    case 'join':
      return p.leftKeys.length === 0 ? 'singleton' : `hash[${p.leftKeys.map((k) => formatExpr(k, p.left.schema)).join(', ')}] / hash[${p.rightKeys.map((k) => formatExpr(k, p.right.schema)).join(', ')}]`;
    case 'rank':
    case 'over':
      return over(p.partitionBy, p.input.schema);
    case 'window':
      return p.function === 'session' ? over(p.partitionBy, p.input.schema) : null;
    default:
      return null;
  }
}

/** The streaming plan: each operator with the changelog mode of its output and where its input must be. */
export function explainStreaming(p: LogicalPlan, tables: 'snapshot' | 'changelog', indent = ''): string {
  const m = changelogMode(p, tables);
  const key = m.key === null ? '' : `, key: [${m.key.map((k) => p.schema[k]?.name ?? `$${k}`).join(', ')}]`;
  const distribution = requiredDistribution(p);
  const dist = distribution === null ? '' : `, distribution: ${distribution}`;
  if (p.kind === 'scan' && p.watermark && tables === 'changelog') {
    // The watermark filter reads the relation: it sits between the scan and its consumer.
    const filter = `${indent}StreamWatermarkFilter { ${p.schema[p.watermark.column]?.name} }  (${m.mode}${key})`;
    return `${filter}\n${indent}  ${operatorName(p, tables)}  (${m.mode}${key})`;
  }
  const line = `${indent}${operatorName(p, tables)}  (${m.mode}${key}${dist})`;
  const inputs = p.kind === 'join' ? [p.left, p.right] : p.kind === 'union' ? p.inputs : 'input' in p ? [p.input] : [];
  return [line, ...inputs.map((i) => explainStreaming(i, tables, `${indent}  `))].join('\n');
}
