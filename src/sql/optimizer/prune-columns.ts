/**
 * Projection pruning: columns no one reads are dropped as early as possible — right above
 * the scans, and below joins, Top-N and window operators, whose state holds whole rows. Top
 * down, each node is asked for the columns its parent needs; it asks its inputs for those
 * plus what it reads itself, and renumbers its expressions to the narrower rows. The plan's
 * own output stays as it was.
 */
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalAggregateCall, LogicalPlan, LogicalWindowCall } from '../plan/logical.ts';
import { rewrite } from '../planner/expr-utils.ts';
import { mapWindowCall } from '../planner/plan-window.ts';

/** A pruned plan, and where each column of the original output went (absent: dropped). */
interface Pruned {
  readonly plan: LogicalPlan;
  readonly map: ReadonlyMap<number, number>;
}

const identity = (p: LogicalPlan): Pruned => ({ plan: p, map: new Map(p.schema.map((_, i) => [i, i])) });

function remap(e: BoundExpr, map: ReadonlyMap<number, number>): BoundExpr {
  return rewrite(e, (x) => (x.kind === 'column' ? { ...x, index: map.get(x.index) ?? fail(x.index) } : undefined));
}

function fail(index: number): never {
  throw new Error(`internal error: projection pruning lost column ${index}`);
}

const reads = (es: ReadonlyArray<BoundExpr | null>, into: Set<number>): Set<number> => {
  for (const e of es) if (e !== null) columnsOf(e, into);
  return into;
};

function callExprs(c: LogicalAggregateCall): Array<BoundExpr | null> {
  return [c.arg, c.extra, c.filter, ...(c.orderBy ?? [])];
}

function windowExprs(c: LogicalWindowCall): BoundExpr[] {
  switch (c.kind) {
    case 'rank':
    case 'distribution':
      return [];
    case 'offset':
      return [c.arg, c.fallback];
    default:
      return [c.arg];
  }
}

/** A projection over `input`; over another projection, the two become one. */
function project(input: LogicalPlan, exprs: readonly BoundExpr[], schema: readonly ScopeColumn[]): LogicalPlan {
  if (input.kind === 'project') {
    const inner = input.exprs;
    const composed = exprs.map((e) => rewrite(e, (x) => (x.kind === 'column' ? (inner[x.index] ?? fail(x.index)) : undefined)));
    return { kind: 'project', input: input.input, exprs: composed, schema };
  }
  return { kind: 'project', input, exprs, schema };
}

/** The output of `p` reduced to exactly `columns` (ascending), by a projection if needed. */
function exactly(p: Pruned, columns: readonly number[], original: readonly ScopeColumn[]): Pruned {
  const keep = columns.map((c) => p.map.get(c) ?? fail(c));
  if (keep.length === p.plan.schema.length && keep.every((k, i) => k === i)) return { plan: p.plan, map: new Map(columns.map((c, i) => [c, i])) };
  const exprs = keep.map((k): BoundExpr => ({ kind: 'column', index: k, type: p.plan.schema[k]!.type, name: p.plan.schema[k]!.name }));
  const schema = columns.map((c) => original[c] as ScopeColumn);
  return { plan: project(p.plan, exprs, schema), map: new Map(columns.map((c, i) => [c, i])) };
}

