/**
 * Window function calls (PostgreSQL's WindowFunc): `f(args) OVER (...)` bound to a
 * `window-call` node, its named window resolved (WINDOW w AS ..., OVER (w ORDER BY ...)), its
 * frame checked, lag/lead offsets, ntile buckets and nth_value positions as constants, and
 * aggregates resolved as window functions. The planner pulls the calls out into `over` (or
 * `rank`) nodes (planner/plan-window.ts, place-windows.ts).
 */
import type { PgNode } from '../parser/index.ts';
import { BIGINT, DOUBLE, INTEGER, INTERVAL, SqlError, TEXT, commonTypeOf, formatType, type DataType } from '../types/index.ts';
import { isAggregateName } from '../functions/aggregate-names.ts';
import { sqlAggregate } from '../functions/aggregates/aggregates.ts';
import { notSupported, SqlState, undefinedFunction } from '../../errors/index.ts';
import { bindExpr, coerce, literal, type BindContext } from './bind-expr.ts';
import type { BoundExpr, BoundFrame, BoundFrameBound, BoundWindowFunction } from './bound-expr.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);

/**
 * Binds a window function call `fn(args) OVER (PARTITION BY ... ORDER BY ... [frame])` (a
 * FuncCall's fields), `named` the query level's WINDOW clause.
 */
export function bindWindowCall(fn: string, n: Obj, ctx: BindContext, named: ReadonlyMap<string, Obj>): BoundExpr {
  const over = resolveWindow(obj(obj(n.over).WindowDef ?? n.over), named);
  const inner: BindContext = {
    scope: ctx.scope, session: ctx.session, clause: 'window definitions',
    ...(ctx.params && { params: ctx.params }), ...(ctx.scalarFunction && { scalarFunction: ctx.scalarFunction }),
    ...(ctx.userFunction && { userFunction: ctx.userFunction }), ...(ctx.objectIdCast && { objectIdCast: ctx.objectIdCast }), ...(ctx.aggregates === true && { aggregates: true }),
  };
  const partitionBy = list(over.partitionClause).map((p) => bindExpr(p, inner));
  const orderBy = list(over.orderClause).map((o) => {
    const sb = obj(obj(o).SortBy);
    const descending = sb.sortby_dir === 'SORTBY_DESC';
    return { expr: bindExpr(sb.node as PgNode, inner), descending, nullsFirst: sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && descending) };
  });
  const args = list(n.args).map((a) => bindExpr(a, inner));
  if (n.agg_filter !== undefined) throw notSupported('FILTER on window functions');
  if (n.agg_distinct === true) throw new SqlError(SqlState.featureNotSupported, 'DISTINCT is not implemented for window functions');
  const push = (call: BoundWindowFunction, type: DataType): BoundExpr => ({ kind: 'window-call', call, partitionBy, orderBy, type });
  if (fn === 'row_number' || fn === 'rank' || fn === 'dense_rank') {
    if (args.length > 0) throw undefinedFunction(fn, args.map((a) => a.type.kind));
    return push({ kind: 'rank', name: fn }, BIGINT);
  }
  if (fn === 'lag' || fn === 'lead') {
    if (args.length < 1 || args.length > 3) throw new SqlError(SqlState.undefinedFunction, `function ${fn} takes 1 to 3 arguments`);
    let offset = 1;
    if (args.length >= 2) {
      const o = coerce(args[1]!, INTEGER, inner, 'i');
      if (o.kind !== 'literal') throw notSupported(`a non-constant offset of ${fn}()`);
      if (o.value === null) throw notSupported(`a NULL offset of ${fn}()`);
      offset = Number(o.value);
    }
    const fallback0 = args[2] ?? literal(null, args[0]!.type);
    const type = commonTypeOf([args[0]!.type, fallback0.type], fn);
    const arg = coerce(args[0]!, type, inner, 'i');
    const fallback = coerce(fallback0, type, inner, 'i');
    return push({ kind: 'offset', name: fn, arg, offset: fn === 'lag' ? -offset : offset, fallback }, type);
  }
  if (fn === 'percent_rank' || fn === 'cume_dist') {
    if (args.length > 0) throw undefinedFunction(fn, args.map((a) => formatType(a.type)));
    return push({ kind: 'distribution', name: fn }, DOUBLE);
  }
  if (fn === 'ntile') {
    if (args.length !== 1) throw new SqlError(SqlState.undefinedFunction, 'function ntile takes one argument');
    const b = coerce(args[0]!, INTEGER, inner, 'i');
    if (b.kind !== 'literal') throw notSupported('ntile() with a number of buckets that is not a constant');
    if (b.value === null) throw notSupported('ntile(NULL)');
    if (!(Number(b.value) > 0)) throw new SqlError(SqlState.invalidArgumentForNtileFunction, 'argument of ntile must be greater than zero');
    return push({ kind: 'distribution', name: 'ntile', buckets: Number(b.value) }, INTEGER);
  }
  const frame = windowFrame(over, inner, orderBy);
  if (fn === 'nth_value') {
    if (args.length !== 2) throw new SqlError(SqlState.undefinedFunction, 'function nth_value takes two arguments');
    const nth = coerce(args[1]!, INTEGER, inner, 'i');
    if (nth.kind !== 'literal') throw notSupported('nth_value() with a position that is not a constant');
    if (nth.value === null) throw notSupported('nth_value(x, NULL)');
    if (!(Number(nth.value) > 0)) throw new SqlError(SqlState.invalidArgumentForNthValueFunction, 'argument of nth_value must be greater than zero');
    const arg = args[0]!.type.kind === 'unknown' ? coerce(args[0]!, TEXT, inner) : args[0]!;
    return push({ kind: 'value', name: 'nth_value', arg, frame, nth: Number(nth.value) }, arg.type);
  }
  if (fn === 'first_value' || fn === 'last_value') {
    if (args.length !== 1) throw new SqlError(SqlState.undefinedFunction, `function ${fn} takes one argument`);
    const arg = args[0]!.type.kind === 'unknown' ? coerce(args[0]!, TEXT, inner) : args[0]!;
    return push({ kind: 'value', name: fn, arg, frame }, arg.type);
  }
  if (isAggregateName(fn)) {
    const star = n.agg_star === true;
    if (star && fn !== 'count') throw new SqlError(SqlState.wrongObjectType, `${fn}(*) is not an aggregate that takes *`);
    if (fn === 'string_agg') throw notSupported('string_agg as a window function');
    const arg0 = star ? null : (args[0] ?? null);
    if (!star && arg0 === null) throw undefinedFunction(fn, []);
    const aggregate = sqlAggregate(fn, arg0 === null ? null : arg0.type);
    const arg = arg0 === null ? literal(1, INTEGER) : aggregate.argType === null ? arg0 : coerce(arg0, aggregate.argType, inner);
    return push({ kind: 'aggregate', name: fn, aggregate, arg, frame }, aggregate.resultType);
  }
  throw notSupported(`the window function ${fn}()`, 'row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead, first_value, last_value, nth_value and aggregates are supported.');
}

