/**
 * Materialized views against PostgreSQL as the oracle: the same tables and the same random
 * rows go into Weir and PostgreSQL, then updates and deletes; after each phase (and FLUSH),
 * every view in Weir — created before the data and created after it (backfill) — must hold
 * exactly the rows PostgreSQL returns for its query.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { rng } from '../types/oracle.ts';
import { sortedRows } from './sorted-rows.ts';
import { useWeir } from './weir-server.ts';

const QUERIES: Record<string, string> = {
  group_counts: 'SELECT g, count(*) AS n, sum(v) AS sv, min(v) AS mn, max(v) AS mx FROM t1 GROUP BY g',
  global_agg: 'SELECT count(*) AS n, sum(v) AS s, avg(v) AS a, count(v) AS cv FROM t1',
  filter_project: 'SELECT id, v * 2 AS v2, v - g AS d FROM t1 WHERE v > 10',
  inner_join: 'SELECT t1.id, t1.v, t2.w FROM t1 JOIN t2 ON t1.id = t2.t1_id',
  left_join: 'SELECT t1.id, t2.id AS t2id, t2.w FROM t1 LEFT JOIN t2 ON t1.id = t2.t1_id',
  right_join: 'SELECT t1.g, t2.id, t2.w FROM t1 RIGHT JOIN t2 ON t1.id = t2.t1_id',
  full_join: 'SELECT t1.id, t2.id AS t2id FROM t1 FULL JOIN t2 ON t1.id = t2.t1_id AND t2.w > 20',
  count_distinct: 'SELECT g, count(DISTINCT v) AS d, count(DISTINCT s) AS ds FROM t1 GROUP BY g',
  distinct: 'SELECT DISTINCT g, s FROM t1',
  having: 'SELECT g, avg(v) AS a, sum(v) AS s FROM t1 GROUP BY g HAVING count(*) > 2',
  union_all: "SELECT id FROM t1 WHERE s LIKE 'a%' UNION ALL SELECT t1_id FROM t2 WHERE w < 30",
  join_aggregate: 'SELECT t1.g, sum(t2.w) AS sw, count(*) AS n FROM t1 JOIN t2 ON t1.id = t2.t1_id GROUP BY t1.g',
  bool_aggs: 'SELECT g, bool_and(v > 0) AS all_pos, bool_or(v > 50) AS any_big FROM t1 GROUP BY g',
  filter_clause: 'SELECT g, sum(v) FILTER (WHERE v > 25) AS big, count(*) FILTER (WHERE s IS NULL) AS nulls FROM t1 GROUP BY g',
  case_coalesce: "SELECT id, COALESCE(s, 'none') AS s, CASE WHEN v > 50 THEN 'big' WHEN v IS NULL THEN 'unknown' ELSE 'small' END AS size FROM t1",
  subquery: 'SELECT g, n FROM (SELECT g, count(*) AS n FROM t1 GROUP BY g) AS sub WHERE n > 3',
  residual_join: 'SELECT count(*) AS n FROM t1 JOIN t2 ON t1.id = t2.t1_id AND t2.w > t1.v',
  minmax_text: 'SELECT s, min(v) AS mn, max(v) AS mx, min(id) AS first FROM t1 GROUP BY s',
  group_expr: 'SELECT g % 3 AS bucket, count(*) AS n, sum(v) AS s FROM t1 GROUP BY g % 3',
  null_keys: 'SELECT t1.s, t2.w FROM t1 JOIN t2 ON t1.s = t2.tag',
  cross_filter: 'SELECT a.id, b.id AS other FROM t1 a, t1 b WHERE a.id < b.id AND a.g = b.g AND a.v = b.v',
  in_between: 'SELECT id, v FROM t1 WHERE g IN (1, 3, 5) AND v BETWEEN 10 AND 60',
  numeric_avg: 'SELECT g, avg(n) AS an, sum(n) AS sn, max(n) AS mx FROM t1 GROUP BY g',
  semi_in: 'SELECT id, v FROM t1 WHERE g IN (SELECT w % 6 FROM t2 WHERE w < 20) AND v > 0',
  anti_not_in: 'SELECT id FROM t1 WHERE v NOT IN (SELECT w FROM t2)',
  not_in_nulls: 'SELECT id FROM t2 WHERE w NOT IN (SELECT v FROM t1 WHERE g = 2)',
  intersect: 'SELECT g FROM t1 INTERSECT SELECT w % 6 FROM t2',
  intersect_all: 'SELECT g, s FROM t1 INTERSECT ALL SELECT w % 6, tag FROM t2',
  except: 'SELECT s FROM t1 EXCEPT SELECT tag FROM t2 WHERE w > 10',
  except_all: 'SELECT g FROM t1 EXCEPT ALL SELECT w % 6 FROM t2',
  join_using: 'SELECT * FROM (SELECT id, g, v FROM t1) a JOIN (SELECT t1_id AS id, w FROM t2) b USING (id)',
  left_using: 'SELECT id, a.id AS aid, b.id AS bid, w FROM (SELECT id, v FROM t1) a LEFT JOIN (SELECT t1_id AS id, w FROM t2) b USING (id)',
  full_natural: 'SELECT * FROM (SELECT id, g AS k FROM t1 WHERE v > 40) a NATURAL FULL JOIN (SELECT t1_id AS id, w % 6 AS k FROM t2) b',
  scalar_where: 'SELECT id, v FROM t1 WHERE v > (SELECT avg(v) FROM t1)',
  scalar_select: 'SELECT g, count(*) AS n, (SELECT max(w) FROM t2) AS top FROM t1 GROUP BY g',
  corr_exists: 'SELECT id FROM t2 WHERE EXISTS (SELECT 1 FROM t1 WHERE t1.id = t2.t1_id AND t1.v > t2.w)',
  corr_not_exists: 'SELECT id, g FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.t1_id = t1.id AND t2.w > 10)',
  corr_in: 'SELECT id FROM t1 WHERE g IN (SELECT w % 6 FROM t2 WHERE t2.t1_id = t1.id)',
  bit_aggs: 'SELECT g, bit_and(v) AS ba, bit_or(v) AS bo, bit_xor(v) AS bx, bit_xor(id::bigint * 1000003) AS bx8 FROM t1 GROUP BY g',
  variances: 'SELECT g, var_pop(v) AS vp, var_samp(v) AS vs, stddev_pop(v) AS sp, stddev_samp(v) AS ss, variance(n) AS vn, stddev(n) AS sn FROM t1 GROUP BY g',
  column_aliases: 'WITH c AS (SELECT g, count(*) AS n FROM t1 GROUP BY g) SELECT x.k, x.cnt, y.i, y.w FROM c x(k, cnt) JOIN t2 y(i, t) ON y.t % 6 = x.k',
  ordered_set: 'SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS med, percentile_cont(0.25) WITHIN GROUP (ORDER BY n DESC) AS q, percentile_disc(0.1 + 0.2) WITHIN GROUP (ORDER BY s) AS d, mode() WITHIN GROUP (ORDER BY v) AS m, mode() WITHIN GROUP (ORDER BY s DESC) AS ms FROM t1 GROUP BY g',
  rollup: 'SELECT g, s, sum(v) AS sv, count(*) AS n FROM t1 GROUP BY ROLLUP (g, s)',
  cube: 'SELECT g % 2 AS par, s, max(v) AS mx FROM t1 GROUP BY CUBE (g % 2, s)',
  grouping_sets: 'SELECT g, s, count(*) AS n FROM t1 GROUP BY GROUPING SETS ((g), (s), ()) HAVING count(*) > 2',
  grouping_fn: 'SELECT g, s, GROUPING(g, s) AS gr, GROUPING(s) AS gs, count(*) AS n FROM t1 GROUP BY ROLLUP (g, s) HAVING GROUPING(g) = 0 OR count(*) > 100',
  grouping_plain: 'SELECT g, GROUPING(g) AS z, sum(v) AS sv FROM t1 GROUP BY g',
  partial_rollup: 'SELECT g, s, sum(n) AS sn FROM t1 GROUP BY g, ROLLUP (s)',
  select_series: 'SELECT id, generate_series(1, g, 2) AS k, v FROM t1 WHERE id % 4 = 0',
  series_agg: 'SELECT k, count(*) AS n FROM (SELECT generate_series(g, 5) AS k FROM t1) AS x GROUP BY k',
  exists: 'SELECT id FROM t2 WHERE EXISTS (SELECT 1 FROM t1 WHERE v > 85) AND NOT EXISTS (SELECT 1 FROM t1 WHERE v > 200)',
  corr_scalar_count: 'SELECT id, (SELECT count(*) FROM t2 WHERE t2.t1_id = t1.id) AS n, (SELECT sum(w) FROM t2 WHERE t2.t1_id = t1.id AND t2.w > t1.g) AS sw FROM t1',
  corr_scalar_expr: 'SELECT id, v, (SELECT count(*) * 10 + coalesce(max(w), -1) FROM t2 WHERE t2.t1_id = t1.id) AS score FROM t1 WHERE g < 4',
  corr_scalar_where: 'SELECT id, g FROM t1 WHERE v > (SELECT avg(w) FROM t2 WHERE t2.tag = t1.s)',
  corr_scalar_limit: 'SELECT t2.id, (SELECT t1.v FROM t1 WHERE t1.g = t2.w % 6 ORDER BY t1.v DESC NULLS LAST, t1.id LIMIT 1) AS best FROM t2',
  corr_scalar_nulls: 'SELECT s, (SELECT count(*) FROM t2 WHERE t2.tag IS NOT DISTINCT FROM t1.s) AS same_tag FROM t1 WHERE id % 5 = 0',
  lateral_agg: 'SELECT t1.id, b.n, b.top FROM t1 LEFT JOIN LATERAL (SELECT count(*) AS n, max(w) AS top FROM t2 WHERE t2.t1_id = t1.id AND t2.w > t1.g) AS b ON TRUE',
  lateral_top2: 'SELECT t1.id, x.w FROM t1, LATERAL (SELECT w FROM t2 WHERE t2.t1_id = t1.id ORDER BY w DESC, id LIMIT 2) AS x',
  lateral_left_filter: 'SELECT t1.id, x.tag, x.w FROM t1 LEFT JOIN LATERAL (SELECT tag, w FROM t2 WHERE t2.t1_id = t1.id) AS x ON x.w > 15',
  lateral_grouped: 'SELECT t1.g, x.tag, x.n FROM t1 JOIN LATERAL (SELECT tag, count(*) AS n FROM t2 WHERE t2.w % 6 = t1.g GROUP BY tag) AS x ON TRUE WHERE t1.id < 40',
  distinct_on: 'SELECT DISTINCT ON (g) g, id, v FROM t1 ORDER BY g, v DESC NULLS LAST, id',
  distinct_on_expr: 'SELECT DISTINCT ON (s, g % 2) s, g % 2 AS par, n FROM t1 ORDER BY s, g % 2, n NULLS FIRST, id',
  corr_scalar_grouped: 'SELECT g, count(*) AS n, (SELECT count(*) FROM t2 WHERE t2.w % 6 = t1.g) AS matches FROM t1 GROUP BY g',
};

const DDL = [
  'CREATE TABLE t1 (id int PRIMARY KEY, g int, v int, s text, n numeric(8,2))',
  'CREATE TABLE t2 (id int PRIMARY KEY, t1_id int, w int, tag text)',
];


const pgdb = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

async function both(sql: string): Promise<void> {
  await weir.client.query(sql);
  await pgdb.server.client.query(sql);
}

const rows = sortedRows;

describe.skipIf(Boolean(pgdb.skipReason))('materialized views equal PostgreSQL', () => {
  it(`keeps ${Object.keys(QUERIES).length} views exact through inserts, updates and deletes, created before and after the data`, async () => {
    for (const ddl of DDL) await both(ddl);
    for (const [name, q] of Object.entries(QUERIES)) await weir.client.query(`CREATE MATERIALIZED VIEW before_${name} AS ${q}`);
    const r = rng(42);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const texts = ['apple', 'avocado', 'banana', 'cherry', null, 'apricot'];
    const lit = (v: unknown): string => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));
    const t1Row = (id: number) => [id, Math.floor(r() * 6), r() < 0.1 ? null : Math.floor(r() * 100) - 10, pick(texts), r() < 0.1 ? null : (r() * 1000).toFixed(2)];
    const insert = async (table: string, rowsToInsert: unknown[][]) => {
      for (let i = 0; i < rowsToInsert.length; i += 50) {
        const chunk = rowsToInsert.slice(i, i + 50);
        await both(`INSERT INTO ${table} VALUES ${chunk.map((row) => `(${row.map(lit).join(', ')})`).join(', ')}`);
      }
    };
    await insert('t1', Array.from({ length: 150 }, (_, i) => t1Row(i)));
    await insert('t2', Array.from({ length: 120 }, (_, i) => [i, Math.floor(r() * 170), Math.floor(r() * 50), pick(texts)]));
    for (const [name, q] of Object.entries(QUERIES)) await weir.client.query(`CREATE MATERIALIZED VIEW after_${name} AS ${q}`);

    const check = async (phase: string) => {
      await weir.client.query('FLUSH');
      const mismatches: string[] = [];
      for (const [name, q] of Object.entries(QUERIES)) {
        const want = await rows(pgdb.server.client, q);
        for (const when of ['before', 'after']) {
          const got = await rows(weir.client, `SELECT * FROM ${when}_${name}`);
          if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${phase}: ${when}_${name}: ${got.length} rows in Weir, ${want.length} in PostgreSQL`);
        }
        // The same query run once, as a SELECT, must agree too.
        const adhoc = await rows(weir.client, q);
        if (JSON.stringify(adhoc) !== JSON.stringify(want)) mismatches.push(`${phase}: SELECT ${name}: ${adhoc.length} rows in Weir, ${want.length} in PostgreSQL`);
      }
      expect(mismatches).toEqual([]);
    };
    await check('after inserts');
    for (let i = 0; i < 60; i++) {
      const id = Math.floor(r() * 150);
      await both(`UPDATE t1 SET v = ${Math.floor(r() * 100) - 10}, g = ${Math.floor(r() * 6)} WHERE id = ${id}`);
    }
    await both('UPDATE t2 SET w = w + 7 WHERE w < 25');
    await both("UPDATE t1 SET s = NULL WHERE s = 'banana'");
    await check('after updates');
    await both('DELETE FROM t1 WHERE v < 20');
    await both('DELETE FROM t2 WHERE id % 3 = 0');
    await insert('t1', Array.from({ length: 40 }, (_, i) => t1Row(1000 + i)));
    await check('after deletes and more inserts');
  });
});

describe('a runtime error inside a materialized view', () => {
  it('is reported when the view is read while rows cause it, goes away when they change, and the server and other views go on', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE r (id int PRIMARY KEY, d int)');
    await c.query('CREATE MATERIALIZED VIEW ratio AS SELECT id, 100 / d AS q FROM r');
    await c.query('CREATE MATERIALIZED VIEW total AS SELECT count(*) AS n FROM r');
    await c.query('INSERT INTO r VALUES (1, 4), (2, 0)');
    await c.query('FLUSH');
    await expect(c.query('SELECT * FROM ratio')).rejects.toMatchObject({
      code: '22012',
      message: 'materialized view "ratio" has rows in error: division by zero',
    });
    await c.query('INSERT INTO r VALUES (3, 5)');
    await c.query('FLUSH');
    expect((await c.query('SELECT n FROM total')).rows).toEqual([{ n: '3' }]);
    // The row behind the error changes: the view is whole again, without being recreated.
    await c.query('UPDATE r SET d = 10 WHERE id = 2');
    await c.query('FLUSH');
    expect((await c.query('SELECT * FROM ratio ORDER BY id')).rows).toEqual([{ id: 1, q: 25 }, { id: 2, q: 10 }, { id: 3, q: 20 }]);
    await c.query('INSERT INTO r VALUES (4, 0)');
    await c.query('FLUSH');
    await expect(c.query('SELECT * FROM ratio')).rejects.toMatchObject({ code: '22012' });
    await c.query('DELETE FROM r WHERE d = 0');
    await c.query('FLUSH');
    expect((await c.query('SELECT count(*) AS n FROM ratio')).rows).toEqual([{ n: '3' }]);
  });

  it('an intermediate state does not break a view: a ratio over an aggregate of rows that arrive later', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE sales (region text, amount int)');
    // Before any row, the global aggregate is count 0: 0 / 0 fails, then the data fixes it.
    await c.query('CREATE MATERIALIZED VIEW share AS SELECT region, sum(amount) * 100 / (SELECT sum(amount) FROM sales) AS pct FROM sales GROUP BY region');
    await c.query('CREATE MATERIALIZED VIEW avg_per AS SELECT (SELECT count(*) FROM sales) / (SELECT count(DISTINCT region) FROM sales) AS per_region');
    await c.query("INSERT INTO sales VALUES ('n', 30), ('s', 70), ('n', 0)");
    await c.query('FLUSH');
    expect((await c.query('SELECT * FROM share ORDER BY region')).rows).toEqual([{ region: 'n', pct: '30' }, { region: 's', pct: '70' }]);
    expect((await c.query('SELECT * FROM avg_per')).rows).toEqual([{ per_region: '1' }]);
  });
});

describe('WITH, zero-argument functions and implicit flush', () => {
  it('plans common table expressions, compiles random(), and flushes writes under implicit_flush', async () => {
    const c = weir.client;
    await c.query('CREATE TABLE w (a int, b int)');
    await c.query('INSERT INTO w VALUES (1, 2), (3, 4)');
    const r = await c.query('WITH x AS (SELECT a + b AS s FROM w), y (z) AS (SELECT s * 2 FROM x) SELECT * FROM y ORDER BY z');
    expect(r.rows).toEqual([{ z: 6 }, { z: 14 }]);
    expect((await c.query('SELECT random() BETWEEN 0 AND 1 AS ok')).rows).toEqual([{ ok: true }]);
    await c.query('SET RW_IMPLICIT_FLUSH TO true');
    await c.query('CREATE MATERIALIZED VIEW wc AS SELECT count(*) AS n FROM w');
    for (let i = 0; i < 5; i++) {
      await c.query(`INSERT INTO w VALUES (${i}, ${i})`);
      // No FLUSH: under implicit flush the INSERT returned after the view had it.
      expect((await c.query('SELECT n FROM wc')).rows).toEqual([{ n: String(3 + i) }]);
    }
    await c.query('SET RW_IMPLICIT_FLUSH TO false');
  });
});
