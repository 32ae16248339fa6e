/**
 * Oracle harness for the function library: the same call evaluated by PostgreSQL and by Weir
 * (resolution, casts, strictness, implementation, output), compared as text or SQLSTATE.
 */
import { expect } from 'vitest';
import {
  SqlError, UNKNOWN, arrayOf, castFunction, formatType, formatTypeName, formatValue, parseTypeName, type DataType, type SessionContext, type SqlValue,
} from '../../../src/sql/types/index.ts';
import { resolveFunction, resolveOperatorFunction, withStatementTimestamp } from '../../../src/sql/functions/index.ts';
import type { PostgresHandle } from '../../support/postgres.ts';
import { lit, pgOutcome, show, weirOutcome, type Outcome } from '../types/oracle.ts';

/** One argument: its SQL type name (null = untyped literal) and literal text (null = NULL). */
export type Arg = readonly [type: string | null, text: string | null];

export function typeOf(name: string): DataType {
  // String(): callers pass formatType of pseudo-types too, which is undefined and must fail as an unknown type.
  if (String(name).endsWith('[]')) return arrayOf(typeOf(name.slice(0, -2)));
  const m = /^(\w[\w ]*?)(?:\((-?\d+)(?:,(-?\d+))?\))?$/.exec(name)!;
  return parseTypeName(m[1]!, [m[2], m[3]].filter((x) => x !== undefined).map(Number));
}

const sqlArg = ([t, v]: Arg): string => (v === null ? (t === null ? 'NULL' : `NULL::${t}`) : t === null ? lit(v) : `${lit(v)}::${t}`);

/** Casts literal text to the resolved argument type, as the binder will. */
function argValue([t, v]: Arg, to: DataType, session: SessionContext): unknown {
  if (v === null) return null;
  if (t === null) return castFunction(UNKNOWN, to, 'e', session)(v);
  const from = typeOf(t);
  const typed = castFunction(UNKNOWN, from, 'e', session)(v)!;
  return castFunction(from, to, 'i', session)(typed);
}

export interface Call { readonly sql: string; readonly weir: () => string | null }

export function functionCall(name: string, args: readonly Arg[], session: SessionContext): Call {
  return {
    sql: `SELECT ${name}(${args.map(sqlArg).join(', ')}) AS v`,
    weir: () => {
      const f = resolveFunction(name, args.map(([t]) => (t === null ? null : typeOf(t))), session);
      const values = args.map((a, i) => argValue(a, f.argTypes[i]!, session));
      if (f.strict && values.some((v) => v === null)) return null;
      const r = f.impl(values, withStatementTimestamp(session));
      return formatValue(f.returnType, r as SqlValue | null, session);
    },
  };
}

export function operatorCall(op: string, left: Arg, right: Arg, session: SessionContext): Call {
  return {
    sql: `SELECT (${sqlArg(left)} ${op} ${sqlArg(right)}) AS v`,
    weir: () => {
      const f = resolveOperatorFunction(op, left[0] === null ? null : typeOf(left[0]), right[0] === null ? null : typeOf(right[0]), session);
      const values = [argValue(left, f.argTypes[0]!, session), argValue(right, f.argTypes[1]!, session)];
      if (values.some((v) => v === null)) return null;
      return formatValue(f.returnType, f.impl(values, session) as SqlValue | null, session);
    },
  };
}

/** pg_typeof of a call against Weir's resolved return type (or both errors). */
export function typeCall(name: string, argTypes: readonly (string | null)[], session: SessionContext): Call {
  const args = argTypes.map((t) => sqlArg([t, null]));
  return {
    sql: `SELECT pg_typeof(${name}(${args.join(', ')}))::text AS v`,
    weir: () => formatTypeName(resolveFunction(name, argTypes.map((t) => (t === null ? null : typeOf(t))), session).returnType),
  };
}

export interface Tally { total: number; mismatches: string[] }

/** Runs every call on both sides; returns the count and the mismatches (SQL, PostgreSQL, Weir). */
export interface CompareOptions {
  /** Accept a differing text (e.g. within one ulp). */
  tolerance?: (pg: string, weir: string) => boolean;
  /** Leave a case out, with the reason given where it is used (a documented deviation). */
  ignore?: (sql: string, pg: Outcome) => boolean;
}

export async function compareCalls(pg: PostgresHandle, calls: readonly Call[], options: CompareOptions = {}): Promise<Tally> {
  const mismatches: string[] = [];
  for (const c of calls) {
    const expected: Outcome = await pgOutcome(pg, c.sql);
    const actual: Outcome = weirOutcome(c.weir);
    const e = show(expected), a = show(actual);
    if (e === a) continue;
    if (options.ignore?.(c.sql, expected)) continue;
    if (options.tolerance && 'text' in expected && 'text' in actual && expected.text !== null && actual.text !== null
      && options.tolerance(expected.text, actual.text)) continue;
    mismatches.push(`${c.sql}: pg ${e} | weir ${a}`);
  }
  return { total: calls.length, mismatches };
}

/** Asserts no mismatches, printing the count for the report. */
export function expectAllMatch(label: string, t: Tally, min: number): void {
  console.log(`[oracle] ${label}: ${t.total} calls, ${t.mismatches.length} mismatches`);
  expect(t.total).toBeGreaterThanOrEqual(min);
  expect(t.mismatches).toEqual([]);
}

export { SqlError };
