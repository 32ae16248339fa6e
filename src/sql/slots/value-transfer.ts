/**
 * Rows crossing between threads. Structured clone keeps plain data (numbers, bigints,
 * strings, arrays, plain objects) but not class prototypes or singletons, so values of the
 * types that use them are put back by their column type: exact numerics (Decimal), jsonb
 * (JsonbObject and the JSON null sentinel), and those inside arrays and records.
 * Reviving works in place on the clone; other columns cost nothing.
 */
import { Decimal } from '../types/numeric/decimal.ts';
import { JSONB_NULL, JsonbObject } from '../types/jsonb/jsonb-value.ts';
import type { DataType } from '../types/index.ts';

type Revive = (v: unknown) => unknown;

function needsRevive(t: DataType): boolean {
  switch (t.kind) {
    case 'numeric':
    case 'jsonb':
      return true;
    case 'array':
      return needsRevive(t.element);
    case 'record':
      return t.fields.some((f) => needsRevive(f.type));
    default:
      return false;
  }
}

function reviveJsonb(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveJsonb(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  if (o.kind === 'json-null') return JSONB_NULL;
  if (typeof o.coef === 'bigint') return Object.setPrototypeOf(o, Decimal.prototype);
  if (Array.isArray(o.keys) && Array.isArray(o.values)) {
    reviveJsonb(o.values);
    return Object.setPrototypeOf(o, JsonbObject.prototype);
  }
  return o;
}

function reviverOf(t: DataType): Revive | null {
  if (!needsRevive(t)) return null;
  switch (t.kind) {
    case 'numeric':
      return (v) => (v === null ? v : Object.setPrototypeOf(v as object, Decimal.prototype));
    case 'jsonb':
      return reviveJsonb;
    case 'array': {
      const el = reviverOf(t.element)!;
      return (v) => {
        if (v === null) return v;
        const a = v as unknown[];
        for (let i = 0; i < a.length; i++) if (a[i] !== null) a[i] = el(a[i]);
        return a;
      };
    }
    case 'record': {
      const fields = t.fields.map((f) => reviverOf(f.type));
      return (v) => {
        if (v === null) return v;
        const a = v as unknown[];
        fields.forEach((f, i) => {
          if (f !== null && a[i] !== null && a[i] !== undefined) a[i] = f(a[i]);
        });
        return a;
      };
    }
    default:
      return null;
  }
}

/** Puts back a cloned value of this type; null where values of the type need nothing. */
export function valueReviver(type: DataType): Revive | null {
  return reviverOf(type);
}

/** Puts back, in place, the values of a cloned row of these column types; identity where none need it. */
export function rowReviver(types: readonly DataType[]): (row: unknown[]) => unknown[] {
  const revivers = types.map(reviverOf);
  const at = revivers.flatMap((r, i) => (r === null ? [] : [[i, r] as const]));
  if (at.length === 0) return (row) => row;
  return (row) => {
    for (const [i, r] of at) if (row[i] !== null && row[i] !== undefined) row[i] = r(row[i]);
    return row;
  };
}

/**
 * Puts back, in place, the values of cloned rows whose types are not known where they arrive
 * (batches between the parts of a parallel view's job): by shape, since only Decimal,
 * JsonbObject and the JSON null sentinel are objects other than arrays among SQL values.
 */
export function reviveRows(rows: unknown[]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (Array.isArray(row)) reviveArray(row);
  }
}

function reviveArray(a: unknown[]): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v !== null && typeof v === 'object') a[i] = reviveShape(v);
  }
}

function reviveShape(v: object): unknown {
  if (Array.isArray(v)) {
    reviveArray(v);
    return v;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.coef === 'bigint') return Object.setPrototypeOf(o, Decimal.prototype);
  if (o.kind === 'json-null') return JSONB_NULL;
  if (Array.isArray(o.keys) && Array.isArray(o.values)) {
    reviveArray(o.values);
    return Object.setPrototypeOf(o, JsonbObject.prototype);
  }
  return o;
}
