/**
 * UPDATE and DELETE planned as queries over their table, and INSERT ... VALUES with
 * subqueries, against PostgreSQL: multi-column assignment `SET (a, b) = (x, y)` and
 * `= (SELECT x, y ...)`, scalar subqueries in SET and WHERE (correlated with the target row or
 * not), IN and EXISTS in WHERE, UPDATE ... FROM and DELETE ... USING, parameters; the same
 * statements in both, the same rows (RETURNING, then the tables), or the same error
 * (SQLSTATE, message, HINT). A materialized view over the tables follows every change.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';
import { statementOutcome } from './outcome.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

/** What a statement gives: its command, count and rows (sorted unless it orders them), or its error's fields. */
const outcome = (c: unknown, sql: string, values?: readonly unknown[]): Promise<string> => statementOutcome(c, sql, values);

/** Runs the statements (each with its parameters, if any) on both servers; the ones whose outcomes differ. */
async function mismatches(statements: ReadonlyArray<string | readonly [string, readonly unknown[]]>): Promise<string[]> {
  const out: string[] = [];
  for (const s of statements) {
    const [sql, values] = typeof s === 'string' ? [s, undefined] : s;
    const [mine, theirs] = [await outcome(weir.client, sql, values), await outcome(pgdb.server.client, sql, values)];
    if (mine !== theirs) out.push(`${sql}\n  Weir:       ${mine}\n  PostgreSQL: ${theirs}`);
  }
  return out;
}

/** Runs statements on both servers without comparing (set-up, CREATE MATERIALIZED VIEW). */
async function both(...statements: string[]): Promise<void> {
  for (const sql of statements) {
    await pgdb.server.client.query(sql);
    await weir.client.query(sql);
  }
}

