/**
 * The physical plan as text, for EXPLAIN and golden plans, from the nodes themselves: each
 * operator with what it computes (expressions over its input's column names), then its
 * changelog mode, unique key and required input distribution. Drawn as an indented tree.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import { columnLabel, formatExpr, formatOutputs } from '../plan/format-expr.ts';
import { formatCall, formatOrder, formatWindowCall } from '../plan/logical.ts';
import type { BuildSide } from './build-side.ts';
import type { JoinFields } from './join-fields.ts';
import { streamInputs, type Distribution, type StreamPlan } from './stream-plan.ts';
import type { WatermarkCleanup } from './watermark-cleanup.ts';

const list = (exprs: readonly BoundExpr[], input: readonly ScopeColumn[]): string => exprs.map((e) => formatExpr(e, input)).join(', ');
const seconds = (us: number): string => `${us / 1e6} s`;

/** `on: [l.a = r.b], residual: ...`, over the two inputs. */
function joinCondition(f: Pick<JoinFields, 'left' | 'right' | 'leftKeys' | 'rightKeys' | 'residual'>, nullSafe: boolean): string {
  const eq = nullSafe ? 'IS NOT DISTINCT FROM' : '=';
  const keys = f.leftKeys.map((l, i) => `${formatExpr(l, f.left.schema)} ${eq} ${formatExpr(f.rightKeys[i]!, f.right.schema)}`);
  const joined = [...f.left.schema, ...f.right.schema];
  return `${keys.length > 0 ? `, on: [${keys.join(', ')}]` : ''}${f.residual === null ? '' : `, residual: ${formatExpr(f.residual, joined)}`}`;
}

/** `, build: right`: the input a join over snapshots reads first and keeps. */
function buildText(build: BuildSide): string {
  return build === null ? '' : `, build: ${build}`;
}

/** `, cleaned by watermark: window_start`: the key whose closed values drop their state. */
function cleanupText(c: WatermarkCleanup | null, key: (column: number) => string): string {
  return c === null ? '' : `, cleaned by watermark: ${key(c.column)}`;
}

