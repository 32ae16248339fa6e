/**
 * One-step simplifications of a query, for the shrinker: each variant drops a clause, a
 * select-list item, a conjunct, a FROM item, a join side, a list element, or replaces an
 * expression by one of its parts. Bigger cuts come first.
 *
 * No variant may make a deterministic query nondeterministic, or a new difference would pass
 * for the old one: an ORDER BY under a LIMIT keeps every column, row_number() and lag() keep
 * their total ORDER BY, and string_agg keeps ordering by its argument.
 */
import type { Expr, From, OrderItem, Query, Select } from './ast.ts';

const TRUE: Expr = { k: 'lit', sql: 'TRUE', t: 'bool' };

export function* queryVariants(q: Query): Generator<Query> {
  if (q.k === 'setop') {
    yield { ...q.l, order: q.order, limit: q.limit } as Query;
    yield { ...q.r, order: q.order, limit: q.limit } as Query;
    if (q.limit !== null) yield { ...q, limit: null };
    if (q.limit === null && q.order.length > 0) yield { ...q, order: [] };
    const n = outputArity(q);
    for (let k = 1; n > 1 && k <= n; k++) {
      const l = dropItem(q.l, k);
      const r = dropItem(q.r, k);
      if (l && r) yield { ...q, l, r, order: dropOrderPos(q.order, k) };
    }
    for (const l of queryVariants(q.l)) yield { ...q, l };
    for (const r of queryVariants(q.r)) yield { ...q, r };
    return;
  }
  yield* selectVariants(q);
}

function outputArity(q: Query): number {
  return q.k === 'select' ? q.items.length : outputArity(q.l);
}

function dropOrderPos(order: readonly OrderItem[], k: number): OrderItem[] {
  return order.filter((o) => o.pos !== k).map((o) => (o.pos > k ? { ...o, pos: o.pos - 1 } : o));
}

/** The query without its k-th output column (1-based), or null when that cannot be done. */
function dropItem(q: Query, k: number): Query | null {
  if (q.k === 'setop') {
    const l = dropItem(q.l, k);
    const r = dropItem(q.r, k);
    return l && r ? { ...q, l, r, order: dropOrderPos(q.order, k) } : null;
  }
  if (q.items.length <= 1) return null;
  return { ...q, items: q.items.filter((_, i) => i !== k - 1), order: dropOrderPos(q.order, k) };
}

function* selectVariants(q: Select): Generator<Query> {
  if (q.limit !== null) yield { ...q, limit: null };
  if (q.limit === null && q.order.length > 0) {
    yield { ...q, order: [] };
    if (q.order.length > 1) for (let i = 0; i < q.order.length; i++) yield { ...q, order: q.order.filter((_, j) => j !== i) };
  }
  if (q.where !== null) yield { ...q, where: null };
  if (q.having !== null) yield { ...q, having: null };
  if (q.distinct) yield { ...q, distinct: false };
  for (let k = 1; q.items.length > 1 && k <= q.items.length; k++) yield dropItem(q, k)!;
  if (q.groupBy.length > 0) {
    yield { ...q, groupBy: [] };
    if (q.groupBy.length > 1) for (let i = 0; i < q.groupBy.length; i++) yield { ...q, groupBy: q.groupBy.filter((_, j) => j !== i) };
  }
  if (q.from.length > 1) for (let i = 0; i < q.from.length; i++) yield { ...q, from: q.from.filter((_, j) => j !== i) };
  // A query over a derived table may be that table's query alone.
  for (const f of q.from) if (f.k === 'derived') yield f.q;
  for (let i = 0; i < q.from.length; i++) {
    for (const f of fromVariants(q.from[i]!)) yield { ...q, from: q.from.map((x, j) => (j === i ? f : x)) };
  }
  if (q.where !== null) for (const w of exprVariants(q.where)) yield { ...q, where: w };
  if (q.having !== null) for (const h of exprVariants(q.having)) yield { ...q, having: h };
  for (let i = 0; i < q.items.length; i++) {
    for (const e of exprVariants(q.items[i]!.e)) yield { ...q, items: q.items.map((it, j) => (j === i ? { ...it, e } : it)) };
  }
  for (let i = 0; i < q.groupBy.length; i++) {
    for (const e of exprVariants(q.groupBy[i]!)) yield { ...q, groupBy: q.groupBy.map((x, j) => (j === i ? e : x)) };
  }
}

function* fromVariants(f: From): Generator<From> {
  switch (f.k) {
    case 'table':
      return;
    case 'join':
      yield f.l;
      yield f.r;
      if (f.type !== 'INNER') yield { ...f, type: 'INNER' };
      if (f.type === 'FULL') yield { ...f, type: 'LEFT' };
      for (const on of exprVariants(f.on)) yield { ...f, on };
      for (const l of fromVariants(f.l)) yield { ...f, l };
      for (const r of fromVariants(f.r)) yield { ...f, r };
      return;
    case 'derived':
      for (const q of queryVariants(f.q)) yield { ...f, q };
  }
}

