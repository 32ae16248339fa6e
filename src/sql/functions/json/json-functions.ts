/**
 * The json functions and operators (json.c, jsonfuncs.c). A json value is its text
 * (types/json/json-text.ts), so:
 *
 * - building functions write text the way PostgreSQL's datum_to_json does: numbers as their
 *   output (quoted when not JSON numbers: "NaN"), dates and timestamps in ISO 8601, arrays
 *   `[1,2]` and rows `{"f1":1}` without blanks, json as it is, jsonb as jsonb prints, and the
 *   builders' own spacing: json_build_object `{"a" : 1, "b" : 2}`, json_build_array `[1, 2]`,
 *   json_object `{"a" : "1"}`;
 * - navigation (`->`, `->>`, `#>`, `#>>`, json_extract_path) returns the original text of the
 *   part (a duplicate key's last value, as PostgreSQL finds it);
 * - json_strip_nulls writes the value again without blanks, as PostgreSQL does.
 */
import {
  BOOLEAN, INTEGER, JSON_TYPE, SqlError, SqlState, TEXT, arrayOf, formatJsonb, formatType, formatterFor, type DataType, type Jsonb, type SessionContext,
} from '../../types/index.ts';
import { scanJson, type JsonNode } from '../../types/json/json-text.ts';
import { quoteJson } from '../../types/jsonb/jsonb-text.ts';
import { ANY, ANYELEMENT, fn, polyFn, type FunctionImpl, type FunctionSignature } from '../function-signature.ts';
import { textOutput } from '../text/text-output.ts';
import { toJsonbFor } from './jsonb-convert.ts';
import { undefinedFunction, FUNCTION_CAST_HINT } from '../../../errors/index.ts';

export type ToJsonText = (v: unknown, session: SessionContext) => string;

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** datum_to_json for a non-null value of type t. */
export function toJsonText(t: DataType): ToJsonText {
  switch (t.kind) {
    case 'json': return (v) => v as string;
    case 'jsonb': return (v) => formatJsonb(v as Jsonb);
    case 'boolean': return (v) => (v ? 'true' : 'false');
    case 'smallint': case 'integer': case 'bigint': case 'real': case 'double': case 'numeric': {
      const out = formatterFor(t) as (v: unknown) => string;
      return (v) => {
        const s = out(v);
        return JSON_NUMBER.test(s) ? s : quoteJson(s);
      };
    }
    case 'date': case 'timestamp': case 'timestamptz': {
      const iso = toJsonbFor(t);
      return (v, s) => quoteJson(iso(v, s) as string);
    }
    case 'array': {
      const element = toJsonText(t.element);
      return (v, s) => `[${(v as readonly unknown[]).map((x) => (x === null ? 'null' : element(x, s))).join(',')}]`;
    }
    case 'record': return recordToJson(t, ',');
    default: {
      const out = textOutput(t);
      return (v, s) => quoteJson(out(v, s));
    }
  }
}

/** composite_to_json: `{"name":value,...}`, fields joined by `sep` (",\n " when pretty). */
function recordToJson(t: Extract<DataType, { kind: 'record' }>, sep: string): ToJsonText {
  const fields = t.fields.map((f) => ({ key: quoteJson(f.name), convert: toJsonText(f.type) }));
  return (v, s) => {
    const values = v as readonly unknown[];
    return `{${fields.map((f, i) => `${f.key}:${values[i] === null ? 'null' : f.convert(values[i], s)}`).join(sep)}}`;
  };
}

