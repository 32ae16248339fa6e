/**
 * A scan's rows crossing to a slot thread as columns, only the columns its plan reads.
 *
 * Structured clone copies a row as an array object and each numeric value as an object with a
 * bigint, which a worker then has to give its prototype back (value-transfer.ts): per row and
 * per value work on both threads, most of the cost of an ad-hoc SELECT over a big table. A
 * column whose values are all numbers goes as one Float64Array, one of Decimals that fit in 64
 * bits as a BigInt64Array of coefficients and an Int16Array of scales (rebuilt with the Decimal
 * constructor, so they keep V8's fast shape); any other column as its values, revived by type.
 * Unread columns arrive as NULL: a projection over the scan is what reads the rows.
 */
import type { DataType } from '../types/index.ts';
import { Decimal } from '../types/numeric/decimal.ts';
import { valueReviver } from './value-transfer.ts';

export type ColumnChunk =
  | { readonly kind: 'numbers'; readonly values: Float64Array; readonly nulls: Uint8Array | null }
  | { readonly kind: 'decimals'; readonly coefs: BigInt64Array; readonly scales: Int16Array; readonly nulls: Uint8Array | null }
  | { readonly kind: 'values'; readonly values: unknown[] };

/** Rows of a scan as columns: `columns` are the positions sent, in order; `count` the rows. */
export interface RowChunk {
  readonly count: number;
  readonly columns: readonly number[];
  readonly data: readonly ColumnChunk[];
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The rows' `columns` (all when null) as column chunks. */
export function encodeRows(rows: ReadonlyArray<readonly unknown[]>, columns: readonly number[]): RowChunk {
  return { count: rows.length, columns, data: columns.map((c) => encodeColumn(rows, c)) };
}

function encodeColumn(rows: ReadonlyArray<readonly unknown[]>, c: number): ColumnChunk {
  let numbers = true;
  let decimals = true;
  let nulls = false;
  for (let i = 0; i < rows.length && (numbers || decimals); i++) {
    const v = rows[i]![c];
    if (v === null || v === undefined) {
      nulls = true;
      continue;
    }
    if (typeof v !== 'number') numbers = false;
    if (!(v instanceof Decimal) || v.special !== 0 || v.coef < INT64_MIN || v.coef > INT64_MAX || v.scale !== (v.scale << 16) >> 16) decimals = false;
  }
  const nullMap = nulls ? new Uint8Array(rows.length) : null;
  if (numbers) {
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![c];
      if (v === null || v === undefined) nullMap![i] = 1;
      else values[i] = v as number;
    }
    return { kind: 'numbers', values, nulls: nullMap };
  }
  if (decimals) {
    const coefs = new BigInt64Array(rows.length);
    const scales = new Int16Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![c] as Decimal | null | undefined;
      if (v === null || v === undefined) nullMap![i] = 1;
      else {
        coefs[i] = v.coef;
        scales[i] = v.scale;
      }
    }
    return { kind: 'decimals', coefs, scales, nulls: nullMap };
  }
  return { kind: 'values', values: rows.map((r) => r[c] ?? null) };
}

/** Rows `width` wide from a chunk: the sent columns set, the others NULL. */
export function decodeRows(chunk: RowChunk, width: number, types: readonly DataType[]): unknown[][] {
  const rows: unknown[][] = new Array(chunk.count);
  for (let i = 0; i < chunk.count; i++) rows[i] = new Array(width).fill(null);
  chunk.columns.forEach((c, k) => {
    const col = chunk.data[k]!;
    switch (col.kind) {
      case 'numbers':
        for (let i = 0; i < chunk.count; i++) if (col.nulls === null || col.nulls[i] === 0) rows[i]![c] = col.values[i];
        break;
      case 'decimals':
        for (let i = 0; i < chunk.count; i++) if (col.nulls === null || col.nulls[i] === 0) rows[i]![c] = new Decimal(col.coefs[i]!, col.scales[i]!);
        break;
      case 'values': {
        const revive = valueReviver(types[c]!);
        for (let i = 0; i < chunk.count; i++) {
          const v = col.values[i];
          rows[i]![c] = v === null || revive === null ? v : revive(v);
        }
        break;
      }
    }
  });
  return rows;
}
