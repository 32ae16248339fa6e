/**
 * Batches of rows as columns, for crossing between threads: a batch whose values are arrays of
 * one width (rows, tuples) goes as one column per field, numbers in a Float64Array and
 * bigints in a BigInt64Array (each with a null mask where NULLs occur), anything else in a
 * plain array. Typed arrays move without copying (their buffers are transferred) and clone
 * without per-value work, where an array of row arrays costs the structured clone a tag and
 * an object per row. Batches of other values are sent as they are.
 */

/** A field's values: typed where every value is a number, or a bigint in int64's range. */
export type ColumnData = Float64Array | BigInt64Array | unknown[];

export interface ColumnBatch {
  readonly width: number;
  readonly length: number;
  readonly columns: readonly ColumnData[];
  /** Per column, 1 where the value is NULL (typed columns only); null when none is. */
  readonly nulls: ReadonlyArray<Uint8Array | null>;
}

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

/** Whether the values are rows of one width, worth sending as columns. */
function widthOf(values: readonly unknown[]): number {
  if (values.length < 8) return -1;
  const first = values[0];
  if (!Array.isArray(first)) return -1;
  const w = first.length;
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (!Array.isArray(v) || v.length !== w) return -1;
  }
  return w;
}

/** The batch as columns, or null when its values are not rows of one width. */
export function toColumns(values: readonly unknown[], transfer: ArrayBuffer[]): ColumnBatch | null {
  const width = widthOf(values);
  if (width <= 0) return null;
  const n = values.length;
  const rows = values as ReadonlyArray<readonly unknown[]>;
  const columns: ColumnData[] = [];
  const nulls: Array<Uint8Array | null> = [];
  for (let c = 0; c < width; c++) {
    let numbers = true;
    let bigints = true;
    let anyNull = false;
    for (let i = 0; i < n; i++) {
      const v = rows[i]![c];
      if (v === null) {
        anyNull = true;
        continue;
      }
      const t = typeof v;
      if (t !== 'number') numbers = false;
      if (t !== 'bigint' || (v as bigint) < MIN_I64 || (v as bigint) > MAX_I64) bigints = false;
      if (!numbers && !bigints) break;
    }
    if (!numbers && !bigints) {
      const col = new Array<unknown>(n);
      for (let i = 0; i < n; i++) col[i] = rows[i]![c];
      columns.push(col);
      nulls.push(null);
      continue;
    }
    const mask = anyNull ? new Uint8Array(n) : null;
    // Every value is a number (or every one a bigint), or NULL: one typed array holds them.
    const col: { [i: number]: unknown; readonly buffer: ArrayBufferLike } = numbers ? new Float64Array(n) : new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i]![c];
      if (v === null) mask![i] = 1;
      else col[i] = v;
    }
    columns.push(col as Float64Array | BigInt64Array);
    transfer.push(col.buffer as ArrayBuffer);
    nulls.push(mask);
    if (mask !== null) transfer.push(mask.buffer);
  }
  return { width, length: n, columns, nulls };
}

/** The rows again. */
export function fromColumns(b: ColumnBatch): unknown[][] {
  const { width, length: n, columns, nulls } = b;
  const rows: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = new Array(width);
  for (let c = 0; c < width; c++) {
    const col = columns[c]!;
    const mask = nulls[c];
    for (let i = 0; i < n; i++) rows[i]![c] = mask != null && mask[i] === 1 ? null : col[i];
  }
  return rows;
}
