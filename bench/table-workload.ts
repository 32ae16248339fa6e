/**
 * The tables-with-views workload of bench/tables.ts and bench/view-parallelism.ts: two
 * tables, a group-by view and a join-aggregate view over them, then row changes in
 * 1000-row statements through a client, as any application sends them.
 */
import type pg from 'pg';

export const BATCH = 1000;

export const VIEWS = [
  'CREATE MATERIALIZED VIEW by_group AS SELECT g, count(*) AS n, sum(v) AS total FROM t GROUP BY g',
  'CREATE MATERIALIZED VIEW join_agg AS SELECT t.g, count(*) AS n, sum(u.w) AS total FROM t JOIN u ON t.id = u.t_id GROUP BY t.g',
];

export interface WorkloadOptions {
  /** FLUSH after each phase (Weir: the views have caught up when the phase ends). */
  readonly flush: boolean;
  readonly views: boolean;
}

export interface WorkloadResult {
  readonly changes: number;
  readonly seconds: number;
  /** With views: what they held after the updates (to check that runs agree). */
  readonly checksum: string | null;
}

/**
 * `rows` rows into each table in 1000-row INSERTs, then UPDATEs and DELETEs of every row in
 * 1000-row statements; returns the row changes and the seconds they took.
 */
export async function tableWorkload(client: pg.Client, rows: number, o: WorkloadOptions): Promise<WorkloadResult> {
  await client.query('CREATE TABLE t (id int PRIMARY KEY, g int, v int)');
  await client.query('CREATE TABLE u (id int PRIMARY KEY, t_id int, w int)');
  if (o.views) for (const v of VIEWS) await client.query(v);
  const start = performance.now();
  let changes = 0;
  const sync = async (): Promise<void> => {
    if (o.flush) await client.query('FLUSH');
  };
  for (let i = 0; i < rows; i += BATCH) {
    const n = Math.min(BATCH, rows - i);
    const tv = Array.from({ length: n }, (_, k) => `(${i + k}, ${(i + k) % 97}, ${(i + k) % 1000})`).join(',');
    const uv = Array.from({ length: n }, (_, k) => `(${i + k}, ${(i + k * 7) % rows}, ${(i + k) % 500})`).join(',');
    await client.query(`INSERT INTO t VALUES ${tv}`);
    await client.query(`INSERT INTO u VALUES ${uv}`);
    changes += 2 * n;
  }
  await sync();
  for (let i = 0; i < rows; i += BATCH) {
    await client.query(`UPDATE t SET v = v + 1, g = (g + 1) % 97 WHERE id >= ${i} AND id < ${i + BATCH}`);
    await client.query(`UPDATE u SET w = w * 2 WHERE id >= ${i} AND id < ${i + BATCH}`);
    changes += 2 * Math.min(BATCH, rows - i);
  }
  await sync();
  let checksum: string | null = null;
  if (o.views) {
    const a = await client.query('SELECT count(*) AS groups, sum(n) AS n, sum(total) AS total FROM by_group');
    const b = await client.query('SELECT count(*) AS groups, sum(n) AS n, sum(total) AS total FROM join_agg');
    checksum = JSON.stringify([a.rows[0], b.rows[0]]);
  }
  for (let i = 0; i < rows; i += BATCH) {
    await client.query(`DELETE FROM t WHERE id >= ${i} AND id < ${i + BATCH}`);
    await client.query(`DELETE FROM u WHERE id >= ${i} AND id < ${i + BATCH}`);
    changes += 2 * Math.min(BATCH, rows - i);
  }
  await sync();
  const seconds = (performance.now() - start) / 1000;
  return { changes, seconds, checksum };
}
