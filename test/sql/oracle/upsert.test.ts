/**
 * INSERT ... ON CONFLICT against PostgreSQL: the same statements in both, the same row
 * counts, RETURNING rows, errors and final table; and a view over the table follows.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

async function outcome(c: unknown, sql: string): Promise<string> {
  try {
    const r = await (c as { query(q: object): Promise<{ rows: unknown[][]; rowCount: number }> }).query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    return JSON.stringify([r.rowCount, r.rows.map((x) => JSON.stringify(x)).sort()]);
  } catch (e) {
    return `error ${(e as { code?: string }).code}`;
  }
}

describe.skipIf(Boolean(pgdb.skipReason))('INSERT ... ON CONFLICT equals PostgreSQL', () => {
  it('does nothing or updates, with excluded.*, WHERE, RETURNING and errors', async () => {
    const statements = [
      'CREATE TABLE kv (k int PRIMARY KEY, v text, n int NOT NULL DEFAULT 0)',
      "INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 1)",
      "INSERT INTO kv VALUES (1, 'x', 5), (3, 'c', 1) ON CONFLICT DO NOTHING",
      "INSERT INTO kv VALUES (1, 'y', 5), (4, 'd', 1) ON CONFLICT (k) DO NOTHING RETURNING k",
      "INSERT INTO kv VALUES (2, 'B', 7), (5, 'e', 1) ON CONFLICT (k) DO UPDATE SET v = excluded.v || kv.v, n = kv.n + excluded.n RETURNING *",
      "INSERT INTO kv AS t VALUES (1, 'z', 1), (3, 'zz', 1) ON CONFLICT (k) DO UPDATE SET n = t.n + 100 WHERE t.v = 'a' RETURNING k, n",
      "INSERT INTO kv VALUES (6, 'f', 1), (6, 'g', 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
      "INSERT INTO kv VALUES (7, 'h', 1), (7, 'i', 2) ON CONFLICT (k) DO NOTHING",
      "INSERT INTO kv VALUES (1, 'q', 1) ON CONFLICT (v) DO NOTHING",
      "INSERT INTO kv VALUES (1, 'q', 1) ON CONFLICT (k) DO UPDATE SET n = NULL",
      'SELECT * FROM kv',
    ];
    await weir.client.query(statements[0]!);
    await weir.client.query('CREATE MATERIALIZED VIEW total AS SELECT count(*) AS rows, sum(n) AS n FROM kv');
    const mismatches: string[] = [];
    for (const sql of statements) {
      if (sql.startsWith('CREATE')) {
        await pgdb.server.client.query(sql);
        continue;
      }
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
    await weir.client.query('FLUSH');
    expect(await outcome(weir.client, 'SELECT * FROM total')).toBe(await outcome(pgdb.server.client, 'SELECT count(*) AS rows, sum(n) AS n FROM kv'));
  });

  it('fills DEFAULT values for columns left out, DEFAULT in VALUES and in UPDATE', async () => {
    const statements = [
      "CREATE TABLE d (id int PRIMARY KEY, s text DEFAULT 'none', n int DEFAULT 1 + 2, x numeric(5,2) DEFAULT 1.005, y int)",
      'INSERT INTO d (id) VALUES (1)',
      "INSERT INTO d VALUES (2, DEFAULT, 5, DEFAULT, 7), (3, 'c', DEFAULT, 2, DEFAULT)",
      'INSERT INTO d (id, y) SELECT 4, 40',
      'UPDATE d SET n = DEFAULT, s = DEFAULT, y = DEFAULT WHERE id = 2',
      'SELECT * FROM d',
      "CREATE TABLE bad (id int DEFAULT 'abc')",
    ];
    const mismatches: string[] = [];
    for (const sql of statements) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs && !sql.startsWith('CREATE TABLE d')) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('UPDATE ... FROM and DELETE ... USING join other tables', async () => {
    const statements = [
      'CREATE TABLE acct (id int PRIMARY KEY, owner text, balance int)',
      'CREATE TABLE moves (acct int, amount int, note text)',
      'CREATE TABLE dup (x int, y int)',
      "INSERT INTO acct VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cid', 30)",
      "INSERT INTO moves VALUES (1, 5, 'a'), (2, -3, 'b'), (9, 1, 'c')",
      'INSERT INTO dup VALUES (1, 1), (1, 1), (2, 2)',
      'UPDATE acct SET balance = acct.balance + m.amount, owner = upper(m.note) FROM moves m WHERE m.acct = acct.id RETURNING acct.*',
      'UPDATE acct a SET balance = DEFAULT FROM moves WHERE moves.acct = a.id AND moves.amount < 0',
      'DELETE FROM acct USING moves WHERE moves.acct = acct.id AND moves.note = \'a\' RETURNING id',
      'DELETE FROM dup d USING acct WHERE d.x = acct.id',
      'SELECT * FROM acct',
      'SELECT * FROM dup',
    ];
    const mismatches: string[] = [];
    for (const sql of statements) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs && !sql.startsWith('CREATE')) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
    // RETURNING * would differ from PostgreSQL's (which adds the FROM tables' columns): refused.
    await expect(weir.client.query('UPDATE acct SET balance = 0 FROM moves WHERE moves.acct = acct.id RETURNING *')).rejects.toMatchObject({ code: '0A000' });
  });

  it('CREATE TABLE ... AS and TRUNCATE', async () => {
    const statements = [
      'CREATE TABLE src (id int PRIMARY KEY, g int, amount numeric(8,2))',
      'INSERT INTO src VALUES (1, 1, 1.50), (2, 1, 2.25), (3, 2, 10)',
      'CREATE TABLE totals AS SELECT g, sum(amount) AS total, count(*) AS n FROM src GROUP BY g',
      'SELECT * FROM totals',
      'INSERT INTO totals VALUES (9, 0.5, 1)',
      'SELECT * FROM totals',
      'TRUNCATE src',
      'SELECT count(*) FROM src',
      'CREATE TABLE totals AS SELECT 1 AS x',
    ];
    const mismatches: string[] = [];
    for (const sql of statements) {
      const [mine, theirs] = [await outcome(weir.client, sql), await outcome(pgdb.server.client, sql)];
      if (mine !== theirs && !sql.startsWith('CREATE TABLE src')) mismatches.push(`${sql}: Weir ${mine}, PostgreSQL ${theirs}`);
    }
    expect(mismatches).toEqual([]);
    // The new table's types are the query's, as psql would show them.
    expect((await weir.client.query('SELECT * FROM totals LIMIT 0')).fields.map((f: { dataTypeID: number }) => f.dataTypeID)).toEqual([23, 1700, 20]);
  });
});