function prune(p: LogicalPlan, required: ReadonlySet<number>): Pruned {
  const sorted = (s: ReadonlySet<number>): number[] => [...s].sort((a, b) => a - b);
  switch (p.kind) {
    case 'scan': {
      if (required.size === p.schema.length) return identity(p);
      // Keep the watermark column: the watermark filter right after the scan reads it.
      const need = new Set(required);
      if (p.watermark) need.add(p.watermark.column);
      return exactly(identity(p), sorted(need), p.schema);
    }
    case 'values':
      return identity(p);
    case 'filter': {
      const input = prune(p.input, reads([p.predicate], new Set(required)));
      return { plan: { ...p, input: input.plan, predicate: remap(p.predicate, input.map), schema: input.plan.schema }, map: input.map };
    }
    case 'project': {
      const keep = sorted(required);
      const exprs = keep.map((i) => p.exprs[i] as BoundExpr);
      const input = prune(p.input, reads(exprs, new Set()));
      return {
        plan: project(input.plan, exprs.map((e) => remap(e, input.map)), keep.map((i) => p.schema[i] as ScopeColumn)),
        map: new Map(keep.map((c, i) => [c, i])),
      };
    }
    case 'aggregate': {
      const input = prune(p.input, reads([...p.groupKeys, ...p.calls.flatMap(callExprs)], new Set()));
      const calls = p.calls.map((c) => ({
        ...c,
        arg: c.arg === null ? null : remap(c.arg, input.map),
        extra: c.extra === null ? null : remap(c.extra, input.map),
        ...(c.orderBy !== undefined && { orderBy: c.orderBy.map((o) => remap(o, input.map)) }),
        filter: c.filter === null ? null : remap(c.filter, input.map),
      }));
      return identity({ ...p, input: input.plan, groupKeys: p.groupKeys.map((k) => remap(k, input.map)), calls });
    }
    case 'join': {
      const nLeft = p.left.schema.length;
      const semi = p.type === 'semi' || p.type === 'anti';
      const residual = p.residual === null ? new Set<number>() : columnsOf(p.residual);
      const needLeft = reads(p.leftKeys, new Set([...required, ...residual].filter((c) => c < nLeft)));
      const needRight = reads(p.rightKeys, new Set([...(semi ? [] : required), ...residual].filter((c) => c >= nLeft).map((c) => c - nLeft)));
      const left = prune(p.left, needLeft);
      const right = prune(p.right, needRight);
      const nLeftNew = left.plan.schema.length;
      const joinedMap = new Map<number, number>(left.map);
      for (const [o, n] of right.map) joinedMap.set(o + nLeft, n + nLeftNew);
      const plan: LogicalPlan = {
        ...p,
        left: left.plan,
        right: right.plan,
        leftKeys: p.leftKeys.map((k) => remap(k, left.map)),
        rightKeys: p.rightKeys.map((k) => remap(k, right.map)),
        residual: p.residual === null ? null : remap(p.residual, joinedMap),
        schema: semi ? left.plan.schema : [...left.plan.schema, ...right.plan.schema],
      };
      return { plan, map: semi ? left.map : joinedMap };
    }
    case 'union': {
      // Every input gives the same columns, in the same places.
      const keep = sorted(required);
      const inputs = p.inputs.map((i) => exactly(prune(i, required), keep, i.schema).plan);
      return { plan: { ...p, inputs, schema: keep.map((c) => p.schema[c] as ScopeColumn) }, map: new Map(keep.map((c, i) => [c, i])) };
    }
    case 'window':
    case 'rank':
    case 'over':
    case 'series': {
      // The input's columns pass through, the node's own columns follow them.
      const n = p.input.schema.length;
      const own: BoundExpr[] =
        p.kind === 'window'
          ? [{ kind: 'column', index: p.timeColumn, type: p.input.schema[p.timeColumn]!.type, name: '' }, ...p.partitionBy]
          : p.kind === 'rank'
            ? [...p.partitionBy, ...p.orderBy.map((o) => o.expr)]
            : p.kind === 'over'
              ? [...p.partitionBy, ...p.orderBy.map((o) => o.expr), ...p.calls.flatMap(windowExprs)]
              : [...p.args, ...(p.zip?.flatMap((c) => c.args) ?? [])];
      const input = prune(p.input, reads(own, new Set([...required].filter((c) => c < n))));
      const width = input.plan.schema.length;
      const map = new Map(input.map);
      for (let j = n; j < p.schema.length; j++) map.set(j, width + (j - n));
      const schema = [...input.plan.schema, ...p.schema.slice(n)];
      const m = (e: BoundExpr): BoundExpr => remap(e, input.map);
      switch (p.kind) {
        case 'window':
          return { plan: { ...p, input: input.plan, timeColumn: input.map.get(p.timeColumn) ?? fail(p.timeColumn), partitionBy: p.partitionBy.map(m), schema }, map };
        case 'rank':
          return { plan: { ...p, input: input.plan, partitionBy: p.partitionBy.map(m), orderBy: p.orderBy.map((o) => ({ ...o, expr: m(o.expr) })), schema }, map };
        case 'over':
          return {
            plan: { ...p, input: input.plan, partitionBy: p.partitionBy.map(m), orderBy: p.orderBy.map((o) => ({ ...o, expr: m(o.expr) })), calls: p.calls.map((c) => mapWindowCall(c, m)), schema },
            map,
          };
        case 'series':
          return { plan: { ...p, input: input.plan, args: p.args.map(m), ...(p.zip !== undefined && { zip: p.zip.map((c) => ({ ...c, args: c.args.map(m) })) }), schema }, map };
      }
      return fail(-1);
    }
    case 'replicate': {
      // Its last input column is the count of copies.
      const input = prune(p.input, new Set([...required, p.input.schema.length - 1]));
      const keep = exactly(input, sorted(new Set([...required, p.input.schema.length - 1])), p.input.schema);
      const schema = keep.plan.schema.slice(0, -1);
      return { plan: { ...p, input: keep.plan, schema }, map: new Map([...keep.map].filter(([o]) => o < p.schema.length)) };
    }
  }
}

/** Prunes the columns no one reads; the plan's output is unchanged. */
export function pruneColumns(plan: LogicalPlan): LogicalPlan {
  const all = new Set(plan.schema.map((_, i) => i));
  return exactly(prune(plan, all), [...all], plan.schema).plan;
}
