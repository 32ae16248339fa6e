/**
 * The representations of character(n) and bytea (values.ts): a character(n) value is kept
 * padded, its hash key trimmed; a bytea value owns its buffer, also after a table's log is
 * read back, so cloning a row to a slot thread copies the value's bytes only.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BYTEA, DEFAULT_SESSION, bpcharType, castFunction, comparatorFor, formatValue, hashKeyFor, parseValue, TEXT } from '../../../src/sql/types/index.ts';
import { rowCodec } from '../../../src/sql/engine/column-types.ts';

describe('character(n)', () => {
  it('is padded on input and trimmed for keys and comparison', () => {
    const c3 = bpcharType(3);
    expect(parseValue(c3, 'a')).toBe('a  ');
    expect(parseValue(c3, 'abc   ')).toBe('abc');
    expect(() => parseValue(c3, 'abcd')).toThrow('value too long for type character(3)');
    expect(castFunction(TEXT, c3, 'e')('abcd')).toBe('abc');
    expect(parseValue(bpcharType(2), '😀😀  ')).toBe('😀😀');
    expect(parseValue(bpcharType(3), '😀')).toBe('😀  ');
    expect(hashKeyFor(c3)('a  ')).toBe(hashKeyFor(bpcharType(5))('a    '));
    expect(comparatorFor(c3)('a  ', 'a')).toBe(0);
    expect(comparatorFor(c3)('a  ', 'a\t')).toBeLessThan(0);
  });
});

describe('bytea', () => {
  it('reads hex and escape input and prints hex', () => {
    expect(formatValue(BYTEA, parseValue(BYTEA, '\\x0A ff'))).toBe('\\x0aff');
    expect(formatValue(BYTEA, parseValue(BYTEA, 'a\\000\\\\é'))).toBe('\\x61005cc3a9');
    expect(() => parseValue(BYTEA, '\\x0')).toThrow('invalid hexadecimal data: odd number of digits');
    expect(() => parseValue(BYTEA, 'a\\8')).toThrow('invalid input syntax for type bytea');
  });

  it('owns its buffer after a table log is read back', () => {
    const codec = rowCodec([BYTEA, TEXT], DEFAULT_SESSION)!;
    const rows = [[new Uint8Array([1, 2, 3]), 'x'], [new Uint8Array([4]), 'y']].map((r) => codec.encode(r));
    const back = (deserialize(serialize(rows)) as unknown[][]).map((r) => codec.decode(r));
    const v = back[0]![0] as Uint8Array;
    expect([...v]).toEqual([1, 2, 3]);
    expect(v.byteOffset).toBe(0);
    expect(v.buffer.byteLength).toBe(3);
    expect(structuredClone(v).buffer.byteLength).toBe(3);
  });
});
