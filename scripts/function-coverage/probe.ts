/**
 * Whether Weir implements a signature: the same calls run on PostgreSQL and on Weir, and the
 * signature counts only when Weir answers as PostgreSQL does — the same result types, or the
 * same SQLSTATE when PostgreSQL rejects the sample values. A call Weir refuses as unknown or
 * unsupported (42883, 0A000, ...) is missing whatever else happens.
 */
import type pg from 'pg';
import { callSql } from './calls.ts';
import type { PgSignature } from './pg-catalog.ts';

export type Outcome =
  | { readonly ok: true; readonly types: readonly number[]; readonly rows: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** SQLSTATEs that say Weir has no such function (or cannot run this use of it). */
const MISSING = new Set(['42883', '0A000', '42725', '42809', '42601', '42804', 'XX000', '42P18', '42703', '42P01', '42846']);

export interface Verdict {
  readonly implemented: boolean;
  /** Why not, or a difference worth knowing about when implemented. */
  readonly note: string;
  /** Whether the sample call gave PostgreSQL's exact answer (only for immutable functions). */
  readonly agrees: boolean | null;
}

export async function run(client: pg.Client, sql: string): Promise<Outcome> {
  try {
    const r = await client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    return { ok: true, types: r.fields.map((f) => f.dataTypeID), rows: JSON.stringify(r.rows) };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ok: false, code: err.code ?? 'JS', message: err.message ?? String(e) };
  }
}

const sameTypes = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

async function typeName(client: pg.Client, oids: readonly number[]): Promise<string> {
  const r = await client.query<{ n: string }>(`SELECT string_agg(format_type(t, NULL), ', ' ORDER BY i) AS n FROM unnest($1::oid[]) WITH ORDINALITY u(t, i)`, [oids]);
  return r.rows[0]?.n ?? '?';
}

export async function probe(sig: PgSignature, pgClient: pg.Client, weir: pg.Client): Promise<Verdict> {
  const sql = callSql(sig, false);
  const [p, w] = [await run(pgClient, sql), await run(weir, sql)];
  const nullSql = callSql(sig, true);
  // Both reject the sample alike (extract(day from time) is 0A000 in PostgreSQL too): typed NULLs decide.
  if (!p.ok && !w.ok && p.code === w.code) {
    const [pn, wn] = [await run(pgClient, nullSql), await run(weir, nullSql)];
    const same = (pn.ok && wn.ok && sameTypes(pn.types, wn.types)) || (!pn.ok && !wn.ok && pn.code === wn.code);
    return same ? { implemented: true, note: '', agrees: sig.volatility === 'i' ? true : null } : { implemented: false, note: wn.ok ? 'differs on NULLs' : `${wn.code}: ${wn.message}`, agrees: null };
  }
  if (!w.ok && MISSING.has(w.code)) return { implemented: false, note: `${w.code}: ${w.message}`, agrees: null };
  if (p.ok && w.ok) {
    if (!sameTypes(p.types, w.types)) {
      return { implemented: false, note: `returns ${await typeName(pgClient, w.types)}, PostgreSQL ${await typeName(pgClient, p.types)}`, agrees: null };
    }
    const agrees = sig.volatility === 'i' ? p.rows === w.rows : null;
    return { implemented: true, note: agrees === false ? `sample ${sql}: PostgreSQL ${p.rows}, Weir ${w.rows}` : '', agrees };
  }
  // The sample values split the two: decide on typed NULLs, and say how they differed.
  const differs = `sample ${sql}: PostgreSQL ${p.ok ? p.rows : `error ${p.code}`}, Weir ${w.ok ? w.rows : `error ${w.code} ${w.message}`}`;
  const [pn, wn] = [await run(pgClient, nullSql), await run(weir, nullSql)];
  if (!wn.ok && MISSING.has(wn.code)) return { implemented: false, note: `${wn.code}: ${wn.message}`, agrees: null };
  if (pn.ok && wn.ok && sameTypes(pn.types, wn.types)) return { implemented: true, note: differs, agrees: sig.volatility === 'i' ? false : null };
  if (!pn.ok && !wn.ok && pn.code === wn.code) return { implemented: true, note: differs, agrees: sig.volatility === 'i' ? false : null };
  return { implemented: false, note: differs, agrees: null };
}
