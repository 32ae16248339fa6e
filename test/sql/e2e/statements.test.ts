/** Smaller statement forms: CREATE INDEX, HAVING without GROUP BY, LIMIT in a subquery. */
import { describe, expect, it } from 'vitest';
import { useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

describe('statement forms', () => {
  it('records an index, drops it with its table, and answers queries the same', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE ix (a int, b int)');
    await c.query('CREATE INDEX ix_a ON ix (a)');
    await expect(c.query('CREATE INDEX ix_a ON ix (b)')).rejects.toMatchObject({ code: '42P07' });
    await expect(c.query('CREATE INDEX ix_z ON ix (z)')).rejects.toMatchObject({ code: '42703' });
    await c.query('INSERT INTO ix VALUES (2, 20), (1, 10)');
    expect((await c.query('SELECT a FROM ix ORDER BY a')).rows).toEqual([{ a: 1 }, { a: 2 }]);
    await c.query('CREATE MATERIALIZED VIEW ix_mv AS SELECT count(*) AS n FROM ix');
    await expect(c.query('DROP TABLE ix')).rejects.toMatchObject({ code: '2BP01', detail: 'materialized view ix_mv depends on table ix' });
    await c.query('DROP MATERIALIZED VIEW ix_mv');
    // As in PostgreSQL, a table's indexes go with it without CASCADE.
    await c.query('DROP TABLE ix');
    await c.query('CREATE TABLE ix (a int)');
    await c.query('CREATE INDEX ix_a ON ix (a)');
    await c.query('DROP TABLE ix');
  });

  it('orders an aggregate query by a grouped expression that is not an output column', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE ob (a int, b int)');
    await c.query('INSERT INTO ob VALUES (11, 22), (12, 21), (13, 22), (14, 23)');
    const rows = async (sql: string) => (await c.query({ text: sql, rowMode: 'array' })).rows;
    expect(await rows('SELECT b % 2, sum(a) FROM ob GROUP BY b % 2 ORDER BY b % 2')).toEqual([[0, '24'], [1, '26']]);
    expect(await rows('SELECT sum(a) FROM ob GROUP BY b ORDER BY b DESC')).toEqual([['14'], ['24'], ['12']]);
    await expect(c.query('SELECT sum(a) FROM ob GROUP BY b ORDER BY a')).rejects.toMatchObject({ code: '42803' });
  });

  it('refuses malformed ordered-set aggregates as PostgreSQL does', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE os (a int)');
    await expect(c.query('SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY a) FROM os')).rejects.toMatchObject({ code: '22003', message: 'percentile value 1.5 is not between 0 and 1' });
    await expect(c.query('SELECT sum(a) WITHIN GROUP (ORDER BY a) FROM os')).rejects.toMatchObject({ code: '42809' });
    await expect(c.query('SELECT mode(a) FROM os')).rejects.toMatchObject({ code: '42809' });
    expect((await c.query({ text: 'SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY a) FROM os', rowMode: 'array' })).rows).toEqual([[null]]);
  });

  it('treats HAVING without GROUP BY as one group, and keeps a subquery\'s LIMIT', async () => {
    const c = weir.client;
    expect((await c.query('SELECT 1 AS x HAVING true')).rows).toEqual([{ x: 1 }]);
    expect((await c.query('SELECT 1 AS x HAVING false')).rows).toEqual([]);
    await c.query('CREATE TABLE lt (a int)');
    await c.query('INSERT INTO lt VALUES (1), (2), (3), (4)');
    expect((await c.query('SELECT count(*) AS n FROM lt HAVING count(*) > 3')).rows).toEqual([{ n: '4' }]);
    expect((await c.query('SELECT a FROM (SELECT a FROM lt ORDER BY a DESC LIMIT 2) AS top ORDER BY a')).rows).toEqual([{ a: 3 }, { a: 4 }]);
  });
});

