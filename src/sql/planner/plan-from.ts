/**
 * The FROM clause: relations, subqueries and joins become a logical plan and the scope of
 * columns the rest of the query sees.
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import { bindWatermark } from './watermarks.ts';
import { asCondition, bindExpr, bindOperator, coerce, type BindContext } from '../binder/bind-expr.ts';
import { compileExpr } from '../codegen/compile-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { columnsOf } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalPlan, SeriesCall } from '../plan/logical.ts';
import {
  BIGINT, BOOLEAN, Decimal, INTEGER, INTERVAL, NUMERIC, SqlError, TIMESTAMP, TIMESTAMPTZ, commonTypeOf, datetimeOps, decimalCmp, intervalCmp, numeric,
  type DataType, type Int64, type Interval, type SessionContext,
} from '../types/index.ts';
import { conjuncts, rewrite, shiftColumns } from './expr-utils.ts';
import type { JoinType } from '../../runtime/relational/hash-join.ts';
import { checkFromNames } from './from-names.ts';
import { hasOuter } from './outer-refs.ts';
import { andOf, hasSubLink, whereConjuncts } from './syntax.ts';
import { notSupported, SqlState, syntaxError } from '../../errors/index.ts';
import { isSetReturningName, resolveSetReturning, setReturningFunctionsNamed, type SetReturningFunction } from '../functions/index.ts';
import { asofJoin } from './plan-asof-join.ts';

export interface RelationInfo {
  readonly entry: CatalogEntry;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: DataType }>;
  /** How many rows it holds now, where known: the planner's estimate of its size. */
  readonly rows?: number;
}

export interface PlannerContext {
  readonly session: SessionContext;
  /**
   * The relation named by `parts`, `[[database.]schema.]name` (tables, sources, views,
   * materialized views), an unqualified name along the search path; throws 42P01 when
   * unknown, 3F000 when the schema named is.
   */
  resolveRelation(parts: readonly string[]): RelationInfo;
  /** Plans a view's query (views are expanded where they are used). */
  planView(entry: CatalogEntry): { plan: LogicalPlan; columns: readonly ScopeColumn[] };
  readonly bindBase: Omit<BindContext, 'scope' | 'session'>;
  /** A common table expression (WITH name AS (...)) visible here, by name. */
  lookupCte?(name: string): { plan: LogicalPlan; columns: readonly ScopeColumn[] } | undefined;
  /** A relation of pg_catalog or information_schema (pg_class, ...) named by `parts`, as rows; undefined for other names. */
  systemRelation?(parts: readonly string[]): { columns: ReadonlyArray<{ name: string; type: DataType }>; rows: ReadonlyArray<readonly unknown[]> } | undefined;
  /**
   * Takes conditions of an inner join's ON clause that hold subqueries, to be applied as
   * conditions of the query's WHERE (the same rows, for a join no outer join pads); false
   * when it cannot.
   */
  deferToWhere?(conditions: readonly PgNode[]): boolean;
  /**
   * Joins with an ON condition that holds subqueries (an outer join's): each subquery's value
   * joined first to the side whose columns it reads; `join` then binds the condition with
   * `values` giving each subquery's value over the joined row.
   */
  joinOnSubqueries?(type: JoinType, left: FromResult, right: FromResult, on: PgNode, join: (left: FromResult, right: FromResult, values: (node: PgNode) => BoundExpr) => FromResult): FromResult;
  /** Joins `left` with a LATERAL subquery (a RangeSubselect) that may read left's columns. */
  planLateral?(left: FromResult, item: Record<string, unknown>, type: JoinType, on: PgNode | null): FromResult;
}

