/**
 * CREATE VIEW with a column list against PostgreSQL: the list renames the query's first
 * columns (the rest keep their names), the new names are what queries, joins, star expansion
 * and information_schema see, and a list longer than the query or a name given twice fails as
 * in PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';
import { statementOutcome } from './outcome.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const STATEMENTS = [
  'CREATE TABLE vc_t (a int PRIMARY KEY, b text, c numeric)',
  "INSERT INTO vc_t VALUES (1, 'one', 1.5), (2, 'two', NULL), (3, 'three', 3)",
  'CREATE VIEW vc_all (x, y, z) AS SELECT a, b, c FROM vc_t',
  'SELECT * FROM vc_all ORDER BY x',
  'SELECT x + 1 AS x1, y FROM vc_all WHERE z IS NOT NULL ORDER BY x',
  'SELECT label FROM vc_all',
  'CREATE VIEW vc_some (k) AS SELECT a, b AS label FROM vc_t',
  'SELECT k, label FROM vc_some ORDER BY k',
  'SELECT v.k, w.y FROM vc_some AS v JOIN vc_all AS w ON v.k = w.x ORDER BY 1',
  'SELECT count(*), max(n) FROM vc_some AS s (n)',
  'CREATE VIEW vc_agg (grp, total) AS SELECT b IS NULL, sum(a) FROM vc_t GROUP BY 1',
  'SELECT grp, total FROM vc_agg',
  "SELECT column_name, ordinal_position FROM information_schema.columns WHERE table_name = 'vc_some' ORDER BY ordinal_position",
  'CREATE VIEW vc_long (p, q, r, s) AS SELECT a, b, c FROM vc_t',
  'CREATE VIEW vc_dup (p, p) AS SELECT a, b FROM vc_t',
  'CREATE VIEW vc_dup2 (p) AS SELECT a, b AS p FROM vc_t',
  'DROP VIEW vc_all',
  'DROP VIEW vc_some',
  'DROP VIEW vc_agg',
  'DROP TABLE vc_t',
];

describe.skipIf(Boolean(pgdb.skipReason))('CREATE VIEW with a column list equals PostgreSQL', () => {
  it(`${STATEMENTS.length} statements give the same outcomes`, async () => {
    const out: string[] = [];
    for (const sql of STATEMENTS) {
      const [mine, theirs] = [await statementOutcome(weir.client, sql), await statementOutcome(pgdb.server.client, sql)];
      if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
    }
    expect(out).toEqual([]);
  }, 60_000);
});