describe('functions in FROM', () => {
  it('generates series of integers and timestamps, and makes one row of a scalar function', async () => {
    const c = weir.client;
    const col = async (sql: string) => (await c.query({ text: sql, rowMode: 'array' })).rows.map((r: unknown[]) => String(r[0]));
    expect(await col('SELECT * FROM generate_series(1, 10, 3)')).toEqual(['1', '4', '7', '10']);
    expect(await col('SELECT g FROM generate_series(10, 1, -4) AS g ORDER BY g')).toEqual(['2', '6', '10']);
    expect(await col('SELECT count(*) FROM generate_series(1, 0)')).toEqual(['0']);
    expect(await col("SELECT * FROM generate_series('2024-01-01 00:00'::timestamp, '2024-01-01 02:00'::timestamp, interval '1 hour')")).toHaveLength(3);
    expect(await col('SELECT abs FROM abs(-3)')).toEqual(['3']);
    expect(await col('SELECT a.x * b.x FROM generate_series(1, 3) AS a(x) JOIN generate_series(2, 4) AS b(x) ON a.x = b.x ORDER BY 1')).toEqual(['4', '9']);
    await expect(c.query('SELECT * FROM generate_series(1, 5, 0)')).rejects.toMatchObject({ code: '22023' });
  });
});

describe('scalar subqueries', () => {
  it('are one value: NULL without rows, 21000 with more than one', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE sq (a int)');
    expect((await c.query('SELECT (SELECT a FROM sq) AS x')).rows).toEqual([{ x: null }]);
    await c.query('INSERT INTO sq VALUES (5)');
    expect((await c.query('SELECT (SELECT a FROM sq) + 1 AS x')).rows).toEqual([{ x: 6 }]);
    await c.query('INSERT INTO sq VALUES (6)');
    await expect(c.query('SELECT (SELECT a FROM sq) AS x')).rejects.toMatchObject({ code: '21000', message: 'more than one row returned by a subquery used as an expression' });
  });
});

describe('RETURNING', () => {
  it('returns the inserted, updated and deleted rows', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE rt (id int PRIMARY KEY, v int)');
    const ins = await c.query('INSERT INTO rt VALUES (1, 10), (2, 20) RETURNING id, v * 2 AS double');
    expect(ins.rows).toEqual([{ id: 1, double: 20 }, { id: 2, double: 40 }]);
    expect(ins.command).toBe('INSERT');
    const upd = await c.query('UPDATE rt SET v = v + 1 WHERE id = 2 RETURNING *');
    expect(upd.rows).toEqual([{ id: 2, v: 21 }]);
    const del = await c.query('DELETE FROM rt WHERE id = 1 RETURNING v');
    expect(del.rows).toEqual([{ v: 10 }]);
  });
});

describe('SET TimeZone', () => {
  it('changes how this session reads and prints timestamptz, and refuses unknown zones', async () => {
    const c = weir.client;
    const one = async (sql: string) => (await c.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })).rows[0]?.[0];
    await c.query("SET TimeZone = 'Asia/Kolkata'");
    expect(await one("SELECT timestamptz '2024-05-05 10:00+00'")).toBe('2024-05-05 15:30:00+05:30');
    expect(await one('SHOW TimeZone')).toBe('Asia/Kolkata');
    await c.query("SET TIME ZONE 'America/New_York'");
    expect(await one("SELECT to_char(timestamptz '2024-05-05 10:00+00', 'HH24:MI TZH:TZM')")).toBe('06:00 -04:00');
    await expect(c.query("SET TimeZone = 'Nowhere/Land'")).rejects.toMatchObject({ code: '22023' });
    expect(await one('SHOW TimeZone')).toBe('America/New_York');
    await c.query('SET TimeZone = UTC');
    expect(await one("SELECT timestamptz '2024-05-05 10:00+02'")).toBe('2024-05-05 08:00:00+00');
  });

  it('SHOW JOBS lists the streaming jobs behind views', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE jt (id int PRIMARY KEY)');
    await c.query('CREATE MATERIALIZED VIEW jv AS SELECT count(*) AS n FROM jt');
    const rows = (await c.query('SHOW JOBS')).rows as Array<{ Id: string; Name: string; Kind: string; Status: string }>;
    const job = rows.find((r) => r.Name === 'jv');
    expect(job).toMatchObject({ Kind: 'materialized view', Status: 'RUNNING' });
    expect(job!.Id).toMatch(/^[0-9a-f]{32}$/);
    await c.query('DROP MATERIALIZED VIEW jv');
    expect(((await c.query('SHOW JOBS')).rows as Array<{ Name: string }>).some((r) => r.Name === 'jv')).toBe(false);
  });
});