export interface FromResult {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/**
 * `generate_series(...)` or `unnest(...)` in FROM whose arguments read columns of the FROM
 * items before it: the function runs once per row of those (a set-returning projection).
 * Null when `item` is not such a call or reads no earlier column.
 */
function lateralFunction(item: PgNode, acc: FromResult, ctx: PlannerContext, overOuter = false): FromResult | null {
  const n = obj(item).RangeFunction as Obj | undefined;
  if (n === undefined) return null;
  const call = obj(obj(list(list(n.functions)[0])[0]).FuncCall);
  const names = list(call.funcname).map((x) => String(obj(obj(x).String).sval));
  const fn = (names[names.length - 1] ?? '').toLowerCase();
  // Of the library's functions, those of one column (a FROM item of several is not planned per row yet).
  const library = isSetReturningName(fn) && resolveLibraryColumns(fn) === 1;
  if (fn !== 'generate_series' && fn !== 'range' && fn !== 'unnest' && !library) return null;
  const args = list(call.args);
  const constant: BindContext = { ...ctx.bindBase, scope: new Scope([]), session: ctx.session, clause: 'functions in FROM' };
  if (!overOuter) {
    try {
      for (const a of args) bindExpr(a, constant);
      return null; // over constants (or an enclosing query's columns): planned on their own
    } catch (e) {
      if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
    }
  }
  const alias = n.alias === undefined ? fn : String(obj(n.alias).aliasname);
  const colnames = list(obj(n.alias).colnames).map((c) => String(obj(obj(c).String).sval));
  const bind: BindContext = { ...ctx.bindBase, scope: acc.scope, session: ctx.session, clause: 'functions in FROM' };
  const plan = setReturning(acc.plan, fn, args, bind, n.ordinality === true, colnames[0] ?? (n.alias === undefined ? fn : alias), alias, colnames[1]);
  const added = plan.schema.slice(acc.plan.schema.length);
  return { plan, scope: new Scope([...acc.scope.columns, ...added]) };
}

/**
 * Appends a set-returning function's column (and its ordinality) to each row of `input`:
 * `generate_series(start, stop[, step])` over integers, or `unnest(array)`.
 */
export function setReturning(
  input: LogicalPlan,
  fn: 'generate_series' | 'unnest' | string,
  argNodes: readonly PgNode[],
  bind: BindContext,
  ordinality: boolean,
  name: string,
  relation: string | null,
  ordinalityName = 'ordinality',
): LogicalPlan {
  const args = argNodes.map((a) => bindExpr(a, bind));
  const hidden = relation === null;
  const extra = (type: DataType): ScopeColumn[] => [
    { name, relation, type, ...(hidden && { hidden: true }) },
    ...(ordinality ? [{ name: ordinalityName, relation, type: BIGINT, ...(hidden && { hidden: true }) }] : []),
  ];
  const call = seriesCall(fn, args, bind);
  return {
    kind: 'series', input, fn: call.fn, args: call.args, ...(call.library !== undefined && { library: call.library }), ordinality, schema: [...input.schema, ...extra(call.type)],
  };
}

/** How many columns the library's set-returning functions of that name give (the most of any). */
function resolveLibraryColumns(fn: string): number {
  return Math.max(0, ...setReturningFunctionsNamed(fn).map((f) => f.columns.length));
}

/** A set-returning function's call, checked and typed: generate_series, unnest or generate_subscripts. */
export function seriesCall(fn: string, args: readonly BoundExpr[], bind: BindContext): SeriesCall & { type: DataType } {
  if (fn === '_pg_expandarray') {
    // information_schema._pg_expandarray(array): a record (x, n) per element — the element and its position.
    const [arr] = args;
    if (arr === undefined || args.length !== 1 || arr.type.kind !== 'array') throw new SqlError(SqlState.undefinedFunction, `function _pg_expandarray(${args.map((a) => a.type.kind).join(', ')}) does not exist`);
    return { fn, args: [arr], type: { kind: 'record', fields: [{ name: 'x', type: arr.type.element }, { name: 'n', type: INTEGER }] } };
  }
  if (fn === 'generate_subscripts') {
    const [arr, dim, reverse] = args;
    if (arr === undefined || dim === undefined || args.length > 3 || arr.type.kind !== 'array') {
      throw new SqlError(SqlState.undefinedFunction, `function generate_subscripts(${args.map((a) => a.type.kind).join(', ')}) does not exist`);
    }
    const rest = [coerce(dim, INTEGER, bind, 'i'), ...(reverse === undefined ? [] : [coerce(reverse, BOOLEAN, bind, 'i')])];
    return { fn, args: [arr, ...rest], type: INTEGER };
  }
  if (fn === 'unnest') {
    if (args.length !== 1) throw notSupported('unnest over several arrays', 'Unnest one array at a time.');
    const arr = args[0]!;
    if (arr.type.kind !== 'array') {
      throw new SqlError(arr.type.kind === 'unknown' ? SqlState.datatypeMismatch : SqlState.undefinedFunction, arr.type.kind === 'unknown' ? 'could not determine polymorphic type because input has type unknown' : `function unnest(${arr.type.kind}) does not exist`);
    }
    return { fn: 'unnest', args: [arr], type: arr.type.element };
  }
  const library = fn === 'generate_series' || fn === 'range' ? undefined : resolveSetReturning(fn, args.map((a) => a.type));
  if (library !== undefined) {
    // A function of the library: its one column, or a record of its columns (`SELECT jsonb_each(j)`).
    const typed = args.map((a, i) => coerce(a, library.params[i] as DataType, bind, 'i'));
    const [only] = library.columns;
    const type: DataType = library.columns.length === 1 && only !== undefined ? only.type : { kind: 'record', fields: library.columns.map((c) => ({ name: c.name ?? fn, type: c.type })) };
    return { fn: 'library', args: typed, library, type };
  }
  const series = fn === 'range' ? 'range' : 'generate_series';
  if (args.length < 2 || args.length > 3) throw new SqlError(SqlState.undefinedFunction, `${series} takes (start, stop[, step])`);
  if (!args.every((a) => ['smallint', 'integer', 'bigint', 'unknown'].includes(a.type.kind))) throw notSupported(`${series} over non-integers over columns`);
  const type = args.some((a) => a.type.kind === 'bigint') ? BIGINT : INTEGER;
  const typed = args.map((a) => coerce(a, type, bind, 'i'));
  return { fn: series, args: typed, type };
}

/** A `LATERAL (SELECT ...)` FROM item, or null. */
function lateralItem(item: PgNode): Obj | null {
  const sub = obj(item).RangeSubselect as Obj | undefined;
  return sub !== undefined && sub.lateral === true ? sub : null;
}

export function planFrom(items: readonly PgNode[], ctx: PlannerContext, planSubquery: (select: PgNode) => { plan: LogicalPlan; columns: readonly ScopeColumn[] }): FromResult {
  if (items.length === 0) {
    // SELECT without FROM: one row of no columns.
    return { plan: { kind: 'values', rows: [[]], schema: [] }, scope: new Scope([]) };
  }
  checkFromNames(items, ctx);
  let acc: FromResult | null = null;
  for (const item of items) {
    const lateral = lateralItem(item);
    if (lateral !== null && acc !== null && ctx.planLateral !== undefined) {
      acc = ctx.planLateral(acc, lateral, 'inner', null);
      continue;
    }
    // A function in FROM may read the items before it (PostgreSQL's implicit LATERAL).
    const overEarlier: FromResult | null = acc === null ? null : lateralFunction(item, acc, ctx) ?? joinedOverEarlier(item, acc, ctx, planSubquery);
    if (overEarlier !== null) {
      acc = overEarlier;
      continue;
    }
    const next = planFromItem(item, ctx, planSubquery);
    acc = acc === null ? next : join('inner', acc, next, null, ctx);
  }
  return acc as FromResult;
}

/**
 * The columns of a FROM item under its alias: `t1(x, y)` renames the visible columns in
 * order (PostgreSQL's column aliases); more names than columns is 42P10. A relation of a
 * schema named without an alias keeps its schema (`s.t.col` reaches its columns).
 */
function relabel(columns: readonly ScopeColumn[], relation: string, alias?: unknown, schema?: string, name?: string): ScopeColumn[] {
  const names = list(obj(alias).colnames).map((c) => String(obj(obj(c).String).sval));
  const visible = columns.filter((c) => c.hidden !== true).length;
  if (names.length > visible) throw new SqlError(SqlState.invalidColumnReference, `table "${relation}" has ${visible} columns available but ${names.length} columns specified`);
  let i = 0;
  return columns.map(({ schema: _, aliased: __, ...c }) => ({
    ...c,
    relation,
    ...(alias === undefined && schema !== undefined && { schema }),
    ...(alias !== undefined && schema !== undefined && name !== undefined && { aliased: { schema, name } }),
    ...(c.hidden !== true && i < names.length && { name: names[i++]! }),
  }));
}

/** A RangeVar's name as parts, `[[catalog.]schema.]relname`. */
function rangeVarParts(n: Obj): string[] {
  return [n.catalogname, n.schemaname, n.relname].filter((p) => p !== undefined).map(String);
}

function planFromItem(item: PgNode, ctx: PlannerContext, planSubquery: (select: PgNode) => { plan: LogicalPlan; columns: readonly ScopeColumn[] }, nullable = false): FromResult {
  const [kind, n] = Object.entries(item as Obj)[0] as [string, Obj];
  switch (kind) {
    case 'RangeVar': {
      const name = String(n.relname);
      const alias = n.alias === undefined ? name : String(obj(n.alias).aliasname);
      const cte = n.schemaname === undefined ? ctx.lookupCte?.(name) : undefined;
      if (cte !== undefined) return { plan: cte.plan, scope: new Scope(relabel(cte.columns, alias, n.alias)) };
      // pg_catalog's relations, computed from the catalog now (bounded: a query's snapshot).
      const parts = rangeVarParts(n);
      const system = ctx.systemRelation?.(parts);
      if (system !== undefined) {
        const schemaName = n.schemaname === undefined ? undefined : String(n.schemaname);
        const schema = relabel(system.columns.map((c) => ({ name: c.name, relation: alias, type: c.type })), alias, n.alias, schemaName);
        const rows = system.rows.map((r) => r.map((v, i): BoundExpr => ({ kind: 'literal', value: v, type: system.columns[i]!.type })));
        return { plan: { kind: 'values', rows, schema }, scope: new Scope(schema) };
      }
      const rel = ctx.resolveRelation(parts);
      if (rel.entry.kind === 'view') {
        const v = ctx.planView(rel.entry);
        return { plan: v.plan, scope: new Scope(relabel(v.columns, alias, n.alias, rel.entry.schema, rel.entry.name)) };
      }
      if (rel.entry.kind === 'sink' || rel.entry.kind === 'index') throw new SqlError(SqlState.wrongObjectType, `"${name}" is not a table or view`);
      const schema = relabel(rel.columns.map((c) => ({ name: c.name, relation: alias, type: c.type })), alias, n.alias, rel.entry.schema, rel.entry.name);
      const declared = 'watermark' in rel.entry ? rel.entry.watermark : null;
      const watermark = declared === null ? null : bindWatermark(rel.columns, rel.entry.name, declared, { ...ctx.bindBase, session: ctx.session });
      return { plan: { kind: 'scan', relation: rel.entry, schema, watermark, ...(rel.rows !== undefined && { rows: rel.rows }) }, scope: new Scope(schema) };
    }
    case 'RangeSubselect': {
      const sub = planSubquery(n.subquery as PgNode);
      const alias = n.alias === undefined ? null : String(obj(n.alias).aliasname);
      const names = list(obj(n.alias).colnames).map((c) => String(obj(obj(c).String).sval));
      const columns = sub.columns.map((c, i) => ({ name: names[i] ?? c.name, relation: alias, type: c.type }));
      return { plan: sub.plan, scope: new Scope(columns) };
    }
    case 'JoinExpr': {
      const type = joinType(String(n.jointype));
      const left = planFromItem(n.larg as PgNode, ctx, planSubquery, nullable || type === 'right' || type === 'full');
      const lateral = lateralItem(n.rarg as PgNode);
      if (lateral !== null && ctx.planLateral !== undefined) {
        if (n.isNatural === true || n.usingClause !== undefined) throw notSupported('NATURAL or USING joins with LATERAL', 'Join LATERAL subqueries with ON.');
        return ctx.planLateral(left, lateral, joinType(String(n.jointype)), n.quals === undefined ? null : (n.quals as PgNode));
      }
      if (n.asof === true) {
        const right = planFromItem(n.rarg as PgNode, ctx, planSubquery, nullable || type === 'left');
        if (n.quals === undefined) throw syntaxError('ASOF JOIN requires an ON condition');
        return asofJoin(type, join(type, left, right, n.quals as PgNode, ctx), left.scope.columns.length, right.plan);
      }
      // `t CROSS JOIN unnest(t.a)`, `t JOIN generate_series(1, t.n) AS g ON ...`: the function
      // reads the left side's columns (PostgreSQL's implicit LATERAL), per row of it.
      const overLeft = type === 'inner' && n.isNatural !== true && n.usingClause === undefined ? lateralFunction(n.rarg as PgNode, left, ctx) : null;
      if (overLeft !== null) return n.quals === undefined ? overLeft : filtered(overLeft, n.quals as PgNode, ctx);
      const right = planFromItem(n.rarg as PgNode, ctx, planSubquery, nullable || type === 'left' || type === 'full');
      if (n.isNatural === true || n.usingClause !== undefined) {
        const names =
          n.isNatural === true
            ? left.scope.columns.filter((c) => !c.hidden && right.scope.columns.some((r) => r.name === c.name && !r.hidden)).map((c) => c.name)
            : list(n.usingClause).map((u) => String(obj(obj(u).String).sval));
        return joinUsing(type, left, right, names, ctx);
      }
      let on = n.quals === undefined ? null : (n.quals as PgNode);
      // An inner join no outer join pads: its conditions with subqueries are the query's WHERE's.
      if (on !== null && type === 'inner' && !nullable && hasSubLink(on)) {
        const parts = whereConjuncts(on);
        if (ctx.deferToWhere?.(parts.filter(hasSubLink)) === true) {
          const rest = parts.filter((p) => !hasSubLink(p));
          on = rest.length === 0 ? null : andOf(rest);
        }
      }
      if (on !== null && hasSubLink(on) && ctx.joinOnSubqueries !== undefined) {
        const condition = on;
        return ctx.joinOnSubqueries(type, left, right, condition, (l, r, values) => join(type, l, r, condition, ctx, values));
      }
      return join(type, left, right, on, ctx);
    }
    case 'RangeFunction':
      return planWindowFunction(n, ctx, planSubquery);
    default:
      throw notSupported(`FROM items of kind ${kind}`);
  }
}

/**
 * `FROM a, b CROSS JOIN unnest(ARRAY[a.x, b.y])`: an inner join whose right side is a function
 * reading items before the join in the FROM list, not only its left side. Inner joins
 * associate, so it is planned as `(a × b)` then the function per row, then the ON condition.
 * Null when `item` is no such join.
 */
function joinedOverEarlier(item: PgNode, acc: FromResult, ctx: PlannerContext, planSubquery: (select: PgNode) => { plan: LogicalPlan; columns: readonly ScopeColumn[] }): FromResult | null {
  const n = obj(item).JoinExpr as Obj | undefined;
  if (n === undefined || joinType(String(n.jointype)) !== 'inner' || n.isNatural === true || n.usingClause !== undefined) return null;
  if (obj(n.rarg).RangeFunction === undefined) return null;
  const left = planFromItem(n.larg as PgNode, ctx, planSubquery);
  try {
    if (lateralFunction(n.rarg as PgNode, left, ctx) !== null) return null; // reads only its left side: planFromItem's case
  } catch (e) {
    if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
  }
  const over = lateralFunction(n.rarg as PgNode, join('inner', acc, left, null, ctx), ctx);
  if (over === null) return null;
  return n.quals === undefined ? over : filtered(over, n.quals as PgNode, ctx);
}

/** A FROM result kept to the rows an ON condition holds for. */
function filtered(from: FromResult, on: PgNode, ctx: PlannerContext): FromResult {
  const bind: BindContext = { ...ctx.bindBase, scope: from.scope, session: ctx.session, clause: 'JOIN conditions' };
  const predicate = asCondition(bindExpr(on, bind), bind, 'JOIN/ON');
  return { plan: { kind: 'filter', input: from.plan, predicate, schema: from.plan.schema }, scope: from.scope };
}

/** The interval constant of a window function argument, in microseconds. */
export function intervalMicros(node: PgNode, ctx: PlannerContext, what: string): number {
  const bound = bindExpr(node, { ...ctx.bindBase, scope: new Scope([]), session: ctx.session, clause: what });
  const e = bound.type.kind === 'interval' ? bound : null;
  if (e === null || e.kind !== 'literal' || e.value === null) throw new SqlError(SqlState.datatypeMismatch, `the ${what} of a window function must be a constant interval`);
  const v = e.value as { months: number; days: number; micros: number | bigint };
  if (v.months !== 0) throw notSupported('window sizes in months or years');
  const micros = v.days * 86_400_000_000 + Number(v.micros);
  if (!(micros > 0)) throw new SqlError(SqlState.invalidParameterValue, `the ${what} of a window function must be positive`);
  return micros;
}

/**
 * A function in FROM over constants: generate_series(start, stop[, step]) for integers
 * and timestamps, as rows; any scalar function as one row of one column named after it.
 */
function planConstantFunction(fn: string, n: Obj, call: Obj, ctx: PlannerContext): FromResult {
  const bind: BindContext = { ...ctx.bindBase, scope: new Scope([]), session: ctx.session, clause: 'functions in FROM' };
  // Arguments are constants, or calls of stable functions that do not read the clock
  // (current_schemas(false), ...): those are evaluated now, once.
  const bound = list(call.args).map((a) => bindExpr(a, bind));
  // Over an enclosing query's columns (in a correlated subquery): per outer row, as rows of a one-row relation.
  if (bound.some(hasOuter)) {
    const one: FromResult = { plan: { kind: 'values', rows: [[]], schema: [] }, scope: new Scope([]) };
    const over = lateralFunction({ RangeFunction: n } as unknown as PgNode, one, ctx, true);
    if (over !== null) return over;
    throw notSupported(`${fn}() in FROM over an enclosing query's columns`);
  }
  const args = bound.map((e) => {
    if (e.kind === 'literal') return e;
    if (!evaluableNow(e)) throw notSupported(`${fn}() in FROM over ${readsClock(e) ? 'the current time' : 'columns (LATERAL)'}`);
    return { kind: 'literal', value: compileExpr(e, ctx.session).fn([]), type: e.type } as BoundExpr;
  });
  const alias = n.alias === undefined ? fn : String(obj(n.alias).aliasname);
  const colnames = list(obj(n.alias).colnames).map((c) => String(obj(obj(c).String).sval));
  const srf = resolveSetReturning(fn, args.map((a) => a.type));
  if (srf !== undefined) return planSetReturningRows(srf, args, alias, colnames, n.ordinality === true, bind, ctx.session);
  const colName = colnames[0] ?? (n.alias === undefined ? fn : alias);
  let type: DataType;
  let values: unknown[];
  if (fn === 'generate_series' || fn === 'range') {
    ({ type, values } = generateSeries(args, bind, fn === 'range'));
  } else if (fn === 'unnest') {
    const arr = args[0];
    if (args.length !== 1 || arr === undefined) throw notSupported('unnest over several arrays', 'Unnest one array at a time.');
    if (arr.type.kind !== 'array') throw new SqlError(arr.type.kind === 'unknown' ? SqlState.datatypeMismatch : SqlState.undefinedFunction, arr.type.kind === 'unknown' ? 'could not determine polymorphic type because input has type unknown' : `function unnest(${arr.type.kind}) does not exist`);
    type = arr.type.element;
    values = [...((compileExpr(arr, ctx.session).fn([]) as unknown[] | null) ?? [])];
  } else {
    const bound = bindExpr({ FuncCall: call } as unknown as PgNode, bind);
    const v = compileExpr(bound, ctx.session).fn([]);
    type = bound.type;
    values = [v];
  }
  const ordinality = n.ordinality === true;
  const ordName = list(obj(n.alias).colnames).map((c) => String(obj(obj(c).String).sval))[1] ?? 'ordinality';
  const schema: ScopeColumn[] = [{ name: colName, relation: alias, type }, ...(ordinality ? [{ name: ordName, relation: alias, type: BIGINT }] : [])];
  const rows = values.map((v, i): BoundExpr[] => [{ kind: 'literal', value: v, type }, ...(ordinality ? [{ kind: 'literal', value: i + 1, type: BIGINT } as BoundExpr] : [])]);
  return { plan: { kind: 'values', rows, schema }, scope: new Scope(schema) };
}

/**
 * A set-returning function of the function library (jsonb_each, regexp_matches, ...) over
 * constant arguments, as the rows it gives. Columns take PostgreSQL's names: its OUT
 * parameters' (key, value), or for a single unnamed column the alias's or the function's;
 * a column alias list renames them in order, then the ordinality column.
 */
function planSetReturningRows(
  srf: SetReturningFunction, args: readonly BoundExpr[], alias: string, colnames: readonly string[], ordinality: boolean,
  bind: BindContext, session: SessionContext,
): FromResult {
  const values = args.map((a, i) => compileExpr(coerce(a, srf.params[i] as DataType, bind, 'i'), session).fn([]));
  const rows = values.some((v) => v === null) ? [] : srf.rows(values);
  const named = srf.columns.map((c, i) => ({ name: colnames[i] ?? c.name ?? alias, relation: alias, type: c.type }));
  if (colnames.length > named.length + (ordinality ? 1 : 0)) {
    throw new SqlError(SqlState.invalidColumnReference, `table "${alias}" has ${named.length + (ordinality ? 1 : 0)} columns available but ${colnames.length} columns specified`);
  }
  const schema: ScopeColumn[] = [...named, ...(ordinality ? [{ name: colnames[named.length] ?? 'ordinality', relation: alias, type: BIGINT }] : [])];
  const literals = rows.map((r, k): BoundExpr[] => [
    ...r.map((v, i): BoundExpr => ({ kind: 'literal', value: v, type: named[i]!.type })),
    ...(ordinality ? [{ kind: 'literal', value: k + 1, type: BIGINT } as BoundExpr] : []),
  ]);
  return { plan: { kind: 'values', rows: literals, schema }, scope: new Scope(schema) };
}

const CLOCK_FUNCTIONS = new Set(['now', 'current_timestamp', 'statement_timestamp', 'transaction_timestamp', 'localtimestamp', 'current_date', 'clock_timestamp', 'current_time', 'localtime']);

function readsClock(e: BoundExpr): boolean {
  let clock = false;
  rewrite(e, (x) => {
    if (x.kind === 'function' && CLOCK_FUNCTIONS.has(x.name)) clock = true;
    return undefined;
  });
  return clock;
}

/** Reads no column, no clock and nothing volatile: its value now is its value. */
function evaluableNow(e: BoundExpr): boolean {
  let ok = columnsOf(e).size === 0 && !readsClock(e);
  rewrite(e, (x) => {
    if (x.kind === 'function' && x.volatility === 'volatile') ok = false;
    return undefined;
  });
  return ok;
}

const MAX_SERIES = 10_000_000;

/**
 * generate_series(start, stop[, step]) over constants; with `exclusive`, RisingWave's
 * range(start, stop[, step]), the same series without `stop` itself.
 */
function generateSeries(args: BoundExpr[], bind: BindContext, exclusive = false): { type: DataType; values: unknown[] } {
  if (args.length < 2 || args.length > 3) throw new SqlError(SqlState.undefinedFunction, `${exclusive ? 'range' : 'generate_series'} takes (start, stop[, step])`);
  const lit = (e: BoundExpr): unknown => (e as { value: unknown }).value;
  if (args.some((a) => lit(a) === null)) return { type: INTEGER, values: [] };
  const isTime = ['timestamp', 'timestamptz', 'date'].includes(args[0]!.type.kind) || (args[0]!.type.kind === 'unknown' && args.length === 3 && args[2]!.type.kind === 'interval');
  if (isTime) return timestampSeries(args, bind, exclusive);
  if (args.some((a) => a.type.kind === 'numeric')) return numericSeries(args.map((a) => lit(coerce(a, NUMERIC, bind, 'i')) as Decimal), exclusive);
  const type = args.some((a) => a.type.kind === 'bigint') ? BIGINT : INTEGER;
  const [start, stop, step] = args.map((a) => Number(lit(coerce(a, type, bind, 'i')))) as [number, number, number | undefined];
  const by = step ?? 1;
  if (by === 0) throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
  const values: unknown[] = [];
  const end = exclusive ? stop - Math.sign(by) : stop;
  for (let v = start; by > 0 ? v <= end : v >= end; v += by) {
    values.push(v);
    if (values.length > MAX_SERIES) throw notSupported(`generate_series of more than ${MAX_SERIES} rows`);
  }
  return { type, values };
}

/** The values of a series, stopping it past MAX_SERIES. */
function pushSeries(values: unknown[], v: unknown): void {
  values.push(v);
  if (values.length > MAX_SERIES) throw notSupported(`generate_series of more than ${MAX_SERIES} rows`);
}

/**
 * generate_series over timestamps or timestamptz by an interval, as PostgreSQL's
 * generate_series_timestamp(tz): each value is the previous plus the step (months first, then
 * days, then time, in the session's zone for timestamptz), while it has not passed stop.
 */
function timestampSeries(args: BoundExpr[], bind: BindContext, exclusive: boolean): { type: DataType; values: unknown[] } {
  const lit = (e: BoundExpr): unknown => (e as { value: unknown }).value;
  // timestamp when a bound is one (and the other reaches it), else timestamptz: the preferred
  // type of the datetime category, which untyped literals and dates resolve to.
  const t = args.slice(0, 2).every((a) => a.type.kind === 'timestamp' || a.type.kind === 'unknown') && args.slice(0, 2).some((a) => a.type.kind === 'timestamp') ? TIMESTAMP : TIMESTAMPTZ;
  const start = lit(coerce(args[0]!, t, bind, 'e')) as Int64;
  const stop = lit(coerce(args[1]!, t, bind, 'e')) as Int64;
  const step = lit(coerce(args[2]!, INTERVAL, bind, 'e')) as Interval;
  const sign = intervalCmp(step, ZERO_INTERVAL);
  if (sign === 0) throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
  const zone = bind.session.timeZone;
  const next = t.kind === 'timestamptz' ? (v: Int64) => datetimeOps.timestamptzPlusInterval(v, step, zone) : (v: Int64) => datetimeOps.timestampPlusInterval(v, step);
  const values: unknown[] = [];
  const within = (v: Int64): boolean => (sign > 0 ? (exclusive ? v < stop : v <= stop) : exclusive ? v > stop : v >= stop);
  for (let v = start; within(v); v = next(v)) pushSeries(values, v);
  return { type: t, values };
}

/** generate_series(numeric, numeric[, numeric]): NaN and infinite bounds or steps are refused as in PostgreSQL. */
function numericSeries([start, stop, step = ONE]: Decimal[], exclusive: boolean): { type: DataType; values: unknown[] } {
  const special = (d: Decimal, what: string): void => {
    if (d.special === 1) throw new SqlError(SqlState.invalidParameterValue, `${what} cannot be NaN`);
    if (d.special !== 0) throw new SqlError(SqlState.invalidParameterValue, `${what} cannot be infinity`);
  };
  special(start!, 'start value');
  special(stop!, 'stop value');
  special(step, 'step size');
  const sign = decimalCmp(step, ZERO);
  if (sign === 0) throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
  const values: unknown[] = [];
  const within = (v: Decimal): boolean => {
    const c = decimalCmp(v, stop!) * sign;
    return exclusive ? c < 0 : c <= 0;
  };
  for (let v = start!; within(v); v = numeric.decimalAdd(v, step)) pushSeries(values, v);
  return { type: NUMERIC, values };
}

const ZERO_INTERVAL: Interval = { months: 0, days: 0, micros: 0 };
const ZERO = new Decimal(0n, 0);
const ONE = new Decimal(1n, 0);

const WINDOW_ARITY: Record<string, { args: number; usage: string }> = {
  tumble: { args: 3, usage: 'TUMBLE takes (table, time column, size)' },
  hop: { args: 4, usage: 'HOP takes (table, time column, slide, size)' },
  cumulate: { args: 4, usage: 'CUMULATE takes (table, time column, step, size)' },
  session: { args: 3, usage: 'SESSION takes (table, time column, gap)' },
};

/**
 * Window table functions in FROM (RisingWave's form; Flink's `TABLE(...)` form is rewritten
 * to it by the parser): TUMBLE(t, time_col, size), HOP(t, time_col, slide, size),
 * CUMULATE(t, time_col, step, size) and SESSION(t, time_col, gap) over the whole table.
 */
function planWindowFunction(n: Obj, ctx: PlannerContext, planSubquery: (select: PgNode) => { plan: LogicalPlan; columns: readonly ScopeColumn[] }): FromResult {
  const fns = list(n.functions);
  const call = obj(obj(list(fns[0])[0]).FuncCall);
  const names = list(call.funcname).map((x) => String(obj(obj(x).String).sval));
  const fn = (names[names.length - 1] ?? '').toLowerCase();
  const arity = WINDOW_ARITY[fn];
  const args = list(call.args);
  // tumble/hop/session with other arguments may be ordinary functions (none exist over constants, so this errors clearly).
  if (arity === undefined || (fn === 'session' && args.length !== 3)) return planConstantFunction(fn, n, call, ctx);
  if (args.length !== arity.args) throw new SqlError(SqlState.undefinedFunction, arity.usage);
  // The table as a column reference: `t`, `s.t` or `db.s.t`.
  const relParts = list(obj(obj(args[0]).ColumnRef).fields).map((f) => String(obj(obj(f).String).sval));
  const relName = relParts[relParts.length - 1];
  if (relName === undefined || relParts.length > 3) throw syntaxError(`the first argument of ${fn.toUpperCase()} must name a table, source or view`);
  const [catalogname, schemaname] = relParts.length === 3 ? relParts : [undefined, relParts.length === 2 ? relParts[0] : undefined];
  const rangeVar = { relname: relName, ...(schemaname !== undefined && { schemaname }), ...(catalogname !== undefined && { catalogname }) };
  const input = planFromItem({ RangeVar: rangeVar } as unknown as PgNode, ctx, planSubquery);
  const timeName = list(obj(obj(args[1]).ColumnRef).fields).map((f) => String(obj(obj(f).String).sval)).pop() ?? '';
  const timeColumn = input.scope.resolve(timeName);
  const timeT = input.scope.columns[timeColumn]!.type;
  if (timeT.kind !== 'timestamp' && timeT.kind !== 'timestamptz') {
    throw new SqlError(SqlState.datatypeMismatch, `the time column of ${fn.toUpperCase()} must be a timestamp, not ${timeT.kind}`);
  }
  const size = intervalMicros(args[arity.args - 1] as PgNode, ctx, fn === 'session' ? 'session gap' : 'window size');
  const slide = fn === 'hop' || fn === 'cumulate' ? intervalMicros(args[2] as PgNode, ctx, fn === 'hop' ? 'window slide' : 'window step') : size;
  if (fn === 'cumulate' && size % slide !== 0) throw new SqlError(SqlState.invalidParameterValue, 'the size of a CUMULATE window must be a multiple of its step');
  const alias = n.alias === undefined ? relName : String(obj(n.alias).aliasname);
  const schema: ScopeColumn[] = [
    ...input.scope.columns.map((c) => ({ ...c, relation: alias })),
    { name: 'window_start', relation: alias, type: timeT },
    { name: 'window_end', relation: alias, type: timeT },
  ];
  const plan: LogicalPlan = { kind: 'window', input: input.plan, function: fn as 'tumble', timeColumn, size, slide, partitionBy: [], schema };
  return { plan, scope: new Scope(schema) };
}

/**
 * JOIN ... USING (cols) and NATURAL JOIN: equality on the named columns, and PostgreSQL's
 * output shape — each named column once (the left's, the right's for a right join, their
 * COALESCE for a full join), then the other left columns, then the other right columns.
 * The sides' own copies stay reachable by qualified name (`a.id`).
 */
function joinUsing(type: JoinType, left: FromResult, right: FromResult, names: readonly string[], ctx: PlannerContext): FromResult {
  const nLeft = left.scope.columns.length;
  const li = names.map((name) => left.scope.resolve(name));
  const ri = names.map((name) => right.scope.resolve(name));
  const col = (scope: Scope, i: number, shift = 0): BoundExpr => ({ kind: 'column', index: i + shift, type: scope.columns[i]!.type, name: scope.columns[i]!.name });
  const joined = join(type, left, right, null, ctx);
  const bind: BindContext = { ...ctx.bindBase, scope: joined.scope, session: ctx.session, clause: 'JOIN/USING' };
  const equalities = names.map((_, k) => bindOperator('=', col(left.scope, li[k]!), col(right.scope, ri[k]!, nLeft), bind));
  const keyed = equalities.length === 0 ? joined : withJoinKeys(joined, equalities, nLeft);
  const merged = names.map((name, k) => {
    const l = col(left.scope, li[k]!);
    const r = col(right.scope, ri[k]!, nLeft);
    const t = commonTypeOf([l.type, r.type]);
    const e: BoundExpr = type === 'right' ? r : type === 'full' ? { kind: 'coalesce', args: [coerce(l, t, bind), coerce(r, t, bind)], type: t } : l;
    return { e, column: { name, relation: null, type: e.type } as ScopeColumn };
  });
  const others = [
    ...left.scope.columns.map((c, i) => ({ c, i })).filter(({ i }) => !li.includes(i)).map(({ c, i }) => ({ e: col(left.scope, i), column: c })),
    ...right.scope.columns.map((c, i) => ({ c, i })).filter(({ i }) => !ri.includes(i)).map(({ c, i }) => ({ e: col(right.scope, i, nLeft), column: c })),
  ];
  const hidden = [
    ...li.map((i) => ({ e: col(left.scope, i), column: { ...left.scope.columns[i]!, hidden: true } })),
    ...ri.map((i) => ({ e: col(right.scope, i, nLeft), column: { ...right.scope.columns[i]!, hidden: true } })),
  ];
  const all = [...merged, ...others, ...hidden];
  const schema = all.map((x) => x.column);
  return { plan: { kind: 'project', input: keyed.plan, exprs: all.map((x) => x.e), schema }, scope: new Scope(schema) };
}

/** Adds `left = right` equalities (over the joined row) to a join plan's hash keys. */
function withJoinKeys(j: FromResult, equalities: readonly BoundExpr[], nLeft: number): FromResult {
  const p = j.plan;
  if (p.kind !== 'join') return j;
  const leftKeys = [...p.leftKeys];
  const rightKeys = [...p.rightKeys];
  for (const e of equalities) {
    if (e.kind !== 'compare') continue;
    leftKeys.push(e.left);
    rightKeys.push(shiftColumns(e.right, -nLeft));
  }
  return { plan: { ...p, leftKeys, rightKeys }, scope: j.scope };
}

function joinType(t: string): JoinType {
  switch (t) {
    case 'JOIN_INNER':
      return 'inner';
    case 'JOIN_LEFT':
      return 'left';
    case 'JOIN_RIGHT':
      return 'right';
    case 'JOIN_FULL':
      return 'full';
    default:
      throw notSupported(`the join type ${t}`);
  }
}

/**
 * Joins two FROM results. The ON condition's conjuncts of the form `left expr = right expr`
 * become hash keys (both sides cast to their common type); the rest is a residual condition.
 */
function join(type: JoinType, left: FromResult, right: FromResult, on: PgNode | null, ctx: PlannerContext, values?: (node: PgNode) => BoundExpr): FromResult {
  const scope = Scope.concat(left.scope, right.scope);
  const nLeft = left.scope.columns.length;
  const bind: BindContext = { ...ctx.bindBase, scope, session: ctx.session, clause: 'JOIN conditions', ...(values !== undefined && { scalarSubquery: values }) };
  const parts = on === null ? [] : conjuncts(asCondition(bindExpr(on, bind), bind, 'JOIN/ON'));
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  for (const p of parts) {
    if (p.kind === 'compare' && p.op === '=') {
      const lc = [...columnsOf(p.left)];
      const rc = [...columnsOf(p.right)];
      const leftOnly = (cs: number[]): boolean => cs.length > 0 && cs.every((c) => c < nLeft);
      const rightOnly = (cs: number[]): boolean => cs.length > 0 && cs.every((c) => c >= nLeft);
      if (leftOnly(lc) && rightOnly(rc)) {
        leftKeys.push(p.left);
        rightKeys.push(shiftColumns(p.right, -nLeft));
        continue;
      }
      if (rightOnly(lc) && leftOnly(rc)) {
        leftKeys.push(p.right);
        rightKeys.push(shiftColumns(p.left, -nLeft));
        continue;
      }
    }
    residual.push(p);
  }
  const plan: LogicalPlan = {
    kind: 'join',
    type,
    left: left.plan,
    right: right.plan,
    leftKeys,
    rightKeys,
    residual: residual.length === 0 ? null : residual.length === 1 ? (residual[0] as BoundExpr) : { kind: 'and', args: residual, type: residual[0]!.type },
    schema: scope.columns,
  };
  return { plan, scope };
}
