/**
 * UNION, INTERSECT and EXCEPT (with ALL and CORRESPONDING), and VALUES lists: their common
 * column types, and their ORDER BY over result columns.
 */
import { bindExpr, coerce, literal } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { Scope, type ScopeColumn } from '../binder/scope.ts';
import type { PgNode } from '../parser/index.ts';
import type { LogicalAggregateCall, LogicalPlan } from '../plan/logical.ts';
import { BIGINT, BOOLEAN, INTEGER, SqlError, TEXT, UNKNOWN, commonTypeOf, comparatorFor, type DataType } from '../types/index.ts';
import { sqlAggregate } from '../functions/aggregates/aggregates.ts';
import { limitAsTopN, type OrderKey, type PlannedQuery } from './planned-query.ts';
import { notSupported, SqlState, undefinedColumn, syntaxError } from '../../errors/index.ts';
import type { ClausePlanner } from './clause-planner.ts';
import { constantLimit } from './plan-order.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : (obj(obj(v).List).items as PgNode[] | undefined) ?? []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');
const colRef = (scope: Scope, index: number): BoundExpr => {
  const c = scope.columns[index] as ScopeColumn;
  return { kind: 'column', index, type: c.type, name: c.name };
};

export function planValues(p: ClausePlanner, select: Obj): PlannedQuery {
  const bind = p.bindContext(new Scope([]), 'VALUES');
  const rows = list(select.valuesLists).map((r) => list(r).map((e) => bindExpr(e, bind)));
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) throw syntaxError('VALUES lists must all be the same length');
  const types = Array.from({ length: width }, (_, c) => {
    const known = rows.map((r) => (r[c] as BoundExpr).type).filter((t) => t.kind !== 'unknown');
    return known.length === 0 ? TEXT : commonTypeOf(known);
  });
  const typed = rows.map((r) => r.map((e, c) => coerce(e, types[c] as DataType, bind)));
  const columns = types.map((type, c) => ({ name: `column${c + 1}`, relation: null, type }));
  return { plan: { kind: 'values', rows: typed, schema: columns }, columns, orderBy: [], limit: null, offset: 0 };
}

/**
 * `CORRESPONDING [BY (names)]`: both sides reduced to the named columns (by default the
 * left side's columns that the right side has too, in the left side's order), matched by name.
 */
function correspondingColumns(p: ClausePlanner, op: string, left: PlannedQuery, right: PlannedQuery, by: readonly string[] | null): [PlannedQuery, PlannedQuery] {
  const leftNames = left.columns.map((c) => c.name);
  const rightNames = right.columns.map((c) => c.name);
  let names: readonly string[];
  if (by === null) {
    names = leftNames.filter((n) => rightNames.includes(n));
    if (names.length === 0) {
      throw syntaxError(`${op} CORRESPONDING needs a column name both sides have`, {
        detail: `Left side columns: ${leftNames.join(', ')}. Right side columns: ${rightNames.join(', ')}.`,
      });
    }
  } else {
    const missing = by.find((n) => !leftNames.includes(n) || !rightNames.includes(n));
    if (missing !== undefined) throw new SqlError(SqlState.undefinedColumn, `column "${missing}" in CORRESPONDING BY is not on both sides of the ${op}`);
    names = by;
  }
  const pick = (q: PlannedQuery, own: readonly string[]): PlannedQuery => {
    const scope = new Scope(q.plan.schema);
    const indexes = names.map((n) => own.indexOf(n));
    const columns = indexes.map((i) => q.columns[i]!);
    return { ...q, plan: { kind: 'project', input: limitAsTopN(q), exprs: indexes.map((i) => colRef(scope, i)), schema: columns }, columns, orderBy: [], limit: null, offset: 0 };
  };
  return [pick(left, leftNames), pick(right, rightNames)];
}

