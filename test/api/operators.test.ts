import { describe, expect, it } from 'vitest';
import {
  DataStream,
  KeyedStream,
  RichMapFunction,
  KeyedProcessFunction,
  OutputTag,
  StreamExecutionEnvironment,
  type Collector,
  type KeyedProcessContext,
  type RuntimeContext,
} from '../../src/index.ts';

const sorted = <T>(xs: T[]): T[] => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('DataStream record-at-a-time operators', () => {
  it('map, flatMap and filter', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements('a b', 'c', '', 'd e f')
      .flatMap((line: string, o: Collector<string>) => line.split(' ').filter(Boolean).forEach((w) => o.collect(w)))
      .map((w) => w.toUpperCase())
      .filter((w) => w !== 'C')
      .executeAndCollect();
    expect(out).toEqual(['A', 'B', 'D', 'E', 'F']);
  });

  it('accepts rich function objects with open() and a runtime context', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    let opened = 0;
    const out = await env
      .fromElements(1, 2, 3)
      .map(
        new (class extends RichMapFunction<number, number> {
          factor = 0;
          override open(ctx: RuntimeContext): void {
            opened++;
            this.factor = 10 + ctx.getIndexOfThisSubtask();
          }
          map(x: number): number {
            return x * this.factor;
          }
        })(),
      )
      .executeAndCollect();
    expect(out).toEqual([10, 20, 30]);
    expect(opened).toBe(1);
  });

  it('process with side outputs', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const odd = new OutputTag<number>('odd');
    const main = env.fromElements(1, 2, 3, 4, 5).process<number>({
      processElement(v, ctx, out) {
        if (v % 2 === 0) out.collect(v);
        else ctx.output(odd, v * 100);
      },
    });
    const side = main.getSideOutput(odd).map((v) => -v);
    const merged = await main.union(side).executeAndCollect();
    expect(sorted(merged)).toEqual(sorted([2, 4, -100, -300, -500]));
  });

  it('union of several streams', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const a = env.fromElements(1, 2);
    const b = env.fromElements(3);
    const c = env.fromElements(4, 5);
    expect(sorted(await a.union(b, c).executeAndCollect())).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('KeyedStream aggregations', () => {
  const words: Array<[string, number]> = [['a', 3], ['b', 1], ['a', 1], ['b', 5], ['a', 2]];

  it('reduce and sum emit a running value per key', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const sums = await env.fromCollection(words).keyBy((t) => t[0]).sum(1).executeAndCollect();
    expect(sums).toEqual([['a', 3], ['b', 1], ['a', 4], ['b', 6], ['a', 6]]);
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment();
    const reduced = await env2
      .fromCollection(words)
      .keyBy((t) => t[0])
      .reduce((x, y) => [x[0], x[1] * y[1]])
      .executeAndCollect();
    expect(reduced).toEqual([['a', 3], ['b', 1], ['a', 3], ['b', 5], ['a', 6]]);
  });

  it('min/max keep the first record\'s other fields; minBy/maxBy return whole records', async () => {
    const rows = [
      { k: 'x', v: 5, tag: 'first' },
      { k: 'x', v: 2, tag: 'second' },
      { k: 'x', v: 9, tag: 'third' },
      { k: 'x', v: 2, tag: 'fourth' },
    ];
    type Row = (typeof rows)[number];
    const run = async (f: (s: KeyedStream<Row, string>) => DataStream<Row>) => {
      const env = StreamExecutionEnvironment.getExecutionEnvironment();
      return f(env.fromCollection(rows).keyBy((r) => r.k)).executeAndCollect();
    };
    const keyed = (s: KeyedStream<Row, string>) => s;
    expect((await run((s) => keyed(s).min('v'))).map((r) => [r.v, r.tag])).toEqual([[5, 'first'], [2, 'first'], [2, 'first'], [2, 'first']]);
    expect((await run((s) => keyed(s).max('v'))).map((r) => [r.v, r.tag])).toEqual([[5, 'first'], [5, 'first'], [9, 'first'], [9, 'first']]);
    expect((await run((s) => keyed(s).minBy('v'))).map((r) => r.tag)).toEqual(['first', 'second', 'second', 'second']);
    expect((await run((s) => keyed(s).maxBy('v'))).map((r) => r.tag)).toEqual(['first', 'first', 'third', 'third']);
  });

  it('sums plain numbers without a field', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env.fromElements(1, 2, 3, 4).keyBy((x) => x % 2).sum().executeAndCollect();
    expect(out).toEqual([1, 2, 4, 6]);
  });
});