/**
 * A window definition with the named window it refers to applied: `OVER w` is w itself;
 * `OVER (w ORDER BY ...)` takes w's PARTITION BY (and ORDER BY, when it has one), as in PostgreSQL.
 */
function resolveWindow(over: Obj, named: ReadonlyMap<string, Obj>): Obj {
  const lookup = (name: unknown): Obj => {
    const base = named.get(String(name));
    if (base === undefined) throw new SqlError(SqlState.undefinedObject, `window "${String(name)}" does not exist`);
    return resolveWindow({ ...base, name: undefined }, named);
  };
  if (over.name !== undefined) return lookup(over.name);
  if (over.refname === undefined) return over;
  const base = lookup(over.refname);
  if (over.orderClause !== undefined && base.orderClause !== undefined) throw new SqlError(SqlState.windowingError, `cannot override ORDER BY clause of window "${String(over.refname)}"`);
  return { ...over, refname: undefined, partitionClause: base.partitionClause, orderClause: over.orderClause ?? base.orderClause };
}

const RANGE_NUMBERS = new Set(['smallint', 'integer', 'bigint', 'real', 'double precision']);

/**
 * `RANGE offset PRECEDING/FOLLOWING`: PostgreSQL needs exactly one ORDER BY column; Weir runs
 * it over integer, floating-point and timestamp columns (an interval offset without months).
 */
