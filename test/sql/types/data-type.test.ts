import { describe, expect, it } from 'vitest';
import {
  BIGINT, DOUBLE, INTEGER, IntervalField, NUMERIC, REAL, SMALLINT, TEXT, TIMESTAMPTZ, UNKNOWN, VARCHAR, formatType,
  intervalType, numericType, parseTypeName, timestampType, typeLength, typeModifier, typeOid, varcharType, SqlError,
} from '../../../src/sql/types/index.ts';

describe('data types', () => {
  it('carry PostgreSQL OIDs, typlen and typmods', () => {
    expect([typeOid(INTEGER), typeOid(BIGINT), typeOid(NUMERIC), typeOid(TEXT), typeOid(TIMESTAMPTZ), typeOid(UNKNOWN)]).toEqual([23, 20, 1700, 25, 1184, 705]);
    expect([typeLength(SMALLINT), typeLength(DOUBLE), typeLength(VARCHAR), typeLength(parseTypeName('interval'))]).toEqual([2, 8, -1, 16]);
    expect(typeModifier(numericType(10, 2))).toBe(((10 << 16) | 2) + 4);
    expect(typeModifier(varcharType(20))).toBe(24);
    expect(typeModifier(timestampType(3))).toBe(3);
    expect(typeModifier(NUMERIC)).toBe(-1);
    expect(typeModifier(intervalType(IntervalField.SECOND, null))).toBe((IntervalField.SECOND << 16) | 0xffff);
  });

  it('print format_type names', () => {
    expect(formatType(numericType(10, 2))).toBe('numeric(10,2)');
    expect(formatType(varcharType(5))).toBe('character varying(5)');
    expect(formatType(timestampType(3))).toBe('timestamp(3) without time zone');
    expect(formatType(TIMESTAMPTZ)).toBe('timestamp with time zone');
    expect(formatType(DOUBLE)).toBe('double precision');
    expect(formatType(parseTypeName('interval day to second', [3]))).toBe('interval day to second(3)');
  });

  it('accept PostgreSQL, RisingWave and Flink spellings', () => {
    expect(parseTypeName('INT4')).toBe(INTEGER);
    expect(parseTypeName('int8')).toBe(BIGINT);
    expect(parseTypeName('float8')).toBe(DOUBLE);
    expect(parseTypeName('double')).toBe(DOUBLE);
    expect(parseTypeName('float', [10])).toBe(REAL);
    expect(parseTypeName('string')).toBe(TEXT);
    expect(parseTypeName('decimal', [12, 4])).toEqual(numericType(12, 4));
    expect(parseTypeName('Timestamp  With Time Zone')).toBe(TIMESTAMPTZ);
    expect(formatType(parseTypeName('timestamp', [3]))).toBe('timestamp(3) without time zone');
  });

  it('reject unknown types with 42704 and bad modifiers with 22023', () => {
    expect(() => parseTypeName('blob')).toThrow(expect.objectContaining({ code: '42704', message: 'type "blob" does not exist' }));
    expect(() => parseTypeName('numeric', [0])).toThrow(SqlError);
    expect(() => parseTypeName('varchar', [0])).toThrow(expect.objectContaining({ code: '22023' }));
  });
});
