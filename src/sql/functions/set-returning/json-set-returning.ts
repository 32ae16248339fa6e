/**
 * The json (text) members of the set-returning family: json_array_elements(_text),
 * json_each(_text) and json_object_keys. A json value is the text it was given, so each
 * element or field value is the original text of its span (whitespace and duplicate keys
 * kept, in order), as PostgreSQL's jsonfuncs.c returns them; the _text forms unquote strings
 * and give SQL NULL for JSON null.
 */
import { JSON_TYPE, SqlError, SqlState, TEXT } from '../../types/index.ts';
import { scanJson, type JsonNode } from '../../types/json/json-text.ts';
import type { SetReturningFunction } from './set-returning-functions.ts';

const invalid = (message: string): SqlError => new SqlError(SqlState.invalidParameterValue, message);

const spanOf = (text: string, n: JsonNode): string => text.slice(n.start, n.end);
const unquoted = (text: string, n: JsonNode): string | null => (n.kind === 'null' ? null : n.kind === 'string' ? n.value : spanOf(text, n));

function elements(text: string, fn: string): readonly JsonNode[] {
  const n = scanJson(text);
  if (n.kind === 'array') return n.items;
  throw invalid(n.kind === 'object' ? `cannot call ${fn} on a non-array` : `cannot call ${fn} on a scalar`);
}

function fields(text: string, fn: string): ReadonlyArray<{ readonly key: string; readonly value: JsonNode }> {
  const n = scanJson(text);
  if (n.kind === 'object') return n.fields;
  if (fn === 'json_object_keys') throw invalid(`cannot call ${fn} on ${n.kind === 'array' ? 'an array' : 'a scalar'}`);
  throw invalid(n.kind === 'array' ? 'cannot deconstruct an array as an object' : 'cannot deconstruct a scalar');
}

export const JSON_SET_RETURNING_FUNCTIONS: readonly SetReturningFunction[] = [
  { name: 'json_array_elements', params: [JSON_TYPE], columns: [{ name: 'value', type: JSON_TYPE }], rows: ([t]) => elements(t as string, 'json_array_elements').map((e) => [spanOf(t as string, e)]) },
  { name: 'json_array_elements_text', params: [JSON_TYPE], columns: [{ name: 'value', type: TEXT }], rows: ([t]) => elements(t as string, 'json_array_elements_text').map((e) => [unquoted(t as string, e)]) },
  { name: 'json_object_keys', params: [JSON_TYPE], columns: [{ name: null, type: TEXT }], rows: ([t]) => fields(t as string, 'json_object_keys').map((f) => [f.key]) },
  {
    name: 'json_each', params: [JSON_TYPE], columns: [{ name: 'key', type: TEXT }, { name: 'value', type: JSON_TYPE }],
    rows: ([t]) => fields(t as string, 'json_each').map((f) => [f.key, spanOf(t as string, f.value)]),
  },
  {
    name: 'json_each_text', params: [JSON_TYPE], columns: [{ name: 'key', type: TEXT }, { name: 'value', type: TEXT }],
    rows: ([t]) => fields(t as string, 'json_each_text').map((f) => [f.key, unquoted(t as string, f.value)]),
  },
];
