import { describe, expect, it } from 'vitest';
import { DELETE, INSERT, StreamExecutionEnvironment, TableSource, TableStore, UPDATE_AFTER, UPDATE_BEFORE, WatermarkStrategy } from '../../../src/index.ts';
import type { Sink } from '../../../src/connectors/sink.ts';

describe('TableSource', () => {
  it('reads a snapshot as a bounded stream', async () => {
    const t = TableStore.open({ name: 'people', columns: ['id', 'name'], primaryKey: [0], dir: null });
    t.commit([[INSERT, [1, 'ann']], [INSERT, [2, 'bob']]]);
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromSource(new TableSource(t, 'snapshot'), WatermarkStrategy.noWatermarks<readonly unknown[]>())
      .map((r) => `${r[0]}:${r[1]}`)
      .executeAndCollect();
    expect(out.sort()).toEqual(['1:ann', '2:bob']);
  });

  it('streams the snapshot, then every later commit with its change kind', async () => {
    const t = TableStore.open({ name: 'people', columns: ['id', 'name'], primaryKey: [0], dir: null });
    t.commit([[INSERT, [1, 'ann']]]);
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const kinds = ['+I', '-U', '+U', '-D'];
    const seen: string[] = [];
    let wake: () => void = () => {};
    const sink: Sink<readonly unknown[]> = {
      createWriter: () => ({
        write(values, _ts, rowKinds) {
          values.forEach((r, i) => seen.push(`${kinds[rowKinds?.[i] ?? 0]} ${r[0]}:${r[1]}`));
          wake();
        },
        flush() {},
        close() {},
      }),
    };
    env.fromSource(new TableSource(t, 'changelog'), WatermarkStrategy.noWatermarks<readonly unknown[]>()).sinkTo(sink);
    const client = env.executeAsync('follow people');
    const until = (n: number) =>
      new Promise<void>((resolve) => {
        wake = () => seen.length >= n && resolve();
        wake();
      });
    await until(1);
    t.commit([[INSERT, [2, 'bob']]]);
    t.commit([[UPDATE_BEFORE, [1, 'ann']], [UPDATE_AFTER, [1, 'anne']], [DELETE, [2, 'bob']]]);
    await until(5);
    await client.cancel();
    expect(seen).toEqual(['+I 1:ann', '+I 2:bob', '-U 1:ann', '+U 1:anne', '-D 2:bob']);
  });
});
