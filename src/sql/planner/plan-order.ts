/**
 * A query level's output: ORDER BY and DISTINCT ON keys as output columns (visible, or hidden
 * ones added for them), DISTINCT, and LIMIT / OFFSET as constants.
 */
import { bindExpr } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { BIGINT, INTEGER, SqlError, castFunction, comparatorFor } from '../types/index.ts';
import { exprKey, rewrite } from './expr-utils.ts';
import { notSupported, SqlState } from '../../errors/index.ts';
import type { ClausePlanner } from './clause-planner.ts';
import type { OrderKey, PlannedQuery } from './planned-query.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

export function orderColumn(
  p: ClausePlanner,
  node: PgNode, columns: readonly ScopeColumn[], exprs: readonly BoundExpr[], scope: Scope, hidden: BoundExpr[], aggregated: boolean,
  overInput: ((node: PgNode) => BoundExpr) | null,
): number {
  const c = obj(obj(node).A_Const);
  if ('ival' in c) {
    const pos = Number(obj(c.ival).ival ?? 0);
    if (pos < 1 || pos > columns.length) throw new SqlError(SqlState.invalidColumnReference, `ORDER BY position ${pos} is not in select list`);
    return pos - 1;
  }
  const ref = list(obj(obj(node).ColumnRef).fields);
  if (ref.length === 1) {
    const i = columns.findIndex((col) => col.name === sval(ref[0]));
    if (i >= 0) return i;
  }
  if (aggregated) {
    // Over output columns, then expressed over the aggregate's output like the select list.
    let bound: BoundExpr;
    try {
      const overOutput = bindExpr(node, p.bindContext(new Scope(columns), 'ORDER BY'));
      bound = rewrite(overOutput, (x) => (x.kind === 'column' ? exprs[x.index] : undefined));
    } catch (e) {
      // A name the output does not have (42703), a qualified one (`t.g`, 42P01), or an
      // aggregate call (42803): over the input, as the select list is.
      if (!(e instanceof SqlError && (e.code === SqlState.undefinedColumn || e.code === SqlState.undefinedTable || e.code === SqlState.groupingError)) || overInput === null) throw e;
      bound = overInput(node);
    }
    return placeHidden(bound, exprs, hidden);
  }
  return placeHidden(bindExpr(node, p.bindContext(scope, 'ORDER BY')), exprs, hidden);
}

/** LIMIT/OFFSET: constant expressions evaluated at plan time (NULL or ALL means none). */
export function constantLimit(p: ClausePlanner, node: unknown, what: string): number | null {
  if (node === undefined) return null;
  const bound = bindExpr(node as PgNode, p.bindContext(new Scope([]), what));
  if (bound.kind !== 'literal') throw notSupported(`a non-constant ${what}`);
  if (bound.value === null) return null;
  const v = Number(bound.type.kind === 'unknown' ? castFunction(bound.type, INTEGER)(bound.value as string) : bound.value);
  if (!Number.isInteger(v) || v < 0) throw new SqlError(SqlState.invalidRowCountInLimitClause, `${what} must not be negative`);
  return v;
}

/**
 * The output column an ORDER BY or DISTINCT ON expression sorts by: a select-list item equal
 * to it, else a hidden column, shared with an equal expression placed before (so that
 * `DISTINCT ON (a) ... ORDER BY a` sorts and groups by one column when `a` is not selected).
 */
export function placeHidden(bound: BoundExpr, exprs: readonly BoundExpr[], hidden: BoundExpr[]): number {
  const key = exprKey(bound);
  const i = exprs.findIndex((e) => exprKey(e) === key);
  if (i >= 0) return i;
  const h = hidden.findIndex((e) => exprKey(e) === key);
  if (h >= 0) return exprs.length + h;
  hidden.push(bound);
  return exprs.length + hidden.length - 1;
}

