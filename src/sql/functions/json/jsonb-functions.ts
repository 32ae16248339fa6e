/**
 * jsonb functions (jsonfuncs.c, jsonb.c): jsonb_typeof, jsonb_array_length,
 * jsonb_extract_path(_text), jsonb_build_object/array, to_jsonb, jsonb_strip_nulls,
 * jsonb_exists. Set-returning functions (jsonb_object_keys, jsonb_array_elements, jsonb_each)
 * are not here: they produce rows, which is the planner's business.
 */
import {
  Decimal, INTEGER, JSONB, JSONB_NULL, JsonbObject, BOOLEAN, SqlError, SqlState, TEXT, type DataType, type Jsonb,
} from '../../types/index.ts';
import { ANY, ANYELEMENT, fn, polyFn, type FunctionImpl, type FunctionSignature } from '../function-signature.ts';
import { keyText, objectFromPairs, toJsonbFor } from './jsonb-convert.ts';
import { textOutput } from '../text/text-output.ts';
import { extractPath, jsonbExists, jsonbText } from './jsonb-path.ts';

export function jsonbTypeof(j: Jsonb): string {
  if (j instanceof JsonbObject) return 'object';
  if (Array.isArray(j)) return 'array';
  if (typeof j === 'string') return 'string';
  if (typeof j === 'boolean') return 'boolean';
  if (j instanceof Decimal) return 'number';
  return 'null';
}

export function jsonbArrayLength(j: Jsonb): number {
  if (Array.isArray(j)) return j.length;
  if (j instanceof JsonbObject) throw new SqlError(SqlState.invalidParameterValue, 'cannot get array length of a non-array');
  throw new SqlError(SqlState.invalidParameterValue, 'cannot get array length of a scalar');
}

/** jsonb_strip_nulls: object fields whose value is JSON null are removed, at every depth. */
export function stripNulls(j: Jsonb): Jsonb {
  if (j instanceof JsonbObject) {
    const keys: string[] = [], values: Jsonb[] = [];
    j.keys.forEach((k, i) => {
      const v = j.values[i]!;
      if (v !== JSONB_NULL) { keys.push(k); values.push(stripNulls(v)); }
    });
    return new JsonbObject(keys, values);
  }
  if (Array.isArray(j)) return (j as readonly Jsonb[]).map(stripNulls);
  return j;
}

function bindBuildObject(argTypes: readonly DataType[]): FunctionImpl {
  if (argTypes.length % 2 !== 0) {
    // PostgreSQL checks the count when the call runs; the error is the same for every row.
    return () => {
      throw new SqlError(SqlState.invalidParameterValue, 'argument list must have even number of elements', {
        hint: 'The arguments of jsonb_build_object() must consist of alternating keys and values.',
      });
    };
  }
  const conv = argTypes.map(toJsonbFor);
  // A float key is its output text (1e+100), not the number the value conversion would make.
  const keyOf = argTypes.map((t, i) => (i % 2 === 0 && (t.kind === 'real' || t.kind === 'double') ? textOutput(t) : null));
  return (a, session) => {
    const keys: string[] = [], values: Jsonb[] = [];
    for (let i = 0; i < a.length; i += 2) {
      if (a[i] === null) throw new SqlError(SqlState.invalidParameterValue, `argument ${i + 1}: key must not be null`);
      const k = keyOf[i];
      keys.push(k !== null && k !== undefined ? k(a[i], session) : keyText(conv[i]!(a[i], session)));
      values.push(a[i + 1] === null ? JSONB_NULL : conv[i + 1]!(a[i + 1], session));
    }
    return objectFromPairs(keys, values);
  };
}

function bindBuildArray(argTypes: readonly DataType[]): FunctionImpl {
  const conv = argTypes.map(toJsonbFor);
  return (a, session) => a.map((v, i) => (v === null ? JSONB_NULL : conv[i]!(v, session)));
}

const j0 = (a: readonly unknown[]): Jsonb => a[0] as Jsonb;
/** The variadic path elements; any NULL element makes the result NULL. */
const pathOf = (a: readonly unknown[]): (string | null)[] => a.slice(1) as (string | null)[];

export const JSONB_FUNCTIONS: readonly FunctionSignature[] = [
  fn('jsonb_typeof', [JSONB], TEXT, (a) => jsonbTypeof(j0(a))),
  fn('jsonb_array_length', [JSONB], INTEGER, (a) => jsonbArrayLength(j0(a))),
  // Strict on the document only: PostgreSQL's VARIADIC text[] may hold NULL elements.
  fn('jsonb_extract_path', [JSONB], JSONB, (a) => (a[0] === null ? null : extractPath(j0(a), pathOf(a))), { variadic: TEXT, strict: false }),
  fn('jsonb_extract_path_text', [JSONB], TEXT, (a) => (a[0] === null ? null : jsonbText(extractPath(j0(a), pathOf(a)))), { variadic: TEXT, strict: false }),
  polyFn('jsonb_build_object', [], JSONB, bindBuildObject, { variadic: ANY, strict: false, volatility: 'stable' }),
  fn('jsonb_build_object', [], JSONB, () => new JsonbObject([], []), { strict: false }),
  polyFn('jsonb_build_array', [], JSONB, bindBuildArray, { variadic: ANY, strict: false, volatility: 'stable' }),
  fn('jsonb_build_array', [], JSONB, () => [], { strict: false }),
  polyFn('to_jsonb', [ANYELEMENT], JSONB, (t) => { const c = toJsonbFor(t[0]!); return (a, s) => c(a[0], s); }, { volatility: 'stable' }),
  fn('jsonb_strip_nulls', [JSONB], JSONB, (a) => stripNulls(j0(a))),
  fn('jsonb_exists', [JSONB, TEXT], BOOLEAN, (a) => jsonbExists(j0(a), a[1] as string)),
];
