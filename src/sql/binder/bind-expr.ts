/**
 * Binds PostgreSQL expression trees (libpg-query's JSON) against a scope: resolves names,
 * types every node, resolves operators and functions as PostgreSQL does (through the type
 * system), inserts implicit casts, and folds casts of literals at once. Aggregate calls and
 * GROUPING(...) bind to nodes of their own (bind-aggregate.ts), and so do window calls
 * (bind-window.ts): the planner pulls them out of the clauses that may have them.
 */
import type { PgNode } from '../parser/index.ts';
import {
  BOOLEAN,
  INTEGER,
  BIGINT,
  NUMERIC,
  TEXT,
  UNKNOWN,
  SqlError,
  castFunction,
  commonTypeOf,
  comparatorFor,
  formatType,
  formatTypeName,
  parseTypeName,
  intervalType,
  arrayOf,
  resolveBinaryOperator,
  OPERATOR_IMPLS,
  type DataType,
  type SessionContext,
} from '../types/index.ts';
import type { BoundExpr } from './bound-expr.ts';
import { foldConstant } from './fold-constants.ts';
import { bindArrayConstructor, bindArrayFunction, bindArrayOperator, bindQuantified, bindSubscript } from './bind-array.ts';
import { isAggregateName, minMaxImpl, nullifTyping, resolveFunction, resolveOperatorFunction, resolvePrefixOperatorFunction } from '../functions/index.ts';
import { aggregateArity, takesArgumentRecord } from '../functions/aggregate-names.ts';
import { bindRowCompare } from './bind-row-compare.ts';
import { bindAggregateCall, bindGroupingCall } from './bind-aggregate.ts';
import { bindWindowCall } from './bind-window.ts';
import { qualifiedRelation, type Scope } from './scope.ts';
import { notSupported, SqlState, undefinedParameter, syntaxError, undefinedFunction, FUNCTION_CAST_HINT } from '../../errors/index.ts';

export interface BindContext {
  readonly scope: Scope;
  /**
   * The FROM columns of the enclosing queries, innermost first, when binding a subquery: a
   * name the scope does not have is looked up there, as an outer reference (PostgreSQL's
   * levelsup).
   */
  readonly outer?: readonly Scope[];
  readonly session: SessionContext;
  /** Text values of `$1, $2, ...` (extended protocol), as unknown-typed literals. */
  readonly params?: readonly (string | null)[];
  /**
   * Whether aggregate calls of this query level may appear (the select list, HAVING, ORDER BY):
   * they bind to `aggregate-call` nodes; elsewhere (WHERE, ON, ...) they are an error.
   */
  readonly aggregates?: boolean;
  /** Whether GROUPING(...) may appear (where aggregates may): it binds to a `grouping` node. */
  readonly grouping?: boolean;
  /**
   * Where window calls (`... OVER (...)`) may appear (the select list): the query level's
   * named windows (its WINDOW clause); they bind to `window-call` nodes. Absent elsewhere.
   */
  readonly windows?: ReadonlyMap<string, Record<string, unknown>>;
  /**
   * The value of a subquery used as an expression — `(SELECT ...)`, `ARRAY(SELECT ...)`,
   * `EXISTS (...)`, `x IN (...)`, `x op ANY/ALL (...)` — which the query planner has joined
   * to the rows the expression is over.
   */
  readonly scalarSubquery?: (node: PgNode, ctx: BindContext) => BoundExpr;
  /** Binds a scalar function call (the function library), when available. */
  readonly scalarFunction?: (name: string, args: readonly BoundExpr[], ctx: BindContext) => BoundExpr;
  /**
   * A function created with CREATE FUNCTION, inlined; undefined when `name` is not one. `schema`
   * is the schema the call names (`s.f(x)`), null for an unqualified call.
   */
  readonly userFunction?: (name: string, args: readonly BoundExpr[], ctx: BindContext, schema?: string | null) => BoundExpr | undefined;
  /**
   * Binds `expr::regclass` and the other object identifier casts (they read the catalog): to
   * the oid (`as: 'oid'`, what comparisons need), or to the name where the cast is cast on to
   * text (`x::regclass::text`); `array` for `::regtype[]`.
   */
  readonly objectIdCast?: (type: ObjectIdType, arg: BoundExpr, options: { as: 'oid' | 'name'; array: boolean }, ctx: BindContext) => BoundExpr;
  /** Clause name for error messages: "WHERE", "JOIN conditions", ... */
  readonly clause?: string;
}

