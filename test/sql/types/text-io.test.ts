import { describe, expect, it } from 'vitest';
import {
  BOOLEAN, DOUBLE, INTERVAL, JSONB, NUMERIC, REAL, TIMESTAMP, TIMESTAMPTZ, castFunction, formatValue, intervalType,
  IntervalField, numericType, parseValue, sessionWithTimeZone, UNKNOWN, type DataType,
} from '../../../src/sql/types/index.ts';

const roundTrip = (t: DataType, s: string, session = sessionWithTimeZone('UTC')): string | null =>
  formatValue(t, parseValue(t, s, session), session);

describe('text output like PostgreSQL', () => {
  it('prints floats as shortest round-trip with PostgreSQL exponent rules', () => {
    expect([0.1, 1e100, -0, NaN, Infinity, 1e15, 1e14, 1.5e-7, 0.0001, 123456789012345680].map((v) => formatValue(DOUBLE, v))).toEqual(
      ['0.1', '1e+100', '-0', 'NaN', 'Infinity', '1e+15', '100000000000000', '1.5e-07', '0.0001', '1.2345678901234568e+17']);
    expect(formatValue(REAL, Math.fround(0.1))).toBe('0.1');
    expect(formatValue(REAL, Math.fround(1234567))).toBe('1.234567e+06');
  });
  it('prints booleans, numerics with their scale, timestamps in the session zone', () => {
    expect(roundTrip(BOOLEAN, 'yes')).toBe('t');
    expect(roundTrip(NUMERIC, '1.50')).toBe('1.50');
    expect(roundTrip(numericType(5, 2), '3.14159')).toBe('3.14');
    expect(roundTrip(TIMESTAMPTZ, '2024-01-01 12:00')).toBe('2024-01-01 12:00:00+00');
    expect(roundTrip(TIMESTAMPTZ, '2024-07-01 12:00+00', sessionWithTimeZone('Asia/Kolkata'))).toBe('2024-07-01 17:30:00+05:30');
    expect(roundTrip(TIMESTAMP, '0044-03-15 BC')).toBe('0044-03-15 00:00:00 BC');
  });
  it('prints intervals in the postgres style', () => {
    expect(roundTrip(INTERVAL, '1 year 2 mons 3 days 04:05:06')).toBe('1 year 2 mons 3 days 04:05:06');
    expect(roundTrip(INTERVAL, '10 seconds')).toBe('00:00:10');
    expect(roundTrip(INTERVAL, '-1 day +02:00')).toBe('-1 days +02:00:00');
    expect(roundTrip(INTERVAL, '1.5 days')).toBe('1 day 12:00:00');
    const second = intervalType(IntervalField.SECOND, null);
    expect(formatValue(second, castFunction(UNKNOWN, second)('10'))).toBe('00:00:10');
    const minute = intervalType(IntervalField.MINUTE, null);
    expect(formatValue(minute, castFunction(UNKNOWN, minute)('10'))).toBe('00:10:00');
  });
  it('prints jsonb canonically', () => {
    expect(roundTrip(JSONB, '{"b":[1,2],"a":1, "aa": {"y":true,"x":null}}')).toBe('{"a": 1, "b": [1, 2], "aa": {"x": null, "y": true}}');
    expect(roundTrip(JSONB, '{"a":1,"a":2}')).toBe('{"a": 2}');
    expect(roundTrip(JSONB, '"\\u00e9\\u0001"')).toBe('"é\\u0001"');
  });
});

describe('text input errors like PostgreSQL', () => {
  const code = (t: DataType, s: string): string | undefined => {
    try { parseValue(t, s); return undefined; } catch (e) { return (e as { code: string }).code; }
  };
  it('uses 22P02, 22007, 22008, 22003 and 22P05 as PostgreSQL does', () => {
    expect(code(BOOLEAN, 'maybe')).toBe('22P02');
    expect(code(NUMERIC, '1.2.3')).toBe('22P02');
    expect(code(TIMESTAMP, 'yesterday-ish')).toBe('22007');
    expect(code(TIMESTAMP, '2024-02-30')).toBe('22008');
    expect(code(DOUBLE, '1e400')).toBe('22003');
    expect(code(JSONB, '"\\u0000"')).toBe('22P05');
    expect(code(INTERVAL, '1 fortnight')).toBe('22007');
  });
});
