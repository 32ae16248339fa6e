/**
 * Outer references in logical plans: the columns of enclosing queries that a subquery's plan
 * reads (BoundExpr `outer`, with the depth of the query they belong to). A subquery is
 * planned on its own, with such references in its expressions; unnest.ts then turns the
 * dependent join into ordinary joins. Within a finished plan every depth counts from the
 * query level the plan is for.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { LogicalAggregateCall, LogicalPlan, LogicalWindowCall } from '../plan/logical.ts';
import { withInputs } from '../plan/properties.ts';
import { rewrite } from './expr-utils.ts';

export type OuterRef = Extract<BoundExpr, { kind: 'outer' }>;

/** The node with every expression it holds (not those of its inputs) replaced by `f` of it. */
export function mapNodeExprs(p: LogicalPlan, f: (e: BoundExpr) => BoundExpr): LogicalPlan {
  const call = (c: LogicalAggregateCall): LogicalAggregateCall => ({
    ...c,
    arg: c.arg === null ? null : f(c.arg),
    extra: c.extra === null ? null : f(c.extra),
    filter: c.filter === null ? null : f(c.filter),
    ...(c.orderBy !== undefined && { orderBy: c.orderBy.map(f) }),
  });
  const windowCall = (c: LogicalWindowCall): LogicalWindowCall => {
    switch (c.kind) {
      case 'offset':
        return { ...c, arg: f(c.arg), fallback: f(c.fallback) };
      case 'value':
      case 'aggregate':
        return { ...c, arg: f(c.arg) };
      default:
        return c;
    }
  };
  const order = <K extends { readonly expr: BoundExpr }>(keys: readonly K[]): K[] => keys.map((k) => ({ ...k, expr: f(k.expr) }));
  switch (p.kind) {
    case 'scan':
    case 'union':
    case 'replicate':
      return p;
    case 'values':
      return { ...p, rows: p.rows.map((r) => r.map(f)) };
    case 'filter':
      return { ...p, predicate: f(p.predicate) };
    case 'project':
      return { ...p, exprs: p.exprs.map(f) };
    case 'aggregate':
      return { ...p, groupKeys: p.groupKeys.map(f), calls: p.calls.map(call) };
    case 'join':
      return { ...p, leftKeys: p.leftKeys.map(f), rightKeys: p.rightKeys.map(f), residual: p.residual === null ? null : f(p.residual) };
    case 'series':
      return { ...p, args: p.args.map(f), ...(p.zip !== undefined && { zip: p.zip.map((z) => ({ ...z, args: z.args.map(f) })) }) };
    case 'rank':
      return { ...p, partitionBy: p.partitionBy.map(f), orderBy: order(p.orderBy) };
    case 'over':
      return { ...p, partitionBy: p.partitionBy.map(f), orderBy: order(p.orderBy), calls: p.calls.map(windowCall) };
    case 'window':
      return { ...p, partitionBy: p.partitionBy.map(f) };
  }
}

/** Every outer reference in an expression. */
function visitOuter(e: BoundExpr, f: (o: OuterRef) => void): void {
  rewrite(e, (x) => {
    if (x.kind === 'outer') f(x);
    return undefined;
  });
}

/** Whether the expression reads a column of the enclosing query `depth` levels up. */
export function readsOuter(e: BoundExpr, depth = 1): boolean {
  let found = false;
  visitOuter(e, (o) => {
    if (o.depth === depth) found = true;
  });
  return found;
}

/** Whether the expression reads any enclosing query's column. */
export function hasOuter(e: BoundExpr): boolean {
  let found = false;
  visitOuter(e, () => (found = true));
  return found;
}

/** The outer references of one depth anywhere in a plan: the enclosing query's columns it reads, in order. */
export function outerColumns(p: LogicalPlan, depth = 1): number[] {
  const out = new Set<number>();
  const visit = (node: LogicalPlan): void => {
    mapNodeExprs(node, (e) => {
      visitOuter(e, (o) => {
        if (o.depth === depth) out.add(o.index);
      });
      return e;
    });
    withInputs(node, (i) => {
      visit(i);
      return i;
    });
  };
  visit(p);
  return [...out].sort((a, b) => a - b);
}

/** Whether a plan reads the enclosing query `depth` levels up anywhere. */
export function isCorrelated(p: LogicalPlan, depth = 1): boolean {
  return outerColumns(p, depth).length > 0;
}

/** The plan with `f` of every outer reference in every node. */
export function mapOuterRefs(p: LogicalPlan, f: (o: OuterRef) => BoundExpr): LogicalPlan {
  const g = (e: BoundExpr): BoundExpr => rewrite(e, (x) => (x.kind === 'outer' ? f(x) : undefined));
  return mapNodeExprs(withInputs(p, (i) => mapOuterRefs(i, f)), g);
}

/** A plan made one query level deeper (a CTE used inside a subquery): its outer references point one level further out. */
export function deeper(p: LogicalPlan, levels: number): LogicalPlan {
  return levels === 0 ? p : mapOuterRefs(p, (o) => ({ ...o, depth: o.depth + levels }));
}

/**
 * An expression over this query's row as it reads from inside a subquery: its columns become
 * outer references of depth 1, and its own outer references one level further out.
 */
export function asOuter(e: BoundExpr): BoundExpr {
  return rewrite(e, (x) => {
    if (x.kind === 'column') return { kind: 'outer', depth: 1, index: x.index, type: x.type, name: x.name };
    if (x.kind === 'outer') return { ...x, depth: x.depth + 1 };
    return undefined;
  });
}
