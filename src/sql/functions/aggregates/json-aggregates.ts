/**
 * The JSON aggregates beyond jsonb_agg, retractable: jsonb_object_agg(key, value),
 * json_agg(value) and json_object_agg(key, value). Inputs are kept in arrival order, so a
 * retraction removes exactly one of them and the result is built from those left:
 *
 * - jsonb_object_agg: the object of the pairs, a later key winning as in PostgreSQL's jsonb;
 * - json_agg: `[a, b]`, and `[[1], \n [2]]` for arrays and rows (json_agg_transfn's "\n ");
 * - json_object_agg: `{ "k" : v, "k" : w }`, every pair as it came, duplicates included.
 *
 * Keys are the values' scalar text (22023 for a NULL key, and for arrays, records and json);
 * values convert as to_jsonb / to_json convert them, NULL becoming JSON null.
 */
import type { RetractableAggregate } from '../../../runtime/relational/aggregate-function.ts';
import { canonical } from '../../../runtime/relational/rows.ts';
import { keyText, objectFromPairs, toJsonbFor } from '../json/jsonb-convert.ts';
import { textOutput } from '../text/text-output.ts';
import { JSONB, JSONB_NULL, JSON_TYPE, SqlError, SqlState, TEXT, formatType, type DataType, type Jsonb, type SessionContext } from '../../types/index.ts';
import { jsonKeyFor, toJsonText } from '../json/json-functions.ts';
import { undefinedFunction, FUNCTION_CAST_HINT } from '../../../errors/index.ts';

type Pair = [key: string, value: Jsonb];

/** How a SQL value of type t becomes an object key. */
export function objectKeyFor(t: DataType): (v: unknown, session: SessionContext) => string {
  if (t.kind === 'array' || t.kind === 'record' || t.kind === 'jsonb') {
    return () => {
      throw new SqlError(SqlState.invalidParameterValue, 'key value must be scalar, not array, composite, or json');
    };
  }
  // A float key is its output text (1e+100), not the number the value conversion would make.
  if (t.kind === 'real' || t.kind === 'double') return textOutput(t);
  const convert = toJsonbFor(t);
  return (v, s) => keyText(convert(v, s));
}

export function jsonbObjectAgg(arg: DataType, session: SessionContext): { fn: RetractableAggregate<Pair[]>; resultType: DataType } {
  const fields = arg.kind === 'record' ? arg.fields.map((f) => (f.type.kind === 'unknown' ? TEXT : f.type)) : [arg];
  if (fields.length !== 2) {
    throw undefinedFunction('jsonb_object_agg', fields.map(formatType), FUNCTION_CAST_HINT);
  }
  const key = objectKeyFor(fields[0]!);
  const value = toJsonbFor(fields[1]!);
  const pair = (input: unknown): Pair => {
    const [k, v] = input as [unknown, unknown];
    if (k === null) throw new SqlError(SqlState.invalidParameterValue, 'field name must not be null');
    return [key(k, session), v === null ? JSONB_NULL : value(v, session)];
  };
  const fn: RetractableAggregate<Pair[]> = {
    create: () => [],
    add: (a, input) => {
      a.push(pair(input));
      return a;
    },
    retract: (a, input) => {
      const p = canonical(pair(input));
      const i = a.findIndex((x) => canonical(x) === p);
      if (i >= 0) a.splice(i, 1);
      return a;
    },
    result: (a) => (a.length === 0 ? null : objectFromPairs(a.map((p) => p[0]), a.map((p) => p[1]))),
    ignoresNulls: false,
  };
  return { fn, resultType: JSONB };
}

/** A list of entries in arrival order; a retraction removes one equal entry. */
function arrivalList<E>(entry: (input: unknown) => E, result: (entries: E[]) => unknown): RetractableAggregate<E[]> {
  return {
    create: () => [],
    add: (a, input) => {
      a.push(entry(input));
      return a;
    },
    retract: (a, input) => {
      const e = canonical(entry(input));
      const i = a.findIndex((x) => canonical(x) === e);
      if (i >= 0) a.splice(i, 1);
      return a;
    },
    result: (a) => (a.length === 0 ? null : result(a)),
    ignoresNulls: false,
  };
}

/** json_agg(x): each value as to_json writes it, NULL as null. */
export function jsonAgg(arg: DataType, session: SessionContext): { fn: RetractableAggregate<string[]>; resultType: DataType; argType: DataType } {
  const type = arg.kind === 'unknown' ? TEXT : arg;
  const convert = toJsonText(type);
  // Arrays and rows go on lines of their own after the first.
  const sep = type.kind === 'array' || type.kind === 'record' ? ', \n ' : ', ';
  const fn = arrivalList<string>((v) => (v === null ? 'null' : convert(v, session)), (items) => {
    let out = '[';
    items.forEach((item, i) => { out += i === 0 ? item : (item === 'null' ? ', ' : sep) + item; });
    return `${out}]`;
  });
  return { fn, resultType: JSON_TYPE, argType: type };
}

/** json_object_agg(key, value) over the record (key, value). */
export function jsonObjectAgg(arg: DataType, session: SessionContext): { fn: RetractableAggregate<string[]>; resultType: DataType } {
  const fields = arg.kind === 'record' ? arg.fields.map((f) => (f.type.kind === 'unknown' ? TEXT : f.type)) : [arg];
  if (fields.length !== 2) {
    throw undefinedFunction('json_object_agg', fields.map(formatType), FUNCTION_CAST_HINT);
  }
  const key = jsonKeyFor(fields[0]!);
  const value = toJsonText(fields[1]!);
  const fn = arrivalList<string>((input) => {
    const [k, v] = input as [unknown, unknown];
    if (k === null) throw new SqlError(SqlState.invalidParameterValue, 'field name must not be null');
    return `${key(k, session)} : ${v === null ? 'null' : value(v, session)}`;
  }, (pairs) => `{ ${pairs.join(', ')} }`);
  return { fn, resultType: JSON_TYPE };
}
