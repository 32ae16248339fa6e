/**
 * Random expressions of a family over the columns in scope: arithmetic, functions, CASE,
 * predicates (AND/OR/NOT, IN lists, BETWEEN, LIKE, IS NULL, IS DISTINCT FROM), aggregates
 * with DISTINCT and FILTER, window functions, and subqueries (through `Gen.subquery`, which
 * gen-query.ts provides, so that neither module imports the other).
 *
 * Only deterministic SQL is generated: aggregates that depend on order get an ORDER BY,
 * window functions that number rows order by every column, and nothing divides by a value
 * that may be zero or multiplies two columns (an overflow that one side hits and the other
 * skips, filtering first, is no difference).
 */
import { int, pick } from '../sql/types/oracle.ts';
import type { Expr, Family, OrderKey, Query } from './ast.ts';
import { quote } from './print.ts';
import { skewed, type Rng, type Schema } from './schema.ts';

export interface ColRef {
  readonly q: string;
  readonly name: string;
  readonly t: Family;
  /** Values the column holds, for literals that meet it. */
  readonly pool: readonly string[];
}

export interface Scope {
  /** Columns an expression may name. */
  readonly cols: readonly ColRef[];
  /** Columns an aggregate's arguments may name; null where aggregates are not allowed. */
  readonly aggCols: readonly ColRef[] | null;
  /** Enclosing queries' columns, for correlated subqueries. */
  readonly outer: readonly ColRef[];
  readonly windows: boolean;
}

export type SubqueryRole = 'scalar' | 'in' | 'exists';

export interface Gen {
  readonly r: Rng;
  readonly schema: Schema;
  /** Next table alias number: aliases are unique across a whole statement. */
  alias: number;
  /** Base tables the SELECT being generated may still add to its FROM (more make slow cross products). */
  tablesLeft: number;
  /** The SELECT being generated has a row_number() or lag() (see genWindow). */
  numbered: boolean;
  /** How many subqueries deep we are. */
  nesting: number;
  /** Compound expressions (and subqueries, at 3 each) the statement may still get: keeps most statements small. */
  budget: number;
  readonly subquery: (g: Gen, scope: Scope, role: SubqueryRole, t: Family) => Query;
}

/** A column reference; a ColRef with no qualifier is a GROUP BY expression, printed as its text. */
export const col = (c: ColRef): Expr => ({ k: 'col', q: c.q === '' ? null : c.q, name: c.name, t: c.t });
const lit = (sql: string, t: Family): Expr => ({ k: 'lit', sql, t });
const op = (o: string, l: Expr, r: Expr, t: Family): Expr => ({ k: 'op', op: o, l, r, t });
const fn = (name: string, args: Expr[], t: Family): Expr => ({ k: 'fn', name, args, t });
export const TRUE: Expr = lit('TRUE', 'bool');

const NUM_LITS = ['0', '1', '2', '3', '5', '10', '1.5', '(-1)', '0.25'];
const LIKE_PATTERNS = ['a%', '%a', '_', '%', 'a_%', '%b%', '', 'A%', '%\\%%', 'x\\_y'];

/** A literal of family t, drawn from a column's values when one of that family is in scope. */
export function literal(g: Gen, scope: Scope, t: Family): Expr {
  const r = g.r;
  const same = scope.cols.filter((c) => c.t === t && c.pool.length > 0);
  if (same.length > 0 && r() < 0.65) {
    const v = skewed(r, pick(r, same).pool);
    return literalOf(v, t);
  }
  switch (t) {
    case 'num': return lit(pick(r, NUM_LITS), 'num');
    case 'text': return lit(quote(pick(r, ['a', 'b', '', 'ab', 'zz', 'B a'])), 'text');
    case 'bool': return lit(pick(r, ['TRUE', 'FALSE']), 'bool');
    case 'date': return lit(`DATE '2024-01-0${int(r, 1, 4)}'`, 'date');
    case 'ts': return lit(`TIMESTAMP '2024-01-0${int(r, 1, 3)} ${pick(r, ['00:00:00', '10:30:00', '12:00:00'])}'`, 'ts');
  }
}

/** A value as PostgreSQL prints it, as a literal of its family. */
export function literalOf(v: string, t: Family): Expr {
  switch (t) {
    case 'num': return lit(v.startsWith('-') ? `(${v})` : v, 'num');
    case 'text': return lit(quote(v), 'text');
    case 'bool': return lit(v === 't' ? 'TRUE' : 'FALSE', 'bool');
    case 'date': return lit(`DATE ${quote(v)}`, 'date');
    case 'ts': return lit(`TIMESTAMP ${quote(v)}`, 'ts');
  }
}

