/**
 * Join ordering. A tree of inner joins and filters over them (comma joins, JOIN ... ON and the
 * WHERE conditions, whatever their order in the query) is one join graph: its inputs, the
 * leaves, and its conditions, each over the leaves it reads. The graph is joined again in an
 * order that follows the conditions, by Greedy Operator Ordering (Fegaras, 1998): of the pairs
 * of parts that a condition connects, join the one with the smallest estimated result, until
 * one part is left. Two parts are crossed only when no condition connects any two, so a
 * cross product of tables that a predicate joins never happens. The trees may be bushy.
 *
 * On the way:
 * - a condition over one leaf filters that leaf before any join;
 * - an equality between two sides becomes a hash key of the first join that has both, any
 *   other condition its residual;
 * - equalities between columns form equivalence classes, so `a.x = b.y AND b.y = c.z` can join
 *   `a` and `c` on `x = z`.
 *
 * The result has the original column order (a projection on top when the order changed).
 * Greedy ordering is quadratic in the leaves per step: a 64-table join plans in milliseconds.
 * Outer, semi and anti joins and null-safe joins (joins back to a decorrelation domain) are
 * leaves: their semantics fix their order.
 */
import { columnsOf, type BoundExpr } from '../binder/bound-expr.ts';
import type { ScopeColumn } from '../binder/scope.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { conjuncts, rewrite, shiftColumns } from '../planner/expr-utils.ts';
import { BOOLEAN, comparatorFor } from '../types/index.ts';
import { estimateRows, selectivity } from './estimate.ts';
import { withInputs } from '../plan/properties.ts';

/** Fewer leaves than this keep the order they were written in. */
const MIN_LEAVES = 3;

interface Leaf {
  readonly plan: LogicalPlan;
  /** Where its columns start in the graph's row (all leaves' columns in written order). */
  readonly offset: number;
}

/** A condition over the graph's row. `eq`: an equality whose two sides may become hash keys. */
interface Condition {
  readonly expr: BoundExpr;
  readonly leaves: ReadonlySet<number>;
  readonly eq: { readonly left: BoundExpr; readonly right: BoundExpr; readonly leftLeaves: ReadonlySet<number>; readonly rightLeaves: ReadonlySet<number> } | null;
  /** Its equivalence class, for an equality of two columns of different leaves. */
  classId: number | null;
  applied: boolean;
}

interface Part {
  readonly leaves: ReadonlySet<number>;
  readonly plan: LogicalPlan;
  /** Graph column → position in this part's row. */
  readonly columns: ReadonlyMap<number, number>;
  readonly rows: number;
}

const isInnerJoin = (p: LogicalPlan): p is Extract<LogicalPlan, { kind: 'join' }> => p.kind === 'join' && p.type === 'inner' && p.nullSafe !== true;

function isGraphRoot(p: LogicalPlan): boolean {
  let q = p;
  while (q.kind === 'filter') q = q.input;
  return isInnerJoin(q);
}

export function reorderJoins(plan: LogicalPlan): LogicalPlan {
  if (!isGraphRoot(plan)) return withInputs(plan, reorderJoins);
  const leaves: Leaf[] = [];
  const conditions: BoundExpr[] = [];
  const keyPairs: Array<[BoundExpr, BoundExpr]> = [];
  const collect = (p: LogicalPlan, offset: number): void => {
    if (p.kind === 'filter' && isGraphRoot(p)) {
      collect(p.input, offset);
      conditions.push(...conjuncts(shiftColumns(p.predicate, offset)));
    } else if (isInnerJoin(p)) {
      const nLeft = p.left.schema.length;
      collect(p.left, offset);
      collect(p.right, offset + nLeft);
      p.leftKeys.forEach((k, i) => keyPairs.push([shiftColumns(k, offset), shiftColumns(p.rightKeys[i]!, offset + nLeft)]));
      if (p.residual !== null) conditions.push(...conjuncts(shiftColumns(p.residual, offset)));
    } else leaves.push({ plan: reorderJoins(p), offset });
  };
  collect(plan, 0);
  if (leaves.length < MIN_LEAVES) return rebuildInOrder(plan, leaves);
  return new JoinGraph(leaves, conditions, keyPairs).plan(plan.schema);
}

