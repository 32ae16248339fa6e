/**
 * jsonb edits along a text[] path, as jsonfuncs.c's setPath: jsonb_set, jsonb_set_lax,
 * jsonb_insert, `#-` (jsonb_delete_path), plus `jsonb - text[]`, jsonb_object and
 * jsonb_pretty.
 *
 * A path walks object keys and array positions (integers, negative from the end; a position
 * that is no integer is 22P02). Only the levels the walk reaches are checked: a NULL there is
 * 22004, a missing key or a scalar stops the walk and leaves the document as it is. At the
 * last level the operation applies: set replaces (or with create_missing adds the key, or the
 * element at the array's end — or start, for a position before it), insert adds before or
 * after the position (an existing object key is 22023), delete removes.
 */
import { JSONB, JSONB_NULL, JsonbObject, SqlError, SqlState, TEXT, arrayOf, BOOLEAN, formatJsonb, type Jsonb } from '../../types/index.ts';
import { quoteJson } from '../../types/jsonb/jsonb-text.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { objectFromPairs } from './jsonb-convert.ts';

type Op = 'create' | 'replace' | 'delete' | 'insertBefore' | 'insertAfter';
type Path = readonly (string | null)[];

const isContainer = (j: Jsonb): boolean => j instanceof JsonbObject || Array.isArray(j);
const isEmpty = (j: Jsonb): boolean => (j instanceof JsonbObject ? j.keys.length === 0 : (j as readonly Jsonb[]).length === 0);
const createsOrInserts = (op: Op): boolean => op === 'create' || op === 'insertBefore' || op === 'insertAfter';

function setPath(j: Jsonb, path: Path, level: number, newval: Jsonb, op: Op): Jsonb {
  if (path[level] === null) throw new SqlError(SqlState.nullValueNotAllowed, `path element at position ${level + 1} is null`);
  if (j instanceof JsonbObject) return setPathObject(j, path, level, newval, op);
  if (Array.isArray(j)) return setPathArray(j as readonly Jsonb[], path, level, newval, op);
  return j;
}

function setPathObject(o: JsonbObject, path: Path, level: number, newval: Jsonb, op: Op): Jsonb {
  const key = path[level]!;
  const last = level === path.length - 1;
  const i = o.keys.indexOf(key);
  if (i < 0) {
    if (!last || !createsOrInserts(op)) return o;
    return objectFromPairs([...o.keys, key], [...o.values, newval]);
  }
  if (!last) {
    const values = o.values.slice();
    values[i] = setPath(values[i]!, path, level + 1, newval, op);
    return new JsonbObject(o.keys, values);
  }
  if (op === 'insertBefore' || op === 'insertAfter') {
    throw new SqlError(SqlState.invalidParameterValue, 'cannot replace existing key', { hint: 'Try using the function jsonb_set to replace key value.' });
  }
  if (op === 'delete') return new JsonbObject(o.keys.filter((_, k) => k !== i), o.values.filter((_, k) => k !== i));
  const values = o.values.slice();
  values[i] = newval;
  return new JsonbObject(o.keys, values);
}

/** strtoint: optional blanks and sign, digits to the end, within int4. */
function pathIndex(text: string, level: number): number {
  if (!/^\s*[+-]?\d+$/.test(text) || Number(text) > 2147483647 || Number(text) < -2147483648) {
    throw new SqlError(SqlState.invalidTextRepresentation, `path element at position ${level + 1} is not an integer: "${text}"`);
  }
  return Number(text);
}

function setPathArray(a: readonly Jsonb[], path: Path, level: number, newval: Jsonb, op: Op): Jsonb {
  const n = a.length;
  const last = level === path.length - 1;
  let idx = pathIndex(path[level]!, level);
  let before = false; // a position before the first element
  if (idx < 0) {
    if (-idx > n) before = true;
    else idx = n + idx;
  }
  if (idx > n) idx = n;
  if ((before || n === 0) && last && createsOrInserts(op)) return [newval, ...a];
  if (before || idx >= n) return last && createsOrInserts(op) ? [...a, newval] : a;
  if (!last) {
    const out = a.slice();
    out[idx] = setPath(a[idx]!, path, level + 1, newval, op);
    return out;
  }
  const at: Jsonb[] = op === 'delete' ? [] : op === 'insertBefore' ? [newval, a[idx]!] : op === 'insertAfter' ? [a[idx]!, newval] : [newval];
  return [...a.slice(0, idx), ...at, ...a.slice(idx + 1)];
}

const scalarError = (what: string): SqlError => new SqlError(SqlState.invalidParameterValue, `cannot ${what} path in scalar`);

export function jsonbSet(j: Jsonb, path: Path, newval: Jsonb, create = true): Jsonb {
  if (!isContainer(j)) throw scalarError('set');
  if ((isEmpty(j) && !create) || path.length === 0) return j;
  return setPath(j, path, 0, newval, create ? 'create' : 'replace');
}

export function jsonbInsert(j: Jsonb, path: Path, newval: Jsonb, after = false): Jsonb {
  if (!isContainer(j)) throw scalarError('set');
  if (path.length === 0) return j;
  return setPath(j, path, 0, newval, after ? 'insertAfter' : 'insertBefore');
}

