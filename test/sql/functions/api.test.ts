/**
 * The binder-facing API without a PostgreSQL: the contract of ResolvedFunction, the statement
 * clock, error messages and hints, aggregate classification and the conditional helpers.
 */
import { describe, expect, it } from 'vitest';
import {
  BIGINT, DATE, INTEGER, INTERVAL, JSONB, NUMERIC, TEXT, TIMESTAMPTZ, SqlError, decimalFromInt, formatValue,
  sessionWithTimeZone, type SqlValue,
} from '../../../src/sql/types/index.ts';
import {
  coalesce, coalesceType, isAggregateName, minMaxImpl, nullifImpl, resolveFunction, resolveOperatorFunction,
  resolvePrefixOperatorFunction, withStatementTimestamp,
} from '../../../src/sql/functions/index.ts';

const session = sessionWithTimeZone('Europe/Berlin');

function thrown(f: () => unknown): SqlError {
  try { f(); } catch (e) { if (e instanceof SqlError) return e; throw e; }
  throw new Error('expected an error');
}

describe('resolveFunction', () => {
  it('returns argument types to cast to, the return type, strictness and volatility', () => {
    const f = resolveFunction('round', [NUMERIC, null]);
    expect(f.argTypes).toEqual([NUMERIC, INTEGER]);
    expect(f.returnType).toBe(NUMERIC);
    expect(f.strict).toBe(true);
    expect(f.volatility).toBe('immutable');
    expect(resolveFunction('concat', [TEXT, INTEGER]).strict).toBe(false);
    expect(resolveFunction('random', []).volatility).toBe('volatile');
    expect(resolveFunction('now', []).volatility).toBe('stable');
    expect(resolveFunction('pg_catalog.lower', [null]).name).toBe('lower');
  });

  it('gives "any" parameters the argument’s own type, an untyped literal text', () => {
    expect(resolveFunction('concat', [null, BIGINT, DATE]).argTypes).toEqual([TEXT, BIGINT, DATE]);
  });

  it('fails like PostgreSQL, with its HINT', () => {
    const e = thrown(() => resolveFunction('length', [INTEGER]));
    expect(e.code).toBe('42883');
    expect(e.message).toBe('function length(integer) does not exist');
    expect(e.hint).toBe('No function matches the given name and argument types. You might need to add explicit type casts.');
    expect(thrown(() => resolveFunction('trunc', [null])).code).toBe('42725');
    expect(thrown(() => resolveFunction('to_jsonb', [null])).code).toBe('42804');
    expect(thrown(() => resolveFunction('concat', [])).code).toBe('42883');
  });

  it('fills make_interval’s defaults', () => {
    const f = resolveFunction('make_interval', [null]);
    expect(formatValue(f.returnType, f.impl([2], session) as SqlValue)).toBe('2 years');
  });
});

describe('now()', () => {
  it('is one value per statement, from the session clock', () => {
    const now = resolveFunction('now', []);
    const s = withStatementTimestamp(session, 1_700_000_000_000_000);
    expect(now.impl([], s)).toBe(1_700_000_000_000_000);
    expect(now.impl([], s)).toBe(now.impl([], s));
    expect(formatValue(TIMESTAMPTZ, now.impl([], s) as SqlValue, session)).toBe('2023-11-14 23:13:20+01');
    const today = resolveFunction('current_date', []);
    expect(formatValue(DATE, today.impl([], s) as SqlValue)).toBe('2023-11-14');
  });
});

describe('resolveOperatorFunction', () => {
  it('adds text || anything, jsonb operators, LIKE and regex; delegates the rest', () => {
    expect(resolveOperatorFunction('||', TEXT, INTEGER).name).toBe('textanycat');
    expect(resolveOperatorFunction('||', null, null).name).toBe('textConcat'); // the type system's text || text
    expect(resolveOperatorFunction('@>', JSONB, null).returnType.kind).toBe('boolean');
    const like = resolveOperatorFunction('~~', TEXT, null);
    expect(like.impl(['abc', 'a%'], session)).toBe(true);
    const plus = resolveOperatorFunction('+', INTEGER, null);
    expect(plus.impl([1, 2], session)).toBe(3);
    const lt = resolveOperatorFunction('<', DATE, TIMESTAMPTZ, session);
    expect(lt.impl([0, 1], session)).toBe(true);
    expect(resolvePrefixOperatorFunction('-', INTERVAL).returnType).toBe(INTERVAL);
    const e = thrown(() => resolveOperatorFunction('||', INTEGER, INTEGER));
    expect([e.code, e.message]).toEqual(['42883', 'operator does not exist: integer || integer']);
  });
});

describe('aggregates and conditional expressions', () => {
  it('classifies aggregate names', () => {
    for (const n of ['count', 'sum', 'string_agg', 'jsonb_agg', 'percentile_cont', 'pg_catalog.max', 'bit_xor', 'stddev_samp', 'mode']) expect(isAggregateName(n)).toBe(true);
    for (const n of ['lower', 'now', 'coalesce']) expect(isAggregateName(n)).toBe(false);
  });

  it('types and evaluates COALESCE, GREATEST/LEAST and NULLIF as PostgreSQL', () => {
    expect(coalesceType([INTEGER, null, NUMERIC])).toBe(NUMERIC);
    expect(thrown(() => coalesceType([INTEGER, TEXT])).code).toBe('42804');
    expect(coalesce([null, 2, 3])).toBe(2);
    const greatest = minMaxImpl(NUMERIC, 1);
    expect(String(greatest([decimalFromInt(1), null, decimalFromInt(3)]))).toBe('3');
    const n = nullifImpl(INTEGER, null);
    expect(n.argTypes).toEqual([INTEGER, INTEGER]);
    expect(n.impl(1, 1, 1, session)).toBe(null);
    expect(n.impl(1, 1, 2, session)).toBe(1);
  });
});
