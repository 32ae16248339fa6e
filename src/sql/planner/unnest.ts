/**
 * Unnesting correlated subqueries: the dependent join of an outer plan L with a subquery's
 * plan R that reads L's columns (outer references, see outer-refs.ts) becomes ordinary joins,
 * after Neumann and Kemper, "Unnesting Arbitrary Queries" (BTW 2015), as DuckDB and
 * Materialize do it:
 *
 *   D   = SELECT DISTINCT c1..ck FROM L         (the domain: the outer columns R reads)
 *   R'  = R pushed down over D: every operator that reads an outer column gets D's columns
 *         beside its own, and is evaluated per D row — a filter or projection reads them, a
 *         GROUP BY groups by them too, a LIMIT or window partitions by them, a join matches
 *         them on both sides; a subtree that reads no outer column is joined to D once
 *   L ⋈ R' on L.c = R'.d (NULL matching NULL), with the join type the subquery asks for
 *
 * A global aggregate (no GROUP BY) has a row over no input; per D row it is joined back to D,
 * so that D rows without input get the aggregate's empty value (`count(*)` 0) — unless the
 * consumer reads a missing row as NULL anyway and NULL is what the aggregate gives.
 *
 * When R reads outer columns only in filters at its top, the dependent join of a semi or
 * anti join is a plain semi or anti join with those conditions (Neumann's simple unnesting),
 * with no domain.
 *
 * Streaming state stays bounded by the data: D is a projection of L, and R' holds R's state
 * keyed by D's values.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalAggregateCall, LogicalPlan } from '../plan/logical.ts';
import { BOOLEAN, comparatorFor } from '../types/index.ts';
import { conjuncts, rewrite } from './expr-utils.ts';
import { isCorrelated, mapNodeExprs, mapOuterRefs, outerColumns, readsOuter } from './outer-refs.ts';

export type DependentJoinType = 'inner' | 'left' | 'semi' | 'anti';

export interface DependentJoinOptions {
  /**
   * The consumer reads an outer row without a matching R row as R's columns all NULL (a
   * scalar subquery's value): a global aggregate at R's top whose value over no rows is NULL
   * need not be joined back to D.
   */
  readonly nullTolerant?: boolean;
}

const col = (schema: readonly ScopeColumn[], index: number): BoundExpr => ({ kind: 'column', index, type: schema[index]!.type, name: schema[index]!.name });
const and = (parts: readonly BoundExpr[]): BoundExpr | null => (parts.length === 0 ? null : parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: BOOLEAN });

/**
 * The dependent join of `left` with `right` (a plan whose depth-1 outer references read
 * left's columns). `condition` is over left's row followed by right's. The output is left's
 * row (semi, anti), or left's row, right's, and the domain's columns, hidden, after them.
 * Depth-2 and deeper references of `right` come out one level less deep.
 */
export function dependentJoin(left: LogicalPlan, right: LogicalPlan, type: DependentJoinType, condition: BoundExpr | null, options: DependentJoinOptions = {}): LogicalPlan {
  const columns = outerColumns(right, 1);
  if (columns.length === 0) {
    const r = mapOuterRefs(right, (o) => ({ ...o, depth: o.depth - 1 }));
    return joinOn(type, left, r, condition === null ? [] : conjuncts(condition), false);
  }
  if (type === 'semi' || type === 'anti') {
    const simple = pullUpConditions(left, right, type, condition);
    if (simple !== null) return simple;
  }
  const domain = domainOf(left, columns);
  // Depth 1 (left's columns) becomes depth 0, indexed by domain position; the rest one level less.
  const prepared = mapOuterRefs(right, (o) => (o.depth === 1 ? { ...o, depth: 0, index: columns.indexOf(o.index) } : { ...o, depth: o.depth - 1 }));
  const skip = new Set<LogicalPlan>();
  if (options.nullTolerant === true) {
    const agg = nullTolerantAggregate(prepared);
    if (agg !== null) skip.add(agg);
  }
  const pushed = pushDown(prepared, domain, skip);
  const nR = right.schema.length;
  return {
    kind: 'join',
    type,
    left,
    right: pushed,
    leftKeys: columns.map((c) => col(left.schema, c)),
    rightKeys: domain.schema.map((_, j) => col(pushed.schema, nR + j)),
    residual: condition,
    nullSafe: true,
    schema: type === 'semi' || type === 'anti' ? left.schema : [...left.schema, ...pushed.schema],
  };
}