/** Fewer leaves than worth ordering: the same tree, its leaves (already ordered inside) put back. */
function rebuildInOrder(plan: LogicalPlan, leaves: readonly Leaf[]): LogicalPlan {
  let next = 0;
  const put = (p: LogicalPlan): LogicalPlan => {
    if (p.kind === 'filter' && isGraphRoot(p)) return { ...p, input: put(p.input) };
    if (isInnerJoin(p)) {
      const left = put(p.left);
      return { ...p, left, right: put(p.right) };
    }
    return leaves[next++]!.plan;
  };
  return put(plan);
}

class JoinGraph {
  private readonly leaves: readonly Leaf[];
  private readonly leafOfColumn: number[] = [];
  private readonly conditions: Condition[] = [];
  /** Equivalence classes by id: their columns, ascending. */
  private readonly classes = new Map<number, number[]>();

  constructor(leaves: readonly Leaf[], exprs: readonly BoundExpr[], keyPairs: ReadonlyArray<readonly [BoundExpr, BoundExpr]>) {
    this.leaves = leaves;
    leaves.forEach((l, i) => {
      for (let c = 0; c < l.plan.schema.length; c++) this.leafOfColumn[l.offset + c] = i;
    });
    for (const e of exprs) this.add(e, e.kind === 'compare' && e.op === '=' ? [e.left, e.right] : null);
    for (const [l, r] of keyPairs) this.add({ kind: 'compare', op: '=', cmp: comparatorFor(l.type), left: l, right: r, type: BOOLEAN }, [l, r]);
    this.formClasses();
  }

  private leavesOf(e: BoundExpr): Set<number> {
    const out = new Set<number>();
    for (const c of columnsOf(e)) out.add(this.leafOfColumn[c]!);
    return out;
  }

  private add(expr: BoundExpr, sides: readonly [BoundExpr, BoundExpr] | null): void {
    const leaves = this.leavesOf(expr);
    let eq: Condition['eq'] = null;
    if (sides !== null) {
      const leftLeaves = this.leavesOf(sides[0]);
      const rightLeaves = this.leavesOf(sides[1]);
      if (leftLeaves.size > 0 && rightLeaves.size > 0 && ![...leftLeaves].some((l) => rightLeaves.has(l))) eq = { left: sides[0], right: sides[1], leftLeaves, rightLeaves };
    }
    this.conditions.push({ expr, leaves, eq, classId: null, applied: false });
  }

