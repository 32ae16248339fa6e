import { describe, expect, it } from 'vitest';
import { INSERT, MiniCluster, StreamExecutionEnvironment, TableSink, TableSource, TableStore, WatermarkStrategy } from '../../src/index.ts';

describe('MiniCluster.settle', () => {
  it('returns once running jobs have processed every change their sources had', async () => {
    const cluster = new MiniCluster();
    const src = TableStore.open({ name: 'src', columns: ['id', 'v'], primaryKey: [0], dir: null });
    const out = TableStore.open({ name: 'out', columns: ['id', 'v'], primaryKey: [0], dir: null });
    const env = new StreamExecutionEnvironment(2);
    env
      .fromSource(new TableSource(src, 'changelog'), WatermarkStrategy.noWatermarks<readonly unknown[]>())
      .keyBy((r) => r[0] as number)
      .map((r) => [r[0], `${String(r[1])}!`] as const)
      .sinkTo(new TableSink(out, 'upsert'));
    const { jobGraph, registry, options } = env.buildJob('follow');
    const client = cluster.execute({ jobGraph, registry, options });
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 2000 }, (_, i) => [INSERT, [round * 2000 + i, `v${i}`]] as const);
      src.commit(batch);
      await cluster.settle();
      // No sleeping: settle() alone guarantees the output holds every committed row.
      expect(out.rowCount).toBe((round + 1) * 2000);
    }
    await client.cancel();
  });
});