/** PostgreSQL's object identifier types, whose casts look names up in the catalog. */
export type ObjectIdType = 'regclass' | 'regtype' | 'regnamespace' | 'regproc' | 'regprocedure' | 'regrole';
const OBJECT_ID_TYPES: ReadonlySet<string> = new Set<ObjectIdType>(['regclass', 'regtype', 'regnamespace', 'regproc', 'regprocedure', 'regrole']);

type Obj = Record<string, unknown>;

/** `(record).field` (42703 when the record has no such field, 42809 when it is no record). */
export function fieldSelect(arg: BoundExpr, field: string): BoundExpr {
  if (arg.type.kind !== 'record') throw new SqlError(SqlState.wrongObjectType, `column notation .${field} applied to type ${formatType(arg.type)}, which is not a composite type`);
  const i = arg.type.fields.findIndex((f) => f.name === field);
  if (i < 0) throw new SqlError(SqlState.undefinedColumn, `could not identify column "${field}" in record data type`);
  return { kind: 'function', name: `.${field}`, impl: ([r]) => (r as readonly unknown[])[i] ?? null, strict: true, args: [arg], type: arg.type.fields[i]!.type };
}

/** The reg* type a cast names (`::regclass`, `::pg_catalog.regtype[]`), or null. */
function objectIdTarget(typeName: unknown): { type: ObjectIdType; array: boolean } | null {
  const t = obj(obj(typeName).TypeName ?? typeName);
  const name = list(t.names).map(str).at(-1) ?? '';
  return OBJECT_ID_TYPES.has(name) ? { type: name as ObjectIdType, array: list(t.arrayBounds).length > 0 } : null;
}
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const str = (n: unknown): string => String(obj(obj(n).String).sval ?? '');
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/** The single key and value of a parse-tree node: `{ A_Expr: {...} }` → ['A_Expr', {...}]. */
function unwrap(node: PgNode): [string, Obj] {
  const keys = Object.keys(node as Obj);
  const k = keys[0];
  if (k === undefined || keys.length !== 1) throw new SqlError(SqlState.internalError, `unexpected parse tree node ${JSON.stringify(node).slice(0, 80)}`);
  return [k, obj((node as Obj)[k])];
}

export function literal(value: unknown, type: DataType): BoundExpr {
  return { kind: 'literal', value, type };
}

/** Casts `e` to `to` in cast context `context` ('i' implicit, 'a' assignment, 'e' explicit); literals fold. */
export function coerce(e: BoundExpr, to: DataType, ctx: BindContext, context: 'i' | 'a' | 'e' = 'i'): BoundExpr {
  if (e.type.kind === to.kind && JSON.stringify(e.type) === JSON.stringify(to)) return e;
  if (e.type.kind === to.kind && context === 'i' && to.kind !== 'array') return e; // same type, other modifier: PostgreSQL keeps it
  const fn = castFunction(e.type, to, context, ctx.session);
  if (e.kind === 'literal') return literal(e.value === null ? null : fn(e.value as Parameters<typeof fn>[0]), to);
  return { kind: 'cast', arg: e, fn, type: to };
}

/** Makes `e` boolean for WHERE/ON/HAVING/AND/OR/NOT, as PostgreSQL requires. */
export function asCondition(e: BoundExpr, ctx: BindContext, what: string): BoundExpr {
  if (e.type.kind === 'boolean') return e;
  if (e.type.kind === 'unknown') return coerce(e, BOOLEAN, ctx);
  throw new SqlError(SqlState.datatypeMismatch, `argument of ${what} must be type boolean, not type ${formatType(e.type)}`);
}