export const typedNull = (t: Family): Expr =>
  lit(`CAST(NULL AS ${{ num: 'int', text: 'text', bool: 'boolean', date: 'date', ts: 'timestamp' }[t]})`, t);

/** Whether a subquery may come here (costing 3 of the budget): rarer inside subqueries. */
function canNest(g: Gen): boolean {
  if (g.budget < 3 || g.nesting >= 2 || (g.nesting === 1 && g.r() < 0.7)) return false;
  g.budget -= 3;
  return true;
}

/** A column of family t (from the enclosing queries now and then), or a literal. */
function leaf(g: Gen, scope: Scope, t: Family, colRate = 0.8): Expr {
  const r = g.r;
  const outer = scope.outer.filter((c) => c.t === t);
  if (outer.length > 0 && r() < 0.15) return col(pick(r, outer));
  const cols = scope.cols.filter((c) => c.t === t);
  if (cols.length > 0 && r() < colRate) return col(pick(r, cols));
  return r() < 0.05 ? typedNull(t) : literal(g, scope, t);
}

export function genExpr(g: Gen, scope: Scope, t: Family, depth: number): Expr {
  const r = g.r;
  if (t === 'bool') return genPred(g, scope, depth);
  const roll = r();
  // Aggregates come whatever the budget: a grouped query needs them.
  if (scope.aggCols !== null && roll < 0.45 && (depth > 0 || scope.cols.length === 0)) return genAgg(g, scope, t, depth);
  if (depth <= 0 || g.budget <= 0 || r() < 0.35) return leaf(g, scope, t);
  g.budget--;
  if (scope.windows && roll < 0.55) return genWindow(g, scope, t);
  if (roll < 0.6 && canNest(g)) return scalarSubquery(g, scope, t);
  if (roll < 0.65) {
    return { k: 'case', whens: [{ c: genPred(g, scope, depth - 1), v: genExpr(g, scope, t, depth - 1) }], else: r() < 0.7 ? genExpr(g, scope, t, depth - 1) : null, t };
  }
  const sub = (): Expr => genExpr(g, scope, t, depth - 1);
  switch (t) {
    case 'num': return numExpr(g, scope, depth, sub);
    case 'text': return textExpr(g, scope, depth, sub);
    case 'date':
      return pick(r, [() => op('+', sub(), lit(String(int(r, 1, 40)), 'num'), 'date'), () => fn('coalesce', [sub(), literal(g, scope, 'date')], 'date'),
        () => ({ k: 'fn', name: 'date', args: [genExpr(g, scope, 'ts', depth - 1)], t: 'date', raw: 'cast' }) as Expr])();
    case 'ts':
      return pick(r, [() => op('+', sub(), lit(pick(r, ["INTERVAL '1 hour'", "INTERVAL '1 day'", "INTERVAL '90 minutes'"]), 'ts'), 'ts'),
        () => fn('date_trunc', [lit(quote(pick(r, ['day', 'month', 'hour'])), 'text'), sub()], 'ts'),
        () => ({ k: 'fn', name: 'timestamp', args: [genExpr(g, scope, 'date', depth - 1)], t: 'ts', raw: 'cast' }) as Expr])();
  }
}

function numExpr(g: Gen, scope: Scope, depth: number, sub: () => Expr): Expr {
  const r = g.r;
  const small = (): Expr => lit(String(int(r, 2, 5)), 'num');
  return pick(r, [
    () => op(pick(r, ['+', '-']), sub(), sub(), 'num'),
    () => op('*', sub(), small(), 'num'),
    () => op(pick(r, ['/', '%']), sub(), small(), 'num'),
    () => fn(pick(r, ['abs', 'sign']), [sub()], 'num'),
    () => fn(pick(r, ['coalesce', 'nullif', 'greatest', 'least']), [sub(), r() < 0.5 ? sub() : literal(g, scope, 'num')], 'num'),
    () => fn('round', [sub(), lit(String(int(r, 0, 1)), 'num')], 'num'),
    () => fn(pick(r, ['length', 'char_length']), [genExpr(g, scope, 'text', depth - 1)], 'num'),
    () => ({ k: 'fn', name: pick(r, ['day', 'month', 'year', 'dow']), args: [genExpr(g, scope, pick(r, ['date', 'ts']), depth - 1)], t: 'num', raw: 'extract' }) as Expr,
    () => op('-', genExpr(g, scope, 'date', depth - 1), genExpr(g, scope, 'date', depth - 1), 'num'),
  ])();
}

