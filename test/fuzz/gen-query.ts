/**
 * Random queries over a schema: FROM lists with inner/left/right/full joins, comma joins with
 * their conditions in WHERE, and derived tables; WHERE; GROUP BY with aggregates and HAVING;
 * DISTINCT; window functions; UNION/INTERSECT/EXCEPT [ALL]; subqueries of each role; ORDER BY
 * and LIMIT (a LIMIT only under an ORDER BY that names every output column, so the rows it
 * keeps are the same on both sides), and Top-N shapes for views.
 */
import { int, pick } from '../sql/types/oracle.ts';
import type { Expr, Family, From, OrderItem, Query, Select, Table } from './ast.ts';
import { familyOf } from './ast.ts';
import { col, genExpr, genPred, literal, someFamily, TRUE, typedNull as typedNullOf, type ColRef, type Gen, type Scope, type SubqueryRole } from './gen-expr.ts';
import type { Rng, Schema } from './schema.ts';
import { printExpr } from './print.ts';

/** Where a query goes: it decides ORDER BY/LIMIT, the number of columns, and grouping. */
export type Role = 'top' | 'view' | 'derived' | 'branch' | SubqueryRole;

export function newGen(r: Rng, schema: Schema): Gen {
  return { r, schema, alias: 0, nesting: 0, tablesLeft: 3, numbered: false, budget: int(r, 0, 9), subquery: genSubquery };
}

const and = (l: Expr | null, r: Expr): Expr => (l === null ? r : { k: 'op', op: 'AND', l, r, t: 'bool' });

function tableCols(schema: Schema, t: Table, alias: string): ColRef[] {
  return t.columns.map((c) => ({ q: alias, name: c.name, t: familyOf(c.type), pool: schema.pools.get(`${t.name}.${c.name}`) ?? [] }));
}

interface FromPart { from: From; cols: readonly ColRef[] }

function tableItem(g: Gen): FromPart {
  g.tablesLeft--;
  const t = pick(g.r, g.schema.tables);
  const as = `a${++g.alias}`;
  return { from: { k: 'table', name: t.name, as }, cols: tableCols(g.schema, t, as) };
}

function fromItem(g: Gen, outer: readonly ColRef[], allowDerived: boolean): FromPart {
  if (allowDerived && g.nesting < 2 && g.r() < 0.12) {
    g.nesting++;
    const q = genQuery(g, outer, 'derived');
    g.nesting--;
    g.tablesLeft -= 2;
    const as = `a${++g.alias}`;
    const names = q.k === 'select' ? q.items : [];
    const fams = outputFamiliesOf(q);
    return { from: { k: 'derived', q, as }, cols: fams.map((t, i) => ({ q: as, name: names[i]?.as ?? `c${i + 1}`, t, pool: [] })) };
  }
  return tableItem(g);
}

const outputFamiliesOf = (q: Query): Family[] => (q.k === 'select' ? q.items.map((i) => i.e.t) : outputFamiliesOf(q.l));

/** `l.x = r.y` over two columns of one family, or null when the sides share none. */
function equality(g: Gen, l: readonly ColRef[], r: readonly ColRef[]): Expr | null {
  const pairs = l.flatMap((a) => r.filter((b) => b.t === a.t && a.t !== 'bool').map((b) => [a, b] as const));
  if (pairs.length === 0) return null;
  const [a, b] = pick(g.r, pairs);
  return { k: 'op', op: '=', l: col(a), r: col(b), t: 'bool' };
}