export function bindExpr(node: PgNode, ctx: BindContext): BoundExpr {
  return foldConstant(bindNode(node, ctx), ctx.session);
}

function bindNode(node: PgNode, ctx: BindContext): BoundExpr {
  const [kind, n] = unwrap(node);
  switch (kind) {
    case 'ColumnRef':
      return bindColumn(n, ctx);
    case 'A_Const':
      return bindConst(n);
    case 'ParamRef': {
      // The parser leaves out a zero number ($0).
      const i = Number(n.number ?? 0) - 1;
      const p = ctx.params?.[i];
      if (p === undefined) throw undefinedParameter(i + 1);
      return literal(p, UNKNOWN);
    }
    case 'TypeCast': {
      const reg = objectIdTarget(n.typeName);
      if (reg !== null && ctx.objectIdCast !== undefined) return ctx.objectIdCast(reg.type, bindExpr(n.arg as PgNode, ctx), { as: 'oid', array: reg.array }, ctx);
      const to = typeOf(n.typeName);
      // `x::regclass::text`: the object's name (the reg* types' text form).
      const inner = obj(obj(n.arg).TypeCast);
      const innerReg = inner.typeName === undefined ? null : objectIdTarget(inner.typeName);
      if (innerReg !== null && ctx.objectIdCast !== undefined && (to.kind === 'text' || to.kind === 'varchar' || (to.kind === 'array' && to.element.kind === 'text'))) {
        return coerce(ctx.objectIdCast(innerReg.type, bindExpr(inner.arg as PgNode, ctx), { as: 'name', array: innerReg.array }, ctx), to, ctx, 'e');
      }
      // ARRAY[]::int[]: an empty array takes its type from the cast.
      const arr = obj(obj(n.arg).A_ArrayExpr);
      if (to.kind === 'array' && 'A_ArrayExpr' in obj(n.arg) && list(arr.elements).length === 0) return literal([], to);
      return coerce(bindExpr(n.arg as PgNode, ctx), to, ctx, 'e');
    }
    case 'A_ArrayExpr':
      return bindArrayConstructor(list(n.elements).map((e) => bindExpr(e, ctx)), ctx, coerce);
    case 'A_Indirection': {
      let arg = bindExpr(n.arg as PgNode, ctx);
      // `(record).field`: the field, by name (then any subscripts on it).
      let steps = list(n.indirection);
      while (steps.length > 0 && 'String' in obj(steps[0])) {
        arg = fieldSelect(arg, str(steps[0]));
        steps = steps.slice(1);
      }
      if (steps.length === 0) return arg;
      const indices = steps.map((i) => {
        const ix = obj(i).A_Indices as Obj | undefined;
        if (ix === undefined) throw notSupported('field selection from a composite value');
        return {
          lower: ix.lidx === undefined ? null : bindExpr(ix.lidx as PgNode, ctx),
          upper: ix.uidx === undefined ? null : bindExpr(ix.uidx as PgNode, ctx),
          slice: ix.is_slice === true,
        };
      });
      return bindSubscript(arg, indices, ctx, coerce);
    }
    case 'A_Expr':
      return bindAExpr(n, ctx);
    case 'BoolExpr': {
      const args = list(n.args).map((a) => asCondition(bindExpr(a, ctx), ctx, n.boolop === 'NOT_EXPR' ? 'NOT' : n.boolop === 'AND_EXPR' ? 'AND' : 'OR'));
      if (n.boolop === 'NOT_EXPR') return { kind: 'not', arg: args[0] as BoundExpr, type: BOOLEAN };
      return { kind: n.boolop === 'AND_EXPR' ? 'and' : 'or', args, type: BOOLEAN };
    }
    case 'NullTest':
      return { kind: 'is-null', arg: bindExpr(n.arg as PgNode, ctx), negated: n.nulltesttype === 'IS_NOT_NULL', type: BOOLEAN };
    case 'BooleanTest': {
      const t = String(n.booltesttype);
      const value = t.includes('TRUE') ? true : t.includes('FALSE') ? false : null;
      const arg = asCondition(bindExpr(n.arg as PgNode, ctx), ctx, `IS ${value === null ? 'UNKNOWN' : String(value).toUpperCase()}`);
      return { kind: 'is-bool', arg, value, negated: t.includes('NOT'), type: BOOLEAN };
    }
    case 'CaseExpr':
      return bindCase(n, ctx);
    case 'CoalesceExpr': {
      const args = list(n.args).map((a) => bindExpr(a, ctx));
      const type = unify(args, 'COALESCE');
      return { kind: 'coalesce', args: args.map((a) => coerce(a, type, ctx)), type };
    }
    case 'MinMaxExpr': {
      // GREATEST/LEAST: the common type of the arguments; NULLs are ignored (not strict).
      const name = n.op === 'IS_GREATEST' ? 'greatest' : 'least';
      const args = list(n.args).map((a) => bindExpr(a, ctx));
      const type = unify(args, name.toUpperCase());
      const pick = minMaxImpl(type, name === 'greatest' ? 1 : -1);
      return { kind: 'function', name, impl: (values) => pick(values), strict: false, args: args.map((a) => coerce(a, type, ctx)), type };
    }
    case 'FuncCall':
      return bindFuncCall(node, n, ctx);
    case 'RowExpr':
      return bindRow(n, ctx);
    case 'CollateClause': {
      // Weir compares text by code point (PostgreSQL's "C" collation): the default, "C" and
      // "POSIX" collations change nothing; others are not there.
      const collation = list(n.collname).map(str).filter((x) => x !== 'pg_catalog').join('.').toLowerCase();
      if (!['default', 'c', 'posix', 'ucs_basic'].includes(collation)) throw new SqlError(SqlState.undefinedObject, `collation "${collation}" for encoding "UTF8" does not exist`);
      return bindExpr(n.arg as PgNode, ctx);
    }
    case 'GroupingFunc':
      if (ctx.grouping !== true) throw new SqlError(SqlState.groupingError, `grouping operations are not allowed in ${ctx.clause ?? 'this context'}`);
      return bindGroupingCall(n, ctx);
    case 'SQLValueFunction':
      return bindFunction(sqlValueFunctionName(String(n.op)), [], ctx);
    case 'SubLink':
      if (ctx.scalarSubquery !== undefined) return ctx.scalarSubquery(node, ctx);
      throw notSupported(`a subquery in ${ctx.clause ?? 'this context'}`, 'Subqueries are supported in the select list, WHERE and HAVING.');
    default:
      throw notSupported(`the expression ${kind}`);
  }
}

