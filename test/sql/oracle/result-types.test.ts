/**
 * Result column types PostgreSQL resolves from several inputs, against PostgreSQL: each
 * statement's column types (OIDs as the wire sends them) and its rows or error must be the same.
 * - set operations: select_common_type pairwise up the tree, where a branch's untyped
 *   literals ('a', NULL) are unknown and take the other branch's type (varchar stays varchar,
 *   '1' UNION 2 is integer), unless the branch sorts or groups on them (then they are text);
 * - NULLIF(a, b): the type of the `=` operator's left input, so a's own type when a
 *   cross-type operator exists (integer = bigint) and the common type when not (numeric, or
 *   double precision for integer and real);
 * - column names of items without AS (FigureColname): strong names (columns, functions, NULLIF,
 *   ROW, GROUPING, a scalar subquery's column) beat a cast's type name and CASE, and CASE takes
 *   its ELSE branch's strong name.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { statementOutcome } from './outcome.ts';
import { useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const STATEMENTS = [
  'CREATE TABLE rt (v varchar(5), i int, l bigint, n numeric(5,2), s smallint)',
  "INSERT INTO rt VALUES ('x', 1, 1, 1.5, 1), (NULL, 2, 3, 2, NULL), ('yy', NULL, 2, NULL, 2)",
  // Set operations.
  "SELECT 'a' AS c FROM rt UNION SELECT v FROM rt",
  'SELECT v FROM rt UNION ALL SELECT NULL',
  "SELECT v FROM rt INTERSECT SELECT 'x'",
  "SELECT v FROM rt UNION ALL SELECT v FROM rt UNION SELECT 'zz'",
  'SELECT NULL UNION SELECT i FROM rt',
  "SELECT '1' UNION SELECT i FROM rt",
  "SELECT i FROM rt EXCEPT SELECT '1'",
  "SELECT 'a' UNION SELECT 'b'",
  'SELECT NULL UNION SELECT NULL UNION SELECT 1',
  "SELECT DISTINCT 'a' UNION SELECT v FROM rt",
  "SELECT 'a' AS c, 1 AS d FROM rt GROUP BY 1 UNION SELECT v, 2 FROM rt",
  "SELECT 'a' AS c, count(*) AS d FROM rt GROUP BY i UNION SELECT v, 2 FROM rt",
  "SELECT 'a'::varchar UNION SELECT 'b'::text",
  "SELECT 'x' UNION SELECT true",
  "SELECT 't' UNION SELECT true",
  "SELECT 'a' UNION ALL SELECT 1",
  // NULLIF.
  'SELECT nullif(i, l) FROM rt',
  'SELECT nullif(l, i) FROM rt',
  'SELECT nullif(s, i) FROM rt',
  'SELECT nullif(i, n) FROM rt',
  'SELECT nullif(n, 2) FROM rt',
  "SELECT nullif('1', i) FROM rt",
  "SELECT nullif(v, 'x'::text) FROM rt",
  'SELECT (SELECT nullif(1, count(*)) FROM rt r1) AS c FROM rt r2',
  'SELECT nullif(i, 2::real), nullif(2::real, i), nullif(-88, -CAST(87 AS real)) / -10 FROM rt',
  'SELECT nullif(n, 1.5::float8), nullif(s, 1::real) FROM rt',
  // Column names.
  'SELECT CASE WHEN i > 1 THEN 1 ELSE i END, CASE WHEN i > 1 THEN 1 ELSE 2 END::int, CASE WHEN true THEN i END FROM rt',
  'SELECT (SELECT 1)::int, (SELECT i)::bigint, (SELECT 1 AS z)::text, i::text, 1::int, nullif(i, 2)::text FROM rt',
  'SELECT row(i, l), grouping(i), v COLLATE "C", (ARRAY[i])[1], -i, i + 1 FROM rt GROUP BY i, l, v',
  'DROP TABLE rt',
];

/** A statement's outcome with its result's column names and types. */
async function typedOutcome(c: typeof weir.client, sql: string): Promise<string> {
  const types = await c.query(sql).then((r) => (r.fields ?? []).map((f) => `${f.name}:${f.dataTypeID}`).join(','), () => '');
  return `${types} ${await statementOutcome(c, sql)}`;
}

describe.skipIf(Boolean(pgdb.skipReason))('result types resolved from several inputs, and column names, equal PostgreSQL', () => {
  it(`${STATEMENTS.length} statements give the same types and outcomes`, async () => {
    const out: string[] = [];
    for (const sql of STATEMENTS) {
      const read = sql.startsWith('SELECT');
      const mine = read ? await typedOutcome(weir.client, sql) : await statementOutcome(weir.client, sql);
      const theirs = read ? await typedOutcome(pgdb.server.client, sql) : await statementOutcome(pgdb.server.client, sql);
      if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
    }
    expect(out).toEqual([]);
  }, 60_000);
});
