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

describe('TableSink', () => {
  it('keeps a view of a changelog: a table copied through a job stays equal to its source', async () => {
    const { TableSink } = await import('../../../src/index.ts');
    const src = TableStore.open({ name: 'src', columns: ['id', 'v'], primaryKey: [0], dir: null });
    const copy = TableStore.open({ name: 'copy', columns: ['id', 'v'], primaryKey: [0], dir: null });
    src.commit([[INSERT, [1, 'a']], [INSERT, [2, 'b']]]);
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromSource(new TableSource(src, 'changelog'), WatermarkStrategy.noWatermarks<readonly unknown[]>()).sinkTo(new TableSink(copy, 'upsert'));
    const client = env.executeAsync('copy');
    const rows = (t: TableStore) => [...t.scan()].map((r) => JSON.stringify(r)).sort();
    /** Waits (up to 10 s) until the copy holds what the source holds. */
    const caughtUp = async () => {
      for (let waited = 0; waited < 10_000 && JSON.stringify(rows(copy)) !== JSON.stringify(rows(src)); waited += 5) {
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await caughtUp();
    expect(rows(copy)).toEqual(['[1,"a"]', '[2,"b"]']);
    src.commit([[UPDATE_BEFORE, [1, 'a']], [UPDATE_AFTER, [1, 'A']], [DELETE, [2, 'b']], [INSERT, [3, 'c']]]);
    await caughtUp();
    await client.cancel();
    expect(rows(copy)).toEqual(['[1,"A"]', '[3,"c"]']);
  });
});
