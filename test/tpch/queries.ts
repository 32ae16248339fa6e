/**
 * The 22 TPC-H queries of queries/q1.sql … q22.sql (PostgreSQL syntax, the specification's
 * validation parameters), read once, and the columns each one's ORDER BY sorts on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TpchQuery {
  /** `q1` … `q22`. */
  readonly name: string;
  /** The statement, without its comments and trailing semicolon. */
  readonly sql: string;
  /** The top-level ORDER BY's items (output column names), empty when there is none. */
  readonly orderBy: readonly string[];
  readonly hasLimit: boolean;
}

const DIR = join(import.meta.dirname, 'queries');

function read(n: number): TpchQuery {
  const text = readFileSync(join(DIR, `q${n}.sql`), 'utf8');
  const sql = text.split('\n').filter((l) => !l.trimStart().startsWith('--')).join('\n').trim().replace(/;$/, '');
  // Every query's last ORDER BY is its top-level one (no subquery of the 22 ends after it).
  const tail = /\bORDER BY\s+([^()]*?)(?:\s+LIMIT\s+\d+)?\s*$/i.exec(sql);
  const orderBy = tail === null ? [] : tail[1]!.split(',').map((item) => item.trim().replace(/\s+(ASC|DESC)$/i, ''));
  return { name: `q${n}`, sql, orderBy, hasLimit: /\bLIMIT\s+\d+\s*$/i.test(sql) };
}

export const QUERIES: readonly TpchQuery[] = Array.from({ length: 22 }, (_, i) => read(i + 1));
