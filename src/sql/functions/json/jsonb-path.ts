/**
 * jsonb navigation and structure operations: paths (#>, #>>, jsonb_extract_path), containment
 * (@>, <@, JsonbDeepContains), key existence (?), concatenation (||) — jsonfuncs.c/jsonb_op.c.
 */
import { Decimal, JSONB_NULL, JsonbObject, SqlError, SqlState, decimalCmp, formatJsonb, type Jsonb } from '../../types/index.ts';
import { objectFromPairs } from './jsonb-convert.ts';

const INDEX = /^\s*[+-]?\d+$/;

/** One step of a path: an object key, or an array index given as text (negative from the end). */
function step(j: Jsonb, key: string): Jsonb | null {
  if (j instanceof JsonbObject) return j.get(key) ?? null;
  if (Array.isArray(j)) {
    if (!INDEX.test(key)) return null;
    const n = Number(key);
    if (n > 2147483647 || n < -2147483648) return null;
    const arr = j as readonly Jsonb[];
    const i = n < 0 ? arr.length + n : n;
    return arr[i] ?? null;
  }
  return null;
}

export function extractPath(j: Jsonb, path: readonly (string | null)[]): Jsonb | null {
  let cur: Jsonb | null = j;
  for (const k of path) {
    if (k === null || cur === null) return null;
    cur = step(cur, k);
  }
  return cur;
}

/** jsonb as text the way ->> and #>> return it: strings unquoted, JSON null as SQL NULL. */
export function jsonbText(j: Jsonb | null): string | null {
  if (j === null || j === JSONB_NULL) return null;
  return typeof j === 'string' ? j : formatJsonb(j);
}

function scalarEquals(a: Jsonb, b: Jsonb): boolean {
  if (a instanceof Decimal && b instanceof Decimal) return decimalCmp(a, b) === 0;
  return a === b;
}
const isContainer = (j: Jsonb): boolean => j instanceof JsonbObject || Array.isArray(j);

/** JsonbDeepContains: does `a` contain `b`? */
function contains(a: Jsonb, b: Jsonb): boolean {
  if (a instanceof JsonbObject) {
    if (!(b instanceof JsonbObject)) return false;
    for (let i = 0; i < b.keys.length; i++) {
      const av = a.get(b.keys[i]!);
      if (av === undefined) return false;
      const bv = b.values[i]!;
      if (isContainer(bv) || isContainer(av)) {
        if ((av instanceof JsonbObject) !== (bv instanceof JsonbObject) || Array.isArray(av) !== Array.isArray(bv)) return false;
        if (!contains(av, bv)) return false;
      } else if (!scalarEquals(av, bv)) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    const aa = a as readonly Jsonb[];
    for (const bv of b as readonly Jsonb[]) {
      if (!isContainer(bv)) { if (!aa.some((av) => !isContainer(av) && scalarEquals(av, bv))) return false; }
      else if (!aa.some((av) => isContainer(av) && (av instanceof JsonbObject) === (bv instanceof JsonbObject) && contains(av, bv))) return false;
    }
    return true;
  }
  return false;
}

/**
 * `a @> b` on whole documents. A top-level scalar is a one-element "raw scalar" array: an array
 * may contain a scalar (`'[1,2]' @> '1'`), a scalar only an equal scalar.
 */
export function jsonbContains(a: Jsonb, b: Jsonb): boolean {
  const aScalar = !isContainer(a), bScalar = !isContainer(b);
  if (aScalar) return bScalar && scalarEquals(a, b);
  if (bScalar) return Array.isArray(a) && contains(a, [b]);
  return contains(a, b);
}

/** `j ? key`: a top-level key, a string array element, or an equal string scalar. */
export function jsonbExists(j: Jsonb, key: string): boolean {
  if (j instanceof JsonbObject) return j.get(key) !== undefined;
  if (Array.isArray(j)) return (j as readonly Jsonb[]).includes(key);
  return j === key;
}

/** `a || b`: objects merge (right wins), anything else concatenates as arrays. */
export function jsonbConcat(a: Jsonb, b: Jsonb): Jsonb {
  if (a instanceof JsonbObject && b instanceof JsonbObject) {
    return objectFromPairs([...a.keys, ...b.keys], [...a.values, ...b.values]);
  }
  const asArray = (j: Jsonb): readonly Jsonb[] => (Array.isArray(j) ? (j as readonly Jsonb[]) : [j]);
  return [...asArray(a), ...asArray(b)];
}
