import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, NUMERIC, REAL, SMALLINT, TEXT, TIMESTAMP, TIMESTAMPTZ, UNKNOWN, and3,
  commonType, commonTypeOf, formatType, not3, numericType, or3, resolveBinaryOperator,
} from '../../../src/sql/types/index.ts';

describe('operator resolution', () => {
  const res = (op: string, l: Parameters<typeof resolveBinaryOperator>[1], r: Parameters<typeof resolveBinaryOperator>[2]): string =>
    formatType(resolveBinaryOperator(op, l, r).result);
  it('picks the operator PostgreSQL picks', () => {
    expect(res('+', SMALLINT, INTEGER)).toBe('integer');
    expect(res('+', INTEGER, NUMERIC)).toBe('numeric');
    expect(res('+', INTEGER, DOUBLE)).toBe('double precision');
    expect(res('+', REAL, NUMERIC)).toBe('double precision');
    expect(res('+', UNKNOWN, INTEGER)).toBe('integer');
    expect(res('-', TIMESTAMP, TIMESTAMP)).toBe('interval');
    expect(res('+', DATE, INTEGER)).toBe('date');
    expect(res('+', TIMESTAMPTZ, INTERVAL)).toBe('timestamp with time zone');
    expect(res('/', BIGINT, SMALLINT)).toBe('bigint');
    expect(resolveBinaryOperator('+', INTEGER, INTEGER).impl).toBe('int4Add');
  });
  it('raises 42883 and 42725 with PostgreSQL wording', () => {
    expect(() => resolveBinaryOperator('+', INTEGER, BOOLEAN)).toThrow(expect.objectContaining({ code: '42883', message: 'operator does not exist: integer + boolean' }));
    expect(() => resolveBinaryOperator('+', UNKNOWN, UNKNOWN)).toThrow(expect.objectContaining({ code: '42725' }));
  });
});

describe('common types', () => {
  it('follows select_common_type', () => {
    expect(commonType(INTEGER, NUMERIC)).toBe(NUMERIC);
    expect(commonType(INTEGER, BIGINT)).toBe(BIGINT);
    expect(commonType(REAL, NUMERIC)).toBe(REAL); // unlike `real + numeric`, which resolves to float8
    expect(commonType(INTEGER, DOUBLE)).toBe(DOUBLE);
    expect(commonType(UNKNOWN, UNKNOWN)).toBe(TEXT);
    expect(commonType(UNKNOWN, DATE)).toBe(DATE);
    expect(commonType(DATE, TIMESTAMPTZ)).toBe(TIMESTAMPTZ);
    expect(commonTypeOf([numericType(10, 2), numericType(10, 2)])).toEqual(numericType(10, 2));
    expect(() => commonType(INTEGER, BOOLEAN)).toThrow(expect.objectContaining({ code: '42804', message: 'CASE types integer and boolean cannot be matched' }));
  });
});

describe('three-valued logic', () => {
  it('lets false win AND and true win OR over NULL', () => {
    expect([and3(false, null), and3(true, null), and3(true, true)]).toEqual([false, null, true]);
    expect([or3(true, null), or3(false, null), or3(false, false)]).toEqual([true, null, false]);
    expect(not3(null)).toBe(null);
  });
});
