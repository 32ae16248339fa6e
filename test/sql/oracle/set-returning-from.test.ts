/**
 * Set-returning functions in FROM over constant arguments against PostgreSQL: the jsonb family
 * and the json one (jsonb_/json_array_elements(_text), _each(_text), _object_keys: their rows, column names,
 * the errors on the wrong kind of value), regexp_matches and regexp_split_to_table (flags, no
 * match, the global flag), generate_series over numeric and over timestamps by steps with
 * months, WITH ORDINALITY and column alias lists. Same rows and column names, or the same
 * error. And generate_series/unnest as the right side of an inner or cross JOIN over the left
 * side's columns (PostgreSQL's implicit LATERAL), with an ON condition. And the function
 * library's set-returning functions (regexp_matches, jsonb_array_elements, ...) in the select
 * list, in lockstep with others and under a subscript, and in FROM over earlier items' columns.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';
import { statementOutcome } from './outcome.ts';

type Client = { query(q: object): Promise<{ fields: Array<{ name: string; dataTypeID: number }> }> };

/** The statement's outcome and, for a SELECT that succeeds, its result columns' names and type OIDs (running it again). */
async function outcome(c: unknown, sql: string): Promise<string> {
  const result = await statementOutcome(c, sql);
  if (result.startsWith('{') || !/^SELECT/i.test(sql)) return result;
  const { fields } = await (c as Client).query({ text: sql, rowMode: 'array' });
  return `${fields.map((f) => `${f.name}:${f.dataTypeID}`).join(',')} ${result}`;
}

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const QUERIES = [
  `SELECT * FROM jsonb_array_elements('[1, true, [2, false], null, "x", {"a": 1}]')`,
  `SELECT value FROM jsonb_array_elements('[]'::jsonb)`,
  `SELECT * FROM jsonb_array_elements('{"a": 1}')`,
  `SELECT * FROM jsonb_array_elements('7')`,
  `SELECT * FROM jsonb_array_elements(NULL)`,
  `SELECT * FROM jsonb_array_elements_text('["foo", 1.50, null, {"b": [1]}]')`,
  `SELECT * FROM jsonb_array_elements_text('"s"')`,
  `SELECT * FROM jsonb_object_keys('{"f1": "abc", "f2": {"f3": "a"}, "a": 1}')`,
  `SELECT k FROM jsonb_object_keys('{"x": 1}') AS k`,
  `SELECT * FROM jsonb_object_keys('[1]')`,
  `SELECT * FROM jsonb_object_keys('"s"')`,
  `SELECT * FROM jsonb_each('{"a": "foo", "b": null, "c": [1, 2]}')`,
  `SELECT key, value FROM jsonb_each('{"b": 2, "a": 1}') WITH ORDINALITY`,
  `SELECT * FROM jsonb_each('{"b": 2, "a": 1}') WITH ORDINALITY AS t (k, v, n)`,
  `SELECT * FROM jsonb_each('[]')`,
  `SELECT * FROM jsonb_each('null')`,
  `SELECT * FROM jsonb_each_text('{"a": "foo", "b": null, "c": {"d": true}}')`,
  `SELECT * FROM jsonb_each_text('1')`,
  `SELECT * FROM jsonb_each('{"a": 1}') AS t (x, y, z)`,
  `SELECT * FROM json_array_elements('[1, "a" ,  {"b" : [2, 3]}, null, true]')`,
  `SELECT * FROM json_array_elements_text('["x\\ty", 1.50, null, {"c":1}]')`,
  `SELECT * FROM json_array_elements('{"a": 1}')`,
  `SELECT * FROM json_array_elements_text('3')`,
  `SELECT * FROM json_object_keys('{"b": 1, "a": 2, "b": 3}')`,
  `SELECT * FROM json_object_keys('[]')`,
  `SELECT * FROM json_object_keys('"s"')`,
  `SELECT * FROM json_each('{"b": 1, "a": {"x" : null}, "b": "dup"}') WITH ORDINALITY`,
  `SELECT * FROM json_each_text('{"a": "foo", "b": null, "c": [1,2]}')`,
  `SELECT * FROM json_each('[1]')`,
  `SELECT * FROM json_each_text('null')`,
  `SELECT * FROM json_array_elements('[1,')`,
  `SELECT * FROM regexp_matches('foobarbequebaz', '(bar)(beque)')`,
  `SELECT * FROM regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g')`,
  `SELECT * FROM regexp_matches('abc', 'x')`,
  `SELECT * FROM regexp_matches('ABCabc', 'b', 'gi') AS m`,
  `SELECT * FROM regexp_matches('abc', 'b', 'z')`,
  `SELECT * FROM regexp_split_to_table('the quick  brown fox', '\\s+')`,
  `SELECT * FROM regexp_split_to_table('abc', '') WITH ORDINALITY`,
  `SELECT * FROM regexp_split_to_table('aXbxc', 'x', 'i')`,
  `SELECT * FROM regexp_split_to_table('a,b', ',', 'g')`,
  'SELECT * FROM generate_series(0.1::numeric, 2.1::numeric)',
  'SELECT * FROM generate_series(0.1, 2.1, 0.5)',
  'SELECT * FROM generate_series(3, 1.5, -0.25) AS g',
  'SELECT * FROM generate_series(1.0, 2, 0)',
  `SELECT * FROM generate_series('infinity'::numeric, 10)`,
  `SELECT * FROM generate_series(0, 'nan'::numeric)`,
  `SELECT * FROM generate_series(0, 1, 'infinity'::numeric)`,
  `SELECT * FROM generate_series('2024-01-31'::timestamp, '2024-06-01', interval '1 month')`,
  `SELECT * FROM generate_series('2024-01-31 10:00'::timestamp, '2023-11-01', '-1 month -1 hour')`,
  `SELECT * FROM generate_series('2024-02-27 00:00+00'::timestamptz, '2024-03-02 00:00+00', '1 day 12 hours') WITH ORDINALITY`,
  `SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-02', '0 days')`,
  `SELECT * FROM generate_series('2024-06-21 17:36:00', '2024-06-21 19:36:00', interval '1 hour')`,
  `SELECT * FROM generate_series(date '2024-01-01', date '2024-01-03', interval '1 day')`,
  `SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-02', '12 hours')`,
  `SELECT * FROM generate_series('2024-01-01 00:00+00'::timestamptz, '2024-01-02'::timestamp, '12 hours')`,
];