/** `j #- path`. */
export function jsonbDeletePath(j: Jsonb, path: Path): Jsonb {
  if (!isContainer(j)) throw scalarError('delete');
  if (isEmpty(j) || path.length === 0) return j;
  return setPath(j, path, 0, JSONB_NULL, 'delete');
}

/** `j - keys`: the top-level keys (or string elements of an array) named in keys. */
export function jsonbDeleteKeys(j: Jsonb, keys: Path): Jsonb {
  if (!isContainer(j)) throw new SqlError(SqlState.invalidParameterValue, 'cannot delete from scalar');
  const drop = new Set(keys.filter((k): k is string => k !== null));
  if (drop.size === 0) return j;
  if (j instanceof JsonbObject) {
    const kept = j.keys.map((_, i) => i).filter((i) => !drop.has(j.keys[i]!));
    return new JsonbObject(kept.map((i) => j.keys[i]!), kept.map((i) => j.values[i]!));
  }
  return (j as readonly Jsonb[]).filter((e) => typeof e !== 'string' || !drop.has(e));
}

const treatmentError = (): SqlError =>
  new SqlError(SqlState.invalidParameterValue, 'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"');

/** jsonb_set_lax: jsonb_set, with what an SQL NULL new value does chosen by null_value_treatment. */
function jsonbSetLax(args: readonly unknown[]): Jsonb | null {
  const [j, path, newval, create = true, treatment = 'use_json_null'] = args as [Jsonb | null, Path | null, Jsonb | null, boolean | null, string | null];
  if (treatment === null) throw treatmentError();
  if (j === null || path === null || create === null) return null;
  if (newval !== null) return jsonbSet(j, path, newval, create);
  switch (treatment) {
    case 'raise_exception':
      throw new SqlError(SqlState.nullValueNotAllowed, 'JSON value must not be null', {
        detail: 'Exception was raised because null_value_treatment is "raise_exception".',
        hint: 'To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.',
      });
    case 'use_json_null': return jsonbSet(j, path, JSONB_NULL, create);
    case 'delete_key': return jsonbDeletePath(j, path);
    case 'return_target': return j;
    default: throw treatmentError();
  }
}

/** jsonb_object(text[]) of alternating keys and values, or (keys text[], values text[]). */
function jsonbObject(keys: Path, values?: Path): JsonbObject {
  let k: Path, v: Path;
  if (values === undefined) {
    if (keys.length % 2 !== 0) throw new SqlError(SqlState.arraySubscriptError, 'array must have even number of elements');
    k = keys.filter((_, i) => i % 2 === 0);
    v = keys.filter((_, i) => i % 2 === 1);
  } else {
    if ((keys.length === 0) !== (values.length === 0)) throw new SqlError(SqlState.arraySubscriptError, 'wrong number of array subscripts');
    if (keys.length !== values.length) throw new SqlError(SqlState.arraySubscriptError, 'mismatched array dimensions');
    k = keys;
    v = values;
  }
  if (k.some((x) => x === null)) throw new SqlError(SqlState.nullValueNotAllowed, 'null value not allowed for object key');
  return objectFromPairs(k as string[], v.map((x) => (x === null ? JSONB_NULL : x)));
}

/** jsonb_pretty: four spaces per level; an empty container opens and closes on two lines. */
export function jsonbPretty(j: Jsonb, level = 0): string {
  const pad = (l: number): string => ' '.repeat(4 * l);
  if (j instanceof JsonbObject) {
    const body = j.keys.map((k, i) => `${pad(level + 1)}${quoteJson(k)}: ${jsonbPretty(j.values[i]!, level + 1)}`);
    return `{\n${body.length === 0 ? '' : `${body.join(',\n')}\n`}${pad(level)}}`;
  }
  if (Array.isArray(j)) {
    const body = (j as readonly Jsonb[]).map((e) => `${pad(level + 1)}${jsonbPretty(e, level + 1)}`);
    return `[\n${body.length === 0 ? '' : `${body.join(',\n')}\n`}${pad(level)}]`;
  }
  return formatJsonb(j);
}

const TEXTS = arrayOf(TEXT);
const path = (v: unknown): Path => v as Path;

export const JSONB_MODIFY_FUNCTIONS: readonly FunctionSignature[] = [
  fn('jsonb_set', [JSONB, TEXTS, JSONB, BOOLEAN], JSONB, (a) => jsonbSet(a[0] as Jsonb, path(a[1]), a[2] as Jsonb, a[3] === undefined ? true : (a[3] as boolean)), { minArgs: 3 }),
  fn('jsonb_set_lax', [JSONB, TEXTS, JSONB, BOOLEAN, TEXT], JSONB, jsonbSetLax, { minArgs: 3, strict: false }),
  fn('jsonb_insert', [JSONB, TEXTS, JSONB, BOOLEAN], JSONB, (a) => jsonbInsert(a[0] as Jsonb, path(a[1]), a[2] as Jsonb, a[3] === true), { minArgs: 3 }),
  fn('jsonb_delete_path', [JSONB, TEXTS], JSONB, (a) => jsonbDeletePath(a[0] as Jsonb, path(a[1]))),
  fn('jsonb_object', [TEXTS], JSONB, (a) => jsonbObject(path(a[0]))),
  fn('jsonb_object', [TEXTS, TEXTS], JSONB, (a) => jsonbObject(path(a[0]), path(a[1]))),
  fn('jsonb_pretty', [JSONB], TEXT, (a) => jsonbPretty(a[0] as Jsonb)),
];