  /** Union-find over columns equated across leaves (same type on both sides). */
  private formClasses(): void {
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let r = x;
      while (parent.get(r)! !== r) r = parent.get(r)!;
      return r;
    };
    const paired: Condition[] = [];
    for (const c of this.conditions) {
      const eq = c.eq;
      if (eq === null || eq.left.kind !== 'column' || eq.right.kind !== 'column' || eq.left.type.kind !== eq.right.type.kind) continue;
      paired.push(c);
      for (const x of [eq.left.index, eq.right.index]) if (!parent.has(x)) parent.set(x, x);
      const a = find(eq.left.index);
      const b = find(eq.right.index);
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
    }
    for (const c of paired) c.classId = find((c.eq!.left as { index: number }).index);
    for (const x of [...parent.keys()].sort((a, b) => a - b)) {
      const id = find(x);
      const members = this.classes.get(id);
      if (members === undefined) this.classes.set(id, [x]);
      else members.push(x);
    }
  }

  plan(schema: readonly ScopeColumn[]): LogicalPlan {
    let parts: Part[] = this.leaves.map((_, i) => this.leafPart(i));
    while (parts.length > 1) {
      const [i, j] = this.choose(parts);
      const merged = this.join(parts[i]!, parts[j]!);
      parts = [...parts.filter((_, k) => k !== i && k !== j), merged].sort((a, b) => Math.min(...a.leaves) - Math.min(...b.leaves));
    }
    const root = parts[0]!;
    let out = root.plan;
    const constant = this.conditions.filter((c) => !c.applied && c.leaves.size === 0).map((c) => c.expr);
    for (const c of this.conditions) c.applied = true;
    if (constant.length > 0) out = { kind: 'filter', input: out, predicate: and(constant), schema: out.schema };
    const identity = schema.every((_, i) => root.columns.get(i) === i);
    if (identity) return out;
    const exprs = schema.map((c, i): BoundExpr => ({ kind: 'column', index: root.columns.get(i)!, type: out.schema[root.columns.get(i)!]!.type, name: c.name }));
    return { kind: 'project', input: out, exprs, schema };
  }

  /**
   * A leaf with the conditions over it alone as its filter, and the equalities its columns of
   * one equivalence class imply (`a.x = b.y AND b.y = a.z` filters `a` on `x = z`, as
   * PostgreSQL's generate_base_implied_equalities does). So within every part all columns of
   * a class are equal, and a join on one column of the class from each side makes the whole
   * class hold (see conditionsBetween).
   */
  private leafPart(i: number): Part {
    const leaf = this.leaves[i]!;
    const columns = new Map<number, number>();
    for (let c = 0; c < leaf.plan.schema.length; c++) columns.set(leaf.offset + c, c);
    const own = this.conditions.filter((c) => c.leaves.size === 1 && c.leaves.has(i));
    for (const c of own) c.applied = true;
    const implied: BoundExpr[] = [];
    for (const members of this.classes.values()) {
      const [first, ...rest] = members.filter((m) => this.leafOfColumn[m] === i).map((m) => this.column(m));
      for (const m of rest) implied.push({ kind: 'compare', op: '=', cmp: comparatorFor(first!.type), left: first!, right: m, type: BOOLEAN });
    }
    let plan = leaf.plan;
    if (own.length + implied.length > 0) {
      const predicate = and([...own.map((c) => c.expr), ...implied].map((e) => shiftColumns(e, -leaf.offset)));
      plan = { kind: 'filter', input: plan, predicate, schema: plan.schema };
    }
    return { leaves: new Set([i]), plan, columns, rows: estimateRows(plan) };
  }

  /** The pair of parts to join next: the smallest result among connected pairs, else the smallest cross product. */
  private choose(parts: readonly Part[]): [number, number] {
    const partOfLeaf = new Map<number, number>();
    parts.forEach((p, k) => p.leaves.forEach((l) => partOfLeaf.set(l, k)));
    const candidates = new Set<string>();
    const pair = (a: number, b: number): void => {
      if (a !== b) candidates.add(a < b ? `${a},${b}` : `${b},${a}`);
    };
    for (const c of this.conditions) {
      if (c.applied) continue;
      const touched = new Set([...c.leaves].map((l) => partOfLeaf.get(l)!));
      if (touched.size === 2) {
        const [a, b] = [...touched];
        pair(a!, b!);
      }
    }
    for (const members of this.classes.values()) {
      const touched = [...new Set(members.map((m) => partOfLeaf.get(this.leafOfColumn[m]!)!))];
      for (let x = 0; x < touched.length; x++) for (let y = x + 1; y < touched.length; y++) pair(touched[x]!, touched[y]!);
    }
    let best: [number, number] | null = null;
    let bestRows = Infinity;
    for (const key of [...candidates].sort()) {
      const [a, b] = key.split(',').map(Number) as [number, number];
      const rows = this.estimateJoin(parts[a]!, parts[b]!);
      if (rows < bestRows) [best, bestRows] = [[a, b], rows];
    }
    if (best !== null) return best;
    // Nothing connects any two parts: cross the two smallest.
    const bySize = parts.map((p, k) => [p.rows, k] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const [a, b] = [bySize[0]![1], bySize[1]![1]];
    return a < b ? [a, b] : [b, a];
  }

  private estimateJoin(a: Part, b: Part): number {
    const { keys, residual } = this.conditionsBetween(a, b, false);
    return this.estimateJoinRows(a, b, keys, residual);
  }

  /** Distinct values of a key expression, guessed: a column's leaf's rows (keys are mostly unique), else unknown. */
  private distinct(e: BoundExpr, part: Part): number {
    if (e.kind !== 'column') return part.rows;
    return estimateRows(this.leaves[this.leafOfColumn[e.index]!]!.plan);
  }

  /**
   * The conditions a join of `a` and `b` applies: keys (left over `a`, right over `b`, graph
   * columns) and the rest. With `take`, they are marked applied.
   */
  private conditionsBetween(a: Part, b: Part, take: boolean): { keys: Array<[BoundExpr, BoundExpr]>; residual: BoundExpr[] } {
    const keys: Array<[BoundExpr, BoundExpr]> = [];
    const residual: BoundExpr[] = [];
    const within = (s: ReadonlySet<number>, p: Part): boolean => [...s].every((l) => p.leaves.has(l));
    const keyedClasses = new Set<number>();
    for (const c of this.conditions) {
      if (c.applied || c.leaves.size < 2) continue;
      const all = [...c.leaves];
      if (!all.every((l) => a.leaves.has(l) || b.leaves.has(l)) || within(c.leaves, a) || within(c.leaves, b)) continue;
      if (take) c.applied = true;
      if (c.classId !== null) continue; // joined through its class below
      const eq = c.eq;
      if (eq !== null && within(eq.leftLeaves, a) && within(eq.rightLeaves, b)) keys.push([eq.left, eq.right]);
      else if (eq !== null && within(eq.leftLeaves, b) && within(eq.rightLeaves, a)) keys.push([eq.right, eq.left]);
      else residual.push(c.expr);
    }
    for (const [id, members] of this.classes) {
      if (keyedClasses.has(id)) continue;
      const inA = members.find((m) => a.leaves.has(this.leafOfColumn[m]!));
      const inB = members.find((m) => b.leaves.has(this.leafOfColumn[m]!));
      if (inA === undefined || inB === undefined) continue;
      keyedClasses.add(id);
      keys.push([this.column(inA), this.column(inB)]);
      if (take) {
        // Every equality of the class within the two parts now holds.
        for (const c of this.conditions) if (c.classId === id && within(c.leaves, { ...a, leaves: new Set([...a.leaves, ...b.leaves]) })) c.applied = true;
      }
    }
    return { keys, residual };
  }

  private column(index: number): BoundExpr {
    const leaf = this.leaves[this.leafOfColumn[index]!]!;
    const c = leaf.plan.schema[index - leaf.offset]!;
    return { kind: 'column', index, type: c.type, name: c.name };
  }

  private join(a: Part, b: Part): Part {
    const { keys, residual } = this.conditionsBetween(a, b, true);
    const nLeft = a.plan.schema.length;
    const columns = new Map(a.columns);
    for (const [g, p] of b.columns) columns.set(g, p + nLeft);
    const over = (m: ReadonlyMap<number, number>) => (e: BoundExpr): BoundExpr => rewrite(e, (x) => (x.kind === 'column' ? { ...x, index: m.get(x.index)! } : undefined));
    const plan: LogicalPlan = {
      kind: 'join',
      type: 'inner',
      left: a.plan,
      right: b.plan,
      leftKeys: keys.map(([l]) => over(a.columns)(l)),
      rightKeys: keys.map(([, r]) => over(b.columns)(r)),
      residual: residual.length === 0 ? null : and(residual.map(over(columns))),
      schema: [...a.plan.schema, ...b.plan.schema],
    };
    return { leaves: new Set([...a.leaves, ...b.leaves]), plan, columns, rows: this.estimateJoinRows(a, b, keys, residual) };
  }

  private estimateJoinRows(a: Part, b: Part, keys: ReadonlyArray<readonly [BoundExpr, BoundExpr]>, residual: readonly BoundExpr[]): number {
    let divisor = 1;
    for (const [l, r] of keys) divisor = Math.max(divisor, Math.min(this.distinct(l, a), a.rows), Math.min(this.distinct(r, b), b.rows));
    return Math.max(1, ((a.rows * b.rows) / divisor) * (residual.length === 0 ? 1 : selectivity(and(residual))));
  }
}

function and(parts: readonly BoundExpr[]): BoundExpr {
  return parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: BOOLEAN };
}
