/**
 * Window table functions. TUMBLE against PostgreSQL's date_bin (the same windows); HOP
 * against PostgreSQL with the windows spelled out by generate_series; both as a view kept
 * through changes and as a one-off SELECT, and Flink's TABLE(TUMBLE(TABLE t, DESCRIPTOR(c), ...)).
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

describe.skipIf(Boolean(pgdb.skipReason))('window TVFs equal PostgreSQL', () => {
  it('TUMBLE and HOP group by window, kept exact through changes', async () => {
    const both = async (sql: string) => {
      await weir.client.query(sql);
      await pgdb.server.client.query(sql);
    };
    await both('CREATE TABLE ev (id int PRIMARY KEY, k int, ts timestamp, v int)');
    const tumble = 'SELECT k, window_start, window_end, count(*) AS n, sum(v) AS s FROM TUMBLE(ev, ts, INTERVAL \'10 seconds\') GROUP BY k, window_start, window_end';
    const tumblePg =
      "SELECT k, date_bin('10 seconds', ts, timestamp '1970-01-01') AS ws, date_bin('10 seconds', ts, timestamp '1970-01-01') + interval '10 seconds' AS we, count(*) AS n, sum(v) AS s FROM ev WHERE ts IS NOT NULL GROUP BY 1, 2, 3";
    const hop = "SELECT window_start, window_end, count(*) AS n FROM HOP(ev, ts, INTERVAL '5 seconds', INTERVAL '15 seconds') GROUP BY window_start, window_end";
    const hopPg =
      "SELECT w AS ws, w + interval '15 seconds' AS we, count(*) AS n FROM ev, generate_series(date_bin('5 seconds', ts, timestamp '1970-01-01') - interval '10 seconds', date_bin('5 seconds', ts, timestamp '1970-01-01'), interval '5 seconds') AS w GROUP BY 1, 2";
    await weir.client.query(`CREATE MATERIALIZED VIEW tv AS ${tumble}`);
    await weir.client.query(`CREATE MATERIALIZED VIEW hv AS ${hop}`);
    const values = Array.from({ length: 120 }, (_, i) => `(${i}, ${i % 3}, timestamp '2024-03-01 12:00:00' + interval '${(i * 7919) % 97} seconds', ${i})`);
    await both(`INSERT INTO ev VALUES ${values.join(', ')}, (500, 1, NULL, 1)`);
    const check = async () => {
      await weir.client.query('FLUSH');
      expect(await rows(weir.client, 'SELECT * FROM tv')).toEqual(await rows(pgdb.server.client, tumblePg));
      expect(await rows(weir.client, tumble)).toEqual(await rows(pgdb.server.client, tumblePg));
      expect(await rows(weir.client, 'SELECT * FROM hv')).toEqual(await rows(pgdb.server.client, hopPg));
    };
    await check();
    await both("UPDATE ev SET ts = ts + interval '33 seconds' WHERE id % 4 = 0");
    await both('DELETE FROM ev WHERE id % 5 = 0');
    await check();
    // Flink's form is the same function.
    expect(await rows(weir.client, "SELECT count(*) FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))")).toEqual(
      await rows(pgdb.server.client, 'SELECT count(*) FROM ev WHERE ts IS NOT NULL'),
    );
  });
});