describe.skipIf(Boolean(pgdb.skipReason))('set-returning functions in FROM equal PostgreSQL', () => {
  it(`${QUERIES.length} queries give the same rows, names or errors`, async () => {
    const out: string[] = [];
    for (const sql of QUERIES) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
    }
    expect(out).toEqual([]);
  }, 60_000);
});

const JOINED = [
  'CREATE TABLE srf_t (id int PRIMARY KEY, arr int[], n int)',
  "INSERT INTO srf_t VALUES (1, '{11,111,1111}', 2), (2, '{22,222}', 0), (3, NULL, 3)",
  'SELECT * FROM srf_t CROSS JOIN unnest(arr)',
  'SELECT id, x FROM srf_t CROSS JOIN unnest(srf_t.arr) WITH ORDINALITY AS u (x, k) WHERE k > 1',
  'SELECT id, g FROM srf_t JOIN generate_series(1, n) AS g ON g <> id',
  'SELECT id, g FROM srf_t INNER JOIN generate_series(n, 3) AS g ON true ORDER BY id, g',
  'SELECT a.id, b.id, x FROM srf_t AS a, srf_t AS b CROSS JOIN unnest(ARRAY[a.n, b.n]) AS u (x) WHERE a.id < b.id',
  'DROP TABLE srf_t',
];

describe.skipIf(Boolean(pgdb.skipReason))('set-returning functions joined over columns equal PostgreSQL', () => {
  it(`${JOINED.length} statements give the same outcomes`, async () => {
    const out: string[] = [];
    for (const sql of JOINED) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
    }
    expect(out).toEqual([]);
  }, 60_000);
});

const LIBRARY = [
  "SELECT regexp_matches('foobarbequebaz', '(bar)(beque)')",
  "SELECT regexp_matches('abcabc', 'b(c)', 'g'), 1",
  "SELECT regexp_matches('abc', 'x')",
  "SELECT (regexp_matches('a1b22', '[0-9]+', 'g'))[1] AS digits",
  "SELECT jsonb_array_elements('[1, [2], null]'), generate_series(1, 4)",
  "SELECT jsonb_each('{\"a\": 1, \"b\": [2]}')",
  'CREATE TABLE srf_lib (id int PRIMARY KEY, j jsonb, s text)',
  `INSERT INTO srf_lib VALUES (1, '[1, "x"]', 'a,b'), (2, '{"k": true}', 'c'), (3, NULL, NULL)`,
  'SELECT id, jsonb_array_elements(j) FROM srf_lib WHERE id = 1 ORDER BY 1',
  'SELECT id, jsonb_object_keys(j) FROM srf_lib WHERE id = 2',
  "SELECT id, regexp_split_to_table(s, ',') AS part FROM srf_lib ORDER BY id, part",
  "SELECT id, x FROM srf_lib, regexp_split_to_table(s, ',') AS x ORDER BY id, x",
  "SELECT id, m FROM srf_lib CROSS JOIN regexp_matches(s, '[a-z]', 'g') AS m ORDER BY id, m",
  'SELECT id, e FROM (SELECT * FROM srf_lib WHERE id = 1) AS t, jsonb_array_elements_text(t.j) WITH ORDINALITY AS u (e, n) WHERE n = 2',
  'DROP TABLE srf_lib',
];

describe.skipIf(Boolean(pgdb.skipReason))("the function library's set-returning functions in the select list and over columns equal PostgreSQL", () => {
  it(`${LIBRARY.length} statements give the same outcomes`, async () => {
    const out: string[] = [];
    for (const sql of LIBRARY) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
    }
    expect(out).toEqual([]);
  }, 60_000);
});
