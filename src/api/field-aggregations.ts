/**
 * The rolling aggregations of KeyedStream (sum, min, max, minBy, maxBy) as reduce functions
 * over one field of a record: an array index, a property name, or the record itself when
 * the stream carries plain numbers. As in Flink, sum/min/max keep the other fields of the
 * first record of the key; minBy/maxBy return whole records.
 */
export type FieldRef = number | string;
export type AggregationKind = 'sum' | 'min' | 'max' | 'minBy' | 'maxBy';

function getter(field: FieldRef | undefined): (r: unknown) => unknown {
  if (field === undefined) return (r) => r;
  return (r) => {
    if (r === null || typeof r !== 'object') {
      throw new TypeError(`cannot read field ${JSON.stringify(field)} of ${String(r)}; aggregate without a field for plain values`);
    }
    return (r as Record<string | number, unknown>)[field];
  };
}

function setter(field: FieldRef | undefined): (r: unknown, v: unknown) => unknown {
  if (field === undefined) return (_r, v) => v;
  return (r, v) => {
    const copy = (Array.isArray(r) ? [...r] : { ...(r as object) }) as Record<string | number, unknown>;
    copy[field] = v;
    return copy;
  };
}

function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  throw new TypeError(`sum needs numbers, got ${typeof a} and ${typeof b}`);
}

function less(a: unknown, b: unknown): boolean {
  return (a as number) < (b as number);
}

export function fieldAggregation<T>(kind: AggregationKind, field?: FieldRef): (a: T, b: T) => T {
  const get = getter(field);
  const set = setter(field);
  switch (kind) {
    case 'sum':
      return (a, b) => set(a, add(get(a), get(b))) as T;
    case 'min':
      return (a, b) => (less(get(b), get(a)) ? (set(a, get(b)) as T) : a);
    case 'max':
      return (a, b) => (less(get(a), get(b)) ? (set(a, get(b)) as T) : a);
    case 'minBy':
      return (a, b) => (less(get(b), get(a)) ? b : a);
    case 'maxBy':
      return (a, b) => (less(get(a), get(b)) ? b : a);
  }
}
