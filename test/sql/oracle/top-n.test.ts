/** Top-N and ranking from ROW_NUMBER/RANK/DENSE_RANK OVER (...), equal PostgreSQL through changes. */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { useWeir } from './weir-server.ts';

const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

async function rows(c: unknown, sql: string): Promise<string[]> {
  const r = await (c as { query(q: object): Promise<{ rows: unknown[][] }> }).query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
  return r.rows.map((x) => JSON.stringify(x)).sort();
}

const QUERIES: Record<string, string> = {
  top3: 'SELECT id, g, v, rn FROM (SELECT id, g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC, id) AS rn FROM s) AS t WHERE rn <= 3',
  first: 'SELECT g, id FROM (SELECT g, id, row_number() OVER (PARTITION BY g ORDER BY id) AS rn FROM s) AS t WHERE rn = 1',
  rank_ties: 'SELECT g, v, r FROM (SELECT g, v, rank() OVER (PARTITION BY g ORDER BY v) AS r FROM s) AS t WHERE r < 3',
  dense: 'SELECT id, d FROM (SELECT id, dense_rank() OVER (ORDER BY v DESC) AS d FROM s) AS t WHERE d <= 4',
  all_ranks: 'SELECT id, row_number() OVER (PARTITION BY g ORDER BY v NULLS FIRST, id) AS rn FROM s',
};

describe.skipIf(Boolean(pgdb.skipReason))('Top-N equals PostgreSQL', () => {
  it(`keeps ${Object.keys(QUERIES).length} ranking views exact through inserts, updates and deletes`, async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE s (id int PRIMARY KEY, g int, v int)');
    for (const [name, q] of Object.entries(QUERIES)) await weir.client.query(`CREATE MATERIALIZED VIEW ${name} AS ${q}`);
    await both(`INSERT INTO s VALUES ${Array.from({ length: 90 }, (_, i) => `(${i}, ${i % 4}, ${i % 7 === 0 ? 'NULL' : String((i * 37) % 23)})`).join(', ')}`);
    const check = async () => {
      await weir.client.query('FLUSH');
      for (const [name, q] of Object.entries(QUERIES)) {
        const want = await rows(pgdb.server.client, q);
        expect({ name, rows: await rows(weir.client, `SELECT * FROM ${name}`) }).toEqual({ name, rows: want });
        expect({ name, adhoc: await rows(weir.client, q) }).toEqual({ name, adhoc: want });
      }
    };
    await check();
    await both('UPDATE s SET v = v + 11 WHERE id % 3 = 0');
    await both('DELETE FROM s WHERE id % 5 = 1');
    await check();
  });
});

describe.skipIf(Boolean(pgdb.skipReason))('ORDER BY ... LIMIT in a materialized view', () => {
  it('keeps the top rows of the whole result through changes', async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE lim (id int PRIMARY KEY, v int)');
    const q = 'SELECT id, v FROM lim ORDER BY v DESC, id LIMIT 5 OFFSET 2';
    await weir.client.query(`CREATE MATERIALIZED VIEW lim_top AS ${q}`);
    const ties = 'SELECT id, v FROM lim ORDER BY v DESC FETCH FIRST 6 ROWS WITH TIES';
    await weir.client.query(`CREATE MATERIALIZED VIEW lim_ties AS ${ties}`);
    await both(`INSERT INTO lim VALUES ${Array.from({ length: 40 }, (_, i) => `(${i}, ${(i * 13) % 17})`).join(', ')}`);
    const check = async () => {
      await weir.client.query('FLUSH');
      expect(await rows(weir.client, 'SELECT * FROM lim_top')).toEqual(await rows(pgdb.server.client, q));
      const tied = await rows(pgdb.server.client, ties);
      expect(tied.length).toBeGreaterThan(6); // the data has ties at the cut
      expect(await rows(weir.client, 'SELECT * FROM lim_ties')).toEqual(tied);
      expect(await rows(weir.client, ties)).toEqual(tied);
    };
    await check();
    await both('UPDATE lim SET v = v + 20 WHERE id % 6 = 0');
    await both('DELETE FROM lim WHERE v > 25');
    await check();
  });
});