describe.skipIf(Boolean(pgdb.skipReason))('UPDATE, DELETE and INSERT with subqueries, against PostgreSQL', () => {
  it('SET (a, b) = (x, y) and = (SELECT x, y ...), with PostgreSQL errors', async () => {
    await both(
      'CREATE TABLE m (id int PRIMARY KEY, a int, b text, c varchar(3) DEFAULT \'dft\')',
      'CREATE TABLE src (id int, x int, y text)',
      "INSERT INTO m VALUES (1, 0, 'a', 'x'), (2, 0, 'b', 'y'), (3, 0, 'c', 'z')",
      "INSERT INTO src VALUES (1, 10, 'p'), (1, 11, 'q'), (2, 20, 'r')",
    );
    expect(await mismatches([
      "UPDATE m SET (a, b) = (5, 'five') WHERE id = 1 RETURNING *",
      "UPDATE m SET (a, b) = ROW(6, 'six'), c = 'q' WHERE id = 1 RETURNING *",
      "UPDATE m SET (b, a) = (SELECT y, x FROM src WHERE src.id = m.id AND x > 10) RETURNING *",
      'UPDATE m SET (a, b) = (SELECT x, y FROM src WHERE src.id = m.id)',
      'UPDATE m SET (a, b) = (SELECT x FROM src LIMIT 1)',
      'UPDATE m SET (a, b) = (1, 2, 3)',
      'UPDATE m SET (a, b) = 1',
      'UPDATE m SET a = 1, a = 2',
      'UPDATE m SET (a, nope) = (1, 2)',
      "UPDATE m SET (a, c) = (DEFAULT, DEFAULT) WHERE id = 3 RETURNING *",
      "UPDATE m SET (a, c) = (SELECT x, 'long' FROM src WHERE x = 20) WHERE id = 2",
      "UPDATE m SET (a, c) = (SELECT x, 'ok' FROM src WHERE x = 20) WHERE id = 2 RETURNING *",
      'UPDATE m SET (a, b) = (SELECT * FROM (VALUES (7, \'v\')) v(p, q)) WHERE id = 3 RETURNING *',
      'SELECT * FROM m ORDER BY id',
    ])).toEqual([]);
  });

  it('scalar subqueries, IN and EXISTS in SET and WHERE, correlated or not; the table read as the statement began', async () => {
    await both(
      'CREATE TABLE s (id int PRIMARY KEY, a int, b text)',
      'CREATE TABLE o (id int, x int, y text)',
      "INSERT INTO s VALUES (1, 0, 'a'), (2, 0, 'b'), (3, 0, 'c'), (4, 0, 'd')",
      "INSERT INTO o VALUES (1, 10, 'p'), (1, 11, 'q'), (2, 20, 'r'), (5, 50, 's')",
      'CREATE TABLE dup (x int, y int)',
      'INSERT INTO dup VALUES (1, 1), (1, 1), (2, 2), (NULL, 3)',
    );
    await weir.client.query('CREATE MATERIALIZED VIEW s_sum AS SELECT count(*) AS n, sum(a) AS a FROM s');
    expect(await mismatches([
      'UPDATE s SET a = (SELECT max(x) FROM o) WHERE id = 4 RETURNING *',
      'UPDATE s SET a = (SELECT max(x) FROM o WHERE o.id = s.id) RETURNING *',
      'UPDATE s SET a = (SELECT x FROM o WHERE o.id = s.id)',
      "UPDATE s SET b = b || (SELECT count(*) FROM o WHERE o.id <= s.id) WHERE id IN (SELECT id FROM o WHERE y <> 's') RETURNING id, b",
      'UPDATE s SET a = a + 100 WHERE EXISTS (SELECT 1 FROM o WHERE o.id = s.id AND o.y = \'r\') RETURNING id, a',
      'UPDATE s SET a = -a WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.id = s.id) OR id = 1 RETURNING id, a',
      'UPDATE s SET a = (SELECT sum(a) FROM s) RETURNING id, a',
      'UPDATE s x SET a = (SELECT count(*) FROM o WHERE o.id = x.id) WHERE x.a > (SELECT min(a) FROM s) RETURNING id, a',
      "UPDATE s SET a = (SELECT 'x')",
      "UPDATE s SET b = (SELECT y FROM o WHERE x = 50) WHERE id = (SELECT min(id) FROM o) RETURNING *",
      'UPDATE s SET a = 1 WHERE id = (SELECT id FROM o)',
      'UPDATE dup SET y = (SELECT count(*) FROM dup d2 WHERE d2.x = dup.x) RETURNING *',
      'UPDATE dup SET y = y * 10 WHERE x IN (SELECT x FROM dup WHERE y > 1) RETURNING *',
      'SELECT * FROM dup ORDER BY x, y',
      [`UPDATE s SET b = $1 WHERE id IN (SELECT id FROM o WHERE x > $2) RETURNING id, b`, ['param', 15]],
      [`UPDATE s AS x SET a = $1::int + (SELECT count(*) FROM o) WHERE x.id = $2 RETURNING x.id, x.a, upper(x.b) AS up`, [1, 3]],
      'SELECT * FROM s ORDER BY id',
      'DELETE FROM s WHERE id IN (SELECT id FROM o WHERE x = 20) RETURNING *',
      'DELETE FROM s WHERE a < (SELECT count(*) FROM o) RETURNING *',
      'DELETE FROM dup WHERE x = (SELECT min(x) FROM dup) RETURNING *',
      'DELETE FROM dup WHERE EXISTS (SELECT 1 FROM o WHERE o.id = dup.x) RETURNING *',
      'SELECT * FROM s ORDER BY id',
      'SELECT * FROM dup ORDER BY x, y',
    ])).toEqual([]);
    await weir.client.query('FLUSH');
    expect(await outcome(weir.client, 'SELECT * FROM s_sum')).toBe(await outcome(pgdb.server.client, 'SELECT count(*) AS n, sum(a) AS a FROM s'));
  });

  it('UPDATE ... FROM and DELETE ... USING, with subqueries beside the join', async () => {
    await both(
      'CREATE TABLE acct2 (id int PRIMARY KEY, owner text, balance int)',
      'CREATE TABLE moves2 (acct int, amount int, note text)',
      "INSERT INTO acct2 VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cid', 30)",
      "INSERT INTO moves2 VALUES (1, 5, 'a'), (2, -3, 'b'), (9, 1, 'c'), (2, 4, 'd')",
    );
    expect(await mismatches([
      'UPDATE acct2 SET balance = acct2.balance + (SELECT sum(amount) FROM moves2 WHERE acct = acct2.id) FROM moves2 m WHERE m.acct = acct2.id AND m.amount > 0 RETURNING acct2.*',
      'UPDATE acct2 a SET (owner, balance) = (SELECT upper(a.owner), a.balance * 2) FROM moves2 m WHERE m.acct = a.id AND m.note = \'a\' RETURNING a.*',
      "UPDATE acct2 SET owner = m.note FROM moves2 m WHERE m.acct = acct2.id AND m.acct IN (SELECT acct FROM moves2 WHERE amount < 0) AND m.note = 'd' RETURNING acct2.id, owner",
      'DELETE FROM acct2 USING moves2 WHERE moves2.acct = acct2.id AND moves2.amount = (SELECT max(amount) FROM moves2) RETURNING acct2.*',
      'SELECT * FROM acct2 ORDER BY id',
    ])).toEqual([]);
  });

  it('INSERT ... VALUES with subqueries, assigned to the columns as PostgreSQL assigns them', async () => {
    await both(
      'CREATE TABLE iv (id int PRIMARY KEY, n int, t varchar(3) DEFAULT \'d\')',
      'CREATE TABLE iv_src (v int)',
      'INSERT INTO iv_src VALUES (1), (2), (3)',
    );
    expect(await mismatches([
      "INSERT INTO iv VALUES ((SELECT max(v) FROM iv_src) + 10, (SELECT count(*) FROM iv_src), 'a') RETURNING *",
      'INSERT INTO iv (id, n) VALUES ((SELECT 30), 1), (31, (SELECT min(v) FROM iv_src)), (32, DEFAULT) RETURNING *',
      'INSERT INTO iv VALUES ((SELECT max(id) + 1 FROM iv), (SELECT max(id) FROM iv), DEFAULT) RETURNING *',
      'INSERT INTO iv VALUES (40, (SELECT v FROM iv_src))',
      "INSERT INTO iv (id, t) VALUES (41, (SELECT 'toolong'))",
      "INSERT INTO iv (id, n) VALUES (42, (SELECT 'x'))",
      "INSERT INTO iv (id, n) VALUES (43, 'x' || '')",
      'INSERT INTO iv (id, n) VALUES (44, true)',
      'INSERT INTO iv (id, n) VALUES ((SELECT 30), 1)',
      [`INSERT INTO iv VALUES ($1, (SELECT sum(v) FROM iv_src WHERE v > $2), $3) RETURNING *`, [50, 1, 'ab']],
      [`INSERT INTO iv (id, n) VALUES ($1, $2) RETURNING id + 1 AS next, t`, [51, 5]],
      [`DELETE FROM iv WHERE id = $1 RETURNING *`, [51]],
      'SELECT * FROM iv ORDER BY id',
    ])).toEqual([]);
  });

  it('ON CONFLICT DO UPDATE SET (a, b) = (...) and DEFAULT', async () => {
    await both("CREATE TABLE oc (k int PRIMARY KEY, a int, b text DEFAULT 'dflt')", "INSERT INTO oc VALUES (1, 1, 'one')");
    expect(await mismatches([
      "INSERT INTO oc VALUES (1, 10, 'ten') ON CONFLICT (k) DO UPDATE SET (a, b) = (excluded.a + oc.a, excluded.b) RETURNING *",
      "INSERT INTO oc VALUES (1, 20, 'x') ON CONFLICT (k) DO UPDATE SET (a, b) = ROW(oc.a * 2, DEFAULT) RETURNING *",
      "INSERT INTO oc VALUES (1, 20, 'x') ON CONFLICT (k) DO UPDATE SET (a, b) = (1, 2, 3)",
      "INSERT INTO oc VALUES (1, 20, 'x') ON CONFLICT (k) DO UPDATE SET a = 'x' || ''",
      'SELECT * FROM oc ORDER BY k',
    ])).toEqual([]);
  });

  it('a plain UPDATE and DELETE (no subquery) bind the catalog\'s functions as a SELECT does', async () => {
    await both('CREATE FUNCTION plus1(x int) RETURNS int RETURN x + 1', 'CREATE TABLE pf (id int, a int)', 'INSERT INTO pf VALUES (1, 1), (2, 2)');
    expect(await mismatches([
      'UPDATE pf SET a = plus1(a) WHERE plus1(id) = 2 RETURNING *',
      'DELETE FROM pf WHERE plus1(a) = 3 RETURNING *',
      "UPDATE pf SET a = 0 WHERE 'pf'::regclass::text = 'pf' RETURNING *",
      'SELECT * FROM pf ORDER BY id',
    ])).toEqual([]);
  });
});