export function planSetOperation(p: ClausePlanner, select: Obj): PlannedQuery {
  const op = String(select.op).replace('SETOP_', '');
  if (op !== 'UNION' && op !== 'INTERSECT' && op !== 'EXCEPT') throw notSupported(op);
  let left = p.planQuery(obj(select.larg));
  let right = p.planQuery(obj(select.rarg));
  const corresponding = select.corresponding as { by: readonly string[] | null } | undefined;
  if (corresponding !== undefined) [left, right] = correspondingColumns(p, op, left, right, corresponding.by);
  if (left.columns.length !== right.columns.length) throw syntaxError(`each ${op} query must have the same number of columns`);
  // Untyped literals of a branch count as unknown, so 'a' UNION varchar is varchar.
  const [leftUntyped, rightUntyped] = corresponding === undefined ? [untypedColumns(obj(select.larg)), untypedColumns(obj(select.rarg))] : [[], []];
  const branchType = (q: PlannedQuery, untyped: readonly boolean[], i: number): DataType => (untyped[i] === true ? UNKNOWN : q.columns[i]!.type);
  const types = left.columns.map((_, i) => commonTypeOf([branchType(left, leftUntyped, i), branchType(right, rightUntyped, i)], op));
  const columns = left.columns.map((c, i) => ({ name: c.name, relation: null, type: types[i] as DataType }));
  /** One side's rows in the common types, with `tag` appended when given (which side it came from). */
  const cast = (q: PlannedQuery, untyped: readonly boolean[], tag: number | null): LogicalPlan => {
    const scope = new Scope(q.columns);
    // The branch made its untyped literals text; read as the common type, they are input text
    // (an explicit cast from text is the type's input function, as for the literal itself).
    const exprs = q.columns.map((_, i) => coerce(colRef(scope, i), types[i] as DataType, p.bindContext(scope, op), untyped[i] === true ? 'e' : 'i'));
    if (tag !== null) exprs.push(literal(tag, INTEGER));
    return { kind: 'project', input: q.plan, exprs, schema: [...columns, ...(tag === null ? [] : [{ name: 'side', relation: null, type: INTEGER }])] };
  };
  const all = select.all === true;
  const orderBy = setOperationOrder(select, columns);
  const finish = (plan: LogicalPlan): PlannedQuery => ({ plan, columns, orderBy, withTies: select.limitOption === 'LIMIT_OPTION_WITH_TIES', limit: constantLimit(p, select.limitCount, 'LIMIT'), offset: constantLimit(p, select.limitOffset, 'OFFSET') ?? 0 });
  const keys = columns.map((_, i) => colRef(new Scope(columns), i));
  if (op === 'UNION') {
    const union: LogicalPlan = { kind: 'union', inputs: [cast(left, leftUntyped, null), cast(right, rightUntyped, null)], schema: columns };
    return finish(all ? union : { kind: 'aggregate', input: union, groupKeys: keys, calls: [], schema: columns });
  }
  // INTERSECT / EXCEPT: count each distinct row on both sides, then keep it as often as SQL says.
  const n = columns.length;
  const tagged: LogicalPlan = { kind: 'union', inputs: [cast(left, leftUntyped, 0), cast(right, rightUntyped, 1)], schema: [...columns, { name: 'side', relation: null, type: INTEGER }] };
  const side: BoundExpr = { kind: 'column', index: n, type: INTEGER, name: 'side' };
  const fromSide = (k: number): BoundExpr => ({ kind: 'compare', op: '=', cmp: comparatorFor(INTEGER), left: side, right: literal(k, INTEGER), type: BOOLEAN });
  const count = sqlAggregate('count', null);
  const calls: LogicalAggregateCall[] = [0, 1].map((k) => ({ name: k === 0 ? 'left' : 'right', aggregate: count, arg: null, extra: null, distinct: false, filter: fromSide(k) }));
  const counted: LogicalPlan = {
    kind: 'aggregate',
    input: tagged,
    groupKeys: keys,
    calls,
    schema: [...columns, { name: 'left', relation: null, type: BIGINT }, { name: 'right', relation: null, type: BIGINT }],
  };
  const l: BoundExpr = { kind: 'column', index: n, type: BIGINT, name: 'left' };
  const r: BoundExpr = { kind: 'column', index: n + 1, type: BIGINT, name: 'right' };
  // How many copies of the row the result holds.
  const copies: BoundExpr = {
    kind: 'function',
    name: 'copies',
    impl: op === 'INTERSECT' ? ([a, b]) => (all ? Math.min(Number(a), Number(b)) : Number(a) > 0 && Number(b) > 0 ? 1 : 0) : ([a, b]) => (all ? Math.max(Number(a) - Number(b), 0) : Number(a) > 0 && Number(b) === 0 ? 1 : 0),
    strict: true,
    args: [l, r],
    type: BIGINT,
  };
  const withCopies: LogicalPlan = { kind: 'project', input: counted, exprs: [...keys, copies], schema: [...columns, { name: 'copies', relation: null, type: BIGINT }] };
  return finish({ kind: 'replicate', input: withCopies, schema: columns });
}