/** An object key (datum_to_json with key_scalar): a scalar's text, quoted. */
export function jsonKeyFor(t: DataType): ToJsonText {
  if (t.kind === 'array' || t.kind === 'record' || t.kind === 'json' || t.kind === 'jsonb') {
    return () => {
      throw new SqlError(SqlState.invalidParameterValue, 'key value must be scalar, not array, composite, or json');
    };
  }
  if (t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamptz') return toJsonText(t);
  if (t.kind === 'boolean') return (v) => (v ? '"true"' : '"false"');
  const out = textOutput(t);
  return (v, s) => quoteJson(out(v, s));
}

const valueOrNull = (c: ToJsonText) => (v: unknown, s: SessionContext): string => (v === null ? 'null' : c(v, s));

function bindBuildObject(argTypes: readonly DataType[]): FunctionImpl {
  if (argTypes.length % 2 !== 0) {
    return () => {
      throw new SqlError(SqlState.invalidParameterValue, 'argument list must have even number of elements', {
        hint: 'The arguments of json_build_object() must consist of alternating keys and values.',
      });
    };
  }
  const keys = argTypes.map(jsonKeyFor);
  const values = argTypes.map((t) => valueOrNull(toJsonText(t)));
  return (a, s) => {
    const parts: string[] = [];
    for (let i = 0; i < a.length; i += 2) {
      if (a[i] === null) throw new SqlError(SqlState.invalidParameterValue, `argument ${i + 1} cannot be null`, { hint: 'Object keys should be text.' });
      parts.push(`${keys[i]!(a[i], s)} : ${values[i + 1]!(a[i + 1], s)}`);
    }
    return `{${parts.join(', ')}}`;
  };
}

function bindBuildArray(argTypes: readonly DataType[]): FunctionImpl {
  const values = argTypes.map((t) => valueOrNull(toJsonText(t)));
  return (a, s) => `[${a.map((v, i) => values[i]!(v, s)).join(', ')}]`;
}

const notExists = (name: string, types: readonly DataType[]): SqlError =>
  undefinedFunction(name, types.map(formatType), FUNCTION_CAST_HINT);

/** array_to_json(array [, pretty]): pretty puts the top-level elements on lines of their own. */
function bindArrayToJson(argTypes: readonly DataType[]): FunctionImpl {
  const t = argTypes[0]!;
  if (t.kind !== 'array') throw notExists('array_to_json', argTypes);
  const element = valueOrNull(toJsonText(t.element));
  return ([v, pretty], s) => `[${(v as readonly unknown[]).map((x) => element(x, s)).join(pretty === true ? ',\n ' : ',')}]`;
}

function bindRowToJson(argTypes: readonly DataType[]): FunctionImpl {
  const t = argTypes[0]!;
  // An untyped literal would be read as an anonymous record, which PostgreSQL cannot read either.
  if (t.kind === 'unknown') return () => { throw new SqlError(SqlState.featureNotSupported, 'input of anonymous composite types is not implemented'); };
  if (t.kind !== 'record') throw notExists('row_to_json', argTypes);
  const plain = recordToJson(t, ','), pretty = recordToJson(t, ',\n ');
  return ([v, p], s) => (p === true ? pretty : plain)(v, s);
}

/** json_object(text[]) of alternating keys and values, or (keys, values): `{"a" : "1", "b" : null}`. */
function jsonObject(keys: readonly (string | null)[], values?: readonly (string | null)[]): string {
  let k: readonly (string | null)[], v: readonly (string | null)[];
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
  const parts = k.map((key, i) => {
    if (key === null) throw new SqlError(SqlState.nullValueNotAllowed, 'null value not allowed for object key');
    const value = v[i];
    return `${quoteJson(key)} : ${value === null || value === undefined ? 'null' : quoteJson(value)}`;
  });
  return `{${parts.join(', ')}}`;
}

// --- navigation over the original text ---

/** The node at `key` of an object (the last of duplicates), or at position `key` of an array. */
function step(node: JsonNode, key: string | number): JsonNode | null {
  if (node.kind === 'object') {
    if (typeof key !== 'string') return null;
    let found: JsonNode | null = null;
    for (const f of node.fields) if (f.key === key) found = f.value;
    return found;
  }
  if (node.kind === 'array') {
    let i: number;
    if (typeof key === 'number') i = key;
    else {
      if (!/^\s*[+-]?\d+$/.test(key)) return null;
      i = Number(key);
    }
    if (i < 0) i += node.items.length;
    return node.items[i] ?? null;
  }
  return null;
}

const slice = (text: string, node: JsonNode | null): string | null => (node === null ? null : text.slice(node.start, node.end));

/** ->> and #>>: a string unquoted, JSON null as SQL NULL, anything else its text. */
function nodeText(text: string, node: JsonNode | null): string | null {
  if (node === null || node.kind === 'null') return null;
  return node.kind === 'string' ? node.value : text.slice(node.start, node.end);
}

function walk(text: string, path: readonly (string | null)[]): JsonNode | null {
  let node: JsonNode | null = scanJson(text);
  for (const k of path) {
    if (k === null || node === null) return null;
    node = step(node, k);
  }
  return node;
}

export const jsonField = (text: string, key: string | number): string | null => slice(text, step(scanJson(text), key));
export const jsonFieldText = (text: string, key: string | number): string | null => nodeText(text, step(scanJson(text), key));
export const jsonPath = (text: string, path: readonly (string | null)[]): string | null => slice(text, walk(text, path));
export const jsonPathText = (text: string, path: readonly (string | null)[]): string | null => nodeText(text, walk(text, path));

function jsonTypeof(text: string): string {
  const k = scanJson(text).kind;
  return k === 'true' || k === 'false' ? 'boolean' : k;
}

function jsonArrayLength(text: string): number {
  const n = scanJson(text);
  if (n.kind === 'array') return n.items.length;
  throw new SqlError(SqlState.invalidParameterValue, n.kind === 'object' ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
}

/** json_strip_nulls: object fields whose value is null dropped at every depth, written without blanks. */
function stripNulls(text: string, node: JsonNode = scanJson(text)): string {
  switch (node.kind) {
    case 'object':
      return `{${node.fields.filter((f) => f.value.kind !== 'null').map((f) => `${quoteJson(f.key)}:${stripNulls(text, f.value)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map((i) => stripNulls(text, i)).join(',')}]`;
    case 'string':
      return quoteJson(node.value);
    default:
      return text.slice(node.start, node.end);
  }
}

const TEXTS = arrayOf(TEXT);
const j0 = (a: readonly unknown[]): string => a[0] as string;
const pathOf = (a: readonly unknown[]): (string | null)[] => a.slice(1) as (string | null)[];

export const JSON_FUNCTIONS: readonly FunctionSignature[] = [
  polyFn('to_json', [ANYELEMENT], JSON_TYPE, (t) => { const c = toJsonText(t[0]!); return (a, s) => c(a[0], s); }, { volatility: 'stable' }),
  polyFn('array_to_json', [ANYELEMENT], JSON_TYPE, bindArrayToJson, { volatility: 'stable' }),
  polyFn('array_to_json', [ANYELEMENT, BOOLEAN], JSON_TYPE, bindArrayToJson, { volatility: 'stable' }),
  polyFn('row_to_json', [ANY], JSON_TYPE, bindRowToJson, { volatility: 'stable', keepsUnknown: true }),
  polyFn('row_to_json', [ANY, BOOLEAN], JSON_TYPE, bindRowToJson, { volatility: 'stable', keepsUnknown: true }),
  polyFn('json_build_object', [], JSON_TYPE, bindBuildObject, { variadic: ANY, strict: false, volatility: 'stable' }),
  fn('json_build_object', [], JSON_TYPE, () => '{}', { strict: false }),
  polyFn('json_build_array', [], JSON_TYPE, bindBuildArray, { variadic: ANY, strict: false, volatility: 'stable' }),
  fn('json_build_array', [], JSON_TYPE, () => '[]', { strict: false }),
  fn('json_object', [TEXTS], JSON_TYPE, (a) => jsonObject(a[0] as (string | null)[])),
  fn('json_object', [TEXTS, TEXTS], JSON_TYPE, (a) => jsonObject(a[0] as (string | null)[], a[1] as (string | null)[])),
  fn('json_typeof', [JSON_TYPE], TEXT, (a) => jsonTypeof(j0(a))),
  fn('json_array_length', [JSON_TYPE], INTEGER, (a) => jsonArrayLength(j0(a))),
  fn('json_strip_nulls', [JSON_TYPE], JSON_TYPE, (a) => stripNulls(j0(a))),
  // Strict on the document only: PostgreSQL's VARIADIC text[] may hold NULL elements.
  fn('json_extract_path', [JSON_TYPE], JSON_TYPE, (a) => (a[0] === null ? null : jsonPath(j0(a), pathOf(a))), { variadic: TEXT, strict: false }),
  fn('json_extract_path_text', [JSON_TYPE], TEXT, (a) => (a[0] === null ? null : jsonPathText(j0(a), pathOf(a))), { variadic: TEXT, strict: false }),
];
