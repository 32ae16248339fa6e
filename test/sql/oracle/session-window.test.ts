/**
 * Session windows, Flink's group-window form (GROUP BY k, SESSION(ts, gap) with
 * SESSION_START/SESSION_END, TUMBLE_START/TUMBLE_END) and CUMULATE, against PostgreSQL.
 * PostgreSQL has no session windows; the oracle numbers sessions with window functions
 * (a row starts a new session when it comes `gap` or more after the previous one).
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

/** Sessions of `partition` rows in PostgreSQL: (keys..., start, end, count, sum). */
const sessionsPg = (partition: string | null, gap: string): string => {
  const by = partition === null ? '' : `PARTITION BY ${partition} `;
  const keys = partition === null ? '' : `${partition}, `;
  return `SELECT ${keys}min(ts), max(ts) + interval '${gap}', count(*), sum(v) FROM (
      SELECT *, sum(fresh) OVER (${by}ORDER BY ts, id) AS sid FROM (
        SELECT *, CASE WHEN ts - lag(ts) OVER (${by}ORDER BY ts, id) < interval '${gap}' THEN 0 ELSE 1 END AS fresh
        FROM ev WHERE ts IS NOT NULL) a) b
    GROUP BY ${keys}sid`;
};

describe.skipIf(Boolean(pgdb.skipReason))('session and cumulating windows equal PostgreSQL', () => {
  it('keeps sessions exact as rows arrive between sessions, move and leave', async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE ev (id int PRIMARY KEY, k int, ts timestamp, v int)');
    const grouped = "SELECT k, count(*) AS n, SESSION_START(ts, INTERVAL '10' SECOND) AS s, SESSION_END(ts, INTERVAL '10' SECOND) AS e, sum(v) AS total FROM ev GROUP BY k, SESSION(ts, INTERVAL '10' SECOND)";
    const tvf = "SELECT window_start, window_end, count(*) AS n, sum(v) AS total FROM SESSION(ev, ts, INTERVAL '7 seconds') GROUP BY window_start, window_end";
    const tumbled = "SELECT TUMBLE_START(ts, INTERVAL '20' SECOND) AS s, TUMBLE_END(ts, INTERVAL '20' SECOND) AS e, count(*) AS n FROM ev GROUP BY TUMBLE(ts, INTERVAL '20' SECOND)";
    const tumbledPg = "SELECT date_bin('20 seconds', ts, timestamp '1970-01-01'), date_bin('20 seconds', ts, timestamp '1970-01-01') + interval '20 seconds', count(*) FROM ev WHERE ts IS NOT NULL GROUP BY 1, 2";
    const cumulate = "SELECT window_start, window_end, count(*) AS n, sum(v) AS total FROM CUMULATE(ev, ts, INTERVAL '10 seconds', INTERVAL '30 seconds') GROUP BY window_start, window_end";
    const cumulatePg = `SELECT ws, we, count(*), sum(v) FROM (
        SELECT ev.*, date_bin('30 seconds', ts, timestamp '1970-01-01') AS ws, we
        FROM ev, generate_series(date_bin('30 seconds', ts, timestamp '1970-01-01') + interval '10 seconds',
                                 date_bin('30 seconds', ts, timestamp '1970-01-01') + interval '30 seconds', interval '10 seconds') AS we
        WHERE we > ts) x GROUP BY ws, we`;
    await weir.client.query(`CREATE MATERIALIZED VIEW sg AS ${grouped}`);
    await weir.client.query(`CREATE MATERIALIZED VIEW st AS ${tvf}`);
    await weir.client.query(`CREATE MATERIALIZED VIEW tg AS ${tumbled}`);
    await weir.client.query(`CREATE MATERIALIZED VIEW cu AS ${cumulate}`);
    const check = async () => {
      await weir.client.query('FLUSH');
      const pgGrouped = await rows(pgdb.server.client, sessionsPg('k', '10 seconds'));
      const pgTvf = await rows(pgdb.server.client, `SELECT min, "?column?", count, sum FROM (${sessionsPg(null, '7 seconds')}) s`);
      // Sessions form, and some hold several rows.
      expect(pgGrouped.length).toBeGreaterThan(20);
      expect(pgGrouped.some((r) => (JSON.parse(r) as string[])[3] !== '1')).toBe(true);
      // Weir's column order: k, n, s, e, total.
      const reorder = (r: string[]) => r.map((x) => { const [k, s, e, n, t] = JSON.parse(x) as unknown[]; return JSON.stringify([k, n, s, e, t]); }).sort();
      expect(await rows(weir.client, 'SELECT * FROM sg')).toEqual(reorder(pgGrouped));
      expect(await rows(weir.client, grouped)).toEqual(reorder(pgGrouped));
      expect(await rows(weir.client, 'SELECT * FROM st')).toEqual(pgTvf);
      expect(await rows(weir.client, 'SELECT * FROM tg')).toEqual(await rows(pgdb.server.client, tumbledPg));
      expect(await rows(weir.client, 'SELECT * FROM cu')).toEqual(await rows(pgdb.server.client, cumulatePg));
      expect(await rows(weir.client, cumulate)).toEqual(await rows(pgdb.server.client, cumulatePg));
    };
    // Times spread over ~30 minutes with gaps, so that sessions form, merge and split.
    const values = Array.from({ length: 150 }, (_, i) => `(${i}, ${i % 4}, timestamp '2024-03-01 12:00:00' + interval '${((i * 2654435761) % 4294967296) % 1811} seconds', ${i})`);
    await both(`INSERT INTO ev VALUES ${values.join(', ')}, (900, 1, NULL, 5)`);
    await check();
    // Rows that bridge sessions, rows that move, rows that leave (splitting sessions).
    await both("INSERT INTO ev VALUES (1000, 0, timestamp '2024-03-01 12:00:05', 1), (1001, 2, timestamp '2024-03-01 12:02:55', 2), (1002, 3, timestamp '2024-03-01 12:10:00', 3)");
    await both("UPDATE ev SET ts = ts + interval '13 seconds' WHERE id % 6 = 0");
    await check();
    await both('DELETE FROM ev WHERE id % 3 = 1');
    await check();
  });

  it('rejects bad group windows with clear errors', async () => {
    await expect(weir.client.query("SELECT count(*) FROM ev GROUP BY SESSION(k, INTERVAL '1' SECOND)")).rejects.toMatchObject({ code: '42804' });
    await expect(weir.client.query("SELECT count(*) FROM ev GROUP BY SESSION(ts, INTERVAL '-1' SECOND)")).rejects.toMatchObject({ code: '22023' });
    await expect(weir.client.query("SELECT count(*) FROM CUMULATE(ev, ts, INTERVAL '7 seconds', INTERVAL '30 seconds') GROUP BY window_start")).rejects.toMatchObject({ code: '22023' });
  });
});
