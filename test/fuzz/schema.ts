/**
 * Random schemas and their rows: 2–4 tables of int, bigint, numeric(p,s), text, varchar(n),
 * boolean, date and timestamp columns, some with a primary key; rows with NULLs, duplicates,
 * skew and empty strings. Each column draws its values from a small pool, so joins, groups
 * and IN lists meet the same values again.
 */
import { int, pick } from '../sql/types/oracle.ts';
import type { Cell, Column, ColumnType, Data, Table } from './ast.ts';

export type Rng = () => number;

export interface Schema {
  readonly tables: readonly Table[];
  /** `table.column` → the values its rows draw from (as PostgreSQL prints them). */
  readonly pools: ReadonlyMap<string, readonly string[]>;
}

const PREFIX: Record<ColumnType, string> = { int: 'i', bigint: 'l', numeric: 'n', text: 's', varchar: 'v', bool: 'b', date: 'd', timestamp: 'ts' };
const TYPES: readonly ColumnType[] = ['int', 'int', 'int', 'bigint', 'numeric', 'numeric', 'text', 'text', 'varchar', 'bool', 'date', 'timestamp'];
const WORDS = ['', 'a', 'b', 'ab', 'abc', 'A', 'B a', 'a%b', 'x_y', 'zz', 'ba', ' a'];

/** Skewed toward the front of the list: the first values come up far more often. */
export const skewed = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * r() * xs.length)]!;

function sqlType(r: Rng, t: ColumnType): string {
  switch (t) {
    case 'int': return 'int';
    case 'bigint': return 'bigint';
    case 'numeric': return `numeric(${pick(r, [6, 8, 10])},${pick(r, [0, 1, 2, 2])})`;
    case 'text': return 'text';
    case 'varchar': return `varchar(${pick(r, [3, 5])})`;
    case 'bool': return 'boolean';
    case 'date': return 'date';
    case 'timestamp': return 'timestamp';
  }
}

/** One value of a column's type, printed as PostgreSQL prints it. */
export function randomValue(r: Rng, col: Column): string {
  switch (col.type) {
    case 'int': return String(int(r, -3, 12));
    case 'bigint': return r() < 0.3 ? String(10_000_000_000 + int(r, 0, 5)) : String(int(r, -2, 12));
    case 'numeric': {
      const [, p, s] = /\((\d+),(\d+)\)/.exec(col.sqlType)!.map(Number) as [number, number, number];
      const whole = int(r, -20, Math.min(999, 10 ** (p - s) - 1));
      const frac = s === 0 ? '' : `.${String(int(r, 0, 10 ** s - 1)).padStart(s, '0')}`;
      return whole === 0 && frac !== '' && r() < 0.3 ? `-0${frac}` : `${whole}${frac}`;
    }
    case 'text': return pick(r, WORDS);
    case 'varchar': {
      const n = Number(/\((\d+)\)/.exec(col.sqlType)![1]);
      return pick(r, WORDS.filter((w) => w.length <= n));
    }
    case 'bool': return pick(r, ['t', 'f']);
    case 'date': return pick(r, ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-10', '2023-12-31', '2024-02-29']);
    case 'timestamp':
      return pick(r, ['2024-01-01 00:00:00', '2024-01-01 10:30:00', '2024-01-02 23:59:59.5', '2024-01-01 10:30:00', '2023-12-31 23:00:00', '2024-01-03 12:00:00']);
  }
}

/** numeric(p,s) prints with exactly s decimals: '-0.50' for -.5, '3.00' for 3. */
export function canonicalNumeric(v: string, sqlType: string): string {
  const s = Number(/,(\d+)\)/.exec(sqlType)![1]);
  const neg = v.startsWith('-');
  const [w, f = ''] = (neg ? v.slice(1) : v).split('.');
  const frac = s === 0 ? '' : `.${f.padEnd(s, '0').slice(0, s)}`;
  const text = `${w === '' ? '0' : w}${frac}`;
  return neg && /[1-9]/.test(text) ? `-${text}` : text;
}

export function generateSchema(r: Rng): Schema {
  const tables: Table[] = [];
  const pools = new Map<string, string[]>();
  const n = int(r, 2, 4);
  for (let t = 1; t <= n; t++) {
    const name = `t${t}`;
    const hasPk = r() < 0.6;
    const columns: Column[] = hasPk ? [{ name: 'id', type: 'int', sqlType: 'int', notNull: true }] : [];
    const width = int(r, 2, 5);
    for (let c = 0; c < width; c++) {
      const type = pick(r, TYPES);
      columns.push({ name: `${PREFIX[type]}${columns.length + 1}`, type, sqlType: sqlType(r, type), notNull: r() < 0.1 });
    }
    const table: Table = { name, columns, pk: hasPk ? 'id' : null };
    for (const col of columns) {
      if (col.name === table.pk) continue;
      const size = int(r, 2, 7);
      const pool = [...new Set(Array.from({ length: size }, () => randomValue(r, col)))];
      pools.set(`${name}.${col.name}`, col.type === 'numeric' ? pool.map((v) => canonicalNumeric(v, col.sqlType)) : pool);
    }
    tables.push(table);
  }
  return { tables, pools };
}

/** A row for `table`: skewed pool values, NULLs where the column allows them, the key given. */
export function randomRow(r: Rng, schema: Schema, table: Table, key: number, nullRate: number): Cell[] {
  return table.columns.map((col) => {
    if (col.name === table.pk) return String(key);
    if (!col.notNull && r() < nullRate) return null;
    return skewed(r, schema.pools.get(`${table.name}.${col.name}`)!);
  });
}

export function generateData(r: Rng, schema: Schema): Data {
  const data: Record<string, Cell[][]> = {};
  for (const t of schema.tables) {
    const count = pick(r, [0, 1, 2, 3, 5, 8, 8, 12, 12, 16, 20]);
    const nullRate = pick(r, [0, 0.1, 0.2, 0.35]);
    const keys = shuffle(r, Array.from({ length: 60 }, (_, i) => i + 1)).slice(0, count);
    const rows = keys.map((k) => randomRow(r, schema, t, k, nullRate));
    // Tables without a key get exact duplicates too.
    if (t.pk === null && rows.length > 0) for (let i = int(r, 0, 3); i > 0; i--) rows.push([...pick(r, rows)]);
    data[t.name] = rows;
  }
  return data;
}

export function shuffle<T>(r: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
