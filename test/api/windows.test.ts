/** Windows through the whole API and runtime, with results worked out by hand as Flink gives them. */
import { describe, expect, it } from 'vitest';
import {
  CountEvictor,
  EventTimeSessionWindows,
  OutputTag,
  ProcessWindowFunction,
  StreamExecutionEnvironment,
  TimeEvictor,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type Collector,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../src/index.ts';

type Ev = [string, number, number]; // key, value, event time

function env1(): StreamExecutionEnvironment {
  // One record per batch: the source emits a watermark after every record, as a per-record
  // watermark generator would, so the arrival order below is the order event time sees.
  return StreamExecutionEnvironment.getExecutionEnvironment().setExecutionOptions({ batchSize: 1 });
}

const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(2000).withTimestampAssigner((e) => e[2]);

class Describe extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
  process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Ev>, out: Collector<string>): void {
    const vs = [...elements].map((e) => e[1]);
    out.collect(`${key} [${ctx.window.start},${ctx.window.end}) n=${vs.length} sum=${vs.reduce((a, b) => a + b, 0)}`);
  }
}

describe('event-time windows end to end', () => {
  it('fire on the watermark, re-fire for allowed lateness, and send later records to the side output', async () => {
    const input: Ev[] = [
      ['a', 1, 1000], //  wm -1001
      ['a', 1, 5000], //  wm 2999
      ['a', 1, 12000], // wm 9999: [0,10000) fires with 2 records
      ['a', 1, 8000], //  late but within 5 s of lateness: [0,10000) fires again with 3
      ['a', 1, 21000], // wm 18999
      ['a', 1, 3000], //  [0,10000) ended at 9999 + 5000 <= 18999: too late, side output
      ['a', 1, 15000], // on time for [10000,20000)
      ['b', 7, 2500], //  window [0,10000) of b: 9999 + 5000 > 18999? no: too late as well
    ];
    const late = new OutputTag<Ev>('late');
    const env = env1();
    const windowed = env
      .fromCollection(input)
      .assignTimestampsAndWatermarks(strategy)
      .keyBy((e) => e[0])
      .window(TumblingEventTimeWindows.of(10_000))
      .allowedLateness(5_000)
      .sideOutputLateData(late)
      .process(new Describe());
    const lateRecords = windowed.getSideOutput(late).map((e) => `late ${e[0]}@${e[2]}`);
    const out = await windowed.union(lateRecords).executeAndCollect();
    expect(out).toEqual([
      'a [0,10000) n=2 sum=2',
      'a [0,10000) n=3 sum=3',
      'late a@3000',
      'late b@2500',
      // End of input: the watermark +∞ fires the remaining windows.
      'a [10000,20000) n=2 sum=2',
      'a [20000,30000) n=1 sum=1',
    ]);
  });

  it('merge session windows across out-of-order records', async () => {
    const input: Ev[] = [
      ['u', 1, 1000],
      ['u', 2, 9000], //  a separate session (gap 3 s)
      ['u', 3, 5500], //  out of order: [5500,8500) touches neither session yet
      ['u', 4, 7000], //  merges [5500,8500) with [9000,12000) via [7000,10000)
      ['u', 5, 30000],
    ];
    const env = env1();
    const out = await env
      .fromCollection(input)
      .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<Ev>(10_000).withTimestampAssigner((e) => e[2]))
      .keyBy((e) => e[0])
      .window(EventTimeSessionWindows.withGap(3000))
      .process(new Describe())
      .executeAndCollect();
    expect(out).toEqual(['u [1000,4000) n=1 sum=1', 'u [5500,12000) n=3 sum=9', 'u [30000,33000) n=1 sum=5']);
  });

  it('aggregates per window with reduce, and non-keyed with windowAll, at parallelism 3', async () => {
    const input: Ev[] = Array.from({ length: 300 }, (_, i) => [`k${i % 3}`, i, i * 100] as Ev);
    const env = new StreamExecutionEnvironment(3);
    const perKey = await env
      .fromCollection(input)
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e[2]))
      .keyBy((e) => e[0])
      .window(TumblingEventTimeWindows.of(10_000))
      .reduce((a, b) => [a[0], a[1] + b[1], Math.max(a[2], b[2])])
      .map((e) => `${e[0]}:${e[1]}`)
      .executeAndCollect();
    // Window w holds i in [100w, 100w+100); key k takes i ≡ k (mod 3).
    const expected: string[] = [];
    for (let w = 0; w < 3; w++) {
      for (let k = 0; k < 3; k++) {
        let sum = 0;
        for (let i = 100 * w; i < 100 * w + 100; i++) if (i % 3 === k) sum += i;
        expected.push(`k${k}:${sum}`);
      }
    }
    expect(perKey.sort()).toEqual(expected.sort());

    const env2 = new StreamExecutionEnvironment(3);
    const all = await env2
      .fromCollection(input)
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e[2]))
      .map((e) => e[1])
      .windowAll(TumblingEventTimeWindows.of(10_000))
      .sum()
      .executeAndCollect();
    expect(all).toEqual([4950, 14950, 24950]);
  });

  it('count windows fire every n records of a key', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements(1, 2, 3, 4, 5, 6, 7)
      .keyBy(() => 'all')
      .countWindow(3)
      .sum()
      .executeAndCollect();
    expect(out).toEqual([6, 15]);
  });
});