/**
 * Which columns of a set operation's branch are untyped literals ('a', NULL). PostgreSQL plans
 * a branch without resolving these to text (transformSetOperationTree), so the set operation
 * gives them the other branch's type: select_common_type, pairwise up the tree, a branch that
 * is itself a set operation being already resolved. A branch resolves them to text itself when
 * they are sorted or grouped on: under DISTINCT, or named by its GROUP BY or ORDER BY
 * (addTargetToSortList).
 */
function untypedColumns(branch: Obj): boolean[] {
  if (branch.op !== undefined && branch.op !== 'SETOP_NONE') return [];
  if (list(branch.distinctClause).length > 0) return [];
  const sorted = [...list(branch.groupClause), ...list(branch.sortClause).map((s) => obj(obj(s).SortBy).node as PgNode)].map(withoutLocations);
  return list(branch.targetList).map((t, i) => {
    const value = obj(obj(t).ResTarget).val;
    const literal = obj(obj(value).A_Const);
    if (obj(value).A_Const === undefined || (literal.sval === undefined && literal.isnull !== true)) return false;
    const node = withoutLocations(value);
    return !sorted.some((g) => g === node || g === withoutLocations({ A_Const: { ival: { ival: i + 1 } } }));
  });
}

/** A parse node as text without its source positions, to compare expressions. */
const withoutLocations = (node: unknown): string => JSON.stringify(node, (k, v: unknown) => (k === 'location' ? undefined : v));

/** ORDER BY of a UNION/INTERSECT/EXCEPT: result columns by name or position, as PostgreSQL allows. */
function setOperationOrder(select: Obj, columns: readonly ScopeColumn[]): OrderKey[] {
  return list(select.sortClause).map((s) => {
    const sb = obj(obj(s).SortBy);
    const node = obj(sb.node);
    const position = obj(obj(node.A_Const).ival);
    const fields = list(obj(node.ColumnRef).fields);
    let column: number;
    if (node.A_Const !== undefined && obj(node.A_Const).ival !== undefined) {
      const n = Number(position.ival ?? 0);
      if (n < 1 || n > columns.length) throw new SqlError(SqlState.invalidColumnReference, `ORDER BY position ${n} is not in select list`);
      column = n - 1;
    } else if (fields.length === 1 && obj(fields[0]).String !== undefined) {
      const name = sval(fields[0]);
      column = columns.findIndex((c) => c.name === name);
      if (column < 0) throw undefinedColumn(name);
    } else {
      throw new SqlError(SqlState.featureNotSupported, 'invalid UNION/INTERSECT/EXCEPT ORDER BY clause', { detail: 'Only result column names can be used, not expressions or functions.' });
    }
    const descending = sb.sortby_dir === 'SORTBY_DESC';
    const nullsFirst = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' || (sb.sortby_nulls !== 'SORTBY_NULLS_LAST' && descending);
    return { column, descending, nullsFirst, cmp: comparatorFor(columns[column]!.type) };
  });
}
