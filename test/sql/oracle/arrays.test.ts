/**
 * Arrays against PostgreSQL: constructors, text input and output (quoting, NULL elements),
 * subscripts and slices, comparisons, ANY/ALL, ||, containment, the array functions, array
 * columns in tables and views kept through changes. Each expression runs in both; the text
 * PostgreSQL prints (or its SQLSTATE) must be what Weir prints.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { textOutcome as outcome, useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const LITERALS = [
  "ARRAY[1, 2, 3]",
  "ARRAY[1, NULL, 3]",
  "ARRAY['a', 'b c', '', 'NULL', 'null', 'x\"y', 'back\\slash', '{brace}', 'com,ma', ' lead']",
  "ARRAY[1.5, 2, -0.25]",
  "ARRAY[true, false, NULL]",
  "ARRAY[date '2024-03-01', NULL]",
  "ARRAY[timestamp '2024-03-01 12:00:00', timestamp '1999-12-31 23:59:59.5']",
  "ARRAY[interval '1 day', interval '2 hours']",
  "'{1,2,3}'::int[]",
  "'{ 1 , 2 }'::bigint[]",
  "'{\"a b\",c,NULL,\"NULL\"}'::text[]",
  "'{}'::text[]",
  "'{a,\"b\\\\\"c\"}'::varchar[]",
  "ARRAY[]::int[]",
  "'{1.10,2.5}'::numeric(4,1)[]",
  "ARRAY[1, 2]::text[]",
  "ARRAY['1', '22']::int[]",
];

const EXPRESSIONS = [
  ...LITERALS,
  ...LITERALS.map((l) => `(${l})::text`),
  ...LITERALS.map((l) => `cardinality(${l})`),
  ...LITERALS.map((l) => `array_length(${l}, 1)`),
  ...LITERALS.map((l) => `(${l})[1]`),
  ...LITERALS.map((l) => `(${l})[2:3]`),
  ...LITERALS.map((l) => `array_to_string(${l}, '|', '~')`),
  '(ARRAY[1,2,3])[0]', '(ARRAY[1,2,3])[4]', '(ARRAY[1,2,3])[NULL]', '(ARRAY[1,2,3])[:2]', '(ARRAY[1,2,3])[2:]', '(ARRAY[1,2,3])[3:1]',
  'ARRAY[1,2] = ARRAY[1,2]', 'ARRAY[1,2] < ARRAY[1,3]', 'ARRAY[1,2] < ARRAY[1,2,0]', 'ARRAY[1,NULL] = ARRAY[1,NULL]', 'ARRAY[2] > ARRAY[1,9]',
  '2 = ANY(ARRAY[1,2])', '3 = ANY(ARRAY[1,NULL])', '1 = ANY(ARRAY[1,NULL])', '1 < ALL(ARRAY[2,3])', '1 < ALL(ARRAY[2,NULL])', '5 <> ALL(ARRAY[]::int[])',
  "'b' = ANY('{a,b}'::text[])", "2 = ANY('{1,2,3}')", 'NULL::int = ANY(ARRAY[1])',
  'ARRAY[1,2] || 3', '0 || ARRAY[1,2]', 'ARRAY[1] || ARRAY[2,3]', "ARRAY['a'] || 'b'::text", 'ARRAY[1,2] || NULL::int',
  'ARRAY[1,2,3] @> ARRAY[3,1]', 'ARRAY[1,2,3] @> ARRAY[4]', 'ARRAY[1] <@ ARRAY[1,2]', 'ARRAY[1,2] && ARRAY[2,5]', 'ARRAY[1,NULL] @> ARRAY[NULL::int]',
  'array_append(ARRAY[1,2], 3)', 'array_prepend(0, ARRAY[1])', 'array_cat(ARRAY[1], ARRAY[2])', 'array_position(ARRAY[5,6,7], 6)', 'array_position(ARRAY[5,6,5], 5, 2)',
  'array_position(ARRAY[1,NULL], NULL)', 'array_remove(ARRAY[1,2,1,NULL], 1)', 'array_remove(ARRAY[1,NULL], NULL)', 'array_lower(ARRAY[1,2], 1)', 'array_upper(ARRAY[1,2], 1)',
  'array_length(ARRAY[]::int[], 1)', 'array_length(ARRAY[1], 2)', 'array_ndims(ARRAY[1,2])',
  "string_to_array('a,b,,c', ',')", "string_to_array('a,b,,c', ',', '')", "string_to_array('', ',')", "string_to_array('abc', NULL)", "string_to_array('a b', '')",
  "regexp_match('foo=bar', '(\\w+)=(\\w+)')", "regexp_match('abc', 'x')", "regexp_match('ABC', 'b', 'i')", "regexp_match('abc', 'b')", "(regexp_match('a&channel_id=7&x', '(&|^)channel_id=([^&]*)'))[2]",
  "regexp_split_to_array('a1b22c', '[0-9]+')", "regexp_split_to_array('abc', '')", "regexp_split_to_array('a,b', ',')",
  'ARRAY[1, 2.5]', "ARRAY['x', NULL]", 'ARRAY[NULL, NULL]', 'ARRAY[]', "'{1,2'::int[]", "'{{1,2}}'::int[]", "'1,2'::int[]", "'{a}'::int[]",
];

describe.skipIf(Boolean(pgdb.skipReason))('arrays equal PostgreSQL', () => {
  it(`${EXPRESSIONS.length} expressions print and fail as in PostgreSQL`, async () => {
    const mismatches: string[] = [];
    let values = 0;
    for (const e of EXPRESSIONS) {
      const sql = `SELECT ${e}`;
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      // Weir refuses multidimensional arrays outright (0A000); PostgreSQL reads them.
      if (e.includes('{{') && mine === 'error 0A000') continue;
      if (process.env.SHOW_ARRAYS) console.log(sql, mine);
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
      else if (!mine.startsWith('error')) values++;
    }
    expect(mismatches).toEqual([]);
    // Most expressions have a value (the rest check errors): the comparison is not vacuous.
    expect(values).toBeGreaterThan(EXPRESSIONS.length - 15);
  });

  it('keeps array columns in tables and views through changes', async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE docs (id int PRIMARY KEY, tags text[], scores int[])');
    const q = "SELECT id, cardinality(tags) AS n, tags[1] AS first, array_to_string(tags, '+') AS joined, scores || id AS more, 'b' = ANY(tags) AS has_b FROM docs WHERE scores IS NOT NULL";
    const agg = "SELECT tags[1] AS first, count(*) AS n, sum(scores[1]) AS s FROM docs GROUP BY tags[1]";
    await weir.client.query(`CREATE MATERIALIZED VIEW dv AS ${q}`);
    await weir.client.query(`CREATE MATERIALIZED VIEW da AS ${agg}`);
    await both("INSERT INTO docs VALUES (1, ARRAY['a','b'], ARRAY[3,4]), (2, '{b,\"c d\"}', '{7}'), (3, '{}', NULL), (4, ARRAY[NULL,'a'], '{1,NULL}')");
    const check = async () => {
      await weir.client.query('FLUSH');
      const sorted = async (c: unknown, sql: string) => (JSON.parse(await outcome(c, sql)) as unknown[]).map((r) => JSON.stringify(r)).sort();
      expect(await sorted(weir.client, 'SELECT * FROM dv')).toEqual(await sorted(pgdb.server.client, q));
      expect(await sorted(weir.client, 'SELECT * FROM da')).toEqual(await sorted(pgdb.server.client, agg));
      expect(await sorted(weir.client, 'SELECT * FROM docs')).toEqual(await sorted(pgdb.server.client, 'SELECT * FROM docs'));
    };
    await check();
    await both("UPDATE docs SET tags = tags || 'z'::text, scores = scores || 9 WHERE id <= 2");
    await both('DELETE FROM docs WHERE id = 4');
    await check();
  });

  it('unnests arrays in the select list, in FROM (also over earlier FROM items), with ordinality, and in correlated subqueries', async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE bags (id int PRIMARY KEY, items text[], qty int[])');
    const queries = [
      'SELECT id, unnest(items) AS item FROM bags',
      'SELECT b.id, u.item, u.pos FROM bags b, unnest(b.items) WITH ORDINALITY AS u(item, pos)',
      'SELECT item, count(*) AS n FROM bags, unnest(items) AS item GROUP BY item',
      'SELECT id, (SELECT sum(q) FROM unnest(qty) AS q) AS total, (SELECT count(*) FROM (SELECT unnest(items) AS i) AS x WHERE i > \'b\') AS after_b FROM bags',
      "SELECT * FROM unnest(ARRAY['x', 'y', NULL]) WITH ORDINALITY",
      'SELECT id, generate_series(1, cardinality(qty)) AS k FROM bags',
    ];
    for (const [i, q] of queries.entries()) await weir.client.query(`CREATE MATERIALIZED VIEW u${i} AS ${q}`);
    await both("INSERT INTO bags VALUES (1, ARRAY['a','b','c'], ARRAY[1,2,3]), (2, '{b}', '{5}'), (3, '{}', '{}'), (4, NULL, NULL), (5, '{c,NULL,a}', '{NULL,4}')");
    const sorted = async (c: unknown, sql: string) => (JSON.parse(await outcome(c, sql)) as unknown[]).map((r) => JSON.stringify(r)).sort();
    const check = async () => {
      await weir.client.query('FLUSH');
      for (const [i, q] of queries.entries()) {
        const want = await sorted(pgdb.server.client, q);
        expect(await sorted(weir.client, `SELECT * FROM u${i}`), q).toEqual(want);
        expect(await sorted(weir.client, q), q).toEqual(want);
      }
    };
    await check();
    await both("UPDATE bags SET items = items || 'd'::text, qty = qty || 10 WHERE id IN (2, 3)");
    await both('DELETE FROM bags WHERE id = 1');
    await check();
  });

  it('keeps array_agg/string_agg with ORDER BY and ARRAY(subquery) exact through changes', async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE owners (id int PRIMARY KEY, name text)');
    await both('CREATE TABLE pets (id int PRIMARY KEY, owner int, name text, age int)');
    const queries = [
      'SELECT owner, array_agg(name ORDER BY age DESC NULLS LAST, id) AS names, string_agg(name, \', \' ORDER BY name) AS listed, array_agg(age ORDER BY id) AS ages FROM pets GROUP BY owner',
      'SELECT o.name, ARRAY(SELECT p.name FROM pets p WHERE p.owner = o.id ORDER BY p.id) AS pets FROM owners o',
      'SELECT o.id, cardinality(ARRAY(SELECT p.age FROM pets p WHERE p.owner = o.id AND p.age > 2)) AS older FROM owners o',
      'SELECT ARRAY(SELECT name FROM owners ORDER BY name DESC) AS all_owners',
      'SELECT array_agg(DISTINCT owner) IS NOT NULL AS any FROM pets',
      'SELECT owner, jsonb_agg(age ORDER BY id DESC) AS ages, jsonb_agg(name ORDER BY name) AS names FROM pets GROUP BY owner',
    ];
    for (const [i, q] of queries.entries()) await weir.client.query(`CREATE MATERIALIZED VIEW a${i} AS ${q}`);
    await both("INSERT INTO owners VALUES (1, 'ann'), (2, 'bob'), (3, 'cid')");
    await both("INSERT INTO pets VALUES (1, 1, 'rex', 3), (2, 1, 'tom', NULL), (3, 2, 'kit', 1), (4, 1, 'ace', 3), (5, 2, 'zed', 7), (6, NULL, 'lost', 2)");
    const sorted = async (c: unknown, sql: string) => (JSON.parse(await outcome(c, sql)) as unknown[]).map((r) => JSON.stringify(r)).sort();
    const check = async () => {
      await weir.client.query('FLUSH');
      for (const [i, q] of queries.entries()) {
        const want = await sorted(pgdb.server.client, q);
        expect(await sorted(weir.client, `SELECT * FROM a${i}`), q).toEqual(want);
        expect(await sorted(weir.client, q), q).toEqual(want);
      }
    };
    await check();
    await both("UPDATE pets SET age = 9, owner = 3 WHERE id = 1");
    await both("DELETE FROM pets WHERE id IN (3, 5)");
    await both("INSERT INTO pets VALUES (7, 2, 'amy', 4)");
    await both("UPDATE owners SET name = 'zoe' WHERE id = 2");
    await check();
  });
});