interface Domain {
  readonly plan: LogicalPlan;
  readonly schema: readonly ScopeColumn[];
}

function domainOf(left: LogicalPlan, columns: readonly number[]): Domain {
  const schema: ScopeColumn[] = columns.map((c, j) => ({ name: `d${j}`, relation: '$domain', type: left.schema[c]!.type, hidden: true }));
  const projected: LogicalPlan = { kind: 'project', input: left, exprs: columns.map((c) => col(left.schema, c)), schema };
  return { plan: { kind: 'aggregate', input: projected, groupKeys: schema.map((_, j) => col(schema, j)), calls: [], schema }, schema };
}

/** Whether a plan still reads the dependent join's outer row (depth 0 during the push-down). */
const correlated = (p: LogicalPlan): boolean => isCorrelated(p, 0);

/** `e` with the outer row's columns read from the domain's, which start at `base` of the row. */
function fromDomain(e: BoundExpr, domain: Domain, base: number): BoundExpr {
  return rewrite(e, (x) => (x.kind === 'outer' && x.depth === 0 ? { kind: 'column', index: base + x.index, type: domain.schema[x.index]!.type, name: domain.schema[x.index]!.name } : undefined));
}

const domainRefs = (domain: Domain, base: number): BoundExpr[] => domain.schema.map((c, j) => ({ kind: 'column', index: base + j, type: c.type, name: c.name }));

