/**
 * Helpers for oracle tests: run the same input through PostgreSQL and Weir and collect the
 * cases where the text or the SQLSTATE differ, so one failure lists every mismatch.
 */
import { SqlError } from '../../../src/sql/types/index.ts';
import type { PostgresHandle } from '../../support/postgres.ts';

export type Outcome = { text: string | null } | { error: string };

export async function pgOutcome(pg: PostgresHandle, sql: string, params: unknown[] = []): Promise<Outcome> {
  try {
    // Raw text for every type: the oracle is PostgreSQL's output function, not pg's parsers.
    const r = await pg.server.client.query<{ v: string | null }>({ text: sql, values: params, types: { getTypeParser: () => (v: string) => v } });
    return { text: r.rows[0]!.v };
  } catch (e) {
    return { error: (e as { code?: string }).code ?? String(e) };
  }
}

export function weirOutcome(f: () => string | null): Outcome {
  try {
    return { text: f() };
  } catch (e) {
    if (e instanceof SqlError) return { error: e.code };
    return { error: `JS ${(e as Error).stack}` };
  }
}

/** A SQL string literal (standard_conforming_strings is on). */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const show = (o: Outcome): string => ('error' in o ? `ERROR ${o.error}` : String(o.text));

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => int(r, 0, 9)).join('');