function joinItem(g: Gen, outer: readonly ColRef[]): FromPart {
  const r = g.r;
  let part = fromItem(g, outer, true);
  for (let n = r() < 0.25 ? 2 : 1; n > 0 && g.tablesLeft > 0; n--) {
    const right = tableItem(g);
    const eq = equality(g, part.cols, right.cols);
    const type = pick(r, ['INNER', 'INNER', 'LEFT', 'LEFT', 'RIGHT', 'FULL'] as const);
    const both: Scope = { cols: [...part.cols, ...right.cols], aggCols: null, outer, windows: false };
    let on: Expr;
    if (eq === null) on = type === 'FULL' ? TRUE : genPred(g, both, 1);
    else on = type !== 'FULL' && r() < 0.3 ? and(eq, genPred(g, both, 1)) : eq;
    part = { from: { k: 'join', type: eq === null && type === 'FULL' ? 'INNER' : type, l: part.from, r: right.from, on }, cols: both.cols };
  }
  return part;
}

/** A FROM list and its columns; comma joins also give WHERE conditions connecting the items. */
function genFrom(g: Gen, outer: readonly ColRef[], role: Role): { from: From[]; cols: ColRef[]; where: Expr | null } {
  const r = g.r;
  const sub = role === 'scalar' || role === 'in' || role === 'exists';
  const count = sub ? (r() < 0.85 ? 1 : 2) : pick(r, [1, 1, 1, 2, 2, 3]);
  const parts: FromPart[] = [];
  let where: Expr | null = null;
  const saved = g.tablesLeft;
  g.tablesLeft = 3;
  for (let i = 0; i < count && (i === 0 || g.tablesLeft > 0); i++) {
    const part = !sub && r() < 0.35 ? joinItem(g, outer) : fromItem(g, outer, !sub);
    const prev = parts.flatMap((p) => p.cols);
    const eq = parts.length > 0 && r() < 0.75 ? equality(g, prev, part.cols) : null;
    if (eq !== null) where = and(where, eq);
    parts.push(part);
  }
  g.tablesLeft = saved;
  return { from: parts.map((p) => p.from), cols: parts.flatMap((p) => p.cols), where };
}

function orderItems(r: Rng, n: number, total: boolean): OrderItem[] {
  const positions = Array.from({ length: n }, (_, i) => i + 1).filter(() => total || r() < 0.5);
  // A random permutation, drawn from r (never Array.sort with a random comparator).
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  if (positions.length === 0) positions.push(1);
  return positions.map((pos) => ({ pos, desc: r() < 0.35, nulls: r() < 0.25 ? pick(r, ['FIRST', 'LAST'] as const) : null }));
}

/** ORDER BY and LIMIT for a query of `n` columns in `role`. */
function ordering(r: Rng, n: number, role: Role): { order: OrderItem[]; limit: number | null } {
  if (role === 'top' && r() < 0.5) {
    const total = r() < 0.7;
    return { order: orderItems(r, n, total), limit: total && r() < 0.5 ? int(r, 0, 5) : null };
  }
  if ((role === 'view' && r() < 0.15) || (role === 'derived' && r() < 0.1)) return { order: orderItems(r, n, true), limit: int(r, 1, 4) };
  return { order: [], limit: null };
}

export function genQuery(g: Gen, outer: readonly ColRef[], role: Role, families?: readonly Family[]): Query {
  const r = g.r;
  if (role !== 'scalar' && role !== 'exists' && role !== 'branch' && r() < 0.12) {
    const l = genSelect(g, outer, 'branch', families);
    const fams = l.items.map((i) => i.e.t);
    const right = genSelect(g, outer, 'branch', fams);
    const { order, limit } = ordering(r, fams.length, role);
    return { k: 'setop', op: pick(r, ['UNION', 'UNION', 'INTERSECT', 'EXCEPT'] as const), all: r() < 0.5, l, r: right, order, limit };
  }
  if ((role === 'view' || role === 'top') && r() < 0.08) return topNByRank(g, outer);
  return genSelect(g, outer, role, families);
}

export function genSelect(g: Gen, outer: readonly ColRef[], role: Role, families?: readonly Family[]): Select {
  const numbered = g.numbered;
  g.numbered = false;
  try {
    return genSelectBody(g, outer, role, families);
  } finally {
    g.numbered = numbered;
  }
}