/** `p` with columns picked by index, under the schema they have there. */
function pick(p: LogicalPlan, indexes: readonly number[]): LogicalPlan {
  return { kind: 'project', input: p, exprs: indexes.map((i) => col(p.schema, i)), schema: indexes.map((i) => p.schema[i]!) };
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * A node whose own output columns follow its input's (series, rank, over, window), rebuilt
 * over `input` (the pushed-down input, with the domain after the original input's columns):
 * then the domain moved to the end.
 */
function appended(p: LogicalPlan, input: LogicalPlan, base: number, k: number, node: (input: LogicalPlan, schema: readonly ScopeColumn[]) => LogicalPlan): LogicalPlan {
  const own = p.schema.slice(base);
  const built = node(input, [...input.schema, ...own]);
  return pick(built, [...range(0, base), ...range(base + k, base + k + own.length), ...range(base, base + k)]);
}

/** `p` evaluated per domain row: p's columns, then the domain's. */
function pushDown(p: LogicalPlan, domain: Domain, skip: ReadonlySet<LogicalPlan>): LogicalPlan {
  const k = domain.schema.length;
  if (!correlated(p)) {
    return { kind: 'join', type: 'inner', left: p, right: domain.plan, leftKeys: [], rightKeys: [], residual: null, schema: [...p.schema, ...domain.schema] };
  }
  const down = (q: LogicalPlan): LogicalPlan => pushDown(q, domain, skip);
  switch (p.kind) {
    case 'scan':
      return p; // reads no outer column (handled above)
    case 'values': {
      // Each row over the domain's rows, its outer references read from them.
      const rows = p.rows.map((row): LogicalPlan => ({
        kind: 'project',
        input: domain.plan,
        exprs: [...row.map((e) => fromDomain(e, domain, 0)), ...domainRefs(domain, 0)],
        schema: [...p.schema, ...domain.schema],
      }));
      return rows.length === 1 ? rows[0]! : { kind: 'union', inputs: rows, schema: [...p.schema, ...domain.schema] };
    }
    case 'filter': {
      const input = down(p.input);
      return { kind: 'filter', input, predicate: fromDomain(p.predicate, domain, p.input.schema.length), schema: input.schema };
    }
    case 'project': {
      const input = down(p.input);
      const base = p.input.schema.length;
      return { kind: 'project', input, exprs: [...p.exprs.map((e) => fromDomain(e, domain, base)), ...domainRefs(domain, base)], schema: [...p.schema, ...domain.schema] };
    }
    case 'aggregate': {
      const input = down(p.input);
      const base = p.input.schema.length;
      const nk = p.groupKeys.length;
      const f = (e: BoundExpr): BoundExpr => fromDomain(e, domain, base);
      const grouped = mapNodeExprs({ ...p, input } as LogicalPlan, f) as Extract<LogicalPlan, { kind: 'aggregate' }>;
      const aggregate: LogicalPlan = {
        ...grouped,
        groupKeys: [...grouped.groupKeys, ...domainRefs(domain, base)],
        schema: [...p.schema.slice(0, nk), ...domain.schema, ...p.schema.slice(nk)],
      };
      const out = pick(aggregate, [...range(0, nk), ...range(nk + k, nk + k + p.calls.length), ...range(nk, nk + k)]);
      return nk === 0 && !skip.has(p) ? withEmptyGroups(out, p.calls, domain) : out;
    }
    case 'join':
      return pushThroughJoin(p, domain, down);
    case 'union':
      return { kind: 'union', inputs: p.inputs.map(down), schema: [...p.schema, ...domain.schema] };
    case 'series': {
      const input = down(p.input);
      const base = p.input.schema.length;
      const f = (e: BoundExpr): BoundExpr => fromDomain(e, domain, base);
      return appended(p, input, base, k, (i, schema) => ({ ...(mapNodeExprs(p, f) as typeof p), input: i, schema }));
    }
    case 'rank':
    case 'over': {
      const input = down(p.input);
      const base = p.input.schema.length;
      const f = (e: BoundExpr): BoundExpr => fromDomain(e, domain, base);
      const mapped = mapNodeExprs(p, f) as typeof p;
      return appended(p, input, base, k, (i, schema) => ({ ...mapped, input: i, partitionBy: [...domainRefs(domain, base), ...mapped.partitionBy], schema }) as LogicalPlan);
    }
    case 'window': {
      const input = down(p.input);
      const base = p.input.schema.length;
      const f = (e: BoundExpr): BoundExpr => fromDomain(e, domain, base);
      const mapped = mapNodeExprs(p, f) as typeof p;
      const partitionBy = p.function === 'session' ? [...domainRefs(domain, base), ...mapped.partitionBy] : mapped.partitionBy;
      return appended(p, input, base, k, (i, schema) => ({ ...mapped, input: i, partitionBy, schema }));
    }
    case 'replicate': {
      // The input's last column is the count: the domain goes before it.
      const input = down(p.input);
      const base = p.input.schema.length;
      const reordered = pick(input, [...range(0, base - 1), ...range(base, base + k), base - 1]);
      return { kind: 'replicate', input: reordered, schema: [...p.schema, ...domain.schema] };
    }
  }
}

/**
 * A join in R: the side that reads outer columns gets the domain (both, when both do or the
 * join keeps the other side's unmatched rows), and where both have it the domain columns must
 * match too.
 */
function pushThroughJoin(p: Extract<LogicalPlan, { kind: 'join' }>, domain: Domain, down: (q: LogicalPlan) => LogicalPlan): LogicalPlan {
  const k = domain.schema.length;
  const lc = correlated(p.left) || p.leftKeys.some((e) => readsOuter(e, 0));
  const rc = correlated(p.right) || p.rightKeys.some((e) => readsOuter(e, 0));
  const anyCorrelated = lc || rc || (p.residual !== null && readsOuter(p.residual, 0));
  const semi = p.type === 'semi' || p.type === 'anti';
  let pushLeft: boolean;
  let pushRight: boolean;
  switch (p.type) {
    case 'inner':
      pushLeft = lc || !rc;
      pushRight = rc;
      break;
    case 'left':
      pushLeft = true;
      pushRight = rc;
      break;
    case 'right':
      pushLeft = lc;
      pushRight = true;
      break;
    case 'full':
      pushLeft = anyCorrelated;
      pushRight = anyCorrelated;
      break;
    default:
      // semi, anti: the output is the left row, which must carry the domain.
      pushLeft = true;
      pushRight = rc;
  }
  const nL = p.left.schema.length;
  const nR = p.right.schema.length;
  const left = pushLeft ? down(p.left) : p.left;
  const right = pushRight ? down(p.right) : p.right;
  const wL = left.schema.length;
  // The joined row: left, [left's domain], right, [right's domain].
  const domainAt = pushLeft ? nL : wL + nR;
  const overJoined = (e: BoundExpr): BoundExpr =>
    fromDomain(rewrite(e, (x) => (x.kind === 'column' && x.index >= nL ? { ...x, index: x.index - nL + wL } : undefined)), domain, domainAt);
  let leftKeys = p.leftKeys.map((e) => fromDomain(e, domain, nL));
  let rightKeys = p.rightKeys.map((e) => fromDomain(e, domain, nR));
  const residual: BoundExpr[] = p.residual === null ? [] : [overJoined(p.residual)];
  let nullSafe = p.nullSafe === true;
  if (pushLeft && pushRight) {
    const l = domainRefs(domain, nL);
    const r = domainRefs(domain, wL + nR);
    if (leftKeys.length === 0) {
      leftKeys = l;
      rightKeys = domainRefs(domain, nR);
      nullSafe = true;
    } else {
      l.forEach((x, j) => residual.push({ kind: 'is-distinct', left: x, right: r[j]!, cmp: comparatorFor(x.type), negated: true, type: BOOLEAN }));
    }
  }
  const joined = joinNode(p.type, left, right, leftKeys, rightKeys, residual, nullSafe);
  if (semi) return joined;
  const fromLeft = range(nL, nL + k);
  const fromRight = range(wL + nR, wL + nR + k);
  const output = [...range(0, nL), ...range(wL, wL + nR)];
  if (!(pushLeft && pushRight) || p.type === 'inner' || p.type === 'left') return pick(joined, [...output, ...(pushLeft ? fromLeft : fromRight)]);
  if (p.type === 'right') return pick(joined, [...output, ...fromRight]);
  // FULL: an unmatched row has the domain on its own side only.
  return {
    kind: 'project',
    input: joined,
    exprs: [...output.map((i) => col(joined.schema, i)), ...fromLeft.map((i, j): BoundExpr => ({ kind: 'coalesce', args: [col(joined.schema, i), col(joined.schema, fromRight[j]!)], type: domain.schema[j]!.type }))],
    schema: [...output.map((i) => joined.schema[i]!), ...domain.schema],
  };
}

/**
 * A global aggregate per domain row, with a row for every domain row: those without input
 * rows get each call's value over no rows.
 */
function withEmptyGroups(perRow: LogicalPlan, calls: readonly LogicalAggregateCall[], domain: Domain): LogicalPlan {
  const k = domain.schema.length;
  const n = calls.length;
  const marked: LogicalPlan = {
    kind: 'project',
    input: perRow,
    exprs: [...perRow.schema.map((_, i) => col(perRow.schema, i)), { kind: 'literal', value: true, type: BOOLEAN }],
    schema: [...perRow.schema, { name: 'matched', relation: '$domain', type: BOOLEAN, hidden: true }],
  };
  const joined: LogicalPlan = {
    kind: 'join',
    type: 'left',
    left: domain.plan,
    right: marked,
    leftKeys: domainRefs(domain, 0),
    rightKeys: domainRefs(domain, n),
    residual: null,
    nullSafe: true,
    schema: [...domain.schema, ...marked.schema],
  };
  const matched: BoundExpr = { kind: 'is-null', arg: col(joined.schema, k + n + k), negated: true, type: BOOLEAN };
  const exprs: BoundExpr[] = calls.map((c, i) => {
    const value = col(joined.schema, k + i);
    const empty = c.aggregate.fn.result(c.aggregate.fn.create());
    return empty === null ? value : { kind: 'case', whens: [[matched, value]], otherwise: { kind: 'literal', value: empty, type: value.type }, type: value.type };
  });
  return { kind: 'project', input: joined, exprs: [...exprs, ...domainRefs(domain, 0)], schema: perRow.schema };
}

/**
 * Whether an expression is NULL whenever the columns it reads are (strict operators,
 * comparisons and functions over at least one such argument).
 */
function nullWhenInputIs(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'column':
      return true;
    case 'cast':
      return nullWhenInputIs(e.arg);
    case 'operator':
      return e.args.some(nullWhenInputIs);
    case 'compare':
      return nullWhenInputIs(e.left) || nullWhenInputIs(e.right);
    case 'function':
      return e.strict && e.args.some(nullWhenInputIs);
    default:
      return false;
  }
}

/**
 * The global aggregate at R's top (under projections only) whose missing row reads the same
 * as its row over no input: every call NULL there, and every projection NULL over NULLs.
 */
function nullTolerantAggregate(p: LogicalPlan): LogicalPlan | null {
  let node = p;
  while (node.kind === 'project') {
    if (!node.exprs.every(nullWhenInputIs)) return null;
    node = node.input;
  }
  if (node.kind !== 'aggregate' || node.groupKeys.length > 0) return null;
  return node.calls.every((c) => c.aggregate.fn.result(c.aggregate.fn.create()) === null) ? node : null;
}

/**
 * Simple unnesting: R reads outer columns only in conditions of filters at its top (under
 * projections), so the semi or anti join takes them as its own conditions.
 */
function pullUpConditions(left: LogicalPlan, right: LogicalPlan, type: 'semi' | 'anti', condition: BoundExpr | null): LogicalPlan | null {
  const nL = left.schema.length;
  // An expression over R's current row, as it reads over the joined row (left's, then R's).
  const overJoined = (e: BoundExpr): BoundExpr =>
    rewrite(e, (x) => {
      if (x.kind === 'column') return { ...x, index: nL + x.index };
      if (x.kind === 'outer') return x.depth === 1 ? { kind: 'column', index: x.index, type: x.type, name: x.name } : { ...x, depth: x.depth - 1 };
      return undefined;
    });
  let conds: BoundExpr[] = condition === null ? [] : conjuncts(condition);
  let kept: BoundExpr[] = []; // over R's current row, reading no outer column
  let r = right;
  for (;;) {
    if (r.kind === 'project') {
      const exprs = r.exprs;
      conds = conds.map((c) => rewrite(c, (x) => (x.kind === 'column' && x.index >= nL ? overJoined(exprs[x.index - nL]!) : undefined)));
      kept = kept.map((c) => rewrite(c, (x) => (x.kind === 'column' ? exprs[x.index] : undefined)));
      r = r.input;
    } else if (r.kind === 'filter') {
      kept.push(...conjuncts(r.predicate));
      r = r.input;
    } else {
      break;
    }
    const moved = kept.filter((c) => readsOuter(c, 1));
    kept = kept.filter((c) => !readsOuter(c, 1));
    conds.push(...moved.map(overJoined));
  }
  if (isCorrelated(r, 1)) return null;
  const base = mapOuterRefs(kept.length === 0 ? r : { kind: 'filter', input: r, predicate: and(kept)!, schema: r.schema }, (o) => ({ ...o, depth: o.depth - 1 }));
  return joinOn(type, left, base, conds, false);
}

/**
 * A join of `left` and `right` on conditions over their joined row: equalities between an
 * expression of left's columns and one of right's become its keys, the rest its residual.
 */
function joinOn(type: DependentJoinType, left: LogicalPlan, right: LogicalPlan, conds: readonly BoundExpr[], nullSafe: boolean): LogicalPlan {
  const nL = left.schema.length;
  const side = (e: BoundExpr): 'left' | 'right' | 'both' | 'none' => {
    let l = false;
    let r = false;
    rewrite(e, (x) => {
      if (x.kind === 'column') {
        if (x.index < nL) l = true;
        else r = true;
      }
      return undefined;
    });
    return l && r ? 'both' : l ? 'left' : r ? 'right' : 'none';
  };
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  for (const c of conds) {
    if (c.kind === 'compare' && c.op === '=') {
      const a = side(c.left);
      const b = side(c.right);
      if (a === 'left' && b === 'right') {
        leftKeys.push(c.left);
        rightKeys.push(rewrite(c.right, (x) => (x.kind === 'column' ? { ...x, index: x.index - nL } : undefined)));
        continue;
      }
      if (a === 'right' && b === 'left') {
        leftKeys.push(c.right);
        rightKeys.push(rewrite(c.left, (x) => (x.kind === 'column' ? { ...x, index: x.index - nL } : undefined)));
        continue;
      }
    }
    residual.push(c);
  }
  return joinNode(type, left, right, leftKeys, rightKeys, residual, nullSafe);
}

/** A join node: semi and anti joins give the left row, the others both rows. */
function joinNode(
  type: Extract<LogicalPlan, { kind: 'join' }>['type'], left: LogicalPlan, right: LogicalPlan, leftKeys: BoundExpr[], rightKeys: BoundExpr[], residual: readonly BoundExpr[], nullSafe: boolean,
): LogicalPlan {
  return {
    kind: 'join',
    type,
    left,
    right,
    leftKeys,
    rightKeys,
    residual: and(residual),
    ...(nullSafe && { nullSafe: true }),
    schema: type === 'semi' || type === 'anti' ? left.schema : [...left.schema, ...right.schema],
  };
}