/** What the output step needs of the level: the rows, the select list bound over them, and how to read ORDER BY over the input. */
export interface OutputInput {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
  readonly exprs: readonly BoundExpr[];
  readonly names: readonly string[];
  /** Whether the level groups (ORDER BY then reads the groups, not the rows). */
  readonly aggregated: boolean;
  readonly overInput: ((node: PgNode) => BoundExpr) | null;
}

/**
 * The level's result: the select list projected, with the hidden columns its ORDER BY and
 * DISTINCT ON need after it; DISTINCT ON as the first row of each group (a rank with limit
 * 1), DISTINCT as a grouping by every column; ORDER BY, LIMIT and OFFSET for the client.
 */
export function planOutput(p: ClausePlanner, select: Obj, input: OutputInput): PlannedQuery {
  const { exprs, scope, aggregated, overInput } = input;
  const columns: ScopeColumn[] = exprs.map((e, i) => ({ name: input.names[i]!, relation: null, type: e.type }));
  // ORDER BY may name output columns, positions, or (without DISTINCT/aggregates) input expressions.
  const hidden: BoundExpr[] = [];
  const orderBy: OrderKey[] = list(select.sortClause).map((s) => {
    const sb = obj(obj(s).SortBy);
    const column = orderColumn(p, sb.node as PgNode, columns, exprs, scope, hidden, aggregated, overInput);
    const type = column < exprs.length ? (exprs[column] as BoundExpr).type : (hidden[column - exprs.length] as BoundExpr).type;
    const descending = sb.sortby_dir === 'SORTBY_DESC';
    const nullsFirst = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && descending);
    return { column, descending, nullsFirst, cmp: comparatorFor(type) };
  });
  // DISTINCT ON (exprs): the first row of each group of equal exprs, by ORDER BY.
  const distinctOn = distinctOnNodes(select).map((node) => orderColumn(p, node, columns, exprs, scope, hidden, aggregated, overInput));
  const lead = orderBy.slice(0, distinctOn.length);
  if (distinctOn.length > 0 && lead.some((k) => !distinctOn.includes(k.column))) {
    throw new SqlError(SqlState.invalidColumnReference, 'SELECT DISTINCT ON expressions must match initial ORDER BY expressions');
  }
  let plan: LogicalPlan = {
    kind: 'project',
    input: input.plan,
    exprs: [...exprs, ...hidden],
    schema: [...columns, ...hidden.map((h, i) => ({ name: `order${i}`, relation: null, type: h.type }))],
  };
  const out = new Scope(plan.schema);
  const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: out.columns[i]!.type, name: out.columns[i]!.name });
  if (distinctOn.length > 0) {
    const ranked: LogicalPlan = {
      kind: 'rank',
      input: plan,
      function: 'row_number',
      partitionBy: distinctOn.map(col),
      orderBy: orderBy.map((k) => ({ expr: col(k.column), descending: k.descending, nullsFirst: k.nullsFirst })),
      limit: 1,
      schema: [...plan.schema, { name: 'row_number', relation: null, type: BIGINT }],
    };
    plan = { kind: 'project', input: ranked, exprs: plan.schema.map((_, i) => col(i)), schema: plan.schema };
  } else if (select.distinctClause !== undefined) {
    if (hidden.length > 0) throw new SqlError(SqlState.invalidColumnReference, 'for SELECT DISTINCT, ORDER BY expressions must appear in select list');
    plan = { kind: 'aggregate', input: plan, groupKeys: columns.map((_, i) => col(i)), calls: [], schema: columns };
  }
  return {
    plan, columns, orderBy, limit: constantLimit(p, select.limitCount, 'LIMIT'), offset: constantLimit(p, select.limitOffset, 'OFFSET') ?? 0,
    withTies: select.limitOption === 'LIMIT_OPTION_WITH_TIES',
  };
}

/** DISTINCT ON's expressions (none for plain DISTINCT, whose list holds one empty node). */
export function distinctOnNodes(select: Obj): PgNode[] {
  return list(select.distinctClause).filter((d) => Object.keys(d as Obj).length > 0);
}