function bindColumn(n: Obj, ctx: BindContext): BoundExpr {
  const fields = list(n.fields);
  if (fields.some((f) => 'A_Star' in (f as Obj))) throw syntaxError('* is only allowed in a SELECT list or count(*)');
  const names = fields.map(str);
  const name = names[names.length - 1] as string;
  // `s.t.col` (or `db.s.t.col`): the column of `t` from schema `s`.
  const relation = names.length >= 3 ? qualifiedRelation(names[names.length - 3]!, names[names.length - 2]!) : names.length === 2 ? names[0]! : null;
  let index: number;
  try {
    index = ctx.scope.resolve(name, relation);
  } catch (e) {
    // Not this query's: an enclosing query's column (the innermost that has it), if any.
    if (!(e instanceof SqlError) || (e.code !== SqlState.undefinedColumn && e.code !== SqlState.undefinedTable)) throw e;
    for (const [d, scope] of (ctx.outer ?? []).entries()) {
      const i = scope.find(name, relation);
      if (i === null) continue;
      const c = scope.columns[i]!;
      return { kind: 'outer', depth: d + 1, index: i, type: c.type, name: c.name };
    }
    throw e;
  }
  const c = ctx.scope.columns[index]!;
  return { kind: 'column', index, type: c.type, name: c.name };
}

