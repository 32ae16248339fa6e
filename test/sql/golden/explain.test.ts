/** EXPLAIN output as golden text: the logical plan and the JobGraph of a query and of a view. */
import { describe, expect, it } from 'vitest';
import { useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

async function explain(sql: string): Promise<string> {
  const r = await weir.client.query(`EXPLAIN ${sql}`);
  return r.rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
}

describe('EXPLAIN', () => {
  it('shows the logical plan and the job graph', async () => {
    await weir.client.query('CREATE TABLE t (id int PRIMARY KEY, g int, v int)');
    await weir.client.query('CREATE TABLE u (id int PRIMARY KEY, t_id int, w int)');
    expect(await explain('SELECT t.g, sum(u.w) FROM t LEFT JOIN u ON t.id = u.t_id AND u.w > 1 GROUP BY t.g ORDER BY 2 DESC LIMIT 5')).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [group0 AS g, sum] }
          LogicalAggregate { group: [t.g], calls: [sum(u.w)] }
            LogicalJoin { type: left, on: [t.id = u.t_id], residual: (u.w > 1) }
              LogicalProject { [t.id, t.g] }
                LogicalScan { table: t, columns: [id, g, v] }
              LogicalProject { [u.t_id, u.w] }
                LogicalScan { table: u, columns: [id, t_id, w] }
        then sort, LIMIT 5

      Streaming plan (over snapshots):
        StreamProject { [group0 AS g, sum] }  (append-only, key: [g])
          StreamHashAgg { group: [t.g], calls: [sum(u.w)] }  (append-only, key: [group0], distribution: hash[t.g])
            StreamHashJoin { left, on: [t.id = u.t_id], residual: (u.w > 1), build: right }  (append-only, distribution: hash[t.id] / hash[u.t_id])
              StreamProject { [t.id, t.g] }  (append-only, key: [t.id])
                StreamTableScan { t, reads: [t.id, t.g] }  (append-only, key: [t.id])
              StreamProject { [u.t_id, u.w] }  (append-only)
                StreamTableScan { u, reads: [u.t_id, u.w] }  (append-only, key: [u.id])

      Job graph (bounded):
        Job "SELECT": 4 vertices, 3 edges
        v1  Source: t -> Project  [parallelism 1, max 128]
          · source  uid=source-1
          · map  uid=map-2
           └─HASH─► v7
        v3  Source: u -> Project  [parallelism 1, max 128]
          · source  uid=source-3
          · map  uid=map-4
           └─HASH input 2─► v7
        v7  HashJoin (build right)  [parallelism 1, max 128]
          · build-probe-join keyed  uid=build-probe-join-7
           └─HASH─► v9
        v9  HashAggregate -> Project -> Sink: Result  [parallelism 1, max 128]
          · group-aggregate keyed  uid=group-aggregate-9
          · map  uid=map-10
          · sink  uid=sink-11"
    `);
    expect(await explain('CREATE MATERIALIZED VIEW top AS SELECT * FROM (SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn FROM t) AS x WHERE rn <= 2')).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [g, v, rn] }
          LogicalFilter { (rn <= 2) }
            LogicalProject { [t.g, t.v, row_number AS rn] }
              LogicalRank { row_number, partition: [t.g], order: [t.v DESC], limit: 2 }
                LogicalProject { [t.g, t.v] }
                  LogicalScan { table: t, columns: [id, g, v] }

      Streaming plan (changelog modes of a view):
        StreamProject { [g, v, rn] }  (retract)
          StreamFilter { (rn <= 2) }  (retract)
            StreamProject { [t.g, t.v, row_number AS rn] }  (retract)
              StreamTopN { row_number, partition: [t.g], order: [t.v DESC], limit: 2 }  (retract, distribution: hash[t.g])
                StreamProject { [t.g, t.v] }  (retract)
                  StreamTableScan { t }  (retract, key: [t.id])

      Job graph (streaming: snapshot, then changes):
        Job "materialized view": 2 vertices, 1 edge
        v1  Source: t -> Project  [parallelism 1, max 128]
          · source  uid=source-1
          · project  uid=project-2
           └─HASH─► v4
        v4  TopN -> Project -> Filter -> Project -> Visible columns -> Sink: Materialize  [parallelism 1, max 128]
          · top-n keyed  uid=top-n-4
          · project  uid=project-5
          · filter  uid=filter-6
          · project  uid=project-7
          · map  uid=map-8
          · sink  uid=sink-9"
    `);
    // The optimizer: WHERE equalities of a comma join become hash keys, other two-sided conditions its residual; one-sided conditions move below the join.
    const optimized = await explain('SELECT t.id, u.w FROM t, u WHERE t.id = u.t_id AND t.v > 3 AND u.w < 10 AND t.g + u.w > 5');
    expect(optimized.split('\n').slice(0, 8).join('\n')).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [t.id, u.w] }
          LogicalJoin { type: inner, on: [t.id = u.t_id], residual: ((t.g + u.w) > 5) }
            LogicalFilter { (t.v > 3) }
              LogicalScan { table: t, columns: [id, g, v] }
            LogicalFilter { (u.w < 10) }
              LogicalProject { [u.t_id, u.w] }
                LogicalScan { table: u, columns: [id, t_id, w] }"
    `);
    await expect(weir.client.query('EXPLAIN INSERT INTO t VALUES (1, 1, 1)')).rejects.toMatchObject({ code: '0A000' });
  });

  it('shows watermark filters, changelog modes and EMIT ON WINDOW CLOSE', async () => {
    await weir.client.query("CREATE TABLE ev (k int, ts timestamp, WATERMARK FOR ts AS ts - INTERVAL '5 seconds') APPEND ONLY");
    expect(
      await explain("CREATE MATERIALIZED VIEW w AS SELECT window_start, k, count(*) FROM TUMBLE(ev, ts, INTERVAL '1 minute') GROUP BY window_start, k EMIT ON WINDOW CLOSE"),
    ).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [group0 AS window_start, group1 AS k, count] }
          LogicalAggregate { group: [ev.window_start, ev.k], calls: [count(*)] }
            LogicalWindow { tumble, time: ts, size: 60 s }
              LogicalScan { table: ev, columns: [k, ts], watermark: ts }

      Streaming plan (changelog modes of a view):
        StreamEmitOnWindowClose  (append-only)
          StreamProject { [group0 AS window_start, group1 AS k, count] }  (retract, key: [window_start, k])
            StreamHashAgg { group: [ev.window_start, ev.k], calls: [count(*)], cleaned by watermark: ev.window_start }  (retract, key: [group0, group1], distribution: hash[ev.window_start, ev.k])
              StreamWindow { tumble, time: ev.ts, size: 60 s }  (append-only)
                StreamWatermarkFilter { ev.ts, stamped by the table }  (append-only)
                  StreamTableScan { ev }  (append-only)

      Job graph (streaming: snapshot, then changes):
        Job "materialized view": 2 vertices, 1 edge
        v1  Source: ev -> WatermarkFilter -> Tumble  [parallelism 1, max 128]
          · source  uid=source-1
          · watermark-filter  uid=watermark-filter-2
          · flat-map  uid=flat-map-3
           └─HASH─► v5
        v5  HashAggregate -> Project -> Visible columns -> EmitOnWindowClose -> Sink: Materialize  [parallelism 1, max 128]
          · group-aggregate keyed  uid=group-aggregate-5
          · project  uid=project-6
          · map  uid=map-7
          · emit-on-window-close  uid=emit-on-window-close-8
          · sink  uid=sink-9"
    `);
    expect(await explain("SELECT k, count(*) FROM ev GROUP BY k, SESSION(ts, INTERVAL '10' SECOND)")).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [group0 AS k, count] }
          LogicalAggregate { group: [ev.k, window_start, window_end], calls: [count(*)] }
            LogicalWindow { session, time: ts, gap: 10 s, partition: [ev.k] }
              LogicalScan { table: ev, columns: [k, ts], watermark: ts }

      Streaming plan (over snapshots):
        StreamProject { [group0 AS k, count] }  (append-only)
          StreamHashAgg { group: [ev.k, window_start, window_end], calls: [count(*)] }  (append-only, key: [group0, group1, group2], distribution: hash[ev.k, window_start, window_end])
            StreamSessionWindow { time: ev.ts, gap: 10 s, partition: [ev.k] }  (retract, distribution: hash[ev.k])
              StreamTableScan { ev }  (append-only)

      Job graph (bounded):
        Job "SELECT": 3 vertices, 2 edges
        v1  Source: ev  [parallelism 1, max 128]
          · source  uid=source-1
           └─HASH─► v3
        v3  SessionWindow  [parallelism 1, max 128]
          · session-window keyed  uid=session-window-3
           └─HASH─► v5
        v5  HashAggregate -> Project -> Sink: Result  [parallelism 1, max 128]
          · group-aggregate keyed  uid=group-aggregate-5
          · map  uid=map-6
          · sink  uid=sink-7"
    `);
  });

  it('DESCRIBE shows columns, key and watermark', async () => {
    const r = await weir.client.query({ text: 'DESCRIBE ev', rowMode: 'array' });
    expect(r.rows).toEqual([
      ['k', 'integer', 'false', null],
      ['ts', 'timestamp without time zone', 'false', null],
      ['watermark', "ts AS ts - INTERVAL '5 seconds'", null, null],
      ['relation kind', 'append-only table', null, null],
    ]);
    await expect(weir.client.query('DESCRIBE nothing_here')).rejects.toMatchObject({ code: '42P01' });
  });
});
