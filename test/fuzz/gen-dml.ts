/**
 * Random changes that move rows between keys: INSERTs (now and then of a key that may exist,
 * or a NULL into a NOT NULL column, so both sides must refuse alike), UPDATEs of join keys,
 * group keys and primary keys, and DELETEs, with WHERE conditions (subqueries included).
 *
 * A primary key moves by 100000 × the step's number: every key stays distinct from every
 * other at every moment, so PostgreSQL's row-at-a-time unique check and Weir's whole-batch
 * check cannot disagree about a transient duplicate.
 */
import { int, pick } from '../sql/types/oracle.ts';
import type { Dml, Expr, Table } from './ast.ts';
import { familyOf } from './ast.ts';
import { col, genPred, literalOf, typedNull, type ColRef, type Gen, type Scope } from './gen-expr.ts';
import { randomRow, randomValue, skewed } from './schema.ts';

export interface DmlState {
  /** The next fresh primary key (the generated data uses 1–60). */
  nextKey: number;
  /** Steps so far, numbering each step's key move. */
  step: number;
}

export function genDml(g: Gen, state: DmlState): Dml {
  const r = g.r;
  const table = pick(r, g.schema.tables);
  state.step++;
  const cols: ColRef[] = table.columns.map((c) => ({ q: table.name, name: c.name, t: familyOf(c.type), pool: g.schema.pools.get(`${table.name}.${c.name}`) ?? [] }));
  const scope: Scope = { cols, aggCols: null, outer: [], windows: false };
  const where = (): Expr | null => {
    if (r() < 0.1) return null;
    const saved = g.nesting;
    g.nesting = r() < 0.8 ? 2 : 1; // subqueries now and then, one level deep
    try {
      return genPred(g, scope, 1);
    } finally {
      g.nesting = saved;
    }
  };
  const k = r();
  if (k < 0.4) {
    const rows = Array.from({ length: int(r, 1, 3) }, () => {
      const key = r() < 0.08 ? int(r, 1, 60) : state.nextKey++;
      const row = randomRow(r, g.schema, table, key, 0.15);
      if (r() < 0.03) {
        const nn = table.columns.findIndex((c) => c.notNull && c.name !== table.pk);
        if (nn >= 0) row[nn] = null;
      }
      return row;
    });
    return { k: 'insert', table: table.name, rows };
  }
  if (k < 0.75) {
    const targets = [...new Set(Array.from({ length: r() < 0.7 ? 1 : 2 }, () => pick(r, table.columns)))];
    const set = targets.map((c) => {
      const ref = cols.find((x) => x.name === c.name)!;
      return { col: c.name, e: c.name === table.pk ? moveKey(ref, state.step) : newValue(g, table, ref, cols) };
    });
    return { k: 'update', table: table.name, set, where: where() };
  }
  return { k: 'delete', table: table.name, where: where() };
}

function moveKey(ref: ColRef, step: number): Expr {
  return { k: 'op', op: '+', l: col(ref), r: { k: 'lit', sql: String(100_000 * step), t: 'num' }, t: 'num' };
}

/** A new value for a column: another of its values, NULL, itself changed, or another column. */
function newValue(g: Gen, table: Table, ref: ColRef, cols: readonly ColRef[]): Expr {
  const r = g.r;
  const column = table.columns.find((c) => c.name === ref.name)!;
  const k = r();
  if (k < 0.4) return literalOf(ref.pool.length > 0 ? skewed(r, ref.pool) : randomValue(r, column), ref.t);
  if (k < 0.5) return typedNull(ref.t);
  if (k < 0.8) {
    const self = col(ref);
    switch (ref.t) {
      case 'num': return { k: 'op', op: pick(r, ['+', '-']), l: self, r: { k: 'lit', sql: pick(r, ['1', '2', '0.5']), t: 'num' }, t: 'num' };
      case 'text': return pick(r, [{ k: 'fn', name: 'upper', args: [self], t: 'text' }, { k: 'fn', name: 'substr', args: [self, { k: 'lit', sql: '2', t: 'num' }], t: 'text' }] as Expr[]);
      case 'bool': return { k: 'not', e: self, t: 'bool' };
      case 'date': return { k: 'op', op: '+', l: self, r: { k: 'lit', sql: '1', t: 'num' }, t: 'date' };
      case 'ts': return { k: 'op', op: '+', l: self, r: { k: 'lit', sql: "INTERVAL '1 hour'", t: 'ts' }, t: 'ts' };
    }
  }
  const others = cols.filter((c) => c.t === ref.t && c.name !== ref.name && c.name !== table.pk);
  if (others.length > 0) return col(pick(r, others));
  return literalOf(ref.pool.length > 0 ? skewed(r, ref.pool) : randomValue(r, column), ref.t);
}
