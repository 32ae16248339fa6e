/**
 * Set-returning functions as rows of columns (PostgreSQL's proretset functions): the jsonb
 * family (jsonb_array_elements(_text), jsonb_each(_text), jsonb_object_keys; the json ones are
 * in json-set-returning.ts) and the regex
 * ones (regexp_matches, regexp_split_to_table). Each has its parameter types, its result
 * columns (named as PostgreSQL's OUT parameters, or null for a single unnamed column, which
 * takes the function's or the alias's name) and the rows it gives for one call's arguments.
 *
 * generate_series, unnest and generate_subscripts are the planner's own (planner/plan-from.ts):
 * they also run over columns, per row.
 */
import { JSONB, JSONB_NULL, JsonbObject, SqlError, SqlState, TEXT, arrayOf, formatTypeName, type DataType, type Jsonb } from '../../types/index.ts';
import type { ParamType } from '../function-signature.ts';
import { sameParam, selectCandidate } from '../select-candidate.ts';
import { jsonbText } from '../json/jsonb-path.ts';
import { compiledRegex } from '../text/regex-engine.ts';
import { parseRegexFlags } from '../text/regex-flags.ts';
import { regexpSplitToArray } from '../text/regexp-functions.ts';
import { JSON_SET_RETURNING_FUNCTIONS } from './json-set-returning.ts';

export interface SetReturningColumn { readonly name: string | null; readonly type: DataType }

export interface SetReturningFunction {
  readonly name: string;
  readonly params: readonly ParamType[];
  readonly columns: readonly SetReturningColumn[];
  /** The rows for non-null arguments (a NULL argument gives no rows: these are all strict). */
  readonly rows: (args: readonly unknown[]) => unknown[][];
}

const invalid = (message: string): SqlError => new SqlError(SqlState.invalidParameterValue, message);

/** What jsonb_array_elements and its _text twin refuse: anything but an array. */
function arrayElements(j: Jsonb): readonly Jsonb[] {
  if (Array.isArray(j)) return j as readonly Jsonb[];
  throw invalid(j instanceof JsonbObject ? 'cannot extract elements from an object' : 'cannot extract elements from a scalar');
}

/** What jsonb_each, jsonb_each_text and jsonb_object_keys refuse: anything but an object. */
function objectOf(j: Jsonb, fn: string): JsonbObject {
  if (j instanceof JsonbObject) return j;
  if (fn === 'jsonb_object_keys') throw invalid(`cannot call ${fn} on ${Array.isArray(j) ? 'an array' : 'a scalar'}`);
  throw invalid(`cannot call ${fn} on a non-object`);
}

const textOrNull = (j: Jsonb): string | null => (j === JSONB_NULL ? null : jsonbText(j));

function regexpMatches(s: string, pattern: string, flagText: string): unknown[][] {
  const flags = parseRegexFlags(flagText, null);
  const re = compiledRegex(pattern, flags);
  const rows: unknown[][] = [];
  for (const m of re.matches(s, 0)) {
    rows.push([m.groups.length === 1 ? [m.groups[0]!] : m.groups.slice(1)]);
    if (!flags.global) break;
  }
  return rows;
}

const one = (v: unknown): unknown[] => [v];

const OWN: readonly SetReturningFunction[] = [
  { name: 'jsonb_array_elements', params: [JSONB], columns: [{ name: 'value', type: JSONB }], rows: ([j]) => arrayElements(j as Jsonb).map(one) },
  { name: 'jsonb_array_elements_text', params: [JSONB], columns: [{ name: 'value', type: TEXT }], rows: ([j]) => arrayElements(j as Jsonb).map((e) => [textOrNull(e)]) },
  { name: 'jsonb_object_keys', params: [JSONB], columns: [{ name: null, type: TEXT }], rows: ([j]) => objectOf(j as Jsonb, 'jsonb_object_keys').keys.map(one) },
  {
    name: 'jsonb_each', params: [JSONB], columns: [{ name: 'key', type: TEXT }, { name: 'value', type: JSONB }],
    rows: ([j]) => { const o = objectOf(j as Jsonb, 'jsonb_each'); return o.keys.map((k, i) => [k, o.values[i]!]); },
  },
  {
    name: 'jsonb_each_text', params: [JSONB], columns: [{ name: 'key', type: TEXT }, { name: 'value', type: TEXT }],
    rows: ([j]) => { const o = objectOf(j as Jsonb, 'jsonb_each_text'); return o.keys.map((k, i) => [k, textOrNull(o.values[i]!)]); },
  },
  { name: 'regexp_matches', params: [TEXT, TEXT], columns: [{ name: null, type: arrayOf(TEXT) }], rows: ([s, p]) => regexpMatches(s as string, p as string, '') },
  { name: 'regexp_matches', params: [TEXT, TEXT, TEXT], columns: [{ name: null, type: arrayOf(TEXT) }], rows: ([s, p, f]) => regexpMatches(s as string, p as string, f as string) },
  { name: 'regexp_split_to_table', params: [TEXT, TEXT], columns: [{ name: null, type: TEXT }], rows: ([s, p]) => regexpSplitToArray(s as string, p as string, '', 'regexp_split_to_table()').map(one) },
  {
    name: 'regexp_split_to_table', params: [TEXT, TEXT, TEXT], columns: [{ name: null, type: TEXT }],
    rows: ([s, p, f]) => regexpSplitToArray(s as string, p as string, f as string, 'regexp_split_to_table()').map(one),
  },
];

export const SET_RETURNING_FUNCTIONS: readonly SetReturningFunction[] = [...OWN, ...JSON_SET_RETURNING_FUNCTIONS];

export const setReturningFunctionsNamed = (name: string): readonly SetReturningFunction[] => SET_RETURNING_FUNCTIONS.filter((f) => f.name === name);

/** Whether some set-returning function of the library has the name. */
export const isSetReturningName = (name: string): boolean => SET_RETURNING_FUNCTIONS.some((f) => f.name === name);

/**
 * Resolves a set-returning call as functions are resolved (exact match, else PostgreSQL's
 * candidate selection); undefined when no set-returning function has the name.
 *
 * @throws SqlError 42883 when none takes the argument types, 42725 when several do
 */
export function resolveSetReturning(name: string, argTypes: readonly DataType[]): SetReturningFunction | undefined {
  const all = setReturningFunctionsNamed(name);
  if (all.length === 0) return undefined;
  const cands = all.filter((f) => f.params.length === argTypes.length);
  const exact = cands.find((f) => f.params.every((p, i) => sameParam(p, argTypes[i]!)));
  if (exact !== undefined) return exact;
  const s = selectCandidate(argTypes, cands, (f) => f.params);
  if (s.kind === 'one') return s.candidate;
  const call = `${name}(${argTypes.map(formatTypeName).join(', ')})`;
  if (s.kind === 'none') {
    throw new SqlError(SqlState.undefinedFunction, `function ${call} does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
    });
  }
  throw new SqlError(SqlState.ambiguousFunction, `function ${call} is not unique`, {
    hint: 'Could not choose a best candidate function. You might need to add explicit type casts.',
  });
}
