import { describe, expect, it } from 'vitest';
import { Decimal, floatOps, int64, integerOps, numeric, parseNumeric } from '../../../src/sql/types/index.ts';

const err = (code: string, message: string) => expect.objectContaining({ code, message });

describe('integer arithmetic', () => {
  it('raises 22003 per type on overflow', () => {
    expect(() => integerOps.int4Add(2147483647, 1)).toThrow(err('22003', 'integer out of range'));
    expect(() => integerOps.int2Mul(200, 200)).toThrow(err('22003', 'smallint out of range'));
    expect(() => integerOps.int8Add(9223372036854775807n, 1)).toThrow(err('22003', 'bigint out of range'));
    expect(() => integerOps.int4Neg(-2147483648)).toThrow(err('22003', 'integer out of range'));
    expect(() => integerOps.int4Div(-2147483648, -1)).toThrow(err('22003', 'integer out of range'));
    expect(() => integerOps.int8Div(-9223372036854775808n, -1)).toThrow(err('22003', 'bigint out of range'));
  });

  it('truncates toward zero, keeps the dividend sign, never yields -0', () => {
    expect(integerOps.int4Div(-7, 2)).toBe(-3);
    expect(integerOps.int4Mod(-7, 2)).toBe(-1);
    expect(Object.is(integerOps.int4Mul(-1, 0), 0)).toBe(true);
    expect(Object.is(integerOps.int4Mod(-4, 2), 0)).toBe(true);
    expect(integerOps.int4Mod(-2147483648, -1)).toBe(0);
    expect(integerOps.int8Div(-7, 2)).toBe(-3);
  });

  it('raises 22012 on division by zero', () => {
    expect(() => integerOps.int4Div(1, 0)).toThrow(err('22012', 'division by zero'));
    expect(() => integerOps.int8Mod(1n << 60n, 0)).toThrow(err('22012', 'division by zero'));
  });

  it('keeps Int64 canonical: numbers when safe, bigint beyond', () => {
    expect(int64.int64Add(9007199254740991, 1)).toBe(9007199254740992n);
    expect(int64.int64Sub(9007199254740992n, 1)).toBe(9007199254740991);
    expect(int64.int64Mul(3037000499, 3037000499)).toBe(9223372030926249001n);
    expect(int64.int64Div(9007199254740993n, 3)).toBe(3002399751580331);
    expect(9007199254740992n > 9007199254740991).toBe(true); // mixed comparisons are exact in JS
  });
});

describe('float arithmetic', () => {
  it('raises PostgreSQL errors instead of producing Infinity or 0', () => {
    expect(() => floatOps.float8Div(1, 0)).toThrow(err('22012', 'division by zero'));
    expect(() => floatOps.float8Mul(1e308, 10)).toThrow(err('22003', 'value out of range: overflow'));
    expect(() => floatOps.float8Mul(1e-300, 1e-300)).toThrow(err('22003', 'value out of range: underflow'));
    expect(floatOps.float8Add(Infinity, 1)).toBe(Infinity);
    expect(Number.isNaN(floatOps.float8Div(NaN, 0))).toBe(true);
    expect(() => floatOps.float4Mul(3e38, 10)).toThrow(err('22003', 'value out of range: overflow'));
  });
  it('orders NaN above everything and equal to itself', () => {
    expect(floatOps.floatCmp(NaN, NaN)).toBe(0);
    expect(floatOps.floatCmp(NaN, Infinity)).toBe(1);
    expect(floatOps.floatCmp(-0, 0)).toBe(0);
  });
});

describe('numeric arithmetic', () => {
  const n = (s: string): Decimal => parseNumeric(s);
  it('keeps PostgreSQL result scales', () => {
    expect(numeric.decimalAdd(n('1.5'), n('2.25')).toString()).toBe('3.75');
    expect(numeric.decimalMul(n('1.50'), n('2.0')).toString()).toBe('3.000');
    expect(numeric.decimalDiv(n('1'), n('3')).toString()).toBe('0.33333333333333333333');
    expect(numeric.decimalDiv(n('10'), n('4')).toString()).toBe('2.5000000000000000');
    expect(numeric.decimalMod(n('-7.5'), n('2')).toString()).toBe('-1.5');
  });
  it('rounds half away from zero', () => {
    expect(numeric.decimalRound(n('2.5'), 0).toString()).toBe('3');
    expect(numeric.decimalRound(n('-2.5'), 0).toString()).toBe('-3');
    expect(numeric.decimalRound(n('1234.5678'), -2).toString()).toBe('1200');
    expect(numeric.decimalDiv(n('2'), n('3')).toString()).toBe('0.66666666666666666667');
  });
  it('follows the PostgreSQL 14+ rules for NaN and infinities', () => {
    expect(numeric.decimalAdd(n('Infinity'), n('-Infinity')).toString()).toBe('NaN');
    expect(numeric.decimalMul(n('Infinity'), n('0')).toString()).toBe('NaN');
    expect(numeric.decimalDiv(n('1'), n('Infinity')).toString()).toBe('0');
    expect(() => numeric.decimalDiv(n('Infinity'), n('0'))).toThrow(err('22012', 'division by zero'));
    expect(numeric.decimalDiv(n('NaN'), n('0')).toString()).toBe('NaN');
  });
  it('is exact far beyond float precision', () => {
    const big = n('123456789012345678901234567890.123456789');
    expect(numeric.decimalSub(numeric.decimalAdd(big, n('0.000000001')), big).toString()).toBe('0.000000001');
  });
});