function rangeOffset(node: PgNode, preceding: boolean, bind: BindContext, orderBy: ReadonlyArray<{ readonly expr: BoundExpr }>): BoundFrameBound {
  if (orderBy.length !== 1) throw new SqlError(SqlState.windowingError, 'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column');
  const type = orderBy[0]!.expr.type;
  const value = bindExpr(node, bind);
  let offset: number;
  if (RANGE_NUMBERS.has(formatType(type))) {
    const b = coerce(value, type, bind, 'i');
    if (b.kind !== 'literal') throw notSupported('a non-constant frame offset');
    if (b.value === null) throw new SqlError(SqlState.nullValueNotAllowed, 'frame starting offset must not be null');
    offset = Number(b.value);
  } else if (type.kind === 'timestamp' || type.kind === 'timestamptz') {
    const b = coerce(value, INTERVAL, bind, 'i');
    if (b.kind !== 'literal') throw notSupported('a non-constant frame offset');
    if (b.value === null) throw new SqlError(SqlState.nullValueNotAllowed, 'frame starting offset must not be null');
    const iv = b.value as { months: number; days: number; micros: number | bigint };
    if (iv.months !== 0) throw notSupported('RANGE offsets in months');
    offset = iv.days * 86_400_000_000 + Number(iv.micros);
  } else {
    throw notSupported(`RANGE with offset PRECEDING/FOLLOWING over ${formatType(type)}`);
  }
  if (!(offset >= 0)) throw new SqlError(SqlState.invalidPrecedingOrFollowingSize, 'invalid preceding or following size in window function');
  return { type: 'range', offset, preceding };
}

// PostgreSQL's FRAMEOPTION_* bits (nodes/parsenodes.h).
const FRAME = {
  range: 0x2, rows: 0x4, groups: 0x8,
  startUnboundedPreceding: 0x20, endUnboundedFollowing: 0x100, startCurrentRow: 0x200, endCurrentRow: 0x400,
  startOffsetPreceding: 0x800, endOffsetPreceding: 0x1000, startOffsetFollowing: 0x2000, endOffsetFollowing: 0x4000,
  exclude: 0x8000 | 0x10000 | 0x20000,
  nonDefault: 0x1,
} as const;

/**
 * The frame of a window definition: PostgreSQL's default (RANGE UNBOUNDED PRECEDING to
 * CURRENT ROW, which with no ORDER BY is the whole partition), ROWS with constant offsets,
 * or RANGE between UNBOUNDED and CURRENT ROW. RANGE/GROUPS offsets and EXCLUDE are refused.
 */
function windowFrame(over: Obj, bind: BindContext, orderBy: ReadonlyArray<{ readonly expr: BoundExpr }>): BoundFrame {
  const o = over.frameOptions === undefined ? 0 : Number(over.frameOptions);
  if ((o & FRAME.nonDefault) === 0) return { mode: 'range', start: { type: 'unbounded' }, end: orderBy.length > 0 ? { type: 'current' } : { type: 'unbounded' } };
  if ((o & FRAME.groups) !== 0) throw notSupported('GROUPS frames');
  if ((o & FRAME.exclude) !== 0) throw notSupported('EXCLUDE in window frames');
  const mode = (o & FRAME.rows) !== 0 ? 'rows' : 'range';
  const offset = (node: unknown, preceding: boolean): BoundFrameBound => {
    if (mode === 'range') return rangeOffset(node as PgNode, preceding, bind, orderBy);
    const b = coerce(bindExpr(node as PgNode, bind), BIGINT, bind, 'i');
    if (b.kind !== 'literal') throw notSupported('a non-constant frame offset');
    if (b.value === null) throw new SqlError(SqlState.nullValueNotAllowed, 'frame starting offset must not be null');
    const rows = Number(b.value);
    if (rows < 0) throw new SqlError(SqlState.invalidPrecedingOrFollowingSize, 'frame starting offset must not be negative');
    return { type: 'offset', rows, preceding };
  };
  const start: BoundFrameBound =
    (o & FRAME.startUnboundedPreceding) !== 0 ? { type: 'unbounded' }
    : (o & FRAME.startCurrentRow) !== 0 ? { type: 'current' }
    : offset(over.startOffset, (o & FRAME.startOffsetPreceding) !== 0);
  const end: BoundFrameBound =
    (o & FRAME.endUnboundedFollowing) !== 0 ? { type: 'unbounded' }
    : (o & FRAME.endCurrentRow) !== 0 ? { type: 'current' }
    : (o & (FRAME.endOffsetPreceding | FRAME.endOffsetFollowing)) !== 0 ? offset(over.endOffset, (o & FRAME.endOffsetPreceding) !== 0)
    : { type: 'current' }; // `ROWS n PRECEDING` alone ends at the current row
  return { mode, start, end };
}
