/**
 * The array functions whose types follow their arguments (binder/bind-array.ts) and
 * parse_ident, through SQL against PostgreSQL: array_dims, array_fill, array_positions,
 * array_replace, trim_array, width_bucket over a thresholds array. Each expression runs in
 * both; the text PostgreSQL prints (or its SQLSTATE) must be what Weir prints.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { textOutcome as outcome, useWeir } from '../oracle/weir-server.ts';

const pg = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const ARRAYS = ["'{1,2,3,2,NULL,2}'::int[]", "'{}'::int[]", "'{NULL}'::int[]", "ARRAY['a','b','a']", "'{1.5,2.50,NULL}'::numeric[]", "ARRAY[date '2024-01-01', NULL]"];

const EXPRESSIONS = [
  ...ARRAYS.map((a) => `array_dims(${a})`),
  ...ARRAYS.flatMap((a) => [0, 1, 2, 3, 6, 7, -1].map((n) => `trim_array(${a}, ${n})`)),
  "array_positions('{1,2,3,2,NULL,2}'::int[], 2)", "array_positions('{1,2,3,2,NULL,2}'::int[], NULL)", "array_positions('{}'::int[], 1)", "array_positions(ARRAY['a','b','a'], 'a')",
  "array_positions(NULL::int[], 1)", "array_positions('{1,2}'::int[], 9)", "array_positions(ARRAY[1.0, 1.00], 1)",
  "array_replace('{1,2,3,2,NULL,2}'::int[], 2, 9)", "array_replace('{1,2,NULL}'::int[], NULL, 0)", "array_replace('{1,2}'::int[], 1, NULL)", "array_replace(ARRAY['a','b'], 'b', 'c')",
  "array_replace(NULL::int[], 1, 2)", "array_replace('{}'::text[], 'a', 'b')",
  "array_fill(7, '{3}')", "array_fill(7, '{0}')", "array_fill(7, '{}')", "array_fill(7, '{3}', '{1}')", "array_fill('x'::text, ARRAY[2])", "array_fill(NULL::int, '{2}')",
  "array_fill(7, NULL)", "array_fill(7, '{3}', NULL)", "array_fill(7, '{null}')", "array_fill(7, '{2}', '{}')", "array_fill('a', '{2}')", "array_fill(1.5, ARRAY[1])",
  "width_bucket(5, '{1,4,6}'::int[])", "width_bucket(0, '{1,4,6}'::int[])", "width_bucket(6, '{1,4,6}'::int[])", "width_bucket(4, ARRAY[1,4,4,6])",
  "width_bucket(5.5, '{1,4,6}'::int[])", "width_bucket(now(), ARRAY[now() - interval '1 day', now() + interval '1 day'])", "width_bucket('b'::text, ARRAY['a','c'])",
  "width_bucket(2, '{}'::int[])", "width_bucket(2, '{1,NULL}'::int[])", "width_bucket('NaN'::float8, ARRAY[1, 'NaN'::float8])", "width_bucket(1::float8, ARRAY[0, 'NaN'::float8, 2])",
  "width_bucket(NULL::int, '{1}'::int[])",
  ...['a.b', '"SomeSchema".someTable', '  a . "b c"  ', 'A."B"."C"', 'a.', '.a', 'a b', '"a', '""', 'a$1.b_2', 'x."y""z"', 'é.Ü', '1a', 'a..b', '"a"x', ''].flatMap((s) => [
    `parse_ident('${s}')`, `parse_ident('${s}', false)`,
  ]),
];

describe.skipIf(pg.skipReason)('array functions match PostgreSQL', () => {
  it(`${EXPRESSIONS.length} expressions print and fail as in PostgreSQL`, async () => {
    const mismatches: string[] = [];
    for (const e of EXPRESSIONS) {
      const sql = `SELECT ${e}`;
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pg.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('in a view through changes', async () => {
    const both = async (sql: string): Promise<void> => {
      await weir.client.query(sql);
      await pg.server.client.query(sql);
    };
    await both('CREATE TABLE th (id int PRIMARY KEY, v int, bounds int[], tags text[])');
    const q = "SELECT id, width_bucket(v, bounds) AS b, array_positions(tags, 'x') AS xs, array_replace(tags, 'x', 'y') AS r, trim_array(bounds, 1) AS t, array_dims(tags) AS d FROM th";
    await weir.client.query(`CREATE MATERIALIZED VIEW thv AS ${q}`);
    await both("INSERT INTO th VALUES (1, 5, '{1,4,6}', '{x,a,x}'), (2, 0, '{1}', '{}'), (3, NULL, '{2,3}', NULL)");
    const sorted = async (c: unknown, sql: string): Promise<string[]> => (JSON.parse(await outcome(c, sql)) as unknown[]).map((r) => JSON.stringify(r)).sort();
    const check = async (): Promise<void> => {
      await weir.client.query('FLUSH');
      expect(await sorted(weir.client, 'SELECT * FROM thv')).toEqual(await sorted(pg.server.client, q));
    };
    await check();
    await both("UPDATE th SET v = 9, tags = tags || 'x'::text WHERE id < 3");
    await both('DELETE FROM th WHERE id = 3');
    await check();
  });
});
