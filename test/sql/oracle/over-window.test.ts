/**
 * General window functions (lag/lead, first_value/last_value, aggregates over ROWS and RANGE
 * frames, several windows in one query), equal PostgreSQL through inserts, updates and
 * deletes, as materialized views and as ad-hoc queries.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

async function rows(c: unknown, sql: string): Promise<string[]> {
  const r = await (c as { query(q: object): Promise<{ rows: unknown[][] }> }).query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
  return r.rows.map((x) => JSON.stringify(x)).sort();
}

// ORDER BY is unique (v, id) wherever the result would otherwise depend on the order of peers.
const QUERIES: Record<string, string> = {
  lag_lead: 'SELECT id, lag(v) OVER w1 AS prev, lead(v, 2, -1) OVER w1 AS next2 FROM (SELECT id, g, v FROM w) AS t WINDOW w1 AS (PARTITION BY g ORDER BY v, id)',
  running_sum: 'SELECT id, g, sum(v) OVER (PARTITION BY g ORDER BY v) AS running, count(*) OVER (PARTITION BY g ORDER BY v) AS n FROM w',
  whole_partition: 'SELECT id, avg(v) OVER (PARTITION BY g) AS mean, max(v) OVER (PARTITION BY g) AS top, min(n) OVER (PARTITION BY g) AS low FROM w',
  sliding_rows: 'SELECT id, sum(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS s, avg(n) OVER (PARTITION BY g ORDER BY id ROWS 3 PRECEDING) AS a FROM w',
  ahead_rows: 'SELECT id, count(v) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS c, max(v) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS m FROM w',
  values_frames: 'SELECT id, first_value(v) OVER (PARTITION BY g ORDER BY v NULLS FIRST, id) AS f, last_value(id) OVER (PARTITION BY g ORDER BY v, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS l FROM w',
  over_groups: 'SELECT g, sum(v) AS s, rank() OVER (ORDER BY sum(v) DESC) AS r, sum(sum(v)) OVER (ORDER BY g) AS cum, lag(count(*)) OVER (ORDER BY g) AS prevn FROM w GROUP BY g HAVING count(*) > 1',
  range_offsets: 'SELECT id, sum(v) OVER (PARTITION BY g ORDER BY v RANGE BETWEEN 5 PRECEDING AND 3 FOLLOWING) AS s, count(*) OVER (ORDER BY v DESC NULLS LAST RANGE BETWEEN CURRENT ROW AND 4 FOLLOWING) AS c, min(id) OVER (ORDER BY v RANGE BETWEEN 2 FOLLOWING AND 6 FOLLOWING) AS m FROM w',
  range_time: "SELECT id, count(*) OVER (ORDER BY ts RANGE BETWEEN interval '2 hours' PRECEDING AND CURRENT ROW) AS c, max(id) OVER (ORDER BY ts DESC RANGE interval '90 minutes' PRECEDING) AS m FROM (SELECT id, timestamp '2024-01-01' + v * interval '1 hour' AS ts FROM w) AS x",
  distribution: 'SELECT id, percent_rank() OVER (PARTITION BY g ORDER BY v) AS pr, cume_dist() OVER (PARTITION BY g ORDER BY v) AS cd, ntile(3) OVER (PARTITION BY g ORDER BY v, id) AS t3, ntile(1) OVER (ORDER BY id) AS t1 FROM w',
  nth: 'SELECT id, nth_value(v, 2) OVER (PARTITION BY g ORDER BY v, id) AS second, nth_value(id, 3) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS third FROM w',
  mixed: 'SELECT id, row_number() OVER (PARTITION BY g ORDER BY id) AS rn, rank() OVER (ORDER BY v DESC) AS r, sum(v) OVER (PARTITION BY g) - v AS others FROM w',
};

describe.skipIf(Boolean(pgdb.skipReason))('window functions equal PostgreSQL', () => {
  it(`keeps ${Object.keys(QUERIES).length} window-function views exact through inserts, updates and deletes`, async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE w (id int PRIMARY KEY, g int, v int, n numeric(8,2))');
    for (const [name, q] of Object.entries(QUERIES)) await weir.client.query(`CREATE MATERIALIZED VIEW ${name} AS ${q}`);
    const row = (i: number) => `(${i}, ${i % 4}, ${i % 7 === 0 ? 'NULL' : String((i * 37) % 23)}, ${((i * 53) % 101) / 4})`;
    await both(`INSERT INTO w VALUES ${Array.from({ length: 70 }, (_, i) => row(i)).join(', ')}`);
    const check = async (phase: string) => {
      await weir.client.query('FLUSH');
      for (const [name, q] of Object.entries(QUERIES)) {
        const want = await rows(pgdb.server.client, q);
        expect({ phase, name, rows: await rows(weir.client, `SELECT * FROM ${name}`) }).toEqual({ phase, name, rows: want });
        expect({ phase, name, adhoc: await rows(weir.client, q) }).toEqual({ phase, name, adhoc: want });
      }
    };
    await check('insert');
    await both('UPDATE w SET v = v + 11 WHERE id % 3 = 0');
    await both('DELETE FROM w WHERE id % 5 = 1');
    await both(`INSERT INTO w VALUES ${Array.from({ length: 10 }, (_, i) => row(100 + i)).join(', ')}`);
    await check('changes');
  });

  it('refuses what it does not run yet with 0A000, and bad frames as PostgreSQL does', async () => {
    const c = weir.client;
    await expect(c.query('SELECT sum(v) OVER (ORDER BY v, id RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w')).rejects.toMatchObject({ code: '42P20' });
    await expect(c.query("SELECT count(*) OVER (ORDER BY v::text RANGE BETWEEN '1' PRECEDING AND CURRENT ROW) FROM w")).rejects.toMatchObject({ code: '0A000' });
    await expect(c.query('SELECT sum(v) OVER (ORDER BY v RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM w')).rejects.toMatchObject({ code: '22013' });
    await expect(c.query('SELECT sum(v) OVER (ORDER BY id GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w')).rejects.toMatchObject({ code: '0A000' });
    await expect(c.query('SELECT ntile(0) OVER (ORDER BY v) FROM w')).rejects.toMatchObject({ code: '22014' });
    await expect(c.query('SELECT nth_value(v, 0) OVER (ORDER BY v) FROM w')).rejects.toMatchObject({ code: '22016' });
    await expect(c.query('SELECT sum(v) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM w')).rejects.toMatchObject({ code: '22013' });
  });
});
