/**
 * Places a level's bound window function calls (binder/bind-window.ts binds them,
 * plan-window.ts collects each as a marker column) as plan nodes: one `over` node per
 * distinct window (PARTITION BY and ORDER BY), each appending its calls' columns; or, for one
 * ranking function alone, a `rank` node, which a filter on the rank can later turn into a
 * Top-N. The expressions that used the markers then read the new columns.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { BIGINT } from '../types/index.ts';
import { exprKey, rewrite } from './expr-utils.ts';
import { mapWindowCall, type RankFunctionName, type WindowBinding } from './plan-window.ts';

export interface PlacedWindows {
  readonly plan: LogicalPlan;
  readonly exprs: BoundExpr[];
}

/**
 * The window calls over `plan`, `over` expressing each call's expressions over its rows (the
 * identity, or over an aggregate's groups); `exprs` read their columns afterwards.
 */
export function placeWindows(plan: LogicalPlan, windows: readonly WindowBinding[], exprs: readonly BoundExpr[], over: (e: BoundExpr) => BoundExpr): PlacedWindows {
  const markers = new Map<number, BoundExpr>();
  const groups = new Map<string, WindowBinding[]>();
  for (const bound of windows) {
    const w: WindowBinding = { ...bound, call: mapWindowCall(bound.call, over), partitionBy: bound.partitionBy.map(over), orderBy: bound.orderBy.map((o) => ({ ...o, expr: over(o.expr) })) };
    const key = JSON.stringify([w.partitionBy.map(exprKey), w.orderBy.map((o) => [exprKey(o.expr), o.descending, o.nullsFirst])]);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [w]);
    else g.push(w);
  }
  for (const g of groups.values()) {
    const width = plan.schema.length;
    const first = g[0] as WindowBinding;
    plan = {
      kind: 'over',
      input: plan,
      partitionBy: first.partitionBy,
      orderBy: first.orderBy,
      calls: g.map((w) => w.call),
      schema: [...plan.schema, ...g.map((w) => ({ name: w.call.name, relation: null, type: w.type }))],
    };
    g.forEach((w, i) => markers.set(w.marker, { kind: 'column', index: width + i, type: w.type, name: w.call.name }));
  }
  return { plan, exprs: exprs.map((e) => rewrite(e, (x) => (x.kind === 'column' ? markers.get(x.index) : undefined))) };
}

/** One ranking function (row_number, rank, dense_rank) as a `rank` node. */
export function placeRank(plan: LogicalPlan, w: WindowBinding, exprs: readonly BoundExpr[]): PlacedWindows {
  const fn = w.call.name as RankFunctionName;
  const width = plan.schema.length;
  const ranked: LogicalPlan = {
    kind: 'rank',
    input: plan,
    function: fn,
    partitionBy: w.partitionBy,
    orderBy: w.orderBy,
    limit: null,
    schema: [...plan.schema, { name: fn, relation: null, type: BIGINT }],
  };
  const rankColumn: BoundExpr = { kind: 'column', index: width, type: BIGINT, name: fn };
  return { plan: ranked, exprs: exprs.map((e) => rewrite(e, (x) => (x.kind === 'column' && x.index === w.marker ? rankColumn : undefined))) };
}
