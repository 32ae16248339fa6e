/**
 * jsonb values: parsed once into the canonical form PostgreSQL stores — object keys sorted
 * (shorter first, then by UTF-8 bytes), duplicate keys resolved to the last, numbers as exact
 * Decimal — so equality, hashing and output need no further normalisation.
 *
 * JSON `null` is the JSONB_NULL sentinel, not JS null, because JS null is SQL NULL in Weir and
 * `'{"a": null}'::jsonb -> 'a'` is a jsonb `null`, not SQL NULL.
 */
import type { Decimal } from '../numeric/decimal.ts';

export type Jsonb = JsonbNull | boolean | string | Decimal | readonly Jsonb[] | JsonbObject;

export interface JsonbNull { readonly kind: 'json-null' }
export const JSONB_NULL: JsonbNull = Object.freeze({ kind: 'json-null' });

export class JsonbObject {
  /** Keys in PostgreSQL's canonical order, unique. */
  readonly keys: readonly string[];
  readonly values: readonly Jsonb[];
  constructor(keys: readonly string[], values: readonly Jsonb[]) {
    this.keys = keys;
    this.values = values;
  }
  /** The value at `key` or undefined; binary search because keys are sorted. */
  get(key: string): Jsonb | undefined {
    let lo = 0, hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareKeys(this.keys[mid]!, key);
      if (c === 0) return this.values[mid];
      if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return undefined;
  }
}

const encoder = new TextEncoder();

/** PostgreSQL's lengthCompareJsonbString: UTF-8 length first, then bytes. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  let ascii = true;
  for (let i = 0; i < a.length && ascii; i++) if (a.charCodeAt(i) > 0x7f) ascii = false;
  for (let i = 0; i < b.length && ascii; i++) if (b.charCodeAt(i) > 0x7f) ascii = false;
  if (ascii) {
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : 1;
  }
  const x = encoder.encode(a), y = encoder.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