function genSelectBody(g: Gen, outer: readonly ColRef[], role: Role, families?: readonly Family[]): Select {
  const r = g.r;
  const { from, cols, where: joinWhere } = genFrom(g, outer, role);
  const rows: Scope = { cols, aggCols: null, outer, windows: false };
  let where = joinWhere;
  if (r() < 0.65) where = and(where, genPred(g, rows, 2));
  if ((role === 'scalar' || role === 'in' || role === 'exists') && outer.length > 0 && r() < 0.65) {
    const corr = outerCondition(g, cols, outer);
    if (corr !== null) where = and(where, corr);
  }
  const grouped = role === 'scalar' ? r() < 0.75 : r() < (role === 'exists' ? 0.15 : 0.35);
  const keys = grouped && role !== 'scalar' && cols.length > 0 && r() < 0.8 ? pickSome(r, cols, int(r, 1, 2)).map((c) => (r() < 0.2 ? keyExpression(g, c) : c)) : [];
  const scope: Scope = grouped
    ? { cols: keys, aggCols: cols, outer, windows: false }
    : { cols, aggCols: null, outer, windows: role !== 'exists' && role !== 'in' && role !== 'scalar' && r() < 0.25 };
  const fams = families ?? (role === 'scalar' || role === 'in' ? [families?.[0] ?? someFamily(g, rows)] : role === 'exists' ? ['num' as Family] : Array.from({ length: int(r, 1, 4) }, () => someFamily(g, scope)));
  const items = fams.map((t, i) => {
    const key = keys.filter((k) => k.t === t);
    let e = grouped && key.length > 0 && r() < 0.4 ? col(pick(r, key)) : role === 'exists' && r() < 0.7 ? literal(g, scope, t) : genExpr(g, scope, t, 2);
    // Without GROUP BY, the query is an aggregate only if it has one (and a scalar subquery
    // returns one row only then).
    if (grouped && keys.length === 0 && !hasAggregate(e) && (role === 'scalar' || r() < 0.8)) e = aggregateOf(g, cols, t);
    return { e, as: `c${i + 1}` };
  });
  const having = grouped && r() < 0.35 ? genPred(g, scope, 1) : null;
  let { order, limit } = ordering(r, items.length, role);
  if (role === 'scalar' && !grouped) ({ order, limit } = { order: [{ pos: 1, desc: r() < 0.5, nulls: null }], limit: 1 });
  return { k: 'select', distinct: role !== 'scalar' && r() < 0.15, items, from, where, groupBy: keys.map(col), having, order, limit };
}

/** What gen-expr calls for a subquery of a role; its rows may name the enclosing columns. */
function genSubquery(g: Gen, scope: Scope, role: SubqueryRole, t: Family): Query {
  g.nesting++;
  try {
    return genQuery(g, [...scope.cols, ...scope.outer], role, role === 'exists' ? undefined : [t]);
  } finally {
    g.nesting--;
  }
}

/**
 * A GROUP BY key that is an expression over a column, as a column whose name is the
 * expression's text: the select list and HAVING then name it exactly as GROUP BY does.
 */
function keyExpression(g: Gen, c: ColRef): ColRef {
  const self = printExpr(col(c));
  const text = pick(g.r, {
    num: [`(${self} % 3)`, `abs(${self})`, `(${self} + 1)`],
    text: [`upper(${self})`, `substr(${self}, 1, 1)`, `length(${self})`],
    bool: [`(NOT ${self})`],
    date: [`extract(month FROM ${self})`, `(${self} + 1)`],
    ts: [`date_trunc('day', ${self})`, `CAST(${self} AS date)`],
  }[c.t]);
  const t = text.startsWith('length') || text.startsWith('extract') ? 'num' : text.startsWith('CAST') ? 'date' : c.t;
  return { q: '', name: text, t, pool: [] };
}

