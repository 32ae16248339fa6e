/**
 * SQL text of the fuzzer's trees, in the dialect both PostgreSQL 15 and Weir read. Every
 * compound expression is parenthesized, so no precedence rule of either side matters.
 */
import type { Cell, Column, Dml, Expr, From, OrderItem, Query, Table } from './ast.ts';

export function printExpr(e: Expr): string {
  switch (e.k) {
    case 'col':
      return e.q === null ? e.name : `${e.q}.${e.name}`;
    case 'lit':
      return e.sql;
    case 'op':
      return `(${printExpr(e.l)} ${e.op} ${printExpr(e.r)})`;
    case 'not':
      return `(NOT ${printExpr(e.e)})`;
    case 'isnull':
      return `(${printExpr(e.e)} IS ${e.neg ? 'NOT ' : ''}NULL)`;
    case 'in':
      return `(${printExpr(e.e)} ${e.neg ? 'NOT ' : ''}IN (${e.list.map(printExpr).join(', ')}))`;
    case 'between':
      return `(${printExpr(e.e)} ${e.neg ? 'NOT ' : ''}BETWEEN ${printExpr(e.lo)} AND ${printExpr(e.hi)})`;
    case 'like':
      return `(${printExpr(e.e)} ${e.neg ? 'NOT ' : ''}${e.ci ? 'ILIKE' : 'LIKE'} ${quote(e.pattern)})`;
    case 'case': {
      const whens = e.whens.map((w) => ` WHEN ${printExpr(w.c)} THEN ${printExpr(w.v)}`).join('');
      return `(CASE${whens}${e.else === null ? '' : ` ELSE ${printExpr(e.else)}`} END)`;
    }
    case 'fn':
      if (e.raw === 'extract') return `extract(${e.name} FROM ${printExpr(e.args[0]!)})`;
      if (e.raw === 'cast') return `CAST(${printExpr(e.args[0]!)} AS ${e.name})`;
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
    case 'agg': {
      const args = e.star ? '*' : e.args.map(printExpr).join(', ');
      const order = e.order === null ? '' : ` ORDER BY ${printExpr(e.order)}`;
      const filter = e.filter === null ? '' : ` FILTER (WHERE ${printExpr(e.filter)})`;
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${args}${order})${filter}`;
    }
    case 'win': {
      const parts: string[] = [];
      if (e.partition.length > 0) parts.push(`PARTITION BY ${e.partition.map(printExpr).join(', ')}`);
      if (e.order.length > 0) parts.push(`ORDER BY ${e.order.map((o) => `${printExpr(o.e)}${o.desc ? ' DESC' : ''}`).join(', ')}`);
      const args = e.name === 'count' && e.args.length === 0 ? '*' : e.args.map(printExpr).join(', ');
      return `${e.name}(${args}) OVER (${parts.join(' ')})`;
    }
    case 'sub': {
      const q = printQuery(e.q);
      if (e.mode === 'scalar') return `(${q})`;
      if (e.mode === 'exists') return `(${e.neg ? 'NOT ' : ''}EXISTS (${q}))`;
      return `(${printExpr(e.e!)} ${e.neg ? 'NOT ' : ''}IN (${q}))`;
    }
  }
}

function printFrom(f: From): string {
  switch (f.k) {
    case 'table':
      return `${f.name} ${f.as}`;
    case 'join':
      return `${printFrom(f.l)} ${f.type === 'INNER' ? 'JOIN' : `${f.type} JOIN`} ${printFrom(f.r)} ON ${printExpr(f.on)}`;
    case 'derived':
      return `(${printQuery(f.q)}) ${f.as}`;
  }
}

function printOrder(order: readonly OrderItem[], limit: number | null): string {
  let s = '';
  if (order.length > 0) s += ` ORDER BY ${order.map((o) => `${o.pos}${o.desc ? ' DESC' : ''}${o.nulls ? ` NULLS ${o.nulls}` : ''}`).join(', ')}`;
  if (limit !== null) s += ` LIMIT ${limit}`;
  return s;
}

export function printQuery(q: Query): string {
  if (q.k === 'setop') {
    // Branches are plain SELECTs or parenthesized set operations.
    const side = (b: Query): string => (b.k === 'setop' ? `(${printQuery(b)})` : printQuery(b));
    return `${side(q.l)} ${q.op}${q.all ? ' ALL' : ''} ${side(q.r)}${printOrder(q.order, q.limit)}`;
  }
  let s = `SELECT ${q.distinct ? 'DISTINCT ' : ''}${q.items.map((i) => `${printExpr(i.e)} AS ${i.as}`).join(', ')}`;
  if (q.from.length > 0) s += ` FROM ${q.from.map(printFrom).join(', ')}`;
  if (q.where !== null) s += ` WHERE ${printExpr(q.where)}`;
  if (q.groupBy.length > 0) s += ` GROUP BY ${q.groupBy.map(printExpr).join(', ')}`;
  if (q.having !== null) s += ` HAVING ${printExpr(q.having)}`;
  return s + printOrder(q.order, q.limit);
}

export const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A cell as a literal of its column's type. */
export function printCell(c: Cell, col: Column): string {
  if (c === null) return 'NULL';
  switch (col.type) {
    case 'int':
    case 'bigint':
    case 'numeric':
      return c;
    case 'bool':
      return c === 't' || c === 'true' ? 'TRUE' : 'FALSE';
    default:
      return quote(c);
  }
}

export function printCreateTable(t: Table): string {
  const cols = t.columns.map((c) => `${c.name} ${c.sqlType}${c.name === t.pk ? ' PRIMARY KEY' : c.notNull ? ' NOT NULL' : ''}`);
  return `CREATE TABLE ${t.name} (${cols.join(', ')})`;
}

export function printInsert(t: Table, rows: readonly (readonly Cell[])[]): string {
  return `INSERT INTO ${t.name} VALUES ${rows.map((r) => `(${r.map((c, i) => printCell(c, t.columns[i]!)).join(', ')})`).join(', ')}`;
}

export function printDml(d: Dml, tables: readonly Table[]): string {
  const t = tables.find((x) => x.name === d.table)!;
  switch (d.k) {
    case 'insert':
      return printInsert(t, d.rows);
    case 'update':
      return `UPDATE ${d.table} SET ${d.set.map((s) => `${s.col} = ${printExpr(s.e)}`).join(', ')}${d.where === null ? '' : ` WHERE ${printExpr(d.where)}`}`;
    case 'delete':
      return `DELETE FROM ${d.table}${d.where === null ? '' : ` WHERE ${printExpr(d.where)}`}`;
  }
}
