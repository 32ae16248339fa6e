/**
 * The statistics and interval aggregates against PostgreSQL, as queries and as materialized
 * views kept through inserts, updates and deletes: var_pop/var_samp/stddev_* over floats,
 * corr, covar_pop, covar_samp and every regr_* over (Y, X) of mixed types, sum/avg over
 * intervals, with FILTER, DISTINCT, GROUP BY, a global group and OVER windows.
 *
 * PostgreSQL accumulates floats with rounding at every row and Weir exactly (see
 * src/sql/functions/aggregates/statistics-aggregates.ts), so float results are compared within 1e-9 of
 * their magnitude; NULLs, NaN, infinities, intervals and integers must match exactly. A view
 * must also equal, digit for digit, the same query run afresh in Weir: retraction is exact.
 */
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../support/postgres.ts';
import { rng } from '../types/oracle.ts';
import { sortedRows } from '../oracle/sorted-rows.ts';
import { useWeir } from '../oracle/weir-server.ts';

const REGRESSION = ['corr', 'covar_pop', 'covar_samp', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy', 'regr_syy'];

const QUERIES: Record<string, string> = {
  float_variance: 'SELECT g, var_pop(x) AS a, var_samp(x) AS b, stddev_pop(x) AS c, stddev_samp(x) AS d, variance(r) AS e, stddev(r) AS f, var_pop(r) AS h FROM st GROUP BY g',
  regression: `SELECT g, ${REGRESSION.map((f, i) => `${f}(y, x) AS r${i}`).join(', ')} FROM st GROUP BY g`,
  regression_mixed: `SELECT g, ${REGRESSION.map((f, i) => `${f}(i, n) AS r${i}`).join(', ')}, corr(x, i) AS cx, regr_slope(n, r) AS sr FROM st GROUP BY g`,
  regression_global: `SELECT ${REGRESSION.map((f, i) => `${f}(y, x) AS r${i}`).join(', ')}, var_samp(x) AS v FROM st`,
  filtered: 'SELECT g, corr(y, x) FILTER (WHERE i > 0) AS c, regr_count(y, x) FILTER (WHERE n IS NOT NULL) AS n, var_pop(x) FILTER (WHERE i % 2 = 0) AS v FROM st GROUP BY g',
  distinct: 'SELECT g, regr_count(DISTINCT y, x) AS n, covar_pop(DISTINCT i, i) AS c, var_samp(DISTINCT r) AS v FROM st GROUP BY g',
  intervals: 'SELECT g, sum(iv) AS s, avg(iv) AS a, count(iv) AS n FROM st GROUP BY g',
  intervals_global: 'SELECT sum(iv) AS s, avg(iv) AS a, sum(iv) FILTER (WHERE i > 0) AS p FROM st',
  by_interval: "SELECT i % 3 AS k, avg(iv * 2) AS a, sum(iv - interval '1 hour') AS s FROM st GROUP BY i % 3",
};

/** Windowed forms: checked as queries (views over windows recompute partitions, also exercised by over-window tests). */
const WINDOW_QUERIES = [
  'SELECT id, corr(y, x) OVER w AS c, regr_slope(y, x) OVER w AS s, var_samp(x) OVER w AS v, sum(iv) OVER w AS si, avg(iv) OVER w AS ai FROM st WINDOW w AS (PARTITION BY g ORDER BY id)',
  'SELECT id, covar_pop(y, x) OVER (PARTITION BY g) AS c, regr_count(y, x) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS n FROM st',
];

const pg = usePostgres({ timeZone: 'UTC' });
const weir = useWeir();

const NUMBER = /^-?(\d+\.?\d*(e[-+]?\d+)?|\.\d+)$/i;
/** Same text, or both finite numbers within 1e-9 of their magnitude. */
function close(a: string, b: string): boolean {
  if (a === b) return true;
  if (!NUMBER.test(a) || !NUMBER.test(b)) return false;
  const x = Number(a), y = Number(b);
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

function sameRows(got: readonly string[], want: readonly string[]): boolean {
  if (got.length !== want.length) return false;
  return got.every((g, i) => {
    const a = JSON.parse(g) as (string | null)[], b = JSON.parse(want[i]!) as (string | null)[];
    return a.length === b.length && a.every((v, j) => (v === null || b[j] === null ? v === b[j] : close(v, b[j]!)));
  });
}

async function both(sql: string): Promise<void> {
  await weir.client.query(sql);
  await pg.server.client.query(sql);
}

describe.skipIf(pg.skipReason)('statistics and interval aggregates match PostgreSQL', () => {
  it('as queries and as views through inserts, updates and deletes', async () => {
    await both('CREATE TABLE st (id int PRIMARY KEY, g int, x float8, y float8, r real, i int, n numeric(8,2), iv interval)');
    for (const [name, q] of Object.entries(QUERIES)) await weir.client.query(`CREATE MATERIALIZED VIEW before_${name} AS ${q}`);
    const r = rng(2024);
    const maybe = (v: string): string => (r() < 0.1 ? 'NULL' : v);
    const float = (): string => {
      const k = r();
      const v = k < 0.4 ? String(Math.floor(r() * 101) - 50) : k < 0.7 ? String((Math.floor(r() * 400) - 200) / 4) : (r() * 200 - 100).toFixed(3);
      return maybe(v);
    };
    const interval = (): string => maybe(`'${Math.floor(r() * 5)} mons ${Math.floor(r() * 40) - 10} days ${Math.floor(r() * 100000)} seconds'`);
    const row = (id: number, g = Math.floor(r() * 5)): string =>
      `(${id}, ${g}, ${float()}, ${float()}, ${float()}, ${maybe(String(Math.floor(r() * 21) - 10))}, ${maybe((r() * 100 - 50).toFixed(2))}, ${interval()})`;
    const insert = async (ids: number[]): Promise<void> => {
      for (let k = 0; k < ids.length; k += 40) await both(`INSERT INTO st VALUES ${ids.slice(k, k + 40).map((id) => row(id)).join(', ')}`);
    };
    await insert(Array.from({ length: 160 }, (_, k) => k));
    // A group of special values: NaN and infinities make the dependent moments NaN, as PostgreSQL's.
    await both("INSERT INTO st VALUES (500, 7, 'NaN', 1, 'Infinity', 1, 1, '1 day'), (501, 7, 2, 'Infinity', 2, 2, 2, '2 days'), (502, 7, 3, 4, '-Infinity', 3, 3, NULL)");
    await both("INSERT INTO st VALUES (510, 8, 5, 5, 5, 5, 5, '5 days'), (511, 8, 5, 7, 5, 5, 5, '-5 days')"); // Sxx = 0: corr, slope NULL; r2 1
    await both("INSERT INTO st VALUES (520, 9, 1, 2, 3, 4, 5, '1 mon')"); // one row: samp NULL, pop 0
    for (const [name, q] of Object.entries(QUERIES)) await weir.client.query(`CREATE MATERIALIZED VIEW after_${name} AS ${q}`);

    const check = async (phase: string): Promise<void> => {
      await weir.client.query('FLUSH');
      const mismatches: string[] = [];
      for (const [name, q] of Object.entries(QUERIES)) {
        const want = await sortedRows(pg.server.client, q);
        const adhoc = await sortedRows(weir.client, q);
        if (!sameRows(adhoc, want)) mismatches.push(`${phase}: ${name}: Weir ${JSON.stringify(adhoc)} PostgreSQL ${JSON.stringify(want)}`);
        for (const when of ['before', 'after']) {
          const view = await sortedRows(weir.client, `SELECT * FROM ${when}_${name}`);
          if (JSON.stringify(view) !== JSON.stringify(adhoc)) mismatches.push(`${phase}: ${when}_${name} differs from the query run afresh: ${JSON.stringify(view)} vs ${JSON.stringify(adhoc)}`);
        }
      }
      for (const q of WINDOW_QUERIES) {
        const want = await sortedRows(pg.server.client, q);
        const got = await sortedRows(weir.client, q);
        if (!sameRows(got, want)) mismatches.push(`${phase}: ${q}`);
      }
      expect(mismatches).toEqual([]);
    };
    await check('after inserts');
    for (let k = 0; k < 50; k++) {
      const id = Math.floor(r() * 160);
      await both(`UPDATE st SET x = ${float()}, y = ${float()}, g = ${Math.floor(r() * 5)}, iv = ${interval()} WHERE id = ${id}`);
    }
    await both('UPDATE st SET r = r * 2 WHERE i > 3');
    await check('after updates');
    await both('DELETE FROM st WHERE i < -5 OR id = 501');
    await insert(Array.from({ length: 30 }, (_, k) => 1000 + k));
    await both('DELETE FROM st WHERE g = 3');
    await check('after deletes and more inserts');
  });

  it('refuses what PostgreSQL refuses', async () => {
    const errors = [
      'SELECT corr(x) FROM st', 'SELECT corr(x, y, i) FROM st', "SELECT corr('a'::text, x) FROM st", 'SELECT regr_slope(iv, x) FROM st',
      'SELECT sum(x, y) FROM st', 'SELECT var_pop(iv) FROM st', "SELECT avg('1 day'::interval, 2) FROM st",
    ];
    const mismatches: string[] = [];
    for (const q of errors) {
      const code = async (c: { query(s: string): Promise<unknown> }): Promise<string> => c.query(q).then(() => 'ok', (e: { code?: string }) => e.code ?? '?');
      const [p, w] = [await code(pg.server.client), await code(weir.client)];
      if (p !== w) mismatches.push(`${q}: PostgreSQL ${p}, Weir ${w}`);
    }
    expect(mismatches).toEqual([]);
    // An overflow of finite inputs is an error in both.
    await both('CREATE TABLE big (x float8)');
    await both('INSERT INTO big VALUES (1e300), (-1e300), (1e300)');
    await expect(weir.client.query('SELECT var_samp(x) FROM big')).rejects.toMatchObject({ code: '22003' });
    await expect(pg.server.client.query('SELECT var_samp(x) FROM big')).rejects.toMatchObject({ code: '22003' });
  });
});