/** What a node computes, as `StreamName { ... }`. */
export function nodeLabel(p: StreamPlan): string {
  switch (p.kind) {
    case 'table-scan':
      return `StreamTableScan { ${p.relation.name}${p.reads === null ? '' : `, reads: [${p.reads.map((c) => columnLabel(p.schema, c)).join(', ')}]`} }`;
    case 'index-scan':
      return `StreamIndexScan { ${p.relation.name}, lookup: [${p.lookup.map((l) => `${columnLabel(p.schema, l.column)} = ${formatExpr(l.value, [])}`).join(', ')}] }`;
    case 'source':
      return `StreamSource { ${p.relation.name} }`;
    case 'watermark-filter':
      return `StreamWatermarkFilter { ${columnLabel(p.schema, p.column)}, ${p.how === 'stamped' ? 'stamped by the table' : `watermark: ${formatExpr(p.expr, p.schema)}`} }`;
    case 'values':
      return `StreamValues { rows: ${p.rows.length} }`;
    case 'filter':
      return `StreamFilter { ${formatExpr(p.predicate, p.input.schema)} }`;
    case 'temporal-filter':
      return `StreamTemporalFilter { ${p.conditions.map((c) => `${formatExpr(c.value, p.input.schema)} ${c.op} ${formatExpr(c.time, p.input.schema)}`).join(' AND ')} }`;
    case 'project':
      return `StreamProject { [${formatOutputs(p.exprs, p.input.schema, p.schema)}] }`;
    case 'hash-agg':
      return `StreamHashAgg { group: [${list(p.groupKeys, p.input.schema)}], calls: [${p.calls.map((c) => formatCall(c, p.input.schema)).join(', ')}]${cleanupText(p.cleanup, (i) => formatExpr(p.groupKeys[i]!, p.input.schema))} }`;
    case 'simple-agg':
      return `StreamSimpleAgg { calls: [${p.calls.map((c) => formatCall(c, p.input.schema)).join(', ')}] }`;
    case 'hash-join':
      return `StreamHashJoin { ${p.joinType}${joinCondition(p, p.nullSafe)}${buildText(p.build)} }`;
    case 'nested-loop-join':
      return `StreamNestedLoopJoin { ${p.joinType}${joinCondition(p, p.nullSafe)}${buildText(p.build)} }`;
    case 'interval-join': {
      const sides = [
        ...(p.expire.left === undefined ? [] : [`left by ${columnLabel(p.left.schema, p.expire.left.column)}`]),
        ...(p.expire.right === undefined ? [] : [`right by ${columnLabel(p.right.schema, p.expire.right.column)}`]),
      ];
      return `StreamIntervalJoin { ${p.joinType}${joinCondition(p, p.nullSafe)}, expire: [${sides.join(', ')}] }`;
    }
    case 'semi-join':
      return `${p.anti ? 'StreamAntiJoin' : 'StreamSemiJoin'} {${`${joinCondition(p, false)}${buildText(p.build)}`.slice(1)} }`;
    case 'over-window':
      return `StreamOverWindow { [${p.calls.map((c) => formatWindowCall(c, p.input.schema)).join(', ')}], partition: [${list(p.partitionBy, p.input.schema)}], order: [${formatOrder(p.orderBy, p.input.schema)}] }`;
    case 'top-n': {
      const what = `${p.rank}, partition: [${list(p.partitionBy, p.input.schema)}], order: [${formatOrder(p.orderBy, p.input.schema)}]`;
      const cleanup = cleanupText(p.cleanup, (i) => columnLabel(p.input.schema, i));
      return p.limit === null ? `StreamRank { ${what}${cleanup} }` : `StreamTopN { ${what}, limit: ${p.limit}${cleanup} }`;
    }
    case 'project-set':
      return `StreamProjectSet { ${p.calls.map((c) => `${c.fn}(${list(c.args, p.input.schema)})`).join(', ')}${p.ordinality ? ', ordinality' : ''} }`;
    case 'replicate':
      return 'StreamReplicate';
    case 'window':
      return `StreamWindow { ${p.function}, time: ${columnLabel(p.input.schema, p.timeColumn)}, size: ${seconds(p.size)}${p.function === 'tumble' ? '' : `, ${p.function === 'hop' ? 'slide' : 'step'}: ${seconds(p.slide)}`} }`;
    case 'session-window':
      return `StreamSessionWindow { time: ${columnLabel(p.input.schema, p.timeColumn)}, gap: ${seconds(p.gap)}${p.partitionBy.length > 0 ? `, partition: [${list(p.partitionBy, p.input.schema)}]` : ''} }`;
    case 'union':
      return 'StreamUnion { all }';
  }
}

/** `hash[a.x] / hash[b.y]`, `singleton`, or null where the input may be anywhere. */
export function formatDistribution(d: Distribution, inputs: readonly StreamPlan[]): string | null {
  switch (d.kind) {
    case 'any':
      return null;
    case 'singleton':
      return 'singleton';
    case 'hash':
      return d.keys.map((keys, i) => `hash[${list(keys, inputs[i]?.schema ?? [])}]`).join(' / ');
  }
}

/** The plan as an indented tree, one node a line: `Name { ... }  (changelog, key: [...], distribution: ...)`. */
export function explainPhysical(p: StreamPlan, indent = ''): string {
  const inputs = streamInputs(p);
  const key = p.key === null ? '' : `, key: [${p.key.map((k) => columnLabel(p.schema, k)).join(', ')}]`;
  const distribution = formatDistribution(p.distribution, inputs);
  const line = `${indent}${nodeLabel(p)}  (${p.changelog}${key}${distribution === null ? '' : `, distribution: ${distribution}`})`;
  return [line, ...inputs.map((i) => explainPhysical(i, `${indent}  `))].join('\n');
}
