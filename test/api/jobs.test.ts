import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  JobFailedError,
  ValueStateDescriptor,
  KeyedProcessFunction,
  type KeyedProcessContext,
  type OnTimerContext,
  type Collector,
  RichMapFunction,
  DataStream,
} from '../../src/index.ts';
import type { Sink } from '../../src/connectors/sink.ts';

const sortNum = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

class Totals extends KeyedProcessFunction<number, number, string> {
  private readonly total = new ValueStateDescriptor<number>('total', 0);
  override processElement(v: number, ctx: KeyedProcessContext<number>, o: Collector<string>): void {
    const total = this.getRuntimeContext().getState(this.total);
    total.update((total.value() ?? 0) + v);
    ctx.timerService().registerEventTimeTimer(Number.MAX_SAFE_INTEGER);
    o.collect(`row ${v}`);
  }
  override onTimer(_ts: number, ctx: OnTimerContext<number>, o: Collector<string>): void {
    o.collect(`total ${ctx.getCurrentKey()} = ${this.getRuntimeContext().getState(this.total).value()}`);
  }
}

/** Stateless and stateful steps whose final output does not depend on arrival order. */
async function pipeline(env: StreamExecutionEnvironment): Promise<string[]> {
  const out = await env
    .fromCollection(Array.from({ length: 20_000 }, (_, i) => i))
    .rebalance()
    .map((x) => x * 3)
    .flatMap((x: number, o: Collector<number>) => {
      o.collect(x);
      if (x % 7 === 0) o.collect(-x);
    })
    .filter((x) => x % 2 === 0)
    .keyBy((x) => Math.abs(x) % 13)
    .process(new Totals())
    .executeAndCollect();
  return out.sort();
}

describe('jobs', () => {
  it('give the same multiset of results at parallelism 4 as at parallelism 1', async () => {
    const p1 = await pipeline(new StreamExecutionEnvironment(1));
    const p4 = await pipeline(new StreamExecutionEnvironment(4));
    expect(p1.filter((r) => r.startsWith('total'))).toHaveLength(13);
    expect(p1.length).toBeGreaterThan(10_000);
    expect(p4).toEqual(p1);
  });

  it('spreads work over subtasks by each partitioner', async () => {
    const seen = async (shape: (s: DataStream<number>) => DataStream<number>) => {
      const env = new StreamExecutionEnvironment(3);
      const src = env.fromCollection(Array.from({ length: 30 }, (_, i) => i));
      const tagged = shape(src).map(
        new (class extends RichMapFunction<number, [number, number]> {
          map(x: number): [number, number] {
            return [this.getRuntimeContext().getIndexOfThisSubtask(), x];
          }
        })(),
      );
      return (await tagged.executeAndCollect()) as Array<[number, number]>;
    };
    const subtasks = (rows: Array<[number, number]>) => new Set(rows.map((r) => r[0]));
    const rebalanced = await seen((s) => s.rebalance());
    expect(rebalanced).toHaveLength(30);
    expect(subtasks(rebalanced)).toEqual(new Set([0, 1, 2]));
    const broadcast = await seen((s) => s.broadcast());
    expect(broadcast).toHaveLength(90);
    const global = await seen((s) => s.rebalance().map((x) => x).global());
    expect(subtasks(global)).toEqual(new Set([0]));
    const shuffled = await seen((s) => s.shuffle());
    expect(sortNum(shuffled.map((r) => r[1]))).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const keyed = await seen((s) => s.keyBy((x) => x % 4));
    const byKey = new Map<number, Set<number>>();
    for (const [sub, x] of keyed) (byKey.get(x % 4) ?? byKey.set(x % 4, new Set()).get(x % 4)!).add(sub);
    for (const subs of byKey.values()) expect(subs.size).toBe(1);
  });

  it('fails the job with the operator name and the error when a user function throws', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const job = env
      .fromElements(1, 2, 3)
      .map((x) => {
        if (x === 2) throw new Error('boom on 2');
        return x;
      })
      .name('Explode')
      .executeAndCollect();
    await expect(job).rejects.toThrow(JobFailedError);
    await expect(job).rejects.toThrow(/operator 'Explode' threw: boom on 2/);
  });

  it('fails a parallel job when one keyed subtask throws, without hanging the others', async () => {
    const env = new StreamExecutionEnvironment(4);
    const job = env
      .fromCollection(Array.from({ length: 100_000 }, (_, i) => i))
      .rebalance()
      .keyBy((x) => x % 8)
      .process<number>({
        processElement(v, _ctx, out) {
          if (v === 54_321) throw new TypeError('bad record 54321');
          out.collect(v);
        },
      })
      .name('Picky')
      .executeAndCollect();
    await expect(job).rejects.toThrow(/Picky.*bad record 54321/);
  });

  it('backpressures: a slow sink keeps the source from running ahead', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setExecutionOptions({ batchSize: 100, channelCapacity: 4 });
    let produced = 0;
    let consumed = 0;
    let maxGap = 0;
    const slowSink: Sink<number> = {
      createWriter: () => ({
        async write(values) {
          consumed += values.length;
          maxGap = Math.max(maxGap, produced - consumed);
          await new Promise((r) => setTimeout(r, 1));
        },
        flush() {},
        close() {},
      }),
    };
    env
      .fromCollection(Array.from({ length: 20_000 }, (_, i) => i))
      .map((x) => {
        produced++;
        return x;
      })
      .disableChaining()
      .rebalance()
      .sinkTo(slowSink);
    await env.execute('backpressure');
    expect(consumed).toBe(20_000);
    // Channel capacity (4 batches of 100) plus a batch in flight on each side.
    expect(maxGap).toBeLessThanOrEqual(800);
  });

  it('rejects forward partitioning across a change of parallelism', () => {
    const env = new StreamExecutionEnvironment(2);
    env.fromElements(1).forward().map((x) => x).setParallelism(3).print();
    expect(() => env.getJobGraph()).toThrow(/forward partitioning does not allow a change of parallelism/);
  });

  it('can cancel an unbounded job', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const { DataGeneratorSource } = await import('../../src/connectors/index.ts');
    const { WatermarkStrategy } = await import('../../src/index.ts');
    env.fromSource(new DataGeneratorSource((i: number) => i, Number.POSITIVE_INFINITY, 0), WatermarkStrategy.noWatermarks(), 'gen').map((x) => x).sinkTo({
      createWriter: () => ({ write() {}, flush() {}, close() {} }),
    });
    const client = env.executeAsync('endless');
    await new Promise((r) => setTimeout(r, 50));
    expect(client.getJobStatus()).toBe('RUNNING');
    await client.cancel();
    expect(client.getJobStatus()).toBe('CANCELED');
    await expect(client.getJobExecutionResult()).rejects.toThrow(/canceled/);
  });
});