function textExpr(g: Gen, scope: Scope, depth: number, sub: () => Expr): Expr {
  const r = g.r;
  return pick(r, [
    () => op('||', sub(), sub(), 'text'),
    () => fn(pick(r, ['upper', 'lower', 'trim', 'reverse']), [sub()], 'text'),
    () => fn('substr', [sub(), lit(String(int(r, 1, 3)), 'num'), ...(r() < 0.5 ? [lit(String(int(r, 0, 2)), 'num')] : [])], 'text'),
    () => fn(pick(r, ['left', 'right']), [sub(), lit(String(int(r, -1, 2)), 'num')], 'text'),
    () => fn('coalesce', [sub(), literal(g, scope, 'text')], 'text'),
    () => fn('concat', [sub(), sub()], 'text'),
    () => fn('replace', [sub(), lit("'a'", 'text'), lit(quote(pick(r, ['', 'xy', 'A'])), 'text')], 'text'),
    () => ({ k: 'fn', name: 'text', args: [genExpr(g, scope, pick(r, ['num', 'date', 'bool']), depth - 1)], t: 'text', raw: 'cast' }) as Expr,
  ])();
}

/** An aggregate whose arguments name the rows' columns (never the enclosing queries'). */
function genAgg(g: Gen, scope: Scope, t: Family, depth: number): Expr {
  const r = g.r;
  const inner: Scope = { cols: scope.aggCols!, aggCols: null, outer: [], windows: false };
  const arg = (f: Family): Expr => genExpr(g, inner, f, Math.min(depth - 1, 1));
  const filter = r() < 0.2 ? genPred(g, inner, 1) : null;
  const agg = (name: string, args: Expr[], more: Partial<{ star: boolean; distinct: boolean; order: Expr | null }> = {}): Expr =>
    ({ k: 'agg', name, args, star: more.star ?? false, distinct: more.distinct ?? false, filter, order: more.order ?? null, t });
  switch (t) {
    case 'num':
      return pick(r, [
        () => agg('count', [], { star: true }),
        () => agg('count', [arg(pick(r, ['num', 'text', 'date']))], { distinct: r() < 0.4 }),
        () => agg(pick(r, ['sum', 'avg']), [arg('num')], { distinct: r() < 0.15 }),
        () => agg(pick(r, ['min', 'max']), [arg('num')]),
      ])();
    case 'text': {
      if (r() < 0.5) return agg(pick(r, ['min', 'max']), [arg('text')]);
      const a = arg('text');
      return agg('string_agg', [a, lit(quote(pick(r, [',', '|', ''])), 'text')], { distinct: r() < 0.3, order: a });
    }
    case 'bool':
      return agg(pick(r, ['bool_and', 'bool_or']), [arg('bool')]);
    default:
      return agg(pick(r, ['min', 'max']), [arg(t)]);
  }
}

/** Every column of the rows, in order: row numbers over it are the same on both sides. */
const totalOrder = (scope: Scope): OrderKey[] => scope.cols.map((c) => ({ e: col(c), desc: false }));

function genWindow(g: Gen, scope: Scope, t: Family): Expr {
  const r = g.r;
  const partition = r() < 0.7 && scope.cols.length > 0 ? [col(pick(r, scope.cols))] : [];
  const byOne = (): OrderKey[] => (scope.cols.length === 0 ? [] : [{ e: col(pick(r, scope.cols)), desc: r() < 0.3 }]);
  const win = (name: string, args: Expr[], order: OrderKey[], wt: Family = t): Expr => ({ k: 'win', name, args, partition, order, t: wt });
  const nums = scope.cols.filter((c) => c.t === 'num');
  const numArg = (): Expr => (nums.length > 0 ? col(pick(r, nums)) : lit('1', 'num'));
  if (t !== 'num') {
    const same = scope.cols.filter((c) => c.t === t);
    if (same.length === 0) return leaf(g, scope, t);
    return win(pick(r, ['min', 'max']), [col(pick(r, same))], r() < 0.5 ? byOne() : []);
  }
  // Two windows that number rows could number two equal rows in opposite orders: one per query.
  const numbering = (w: () => Expr): (() => Expr) => () => {
    if (g.numbered) return win('count', [], []);
    g.numbered = true;
    return w();
  };
  return pick(r, [
    numbering(() => win('row_number', [], [...byOne(), ...totalOrder(scope)])),
    () => win(pick(r, ['rank', 'dense_rank']), [], byOne()),
    () => win('sum', [numArg()], r() < 0.5 ? byOne() : []),
    () => win('count', [], []),
    () => win(pick(r, ['avg', 'min', 'max']), [numArg()], r() < 0.3 ? byOne() : []),
    numbering(() => win('lag', [numArg()], totalOrder(scope))),
  ])();
}

