/**
 * Correlated subqueries, decorrelated over a domain (the "dependent join" unnested as in
 * Neumann and Kemper, "Unnesting Arbitrary Queries"): for a subquery S that reads columns
 * c1..ck of the outer query,
 *
 *   D   = SELECT DISTINCT c1..ck FROM <outer rows>
 *   S'  = S evaluated once per row of D: D joins S's FROM, the outer references read D's
 *         columns, and every per-row construct is made per-D-row — GROUP BY gets D's
 *         columns (a global aggregate becomes one group per D row), window partitions get
 *         them, LIMIT becomes a Top-N per D row — and S' outputs D's columns after its own.
 *
 * The outer query then joins S' back on c1..ck (NULL matching NULL). Outer rows whose D row
 * has no result get what S gives over no rows: NULL, or for a global aggregate its value
 * over empty input (`count(*)` is 0), computed by S with the outer references NULL over no
 * rows. This file rewrites parse trees; plan-select.ts plans and joins them.
 */
import { isAggregateName } from '../functions/aggregate-names.ts';
import { Scope } from '../binder/scope.ts';
import { SqlError, formatType, type DataType } from '../types/index.ts';
import { parseExpression } from '../parser/fragments.ts';
import type { PgNode } from '../parser/index.ts';
import { SqlState } from '../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : (obj(obj(v).List).items as unknown[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval);

/** The relation name under which D's columns are visible inside S'. */
export const DOMAIN = '$domain';
export const domainColumn = (j: number): string => `d${j}`;

const columnRef = (relation: string, name: string): PgNode =>
  ({ ColumnRef: { fields: [{ String: { sval: relation } }, { String: { sval: name } }], location: -1 } }) as unknown as PgNode;

export interface Decorrelation {
  /** S' as a SelectStmt body; its LIMIT/OFFSET are for the caller to apply per D row. */
  readonly select: Obj;
  /** Outer columns S reads, in D's column order. */
  readonly outerColumns: readonly number[];
  /** Whether S aggregates without GROUP BY (one row even over no input). */
  readonly globalAggregate: boolean;
  /** S over no rows with the outer references NULL: what an outer row without match gets. */
  readonly empty: Obj;
}

/** Whether a parse tree has an aggregate call at this query level (not in OVER or nested queries). */
export function hasAggregate(tree: unknown): boolean {
  if (Array.isArray(tree)) return tree.some(hasAggregate);
  if (tree === null || typeof tree !== 'object') return false;
  const t = tree as Obj;
  if ('SelectStmt' in t || 'SubLink' in t) return false;
  const call = t.FuncCall as Obj | undefined;
  if (call !== undefined && call.over === undefined && isAggregateName(list(call.funcname).map(sval).join('.').toLowerCase())) return true;
  return Object.values(t).some(hasAggregate);
}

/** Copies `tree`, replacing nodes for which `replace` gives one. */
function mapTree(tree: unknown, replace: (node: Obj) => unknown): unknown {
  if (Array.isArray(tree)) return tree.map((t) => mapTree(t, replace));
  if (tree === null || typeof tree !== 'object') return tree;
  const r = replace(tree as Obj);
  if (r !== undefined) return r;
  const out: Obj = {};
  for (const [k, v] of Object.entries(tree)) out[k] = mapTree(v, replace);
  return out;
}

const domainItem = (): Obj => ({ RangeVar: { relname: DOMAIN, inh: true, relpersistence: 'p', location: -1 } });

/**
 * The domain as the first FROM item, so what reads outer columns (functions in FROM, derived
 * tables) sees it. When the first item is a join (inner or left along its left side), the
 * domain joins its leftmost item instead, so derived tables inside the join see it too:
 * `D, (L JOIN R ON c)` is `(D JOIN LATERAL L) JOIN R ON c`.
 */
function withDomainFirst(items: readonly unknown[]): unknown[] {
  const [first, ...rest] = items;
  const leftmost = (item: unknown): unknown => {
    const join = obj(item).JoinExpr as Obj | undefined;
    if (join !== undefined && (join.jointype === 'JOIN_INNER' || join.jointype === 'JOIN_LEFT')) {
      const inner = leftmost(join.larg);
      return inner === null ? null : { JoinExpr: { ...join, larg: inner } };
    }
    if (join !== undefined) return null;
    return { JoinExpr: { jointype: 'JOIN_INNER', larg: domainItem(), rarg: item, quals: parseExpression('true', { start: 0, end: 4 }) } };
  };
  if (first !== undefined && 'JoinExpr' in obj(first)) {
    const joined = leftmost(first);
    if (joined !== null) return [joined, ...rest];
  }
  return [domainItem(), ...items];
}

