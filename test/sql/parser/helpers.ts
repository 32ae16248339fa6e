import { expect } from 'vitest';
import { parse, ParseError, type Statement } from '../../../src/sql/parser/index.ts';

/** Parses one statement and checks its kind. */
export function one<K extends Statement['kind']>(sql: string, kind: K): Extract<Statement, { kind: K }> {
  const stmts = parse(sql);
  expect(stmts).toHaveLength(1);
  const stmt = stmts[0]!;
  expect(stmt.kind).toBe(kind);
  return stmt as Extract<Statement, { kind: K }>;
}

/** The ParseError `parse(sql)` throws. */
export function parseError(sql: string): ParseError {
  try {
    parse(sql);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for: ${sql}`);
}

/** A copy of a PostgreSQL tree without `location`s, to compare trees parsed from different text. */
export function withoutLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLocations);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== 'location') out[k] = withoutLocations(v);
  return out;
}

/** The text a span covers. */
export function textOf(sql: string, span: { start: number; end: number }): string {
  return sql.slice(span.start, span.end);
}
