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
        LogicalProject { [g, sum] }
          LogicalAggregate { group: 1, calls: [sum] }
            LogicalJoin { type: left, keys: 1, residual }
              LogicalScan { table: t, columns: [id, g, v] }
              LogicalScan { table: u, columns: [id, t_id, w] }
        then sort, LIMIT 5

      Job graph (bounded):
        Job "SELECT": 4 vertices, 3 edges
        v1  Source: t  [parallelism 1, max 128]
          · source  uid=source-1
           └─HASH─► v5
        v2  Source: u  [parallelism 1, max 128]
          · source  uid=source-2
           └─HASH input 2─► v5
        v5  HashJoin  [parallelism 1, max 128]
          · hash-join keyed  uid=hash-join-5
           └─HASH─► v7
        v7  HashAggregate -> Project -> Sink: Result  [parallelism 1, max 128]
          · group-aggregate keyed  uid=group-aggregate-7
          · map  uid=map-8
          · sink  uid=sink-9"
    `);
    expect(await explain('CREATE MATERIALIZED VIEW top AS SELECT * FROM (SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn FROM t) AS x WHERE rn <= 2')).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [g, v, rn] }
          LogicalFilter
            LogicalProject { [g, v, rn] }
              LogicalRank { row_number, partition: 1, order: 1, limit: 2 }
                LogicalScan { table: t, columns: [id, g, v] }

      Job graph (streaming: snapshot, then changes):
        Job "materialized view": 2 vertices, 1 edge
        v1  Source: t  [parallelism 1, max 128]
          · source  uid=source-1
           └─HASH─► v3
        v3  TopN -> Project -> Filter -> Project -> Sink: Materialize  [parallelism 1, max 128]
          · top-n keyed  uid=top-n-3
          · map  uid=map-4
          · filter  uid=filter-5
          · map  uid=map-6
          · sink  uid=sink-7"
    `);
    // The optimizer: WHERE equalities of a comma join become hash keys; one-sided conditions move below the join.
    const optimized = await explain('SELECT t.id, u.w FROM t, u WHERE t.id = u.t_id AND t.v > 3 AND u.w < 10 AND t.g + u.w > 5');
    expect(optimized.split('\n').slice(0, 8).join('\n')).toMatchInlineSnapshot(`
      "Logical plan:
        LogicalProject { [id, w] }
          LogicalFilter
            LogicalJoin { type: inner, keys: 1 }
              LogicalFilter
                LogicalScan { table: t, columns: [id, g, v] }
              LogicalFilter
                LogicalScan { table: u, columns: [id, t_id, w] }"
    `);
    await expect(weir.client.query('EXPLAIN INSERT INTO t VALUES (1, 1, 1)')).rejects.toMatchObject({ code: '0A000' });
  });
});