function hasAggregate(e: Expr): boolean {
  switch (e.k) {
    case 'agg': return true;
    case 'col': case 'lit': case 'sub': case 'win': return false;
    case 'op': return hasAggregate(e.l) || hasAggregate(e.r);
    case 'not': case 'isnull': case 'like': return hasAggregate(e.e);
    case 'in': return hasAggregate(e.e) || e.list.some(hasAggregate);
    case 'between': return hasAggregate(e.e) || hasAggregate(e.lo) || hasAggregate(e.hi);
    case 'case': return e.whens.some((w) => hasAggregate(w.c) || hasAggregate(w.v)) || (e.else !== null && hasAggregate(e.else));
    case 'fn': return e.args.some(hasAggregate);
  }
}

/** max(x) (or count(*)) over a column of family t. */
function aggregateOf(g: Gen, cols: readonly ColRef[], t: Family): Expr {
  const same = cols.filter((c) => c.t === t);
  if (same.length === 0 || (t === 'num' && g.r() < 0.3)) {
    return t === 'num' ? { k: 'agg', name: 'count', args: [], star: true, distinct: false, filter: null, order: null, t } : { k: 'agg', name: 'max', args: [typedNullOf(t)], star: false, distinct: false, filter: null, order: null, t };
  }
  return { k: 'agg', name: t === 'bool' ? 'bool_or' : pick(g.r, ['max', 'min']), args: [col(pick(g.r, same))], star: false, distinct: false, filter: null, order: null, t };
}

function outerCondition(g: Gen, cols: readonly ColRef[], outer: readonly ColRef[]): Expr | null {
  const eq = equality(g, cols, outer);
  if (eq === null || eq.k !== 'op') return eq;
  return g.r() < 0.8 ? eq : { ...eq, op: pick(g.r, ['<>', '<', '>=']) };
}

function pickSome<T>(r: Rng, xs: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const x = pick(r, xs);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

/**
 * The Top-N shape: `SELECT ... FROM (SELECT cols, row_number() OVER (PARTITION BY p ORDER BY
 * k, <every column>) AS rn FROM t) s WHERE rn <= n` (or rank(), ordered by k alone: ties share
 * a rank, so the rows kept are the same on both sides).
 */
function topNByRank(g: Gen, outer: readonly ColRef[]): Select {
  const r = g.r;
  const base = tableItem(g);
  const cols = base.cols;
  const byOne = { e: col(pick(r, cols)), desc: r() < 0.5 };
  const rank = r() < 0.6 ? 'row_number' : pick(r, ['rank', 'dense_rank']);
  const orderKeys = rank === 'row_number' ? [byOne, ...cols.map((c) => ({ e: col(c), desc: false }))] : [byOne];
  const partition = r() < 0.7 ? [col(pick(r, cols))] : [];
  const kept = pickSome(r, cols, int(r, 1, 3));
  const inner: Select = {
    k: 'select', distinct: false,
    items: [...kept.map((c, i) => ({ e: col(c), as: `c${i + 1}` })), { e: { k: 'win', name: rank, args: [], partition, order: orderKeys, t: 'num' }, as: 'rn' }],
    from: [base.from], where: r() < 0.4 ? genPred(g, { cols, aggCols: null, outer, windows: false }, 1) : null,
    groupBy: [], having: null, order: [], limit: null,
  };
  const as = `a${++g.alias}`;
  const outerItems = [...kept.map((_, i) => ({ e: { k: 'col', q: as, name: `c${i + 1}`, t: kept[i]!.t } as Expr, as: `c${i + 1}` }))];
  if (r() < 0.6) outerItems.push({ e: { k: 'col', q: as, name: 'rn', t: 'num' }, as: `c${outerItems.length + 1}` });
  const bound: Expr = { k: 'op', op: '<=', l: { k: 'col', q: as, name: 'rn', t: 'num' }, r: { k: 'lit', sql: String(int(r, 1, 3)), t: 'num' }, t: 'bool' };
  return { k: 'select', distinct: false, items: outerItems, from: [{ k: 'derived', q: inner, as }], where: bound, groupBy: [], having: null, order: [], limit: null };
}
