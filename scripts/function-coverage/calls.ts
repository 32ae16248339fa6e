/**
 * The SQL that calls one signature: typed sample values for its arguments (polymorphic
 * parameters instantiated with integers), in the form the signature needs — a select-list
 * call, a set-returning function in FROM, an aggregate over a VALUES list, an ordered-set
 * aggregate WITHIN GROUP, an operator expression. The same text runs on PostgreSQL and on
 * Weir, once with sample values and once with typed NULLs.
 */
import type { PgSignature } from './pg-catalog.ts';

/** A concrete pg_type name for each polymorphic pseudo-type. */
const INSTANCE: Readonly<Record<string, string>> = {
  any: 'int4', anyelement: 'int4', anynonarray: 'int4', anycompatible: 'int4', anycompatiblenonarray: 'int4',
  anyarray: '_int4', anycompatiblearray: '_int4',
};

/** Sample text of each scalar type, valid input for most functions over it. */
const SAMPLE: Readonly<Record<string, string>> = {
  bool: 'true', int2: '2', int4: '2', int8: '2', float4: '0.5', float8: '0.5', numeric: '2.5',
  varchar: 'a', text: 'a', timestamp: '2021-03-04 05:06:07.5', timestamptz: '2021-03-04 05:06:07.5+00', date: '2021-03-04',
  time: '05:06:07.5', interval: '1 day 02:03:04.5', jsonb: '{"a": [1, "x"], "b": null}', json: '{"a": [1, "x"], "b": null}',
};

/** Where the per-type sample makes no sense for a function: its arguments' text by position. */
const OVERRIDES: Readonly<Record<string, (args: readonly string[]) => Readonly<Record<number, string>>>> = {
  date_part: () => ({ 0: 'day' }),
  extract: () => ({ 0: 'day' }),
  date_trunc: () => ({ 0: 'day', 2: 'UTC' }),
  timezone: () => ({ 0: 'UTC' }),
  make_timestamptz: () => ({ 6: 'UTC' }),
  to_char: (a) => ({ 1: a[0] === 'interval' ? 'HH24:MI:SS' : a[0]!.startsWith('timestamp') ? 'YYYY-MM-DD HH24:MI:SS.MS TZ' : 'FM9990.99' }),
  to_date: () => ({ 0: '2021-03-04', 1: 'YYYY-MM-DD' }),
  to_timestamp: () => ({ 0: '2021-03-04 05:06', 1: 'YYYY-MM-DD HH24:MI' }),
  to_number: () => ({ 0: '12.5', 1: '99.9' }),
  current_setting: () => ({ 0: 'TimeZone' }),
  set_config: () => ({ 0: 'application_name', 1: 'x' }),
  normalize: () => ({ 1: 'NFC' }),
  is_normalized: () => ({ 1: 'NFC' }),
  format: () => ({ 0: '%s' }),
  split_part: () => ({ 0: 'a,b', 1: ',' }),
  string_to_array: () => ({ 0: 'a,b', 1: ',' }),
  string_to_table: () => ({ 0: 'a,b', 1: ',' }),
  pg_size_bytes: () => ({ 0: '1 kB' }),
  jsonb_set: () => ({ 1: '{a}' }),
  jsonb_set_lax: () => ({ 1: '{a}', 4: 'use_json_null' }),
  jsonb_insert: () => ({ 1: '{a,0}' }),
  jsonb_extract_path: () => ({ 1: 'a' }),
  jsonb_extract_path_text: () => ({ 1: 'a' }),
  json_extract_path: () => ({ 1: 'a' }),
  json_extract_path_text: () => ({ 1: 'a' }),
  json_object: () => ({ 0: '{a,1}' }),
  jsonb_object: () => ({ 0: '{a,1}' }),
  regexp_replace: () => ({ 2: 'b' }),
  pg_get_viewdef: () => ({ 0: 'pg_tables' }),
  to_ascii: () => ({}),
  quote_ident: () => ({ 0: 'A b' }),
  parse_ident: () => ({ 0: 'a.b' }),
  unistr: () => ({ 0: 'd\\0061t' }),
  similar_to_escape: () => ({ 0: 'a%' }),
  like_escape: () => ({ 0: 'a%' }),
};