/** Whether `scope` has the column a ColumnRef names (false for names it does not know). */
function resolves(scope: Scope, name: string, relation: string | null): boolean {
  try {
    scope.resolve(name, relation);
    return true;
  } catch (e) {
    if (e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable)) return false;
    return true; // ambiguous there: still that query's own name
  }
}

/**
 * Copies a parse tree, giving `f` each ColumnRef with the scopes of the queries nested
 * between the tree's level and the reference (innermost first): a name one of them has is
 * that query's own, not an outer reference. `scopeOf` gives a nested query's FROM columns.
 */
function mapRefs(tree: unknown, local: readonly Scope[], f: (ref: Obj, local: readonly Scope[]) => unknown, scopeOf: (body: Obj) => Scope | null): unknown {
  if (Array.isArray(tree)) return tree.map((t) => mapRefs(t, local, f, scopeOf));
  if (tree === null || typeof tree !== 'object') return tree;
  const node = tree as Obj;
  if ('ColumnRef' in node) return f(node.ColumnRef as Obj, local) ?? node;
  if ('SelectStmt' in node) return { SelectStmt: mapBody(node.SelectStmt as Obj, local, f, scopeOf) };
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) out[k] = mapRefs(v, local, f, scopeOf);
  return out;
}

function mapBody(body: Obj, local: readonly Scope[], f: (ref: Obj, local: readonly Scope[]) => unknown, scopeOf: (body: Obj) => Scope | null): Obj {
  if (body.op !== undefined && body.op !== 'SETOP_NONE') {
    return { ...body, larg: mapBody(obj(body.larg), local, f, scopeOf), rarg: mapBody(obj(body.rarg), local, f, scopeOf) };
  }
  const own = scopeOf(body);
  const scopes = own === null ? local : [own, ...local];
  const out: Obj = {};
  for (const [k, v] of Object.entries(body)) out[k] = mapRefs(v, scopes, f, scopeOf);
  return out;
}

/**
 * Rewrites S (a SelectStmt body) whose FROM clause binds to `inner`; names it cannot resolve
 * there (nor in the query, nested in S, that holds them) but `outer` can are outer
 * references. `scopeOf` gives the FROM columns of a query nested in S (null when unknown).
 * Returns null when S reads no outer column.
 */