function bindConst(n: Obj): BoundExpr {
  if (n.isnull === true) return literal(null, UNKNOWN);
  if ('ival' in n) {
    const v = obj(n.ival).ival;
    return literal(typeof v === 'number' ? v : 0, INTEGER);
  }
  if ('fval' in n) {
    // PostgreSQL types an integer too large for int4 as int8, then numeric; a decimal point
    // means numeric. The parser folds a minus sign into the constant, so -2147483648 (a
    // float token before its sign) is an integer again, as make_const finds.
    const text = String(obj(n.fval).fval);
    if (/^-?\d+$/.test(text)) {
      const big = BigInt(text);
      if (big >= -(2n ** 31n) && big < 2n ** 31n) return literal(Number(big), INTEGER);
      if (big >= -(2n ** 63n) && big < 2n ** 63n) return literal(castFunction(UNKNOWN, BIGINT)(text), BIGINT);
    }
    return literal(castFunction(UNKNOWN, NUMERIC)(text), NUMERIC);
  }
  if ('boolval' in n) return literal(obj(n.boolval).boolval === true, BOOLEAN);
  if ('sval' in n) return literal(String(obj(n.sval).sval ?? ''), UNKNOWN);
  if ('bsval' in n) throw notSupported('bit string literals');
  throw new SqlError(SqlState.internalError, 'unexpected constant in the parse tree');
}

/** A parse-tree TypeName as a DataType. */
export function typeOf(typeName: unknown): DataType {
  const t = obj(typeName);
  const isArray = Array.isArray(t.arrayBounds) && t.arrayBounds.length > 0;
  const names = list(t.names).map(str);
  const mods = list(t.typmods).map((m) => {
    const c = obj(obj(m).A_Const);
    if (!('ival' in c)) throw syntaxError('type modifiers must be simple constants');
    return Number(obj(c.ival).ival ?? 0);
  });
  const name = names.filter((x) => x !== 'pg_catalog').join('.');
  if (name === 'interval' && mods.length > 0) {
    // PostgreSQL's grammar puts an interval's field mask first (INTERVAL '30' MINUTE), then
    // its seconds precision; the full range means no restriction.
    const FULL_RANGE = 0x7fff;
    const fields = mods[0] === FULL_RANGE ? null : (mods[0] as number);
    const interval = intervalType(fields, mods.length > 1 ? (mods[1] as number) : null);
    return isArray ? arrayOf(interval) : interval;
  }
  const base = parseTypeName(name, mods);
  return isArray ? arrayOf(base) : base;
}

function opName(n: Obj): string {
  const names = list(n.name).map(str);
  return names[names.length - 1] as string;
}