describe('evicting windows end to end', () => {
  it('countWindow(3, 2): every 2 records of a key, the sum of its last 3', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const out = await env
      .fromElements(1, 2, 3, 4, 5, 6, 7)
      .keyBy(() => 'all')
      .countWindow(3, 2)
      .sum()
      .executeAndCollect();
    // Fires at the 2nd, 4th, 6th record over [1,2], [2,3,4], [4,5,6]; 7 never fires.
    expect(out).toEqual([3, 9, 15]);
  });

  it('countWindow(3, 2) per key at parallelism 2, and countWindowAll(3, 2)', async () => {
    const input: Array<[string, number]> = [];
    for (let i = 1; i <= 7; i++) input.push(['a', i], ['b', 10 * i]);
    const perKey = await new StreamExecutionEnvironment(2)
      .fromCollection(input)
      .keyBy((e) => e[0])
      .countWindow(3, 2)
      .process({
        process(key: string, _ctx: unknown, elements: Iterable<[string, number]>, out: Collector<string>) {
          out.collect(`${key} ${[...elements].map((e) => e[1]).join(',')}`);
        },
      })
      .executeAndCollect();
    // Each key on its own, in its arrival order.
    expect(perKey.filter((s) => s.startsWith('a'))).toEqual(['a 1,2', 'a 2,3,4', 'a 4,5,6']);
    expect(perKey.filter((s) => s.startsWith('b'))).toEqual(['b 10,20', 'b 20,30,40', 'b 40,50,60']);

    const all = await StreamExecutionEnvironment.getExecutionEnvironment()
      .fromElements(1, 2, 3, 4, 5, 6, 7)
      .countWindowAll(3, 2)
      .reduce((a, b) => a * 10 + b);
    const result = await all.executeAndCollect();
    // [1,2] -> 12; [2,3,4] -> 234; [4,5,6] -> 456.
    expect(result).toEqual([12, 234, 456]);
  });

  it('evictor() on event-time windows: TimeEvictor keeps the last 3 s before the window function', async () => {
    const input: Ev[] = [
      ['a', 1, 1000],
      ['a', 2, 4000],
      ['a', 5, 9000], //  the max of [0,10000): cutoff 6000, so 1@1000 and 2@4000 go
      ['a', 3, 8000], //  out of order, within the 2 s bound: kept (8000 > 6000)
      ['a', 4, 12000], // wm 9999 fires [0,10000)
    ];
    const out = await env1()
      .fromCollection(input)
      .assignTimestampsAndWatermarks(strategy)
      .keyBy((e) => e[0])
      .window(TumblingEventTimeWindows.of(10_000))
      .evictor(TimeEvictor.of(3000))
      .process(new Describe())
      .executeAndCollect();
    expect(out).toEqual(['a [0,10000) n=2 sum=8', 'a [10000,20000) n=1 sum=4']);
  });

  it('evictor() with aggregate: the accumulator runs over the records left at firing time', async () => {
    const out = await StreamExecutionEnvironment.getExecutionEnvironment()
      .fromElements(1, 2, 3, 4, 5, 6)
      .keyBy(() => 'all')
      .countWindow(3)
      .evictor(CountEvictor.of(1))
      .aggregate({
        createAccumulator: () => [] as number[],
        add: (v: number, acc: number[]) => [...acc, v],
        getResult: (acc: number[]) => acc.join('+'),
      });
    const result = await out.executeAndCollect();
    // Tumbling count windows [1,2,3] and [4,5,6], each evicted down to its last record.
    expect(result).toEqual(['3', '6']);
  });
});