export function decorrelate(
  select: Obj, inner: Scope, outer: Scope, outerTypes: readonly DataType[], scopeOf: (body: Obj) => Scope | null = () => null, shared?: number[],
): Decorrelation | null {
  if (select.op !== undefined && select.op !== 'SETOP_NONE') return decorrelateSetOperation(select, outer, outerTypes, scopeOf, shared ?? []);
  const outerColumns: number[] = shared ?? [];
  // Which outer column a ColumnRef reads, or null when it is S's own (or nobody's).
  const outerColumn = (ref: Obj, local: readonly Scope[]): number | null => {
    const fields = list(ref.fields);
    if (fields.some((f) => 'A_Star' in obj(f))) return null;
    const names = fields.map(sval);
    const name = names[names.length - 1] as string;
    const relation = names.length >= 2 ? (names[names.length - 2] as string) : null;
    if (local.some((scope) => resolves(scope, name, relation))) return null;
    try {
      inner.resolve(name, relation);
      return null;
    } catch (e) {
      if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
    }
    try {
      return outer.resolve(name, relation);
    } catch (e) {
      if (e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable)) return null;
      throw e;
    }
  };
  const toDomainRef = (ref: Obj, local: readonly Scope[]): unknown => {
    const c = outerColumn(ref, local);
    if (c === null) return undefined;
    let j = outerColumns.indexOf(c);
    if (j < 0) j = outerColumns.push(c) - 1;
    return columnRef(DOMAIN, domainColumn(j));
  };
  const toDomain = (tree: unknown): unknown => mapRefs(tree, [], toDomainRef, scopeOf);
  const rewritten: Obj = {};
  // Functions in FROM may read outer columns too (they run per domain row, after it).
  // So may derived tables, which then join as LATERAL subqueries after the domain.
  const fromItem = (item: unknown): unknown => {
    if ('RangeFunction' in obj(item)) return toDomain(item);
    const sub = obj(item).RangeSubselect as Obj | undefined;
    if (sub !== undefined) return { RangeSubselect: { ...(toDomain(sub) as Obj), lateral: true } };
    // Inside a join, the same (and its ON condition may read outer columns as well).
    const join = obj(item).JoinExpr as Obj | undefined;
    if (join !== undefined) {
      return { JoinExpr: { ...join, larg: fromItem(join.larg), rarg: fromItem(join.rarg), ...(join.quals !== undefined && { quals: toDomain(join.quals) }) } };
    }
    return item;
  };
  for (const [k, v] of Object.entries(select)) rewritten[k] = k === 'fromClause' ? list(v).map(fromItem) : toDomain(v);
  if (outerColumns.length === 0) return null;

  const domainRefs = outerColumns.map((_, j) => columnRef(DOMAIN, domainColumn(j)));
  const aggregated = list(select.groupClause).length > 0 || hasAggregate([select.targetList, select.havingClause]);
  // Window functions run per D row: D's columns lead every PARTITION BY.
  const perRow = (w: Obj): Obj => ({ ...w, partitionClause: [...domainRefs, ...list(w.partitionClause)] });
  const windowed = (tree: unknown): unknown =>
    mapTree(tree, (node) => {
      const call = node.FuncCall as Obj | undefined;
      if (call === undefined || call.over === undefined) return undefined;
      const over = obj(call.over);
      // A named window is rewritten where it is defined.
      if (over.refname !== undefined && over.partitionClause === undefined && over.orderClause === undefined) return undefined;
      return { FuncCall: { ...call, args: windowed(call.args), over: perRow(over) } };
    });
  const body: Obj = {
    ...rewritten,
    // The domain first: functions in FROM over outer columns read it (implicit LATERAL).
    fromClause: withDomainFirst(list(rewritten.fromClause)),
    targetList: [
      ...list(windowed(rewritten.targetList)),
      ...domainRefs.map((val, j) => ({ ResTarget: { name: `$${domainColumn(j)}`, val, location: -1 } })),
    ],
    ...(rewritten.windowClause !== undefined && {
      windowClause: list(rewritten.windowClause).map((w) => ({ WindowDef: perRow(obj(obj(w).WindowDef)) })),
    }),
    ...(aggregated && { groupClause: [...list(rewritten.groupClause), ...domainRefs] }),
  };

  // S over no rows, the outer references NULL of their types.
  const nullOf = (t: DataType): unknown => {
    const text = `NULL::${formatType(t)}`;
    return parseExpression(text, { start: 0, end: text.length });
  };
  const nulls = (tree: unknown): unknown =>
    mapRefs(tree, [], (ref, local) => {
      const c = outerColumn(ref, local);
      return c === null ? undefined : nullOf(outerTypes[c] as DataType);
    }, scopeOf);
  const never = parseExpression('false', { start: 0, end: 5 });
  const empty: Obj = {};
  for (const [k, v] of Object.entries(select)) {
    empty[k] = k === 'fromClause' ? list(v).map((item) => ('RangeFunction' in obj(item) || 'RangeSubselect' in obj(item) || 'JoinExpr' in obj(item) ? nulls(item) : item)) : nulls(v);
  }
  empty.whereClause = never;
  return { select: body, outerColumns, globalAggregate: aggregated && list(select.groupClause).length === 0, empty };
}

/**
 * A set operation whose branches read outer columns: each branch over the domain, with the
 * domain's columns after its own, so that UNION, INTERSECT and EXCEPT combine rows per
 * domain row (the domain columns are part of every row they compare). All branches share
 * one domain: a first pass finds every outer column any branch reads, the second rewrites
 * them all with it. Null when no branch reads one, or when a branch cannot be rewritten (its
 * FROM columns unknown, or an aggregate without GROUP BY, whose row over no input a union
 * would lose).
 */
function decorrelateSetOperation(select: Obj, outer: Scope, outerTypes: readonly DataType[], scopeOf: (body: Obj) => Scope | null, outerColumns: number[]): Decorrelation | null {
  const branches = [obj(select.larg), obj(select.rarg)];
  const scopes = branches.map((b) => (b.op !== undefined && b.op !== 'SETOP_NONE' ? new Scope([]) : scopeOf(b)));
  if (scopes.some((sc) => sc === null)) return null;
  const rewrite = (): Array<Decorrelation | null> => branches.map((b, i) => decorrelate(b, scopes[i]!, outer, outerTypes, scopeOf, outerColumns));
  rewrite();
  if (outerColumns.length === 0) return null;
  const done = rewrite();
  if (done.some((d) => d === null || d.globalAggregate)) return null;
  return { select: { ...select, larg: done[0]!.select, rarg: done[1]!.select }, outerColumns, globalAggregate: false, empty: select };
}

/** A SelectStmt node around a body. */
export const selectNode = (body: Obj): PgNode => ({ SelectStmt: body }) as unknown as PgNode;