function bindAExpr(n: Obj, ctx: BindContext): BoundExpr {
  const kind = String(n.kind);
  const op = opName(n);
  switch (kind) {
    case 'AEXPR_OP':
    case 'AEXPR_SIMILAR': { // x [NOT] SIMILAR TO p: the parser wrote `x ~ similar_to_escape(p)` (or !~)
      const rows = [obj(obj(n.lexpr).RowExpr), obj(obj(n.rexpr).RowExpr)];
      if (kind === 'AEXPR_OP' && 'RowExpr' in obj(n.lexpr) && 'RowExpr' in obj(n.rexpr)) {
        const [l, r] = rows.map((row) => list(row.args).map((a) => bindExpr(a, ctx))) as [BoundExpr[], BoundExpr[]];
        return bindRowCompare(op, l, r, ctx, bindOperator);
      }
      return bindOperator(op, n.lexpr === undefined ? null : bindExpr(n.lexpr as PgNode, ctx), bindExpr(n.rexpr as PgNode, ctx), ctx);
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      return bindQuantified(op, kind === 'AEXPR_OP_ALL', bindExpr(n.lexpr as PgNode, ctx), bindExpr(n.rexpr as PgNode, ctx), ctx, coerce, (o, l, r) => bindOperator(o, l, r, ctx));
    case 'AEXPR_IN': {
      // (a, b) IN ((1, 2), ...): row comparisons, OR-ed (NOT IN: <>, AND-ed), as PostgreSQL expands it.
      const rowItems = list(n.rexpr);
      if ('RowExpr' in obj(n.lexpr) && rowItems.every((i) => 'RowExpr' in obj(i))) {
        const fields = (e: unknown): BoundExpr[] => list(obj(obj(e).RowExpr).args).map((a) => bindExpr(a, ctx));
        const left = fields(n.lexpr);
        const each = rowItems.map((i) => bindRowCompare(op, left, fields(i), ctx, bindOperator));
        return each.length === 1 ? each[0]! : { kind: op === '<>' ? 'and' : 'or', args: each, type: BOOLEAN };
      }
      const arg = bindExpr(n.lexpr as PgNode, ctx);
      const items = list(n.rexpr).map((i) => bindExpr(i, ctx));
      const type = unify([arg, ...items], 'IN');
      return { kind: 'in-list', arg: coerce(arg, type, ctx), list: items.map((i) => coerce(i, type, ctx)), cmp: comparatorFor(type), negated: op === '<>', type: BOOLEAN };
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE': {
      // character(n) is matched with its padding, as PostgreSQL's bpcharlike does; bytea by
      // its operators (there is no ILIKE on bytea).
      const left = bindExpr(n.lexpr as PgNode, ctx);
      if (left.type.kind === 'bytea') return bindOperator(op, left, bindExpr(n.rexpr as PgNode, ctx), ctx);
      const arg = left.type.kind === 'bpchar' ? left : coerce(left, TEXT, ctx);
      const pattern = coerce(bindExpr(n.rexpr as PgNode, ctx), TEXT, ctx);
      return { kind: 'like', arg, pattern, caseInsensitive: kind === 'AEXPR_ILIKE', negated: op.startsWith('!'), type: BOOLEAN };
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const [lo, hi] = list(n.rexpr);
      const x = bindExpr(n.lexpr as PgNode, ctx);
      const both: BoundExpr = {
        kind: 'and',
        args: [bindOperator('>=', x, bindExpr(lo as PgNode, ctx), ctx), bindOperator('<=', x, bindExpr(hi as PgNode, ctx), ctx)],
        type: BOOLEAN,
      };
      return kind === 'AEXPR_BETWEEN' ? both : { kind: 'not', arg: both, type: BOOLEAN };
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      const l = bindExpr(n.lexpr as PgNode, ctx);
      const r = bindExpr(n.rexpr as PgNode, ctx);
      const type = unify([l, r], 'IS DISTINCT FROM');
      return { kind: 'is-distinct', left: coerce(l, type, ctx), right: coerce(r, type, ctx), cmp: comparatorFor(type), negated: kind === 'AEXPR_NOT_DISTINCT', type: BOOLEAN };
    }
    case 'AEXPR_NULLIF': {
      const l = bindExpr(n.lexpr as PgNode, ctx);
      const r = bindExpr(n.rexpr as PgNode, ctx);
      unify([l, r], 'NULLIF');
      const { type, right, cmp } = nullifTyping(l.type, r.type, ctx.session);
      return { kind: 'nullif', left: coerce(l, type, ctx), right: coerce(r, right, ctx), cmp, type };
    }
    default:
      throw notSupported(`the operator form ${kind}`);
  }
}

/** Resolves and binds `left op right` (prefix when left is null). */
export function bindOperator(op: string, left: BoundExpr | null, right: BoundExpr, ctx: BindContext): BoundExpr {
  const overArrays = bindArrayOperator(op, left, right, ctx, coerce);
  if (overArrays !== undefined) return overArrays;
  let sig: ReturnType<typeof resolveBinaryOperator>;
  try {
    sig = resolveBinaryOperator(op, left?.type ?? null, right.type);
  } catch (e) {
    // Operators the type system's catalogue lacks (text || any, jsonb #> ...) are functions.
    if (!(e instanceof SqlError) || e.code !== SqlState.undefinedFunction) throw e;
    const unknownAsNull = (x: BoundExpr | null): DataType | null => (x === null || x.type.kind === 'unknown' ? null : x.type);
    const f = left === null ? resolvePrefixOperatorFunction(op, unknownAsNull(right), ctx.session) : resolveOperatorFunction(op, unknownAsNull(left), unknownAsNull(right), ctx.session);
    const args = (left === null ? [right] : [left, right]).map((a, i) => coerce(a, f.argTypes[i] as DataType, ctx));
    return { kind: 'function', name: f.name, impl: f.impl as (args: readonly unknown[], session: unknown) => unknown, strict: f.strict, args, type: f.returnType, volatility: f.volatility };
  }
  const r = coerce(right, sig.right, ctx);
  if (sig.impl === 'compare') {
    const l = left as BoundExpr;
    // Cross-type comparisons (int4 = int8, date < timestamp) compare in the common type.
    const type = sig.left!.kind === sig.right.kind ? sig.right : commonTypeOf([sig.left!, sig.right]);
    return { kind: 'compare', op, cmp: comparatorFor(type), left: coerce(coerce(l, sig.left!, ctx), type, ctx), right: coerce(r, type, ctx), type: BOOLEAN };
  }
  const impl = OPERATOR_IMPLS[sig.impl];
  if (impl === undefined) throw new SqlError(SqlState.internalError, `operator ${op} resolved to ${sig.impl}, which has no implementation`);
  const args = left === null || sig.left === null ? [r] : [coerce(left, sig.left, ctx), r];
  // Prefix operators take (unused, operand) as the type system's impls do.
  return { kind: 'operator', op, impl: left === null ? (_a, b, s) => impl(null, b, s) : impl, args, type: sig.result };
}

function bindCase(n: Obj, ctx: BindContext): BoundExpr {
  const operand = n.arg === undefined ? null : bindExpr(n.arg as PgNode, ctx);
  const whens = list(n.args).map((w) => {
    const cw = obj(obj(w).CaseWhen);
    const cond = operand === null ? asCondition(bindExpr(cw.expr as PgNode, ctx), ctx, 'CASE/WHEN') : bindOperator('=', operand, bindExpr(cw.expr as PgNode, ctx), ctx);
    return [cond, bindExpr(cw.result as PgNode, ctx)] as const;
  });
  const otherwise = n.defresult === undefined ? literal(null, UNKNOWN) : bindExpr(n.defresult as PgNode, ctx);
  // The ELSE result comes first, as in PostgreSQL's transformCaseExpr: it wins a tie between
  // types that cast to each other (CASE ... THEN char ELSE text END is text).
  const type = unify([otherwise, ...whens.map((w) => w[1])], 'CASE');
  return {
    kind: 'case',
    whens: whens.map(([c, r]) => [c, coerce(r, type, ctx)] as const),
    otherwise: coerce(otherwise, type, ctx),
    type,
  };
}

/** PostgreSQL's rule for CASE/COALESCE/IN results: the common type, text for all-unknown. */
function unify(exprs: readonly BoundExpr[], what: string): DataType {
  const known = exprs.map((e) => e.type).filter((t) => t.kind !== 'unknown');
  if (known.length === 0) return TEXT;
  try {
    // Untyped literals count: a modifier survives only when every input has it (PostgreSQL's
    // select_common_typmod), so CASE WHEN c THEN 'abcd' ELSE x::varchar(3) END is varchar.
    return commonTypeOf(exprs.map((e) => e.type));
  } catch (e) {
    if (e instanceof SqlError) throw new SqlError(e.code, `${what} types ${known.map(formatTypeName).join(' and ')} cannot be matched`);
    throw e;
  }
}

function bindFuncCall(node: PgNode, n: Obj, ctx: BindContext): BoundExpr {
  const names = list(n.funcname).map(str).filter((x) => x !== 'pg_catalog');
  const name = (names[names.length - 1] as string).toLowerCase();
  if (n.over !== undefined) {
    if (ctx.windows === undefined) throw new SqlError(SqlState.windowingError, `window functions are not allowed in ${ctx.clause ?? 'this context'}`);
    return bindWindowCall(name, aggregateArguments(n, name), ctx, ctx.windows);
  }
  if (isAggregateName(name) || n.agg_star === true) {
    if (ctx.aggregates !== true) {
      // An aggregate's own arguments are bound where aggregates are not: PostgreSQL's words for that.
      if (ctx.clause === 'aggregate function calls') throw new SqlError(SqlState.groupingError, 'aggregate function calls cannot be nested');
      throw new SqlError(SqlState.groupingError, `aggregate functions are not allowed in ${ctx.clause ?? 'this context'}`);
    }
    checkAggregateArity(n, name, ctx);
    return bindAggregateCall(name, aggregateArguments(n, name), ctx);
  }
  return bindFunction(name, list(n.args).map((a) => bindExpr(a, ctx)), ctx, names.length >= 2 ? names[names.length - 2]! : null);
}

/**
 * An aggregate of several value arguments (corr(y, x), json_object_agg(k, v)) is bound with
 * one argument (and string_agg's delimiter), its arguments as one row value:
 * `corr(ROW(y, x))`. The aggregate (functions/aggregates/aggregates.ts) reads the record's
 * fields, checks their types and skips pairs as PostgreSQL does.
 */
function aggregateArguments(n: Obj, name: string): Obj {
  const args = list(n.args);
  if (!takesArgumentRecord(name) || args.length < 2) return n;
  return { ...n, args: [{ RowExpr: { args, row_format: 'COERCE_IMPLICIT_CAST', location: n.location ?? -1 } }] };
}

/** `sum(x, y)`: 42883 with the argument types, as PostgreSQL (the planner binds the first argument only). */
function checkAggregateArity(n: Obj, name: string, ctx: BindContext): void {
  const arity = aggregateArity(name);
  const args = list(n.args);
  if (arity === undefined || args.length === arity || args.length === 0 || n.agg_within_group === true) return;
  const inner: BindContext = { ...ctx, aggregates: false, windows: undefined };
  const types = args.map((a) => formatType(bindExpr(a, inner).type));
  throw undefinedFunction(name, types, FUNCTION_CAST_HINT);
}

/** ROW(a, b, ...) and (a, b, ...): a record whose fields are named f1, f2, ... as in PostgreSQL. */
function bindRow(n: Obj, ctx: BindContext): BoundExpr {
  const args = list(n.args).map((a) => {
    const e = bindExpr(a, ctx);
    return e.type.kind === 'unknown' ? coerce(e, TEXT, ctx) : e;
  });
  const type: DataType = { kind: 'record', fields: args.map((a, i) => ({ name: `f${i + 1}`, type: a.type })) };
  return { kind: 'function', name: 'row', impl: (values) => values.slice(), strict: false, args, type };
}

/** A scalar function call, resolved by the function library as PostgreSQL resolves overloads. */
function bindFunction(name: string, args: readonly BoundExpr[], ctx: BindContext, schema: string | null = null): BoundExpr {
  const user = ctx.userFunction?.(name, args, ctx, schema);
  if (user !== undefined) return user;
  const overArrays = bindArrayFunction(name, args, ctx, coerce);
  if (overArrays !== undefined) return overArrays;
  if (ctx.scalarFunction !== undefined) return ctx.scalarFunction(name, args, ctx);
  const f = resolveFunction(name, args.map((a) => (a.type.kind === 'unknown' ? null : a.type)), ctx.session);
  const cast = args.map((a, i) => {
    const t = f.argTypes[i] ?? f.argTypes[f.argTypes.length - 1];
    return t === undefined ? a : coerce(a, t, ctx);
  });
  return { kind: 'function', name: f.name, impl: f.impl as (args: readonly unknown[], session: unknown) => unknown, strict: f.strict, args: cast, type: f.returnType, volatility: f.volatility };
}

function sqlValueFunctionName(op: string): string {
  switch (op) {
    case 'SVFOP_CURRENT_TIMESTAMP':
    case 'SVFOP_CURRENT_TIMESTAMP_N':
      return 'now';
    case 'SVFOP_CURRENT_DATE':
      return 'current_date';
    case 'SVFOP_LOCALTIMESTAMP':
    case 'SVFOP_LOCALTIMESTAMP_N':
      return 'localtimestamp';
    default:
      return op.replace(/^SVFOP_/, '').toLowerCase();
  }
}
