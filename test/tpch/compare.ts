/**
 * Comparing Weir's answer to a TPC-H query with PostgreSQL's: rows as the servers print them
 * (every value as text, so numerics compare as PostgreSQL prints them), as a multiset, and
 * in order where the query's ORDER BY orders them (rows tied on the ORDER BY columns may come
 * in any order, as in PostgreSQL). The difference is described plainly: the error, or the
 * first row that differs. (Under a LIMIT, rows tied at the cut could differ legitimately; the
 * 22 queries' ORDER BYs make that unlikely, and it has not happened.)
 */
import type pg from 'pg';

export type Cell = string | null;
export type Outcome = { readonly rows: Cell[][]; readonly columns: string[] } | { readonly error: string };

/** The rows as text, or the error as `SQLSTATE message`. */
export async function outcome(client: pg.Client, sql: string): Promise<Outcome> {
  try {
    const r = await client.query<Cell[]>({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } } as pg.QueryArrayConfig);
    return { rows: r.rows, columns: r.fields.map((f) => f.name) };
  } catch (e) {
    const { code, message, detail } = e as { code?: string; message: string; detail?: string };
    return { error: `${code ?? 'no SQLSTATE:'} ${message}${detail ? ` (${detail})` : ''}` };
  }
}

const MAX = 240;
const show = (row: readonly Cell[] | undefined): string => {
  if (row === undefined) return '(none)';
  const s = JSON.stringify(row);
  return s.length > MAX ? `${s.slice(0, MAX)}…` : s;
};
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The rows sorted by their text, for an order-insensitive comparison. */
function sorted(rows: readonly Cell[][]): { text: string[]; rows: Cell[][] } {
  const keyed = rows.map((r) => ({ r, t: JSON.stringify(r) })).sort((a, b) => byText(a.t, b.t));
  return { text: keyed.map((k) => k.t), rows: keyed.map((k) => k.r) };
}

/**
 * Why `got` (Weir's) is not `want` (PostgreSQL's), or null when they agree. `orderBy` names
 * the output columns whose order must match; empty for a comparison in any order.
 */
export function difference(want: Outcome, got: Outcome, orderBy: readonly string[] = []): string | null {
  if ('error' in want) throw new Error(`PostgreSQL failed: ${want.error}`);
  if ('error' in got) return got.error;
  const w = sorted(want.rows);
  const g = sorted(got.rows);
  const rows = (n: number): string => `${n} row${n === 1 ? '' : 's'}`;
  const count = w.text.length === g.text.length ? rows(g.text.length) : `weir has ${rows(g.text.length)}, postgres ${w.text.length}`;
  for (let i = 0; i < Math.max(w.text.length, g.text.length); i++) {
    if (w.text[i] !== g.text[i]) return `${count}; first difference (rows sorted): postgres ${show(w.rows[i])}, weir ${show(g.rows[i])}`;
  }
  const keys = orderBy.map((c) => want.columns.indexOf(c));
  if (keys.some((k) => k < 0)) throw new Error(`ORDER BY ${orderBy.join(', ')} names a column not in the output (${want.columns.join(', ')})`);
  const key = (row: readonly Cell[]): string => JSON.stringify(keys.map((k) => row[k]));
  for (let i = 0; i < want.rows.length && keys.length > 0; i++) {
    if (key(want.rows[i]!) !== key(got.rows[i]!)) {
      return `the same ${count} in another order; first at row ${i + 1}: postgres ${show(want.rows[i])}, weir ${show(got.rows[i])}`;
    }
  }
  return null;
}