/** Replacements of `xs[i]` by each variant of it. */
function* eachChild(xs: readonly Expr[], wrap: (xs: Expr[]) => Expr): Generator<Expr> {
  for (let i = 0; i < xs.length; i++) for (const v of exprVariants(xs[i]!)) yield wrap(xs.map((x, j) => (j === i ? v : x)));
}

/** The plainest literal of each family: what any compound expression may become. */
const PLAIN: Record<Expr['t'], Expr> = {
  num: { k: 'lit', sql: '1', t: 'num' },
  text: { k: 'lit', sql: "'a'", t: 'text' },
  bool: TRUE,
  date: { k: 'lit', sql: "DATE '2024-01-01'", t: 'date' },
  ts: { k: 'lit', sql: "TIMESTAMP '2024-01-01 00:00:00'", t: 'ts' },
};

export function* exprVariants(e: Expr): Generator<Expr> {
  yield* parts(e);
  // A column may go too: then its table may.
  if (e.k !== 'lit') yield PLAIN[e.t];
}

/** Simplifications of e that keep its shape: its parts, fewer of them, or simpler ones. */
function* parts(e: Expr): Generator<Expr> {
  switch (e.k) {
    case 'col':
    case 'lit':
      return;
    case 'op':
      if (e.l.t === e.t) yield e.l;
      if (e.r.t === e.t) yield e.r;
      yield* eachChild([e.l, e.r], ([l, r]) => ({ ...e, l: l!, r: r! }));
      return;
    case 'not':
      yield e.e;
      yield* eachChild([e.e], ([x]) => ({ ...e, e: x! }));
      return;
    case 'isnull':
    case 'like':
      yield* eachChild([e.e], ([x]) => ({ ...e, e: x! }));
      return;
    case 'in':
      if (e.list.length > 1) for (let i = 0; i < e.list.length; i++) yield { ...e, list: e.list.filter((_, j) => j !== i) };
      yield* eachChild([e.e, ...e.list], ([x, ...list]) => ({ ...e, e: x!, list }));
      return;
    case 'between':
      yield* eachChild([e.e, e.lo, e.hi], ([x, lo, hi]) => ({ ...e, e: x!, lo: lo!, hi: hi! }));
      return;
    case 'case':
      for (const w of e.whens) yield w.v;
      if (e.else !== null) yield e.else;
      if (e.whens.length > 1) for (let i = 0; i < e.whens.length; i++) yield { ...e, whens: e.whens.filter((_, j) => j !== i) };
      if (e.else !== null) yield { ...e, else: null };
      for (let i = 0; i < e.whens.length; i++) {
        const w = e.whens[i]!;
        for (const c of exprVariants(w.c)) yield { ...e, whens: e.whens.map((x, j) => (j === i ? { ...x, c } : x)) };
        for (const v of exprVariants(w.v)) yield { ...e, whens: e.whens.map((x, j) => (j === i ? { ...x, v } : x)) };
      }
      if (e.else !== null) for (const v of exprVariants(e.else)) yield { ...e, else: v };
      return;
    case 'fn':
      for (const a of e.args) if (a.t === e.t) yield a;
      yield* eachChild(e.args, (args) => ({ ...e, args }));
      return;
    case 'agg':
      if (e.t === 'num' && !(e.name === 'count' && e.star)) yield { ...e, name: 'count', args: [], star: true, distinct: false, order: null, filter: null };
      if (e.filter !== null) yield { ...e, filter: null };
      if (e.distinct) yield { ...e, distinct: false };
      if (e.filter !== null) for (const f of exprVariants(e.filter)) yield { ...e, filter: f };
      // string_agg orders by its own argument: both change together.
      yield* eachChild(e.args, (args) => ({ ...e, args, order: e.order === null ? null : args[0]! }));
      return;
    case 'win': {
      if (e.partition.length > 0) yield { ...e, partition: [] };
      const totalOrder = e.name === 'row_number' || e.name === 'lag';
      if (!totalOrder) for (let i = 0; i < e.order.length; i++) yield { ...e, order: e.order.filter((_, j) => j !== i) };
      yield* eachChild(e.args, (args) => ({ ...e, args }));
      return;
    }
    case 'sub':
      if (e.t === 'bool' && e.mode !== 'scalar') yield TRUE;
      if (e.e !== null) for (const x of exprVariants(e.e)) yield { ...e, e: x };
      for (const q of queryVariants(e.q)) yield { ...e, q };
  }
}