function scalarSubquery(g: Gen, scope: Scope, t: Family): Expr {
  return { k: 'sub', mode: 'scalar', q: g.subquery(g, scope, 'scalar', t), e: null, neg: false, t };
}

const FAMILIES: readonly Family[] = ['num', 'num', 'num', 'text', 'text', 'date', 'ts', 'bool'];

/** A family with a column in scope (most of the time). */
export function someFamily(g: Gen, scope: Scope): Family {
  const have = FAMILIES.filter((f) => scope.cols.some((c) => c.t === f));
  return have.length > 0 && g.r() < 0.9 ? pick(g.r, have) : pick(g.r, FAMILIES);
}

export function genPred(g: Gen, scope: Scope, depth: number): Expr {
  const r = g.r;
  const not = (e: Expr): Expr => ({ k: 'not', e, t: 'bool' });
  const roll = r();
  if (depth > 0 && g.budget > 0 && roll < 0.25) {
    g.budget--;
    const o = r() < 0.6 ? 'AND' : 'OR';
    return op(o, genPred(g, scope, depth - 1), genPred(g, scope, depth - 1), 'bool');
  }
  if (depth > 0 && g.budget > 0 && roll < 0.3) {
    g.budget--;
    return not(genPred(g, scope, depth - 1));
  }
  if (roll < 0.42 && canNest(g)) return subqueryPred(g, scope);
  if (scope.aggCols !== null && roll < 0.6) {
    if (r() < 0.2) return genAgg(g, scope, 'bool', depth);
    return op(pick(r, ['=', '<>', '<', '>', '>=']), genAgg(g, scope, 'num', depth), literal(g, scope, 'num'), 'bool');
  }
  const t = someFamily(g, scope);
  // The subject of a condition is a column more often than not.
  const e = depth <= 1 || g.budget <= 0 || r() < 0.6 ? leaf(g, scope, t, 0.95) : genExpr(g, scope, t, depth - 1);
  const k = r();
  if (t === 'bool') return k < 0.5 ? e : { k: 'isnull', e, neg: r() < 0.5, t: 'bool' };
  if (k < 0.45) return op(pick(r, ['=', '=', '<>', '<', '<=', '>', '>=']), e, r() < 0.6 ? literal(g, scope, t) : genExpr(g, scope, t, depth - 1), 'bool');
  if (k < 0.55) return { k: 'isnull', e, neg: r() < 0.4, t: 'bool' };
  if (k < 0.68) {
    const list = Array.from({ length: int(r, 1, 4) }, () => (r() < 0.1 ? lit('NULL', t) : literal(g, scope, t)));
    return { k: 'in', e, list, neg: r() < 0.3, t: 'bool' };
  }
  if (k < 0.78) {
    const [lo, hi] = [literal(g, scope, t), literal(g, scope, t)];
    return { k: 'between', e, lo, hi, neg: r() < 0.2, t: 'bool' };
  }
  if (k < 0.88 && t === 'text') return { k: 'like', e, pattern: pick(r, LIKE_PATTERNS), neg: r() < 0.25, ci: r() < 0.2, t: 'bool' };
  return op(r() < 0.5 ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM', e, literal(g, scope, t), 'bool');
}

function subqueryPred(g: Gen, scope: Scope): Expr {
  const r = g.r;
  const k = r();
  if (k < 0.4) return { k: 'sub', mode: 'exists', q: g.subquery(g, scope, 'exists', 'num'), e: null, neg: r() < 0.4, t: 'bool' };
  const t = someFamily(g, scope);
  if (t === 'bool') return { k: 'sub', mode: 'exists', q: g.subquery(g, scope, 'exists', 'num'), e: null, neg: r() < 0.4, t: 'bool' };
  const e = genExpr(g, scope, t, 1);
  if (k < 0.75) return { k: 'sub', mode: 'in', q: g.subquery(g, scope, 'in', t), e, neg: r() < 0.35, t: 'bool' };
  return op(pick(r, ['=', '<', '>=', '<>']), e, scalarSubquery(g, scope, t), 'bool');
}
