/**
 * Materialized views at parallelism above 1, against PostgreSQL as the oracle. Each query is
 * kept by three views, WITH (parallelism = 1), 2 and 3 (3 puts two parts of each keyed
 * operator on one of the two view threads), over the same random rows, updates and deletes;
 * after each phase every view must hold PostgreSQL's rows. The values cross threads between
 * the parts of a job (exact numerics, jsonb, arrays, NULLs), and keyed operators run split by
 * key while sources, global operators and the result's writer run once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { rng } from '../types/oracle.ts';
import { sortedRows } from './sorted-rows.ts';
import { startWeir, useWeir } from './weir-server.ts';

const QUERIES: Record<string, string> = {
  group_numeric: 'SELECT g, count(*) AS n, sum(v) AS sv, sum(n) AS sn, avg(n) AS an, max(n) AS mx FROM t1 GROUP BY g',
  global_agg: 'SELECT count(*) AS n, sum(n) AS s, min(v) AS mn FROM t1',
  project_filter: 'SELECT id, n * 2 AS n2, s FROM t1 WHERE v > 10',
  inner_join: 'SELECT t1.id, t1.n, t2.w, t2.doc FROM t1 JOIN t2 ON t1.id = t2.t1_id',
  left_join_agg: 'SELECT t1.g, count(t2.id) AS matched, sum(t2.w) AS sw FROM t1 LEFT JOIN t2 ON t1.id = t2.t1_id GROUP BY t1.g',
  full_join: 'SELECT t1.id, t2.id AS t2id FROM t1 FULL JOIN t2 ON t1.id = t2.t1_id AND t2.w > 20',
  semi_anti: 'SELECT id FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.t1_id = t1.id) AND NOT EXISTS (SELECT 1 FROM t2 WHERE t2.t1_id = t1.id AND t2.w > 45)',
  distinct_text: 'SELECT DISTINCT s, g FROM t1',
  count_distinct: 'SELECT g, count(DISTINCT v) AS d FROM t1 GROUP BY g',
  jsonb_group: "SELECT t2.doc->>'k' AS k, count(*) AS n, jsonb_agg(t2.w ORDER BY t2.w, t2.id) AS ws FROM t2 GROUP BY t2.doc->>'k'",
  array_agg: 'SELECT g, array_agg(id ORDER BY id) AS ids FROM t1 WHERE id % 7 = 0 GROUP BY g',
  top_n: 'SELECT g, id, v FROM (SELECT g, id, v, row_number() OVER (PARTITION BY g ORDER BY v DESC NULLS LAST, id) AS r FROM t1) x WHERE r <= 3',
  global_top: 'SELECT id, n FROM t1 ORDER BY n DESC NULLS LAST, id LIMIT 5',
  over_partition: 'SELECT id, g, sum(v) OVER (PARTITION BY g ORDER BY id) AS running FROM t1 WHERE id % 3 = 0',
  union_all: "SELECT id, 'a' AS side FROM t1 WHERE g = 1 UNION ALL SELECT t1_id, 'b' FROM t2 WHERE w < 10",
  join_then_group: 'SELECT t2.tag, count(*) AS n, sum(t1.n) AS sn FROM t1 JOIN t2 ON t1.s = t2.tag GROUP BY t2.tag',
  two_level: 'SELECT n, count(*) AS groups FROM (SELECT g, count(*) AS n FROM t1 GROUP BY g) x GROUP BY n',
  scalar_sub: 'SELECT id, v FROM t1 WHERE v > (SELECT avg(v) FROM t1)',
};

const PARALLELISM = [1, 2, 3];

const DDL = [
  'CREATE TABLE t1 (id int PRIMARY KEY, g int, v int, s text, n numeric(8,2))',
  'CREATE TABLE t2 (id int PRIMARY KEY, t1_id int, w int, tag text, doc jsonb)',
];


const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

async function both(sql: string): Promise<void> {
  await weir.client.query(sql);
  await pgdb.server.client.query(sql);
}

const rows = sortedRows;

describe.skipIf(Boolean(pgdb.skipReason))('materialized views at parallelism 1, 2 and 3 equal PostgreSQL', () => {
  it(`keeps ${Object.keys(QUERIES).length} queries exact at each parallelism through inserts, updates and deletes`, async () => {
    for (const ddl of DDL) await both(ddl);
    for (const [name, q] of Object.entries(QUERIES)) {
      for (const p of PARALLELISM) await weir.client.query(`CREATE MATERIALIZED VIEW ${name}_p${p} WITH (parallelism = ${p}) AS ${q}`);
    }
    const jobs = (await weir.client.query('SHOW JOBS')).rows as Array<{ Name: string; Status: string; Parallelism: string }>;
    for (const p of PARALLELISM) expect(jobs.find((j) => j.Name === `group_numeric_p${p}`)).toMatchObject({ Status: 'RUNNING', Parallelism: String(p) });

    const r = rng(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const texts = ['apple', 'avocado', 'banana', 'cherry', null];
    const lit = (v: unknown): string => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));
    const t1Row = (id: number) => [id, Math.floor(r() * 8), r() < 0.1 ? null : Math.floor(r() * 100) - 10, pick(texts), r() < 0.1 ? null : (r() * 1000).toFixed(2)];
    const t2Row = (id: number) => [id, Math.floor(r() * 320), Math.floor(r() * 50), pick(texts), r() < 0.1 ? null : `{"k": "${pick(['x', 'y', 'z'])}", "w": ${Math.floor(r() * 9)}}`];
    const insert = async (table: string, values: unknown[][]) => {
      for (let i = 0; i < values.length; i += 100) {
        await both(`INSERT INTO ${table} VALUES ${values.slice(i, i + 100).map((row) => `(${row.map(lit).join(', ')})`).join(', ')}`);
      }
    };

    const check = async (phase: string) => {
      await weir.client.query('FLUSH');
      const mismatches: string[] = [];
      for (const [name, q] of Object.entries(QUERIES)) {
        const want = await rows(pgdb.server.client, q);
        for (const p of PARALLELISM) {
          const got = await rows(weir.client, `SELECT * FROM ${name}_p${p}`);
          if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${phase}: ${name} at parallelism ${p}: ${got.length} rows in Weir, ${want.length} in PostgreSQL`);
        }
      }
      expect(mismatches).toEqual([]);
    };
    await insert('t1', Array.from({ length: 300 }, (_, i) => t1Row(i)));
    await insert('t2', Array.from({ length: 250 }, (_, i) => t2Row(i)));
    await check('after inserts');
    for (let i = 0; i < 80; i++) await both(`UPDATE t1 SET v = ${Math.floor(r() * 100) - 10}, g = ${Math.floor(r() * 8)}, n = n + 1 WHERE id = ${Math.floor(r() * 300)}`);
    await both('UPDATE t2 SET w = w + 7, t1_id = t1_id + 1 WHERE w < 25');
    await both("UPDATE t1 SET s = NULL WHERE s = 'banana'");
    await check('after updates');
    await both('DELETE FROM t1 WHERE v < 20');
    await both('DELETE FROM t2 WHERE id % 3 = 0');
    await insert('t1', Array.from({ length: 60 }, (_, i) => t1Row(1000 + i)));
    await check('after deletes and more inserts');
  });
});

describe('choosing a view\'s parallelism', () => {
  it('takes SET parallelism.default (and RisingWave\'s streaming_parallelism, 0 meaning the default), refuses bad values, and WITH wins', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE pt (k int, v int)');
    const parallelismOf = async (view: string): Promise<string | undefined> =>
      ((await c.query('SHOW JOBS')).rows as Array<{ Name: string; Parallelism: string }>).find((j) => j.Name === view)?.Parallelism;
    expect((await c.query('SHOW parallelism.default')).rows).toEqual([{ 'parallelism.default': 'default' }]);
    await c.query('SET parallelism.default = 3');
    await c.query('CREATE MATERIALIZED VIEW pv_set AS SELECT k, sum(v) AS s FROM pt GROUP BY k');
    await c.query('CREATE MATERIALIZED VIEW pv_with WITH (parallelism = 1) AS SELECT k, sum(v) AS s FROM pt GROUP BY k');
    expect(await parallelismOf('pv_set')).toBe('3');
    expect(await parallelismOf('pv_with')).toBe('1');
    await c.query('RESET parallelism.default');
    await c.query('SET streaming_parallelism = 2');
    await c.query('CREATE MATERIALIZED VIEW pv_rw AS SELECT k, count(*) AS n FROM pt GROUP BY k');
    expect(await parallelismOf('pv_rw')).toBe('2');
    await c.query('SET streaming_parallelism = 0');
    await c.query('CREATE MATERIALIZED VIEW pv_default AS SELECT k, count(*) AS n FROM pt GROUP BY k');
    // The server's default: one per view thread.
    expect(await parallelismOf('pv_default')).toBe(String(weir.engine.defaultViewParallelism));
    await c.query('RESET streaming_parallelism');
    await expect(c.query('CREATE MATERIALIZED VIEW bad0 WITH (parallelism = 0) AS SELECT k FROM pt')).rejects.toMatchObject({ code: '22023' });
    await expect(c.query("CREATE MATERIALIZED VIEW bad1 WITH (parallelism = 'two') AS SELECT k FROM pt")).rejects.toMatchObject({ code: '22023' });
    await expect(c.query('CREATE MATERIALIZED VIEW bad2 WITH (colour = 1) AS SELECT k FROM pt')).rejects.toMatchObject({ code: '42601' });
    await c.query('INSERT INTO pt SELECT i % 10, i FROM generate_series(1, 1000) i');
    await c.query('FLUSH');
    for (const v of ['pv_set', 'pv_with', 'pv_rw', 'pv_default']) {
      expect((await c.query(`SELECT sum(${v === 'pv_rw' || v === 'pv_default' ? 'n' : 's'})::int AS t FROM ${v}`)).rows[0].t).toBe(v === 'pv_rw' || v === 'pv_default' ? 1000 : 500500);
    }
  });
});

describe('a view at parallelism 2 on view slots', () => {
  it('spreads its job over two threads, and keeps its parallelism across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-parallel-'));
    try {
      let w = await startWeir(dir);
      await w.client.query('CREATE TABLE e (id int PRIMARY KEY, g int, x numeric)');
      await w.client.query('CREATE MATERIALIZED VIEW one WITH (parallelism = 1) AS SELECT g, sum(x) AS s FROM e GROUP BY g');
      expect(w.viewSlots!.stats.busy).toBe(1);
      await w.client.query('DROP MATERIALIZED VIEW one');
      await w.client.query('CREATE MATERIALIZED VIEW two WITH (parallelism = 2) AS SELECT g, sum(x) AS s, count(*) AS n FROM e GROUP BY g');
      // Two parts, each on a view thread of its own (the machine's cores permitting).
      expect(w.viewSlots!.stats.busy).toBe(Math.min(2, w.viewSlots!.maxThreads));
      await w.client.query('INSERT INTO e SELECT i, i % 17, i * 0.5 FROM generate_series(1, 5000) i');
      await w.client.query('FLUSH');
      const want = (await w.client.query('SELECT g, sum(x) AS s, count(*) AS n FROM e GROUP BY g ORDER BY g')).rows;
      expect((await w.client.query('SELECT * FROM two ORDER BY g')).rows).toEqual(want);
      await w.close();

      w = await startWeir(dir);
      try {
        const jobs = (await w.client.query('SHOW JOBS')).rows as Array<{ Name: string; Parallelism: string }>;
        expect(jobs.find((j) => j.Name === 'two')?.Parallelism).toBe('2');
        await w.client.query('FLUSH');
        expect((await w.client.query('SELECT * FROM two ORDER BY g')).rows).toEqual(want);
        await w.client.query('UPDATE e SET x = x + 1 WHERE g = 3');
        await w.client.query('FLUSH');
        expect((await w.client.query('SELECT * FROM two ORDER BY g')).rows).toEqual((await w.client.query('SELECT g, sum(x) AS s, count(*) AS n FROM e GROUP BY g ORDER BY g')).rows);
      } finally {
        await w.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
