/**
 * Result column types PostgreSQL resolves from several inputs, against PostgreSQL: each
 * statement's column types (OIDs as the wire sends them) and its rows or error must be the same.
 * - NULLIF(a, b): the type of the `=` operator's left input, so a's own type when a
 *   cross-type operator exists (integer = bigint) and the common type when not (numeric).
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
  // NULLIF.
  'SELECT nullif(i, l) FROM rt',
  'SELECT nullif(l, i) FROM rt',
  'SELECT nullif(s, i) FROM rt',
  'SELECT nullif(i, n) FROM rt',
  'SELECT nullif(n, 2) FROM rt',
  "SELECT nullif('1', i) FROM rt",
  "SELECT nullif(v, 'x'::text) FROM rt",
  'SELECT (SELECT nullif(1, count(*)) FROM rt r1) AS c FROM rt r2',
  'DROP TABLE rt',
];

/** A statement's outcome with its result's column types. */
async function typedOutcome(c: typeof weir.client, sql: string): Promise<string> {
  const types = await c.query(sql).then((r) => (r.fields ?? []).map((f) => f.dataTypeID).join(','), () => '');
  return `${types} ${await statementOutcome(c, sql)}`;
}

describe.skipIf(Boolean(pgdb.skipReason))('result types resolved from several inputs equal PostgreSQL', () => {
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