/** A pg_type name as SQL spells it in a cast. */
function typeName(t: string): string {
  if (t.startsWith('_')) return `${typeName(t.slice(1))}[]`;
  return t === 'bool' ? 'boolean' : t === 'float8' ? 'double precision' : t === 'float4' ? 'real' : t;
}

/** The element sample of an array type's text form. */
function arrayText(element: string): string {
  const s = SAMPLE[element] ?? 'a';
  const q = (v: string): string => `"${v.replace(/(["\\])/g, '\\$1')}"`;
  return `{${q(s)},${q(s)}}`;
}

export interface Argument { readonly type: string; readonly text: string }

/** The concrete argument list of a signature (a VARIADIC parameter gets two values of its element type). */
export function argumentsOf(sig: PgSignature): Argument[] {
  // Hypothetical-set aggregates: rank(2) WITHIN GROUP (ORDER BY c1), one direct and one aggregated value.
  if (sig.aggKind === 'h') return [{ type: 'int4', text: '2' }, { type: 'int4', text: '2' }];
  const over = OVERRIDES[sig.name]?.(sig.args) ?? {};
  const out: Argument[] = [];
  sig.args.forEach((t0, i) => {
    let t = INSTANCE[t0] ?? t0;
    const variadic = i === sig.variadic;
    if (variadic && t.startsWith('_')) t = t.slice(1);
    const text = over[i] ?? (t.startsWith('_') ? arrayText(t.slice(1)) : (SAMPLE[t] ?? 'a'));
    out.push({ type: t, text });
    // json_build_object and concat_ws-like calls need a second value to mean something.
    if (variadic) out.push({ type: t0 === 'any' ? 'text' : t, text: t0 === 'any' ? 'b' : text });
  });
  return out;
}

/** A typed literal; a record is a row constructor (PostgreSQL cannot read an anonymous record's text). */
function literal(a: Argument, nulls: boolean): string {
  if (nulls) return `NULL::${typeName(a.type)}`;
  if (a.type === 'record') return "ROW(2, 'a'::text)";
  return `'${a.text.replace(/'/g, "''")}'::${typeName(a.type)}`;
}

/** The statement calling `sig` with its sample values, or typed NULLs when `nulls`. */
export function callSql(sig: PgSignature, nulls: boolean): string {
  const args = argumentsOf(sig);
  const values = args.map((a) => literal(a, nulls));
  if (sig.kind === 'operator') {
    const [l, r] = values.length === 1 ? [null, values[0]!] : [values[0]!, values[1]!];
    return `SELECT (${l === null ? '' : `${l} `}${sig.name} ${r}) AS v`;
  }
  const fn = `pg_catalog."${sig.name}"`;
  if (sig.kind === 'aggregate') {
    const direct = values.slice(0, sig.directArgs);
    const aggregated = args.slice(sig.directArgs);
    // Two rows of the same values, plus a row of NULLs when the call is not all NULLs already.
    const columns = aggregated.map((_, i) => `c${i + 1}`);
    const rows = [values.slice(sig.directArgs), values.slice(sig.directArgs)];
    if (!nulls) rows.push(aggregated.map((a) => literal(a, true)));
    const from = columns.length === 0
      ? '(VALUES (1), (2)) AS t(c)'
      : `(VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${columns.join(', ')})`;
    if (sig.aggKind === 'o' || sig.aggKind === 'h') {
      const order = columns.length === 0 ? '' : ` WITHIN GROUP (ORDER BY ${columns.join(', ')})`;
      return `SELECT ${fn}(${direct.join(', ')})${order} AS v FROM ${from}`;
    }
    if (columns.length === 0) return `SELECT ${fn}(*) AS v FROM ${from}`;
    return `SELECT ${fn}(${columns.join(', ')}) AS v FROM ${from}`;
  }
  const call = `${fn}(${values.join(', ')})`;
  if (sig.needsColumnList) return `SELECT * FROM ${call} AS x(a int, b text)`;
  if (sig.retset) return `SELECT * FROM ${call} AS v`;
  return `SELECT ${call} AS v`;
}
