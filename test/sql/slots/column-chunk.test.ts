/**
 * Scan rows sent to a slot thread as columns (src/sql/slots/column-chunk.ts): through a real
 * structured clone (what postMessage does), every value comes back equal and of its class, the
 * columns not sent come back NULL, and each column takes the form its values allow.
 */
import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows } from '../../../src/sql/slots/column-chunk.ts';
import { Decimal } from '../../../src/sql/types/numeric/decimal.ts';
import { parseNumeric } from '../../../src/sql/types/numeric/numeric-text.ts';
import type { DataType } from '../../../src/sql/types/index.ts';

const num = (s: string): Decimal => parseNumeric(s) as Decimal;
const TYPES: DataType[] = [{ kind: 'integer' }, { kind: 'numeric' }, { kind: 'text' }, { kind: 'numeric' }, { kind: 'double' }, { kind: 'boolean' }] as DataType[];

describe('column chunks', () => {
  const rows: unknown[][] = [
    [1, num('12.50'), 'a', num('123456789012345678901234567890.5'), -0, true],
    [null, null, null, null, Number.NaN, null],
    [-7, num('-0.001'), '', num('NaN'), 1e300, false],
  ];

  it('round-trips every sent column through structured clone, and sends unsent ones as NULL', () => {
    const chunk = structuredClone(encodeRows(rows, [0, 1, 2, 3, 4, 5]));
    expect(chunk.data.map((c) => c.kind)).toEqual(['numbers', 'decimals', 'values', 'values', 'numbers', 'values']);
    const back = decodeRows(chunk, 6, TYPES);
    expect(back.map((r) => r.map((v) => (v instanceof Decimal ? v.toString() : v)))).toEqual(rows.map((r) => r.map((v) => (v instanceof Decimal ? v.toString() : v))));
    for (const r of back) for (const v of [r[1], r[3]]) if (v !== null) expect(v).toBeInstanceOf(Decimal);
    expect(Object.is(back[0]![4], -0)).toBe(true);

    const some = decodeRows(structuredClone(encodeRows(rows, [2])), 6, TYPES);
    expect(some).toEqual([[null, null, 'a', null, null, null], [null, null, null, null, null, null], [null, null, '', null, null, null]]);
    expect(decodeRows(structuredClone(encodeRows(rows, [])), 6, TYPES)).toHaveLength(3);
  });
});