describe('KeyedProcessFunction', () => {
  it('keeps value, list, map and reducing state per key', async () => {
    class Track extends KeyedProcessFunction<string, [string, number], string> {
      override processElement(v: [string, number], ctx: KeyedProcessContext<string>, out: Collector<string>): void {
        const rc = this.getRuntimeContext();
        const count = rc.getState(new ValueStateDescriptor<number>('count', 0));
        const list = rc.getListState(new ListStateDescriptor<number>('list'));
        const seen = rc.getMapState(new MapStateDescriptor<number, boolean>('seen'));
        const total = rc.getReducingState(new ReducingStateDescriptor<number>('total', (a, b) => a + b));
        count.update((count.value() ?? 0) + 1);
        list.add(v[1]);
        seen.put(v[1], true);
        total.add(v[1]);
        out.collect(`${ctx.getCurrentKey()}:${count.value()}:${list.get().join('+')}:${[...seen.keys()].length}:${total.get()}`);
      }
    }
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromCollection<[string, number]>([['a', 1], ['b', 2], ['a', 1], ['a', 3]])
      .keyBy((t) => t[0])
      .process(new Track())
      .executeAndCollect();
    expect(out).toEqual(['a:1:1:1:1', 'b:1:2:1:2', 'a:2:1+1:1:2', 'a:3:1+1+3:2:5']);
  });

  it('fires event-time timers as the watermark passes them, and the rest at end of input', async () => {
    // One record per batch, so a watermark follows every record.
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setExecutionOptions({ batchSize: 1 });
    const events = [
      { key: 'k', t: 1000 },
      { key: 'k', t: 5000 },
      { key: 'k', t: 12_000 },
    ];
    const out = await env
      .fromCollection(events)
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<(typeof events)[number]>().withTimestampAssigner((e) => e.t))
      .keyBy((e) => e.key)
      .process<string>({
        processElement(e, ctx, o) {
          ctx.timerService().registerEventTimeTimer(e.t + 3000);
          o.collect(`in ${e.t} wm ${ctx.timerService().currentWatermark()}`);
        },
        onTimer(ts, ctx, o) {
          o.collect(`timer ${ts} ${ctx.timeDomain()} ts=${ctx.timestamp()}`);
        },
      })
      .executeAndCollect();
    expect(out).toEqual([
      'in 1000 wm -Infinity',
      'in 5000 wm 999',
      'timer 4000 event ts=4000',
      'in 12000 wm 4999',
      'timer 8000 event ts=8000',
      'timer 15000 event ts=15000',
    ]);
  });

  it('fires processing-time timers', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements('x')
      .keyBy((s) => s)
      .process<string>({
        processElement(_v, ctx) {
          ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 20);
        },
        onTimer(_ts, ctx, o) {
          o.collect(`fired ${ctx.timeDomain()} for ${ctx.getCurrentKey()}`);
        },
      })
      .executeAndCollect();
    expect(out).toEqual(['fired processing for x']);
  });

  it('refuses timers on a non-keyed stream with a clear error', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const job = env
      .fromElements(1)
      .process({
        processElement(_v: number, ctx: { timerService(): { registerEventTimeTimer(t: number): void } }) {
          ctx.timerService().registerEventTimeTimer(5);
        },
      })
      .executeAndCollect();
    await expect(job).rejects.toThrow(/setting timers is only supported on keyed streams/);
  });
});

import {
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
  WatermarkStrategy,
} from '../../src/index.ts';
