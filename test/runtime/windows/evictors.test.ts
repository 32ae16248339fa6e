/** Evicting windows, with results worked out by hand as Flink's EvictingWindowOperator gives them. */
import { describe, expect, it } from 'vitest';
import {
  CountEvictor,
  CountTrigger,
  DeltaEvictor,
  EvictingWindowOperator,
  EventTimeSessionWindows,
  GlobalWindows,
  ProcessWindowFunction,
  TimeEvictor,
  TumblingEventTimeWindows,
  type EvictingWindowOperatorOptions,
  type Evictor,
  type EvictorContext,
  type ProcessWindowContext,
  type TimestampedValue,
  type TimeWindow,
} from '../../../src/runtime/operators/window/index.ts';
import type { AggregateFunction, Collector, RuntimeContext } from '../../../src/runtime/functions.ts';
import type { OperatorSnapshot } from '../../../src/runtime/operators/operator.ts';
import { OperatorHarness } from '../../../src/runtime/testing/operator-harness.ts';
import { byKey, drive, NAME, sortedRecords, sumRec, take, type Rec, type Step } from './helpers.ts';

async function evictingHarness(options: EvictingWindowOperatorOptions<Rec>, snapshot?: OperatorSnapshot) {
  const op = new EvictingWindowOperator(options);
  const h = new OperatorHarness(op, { keySelector: byKey, name: NAME });
  await h.open(snapshot ? [snapshot] : undefined);
  return h;
}

const sum = { kind: 'reduce', reduce: sumRec } as const;

/** Emits "key values" in the order the window holds them, with "[start,end)" for time windows. */
const listWindow = {
  kind: 'process',
  window: {
    process(key: string, ctx: ProcessWindowContext<unknown>, elements: Iterable<Rec>, out: Collector<string>) {
      const w = ctx.window as Partial<TimeWindow>;
      const span = w.start === undefined ? '' : ` [${w.start},${w.end})`;
      out.collect(`${key}${span} ${[...elements].map((e) => e[1]).join(',')}`);
    },
  },
} as const;

/** Mean of the values; no merge(), which evicting windows never need. */
const mean: AggregateFunction<Rec, [number, number], number> = {
  createAccumulator: () => [0, 0],
  add: (v, acc) => [acc[0] + v[1], acc[1] + 1],
  getResult: (acc) => acc[0] / acc[1],
};

const values = (h: OperatorHarness) => h.values();

describe('sliding count windows (GlobalWindows + CountTrigger.of(2) + CountEvictor.of(3))', () => {
  const slidingCount = (fn: EvictingWindowOperatorOptions<Rec>['fn']): EvictingWindowOperatorOptions<Rec> => ({
    assigner: GlobalWindows.create(),
    trigger: CountTrigger.of(2),
    evictor: CountEvictor.of(3),
    fn,
  });

  it('every 2 records of a key, the last 3', async () => {
    const h = await evictingHarness(slidingCount(listWindow));
    for (let i = 1; i <= 7; i++) {
      h.processElement(['a', i]);
      h.processElement(['b', 10 * i]);
    }
    // The trigger fires at the 2nd, 4th and 6th record of a key; the evictor keeps the
    // last 3 before the function runs: [1,2] (only 2 so far), [1,2,3,4] -> [2,3,4],
    // [2,3,4,5,6] -> [4,5,6]. Record 7 waits: a global window never ends.
    expect(values(h)).toEqual(['a 1,2', 'b 10,20', 'a 2,3,4', 'b 20,30,40', 'a 4,5,6', 'b 40,50,60']);
    // The window keeps the last 3 records and the trigger's count (1: record 7) per key.
    expect(h.backend!.size()).toBe(4);
  });

  it('reduce runs over the remaining records when the window fires', async () => {
    const h = await evictingHarness(slidingCount(sum));
    for (let i = 1; i <= 7; i++) h.processElement(['a', i]);
    // 1+2, 2+3+4, 4+5+6; results carry the global window's max timestamp (+∞).
    expect(h.output.flatMap((o) => (o.kind === 'record' ? [[o.value, o.timestamp]] : []))).toEqual([
      [['a', 3], Number.POSITIVE_INFINITY],
      [['a', 9], Number.POSITIVE_INFINITY],
      [['a', 15], Number.POSITIVE_INFINITY],
    ]);
  });
});

describe('CountEvictor', () => {
  const steps = (h: OperatorHarness) => {
    for (let i = 1; i <= 9; i++) h.processElement(['a', i]);
  };

  it('before the window function: the function sees the last n', async () => {
    const h = await evictingHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(3), evictor: CountEvictor.of(2), fn: listWindow });
    steps(h);
    // [1,2,3] -> [2,3]; + 4,5,6 -> [2..6] -> [5,6]; + 7,8,9 -> [5..9] -> [8,9].
    expect(values(h)).toEqual(['a 2,3', 'a 5,6', 'a 8,9']);
  });

  it('after the window function: the function sees everything, the next firing what was kept', async () => {
    const h = await evictingHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(3), evictor: CountEvictor.of(2, true), fn: listWindow });
    steps(h);
    // Sees [1,2,3], keeps [2,3]; sees [2,3,4,5,6], keeps [5,6]; sees [5,6,7,8,9].
    expect(values(h)).toEqual(['a 1,2,3', 'a 2,3,4,5,6', 'a 5,6,7,8,9']);
  });

  it('a window evicted empty holds no state, as Flink drops an empty list state', async () => {
    const h = await evictingHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(0, true), fn: listWindow });
    drive(h, [{ el: ['a', 1] }, { el: ['a', 2] }]);
    expect(h.backend!.size()).toBe(0); // the list is gone and the trigger cleared its count
    drive(h, [{ el: ['a', 3] }, { el: ['a', 4] }]);
    expect(values(h)).toEqual(['a 1,2', 'a 3,4']);
  });
});

describe('TimeEvictor on event-time tumbling windows', () => {
  it('keeps the records with timestamp > (max timestamp in the window) - size', async () => {
    const h = await evictingHarness({ assigner: TumblingEventTimeWindows.of(10), evictor: TimeEvictor.of(3), fn: listWindow });
    drive(h, [
      { el: ['a', 1], ts: 0 },
      { el: ['a', 2], ts: 2 },
      { el: ['a', 3], ts: 5 },
      { el: ['a', 4], ts: 7 },
      { el: ['a', 5], ts: 4 }, // exactly at the cutoff 7 - 3 = 4: evicted (Flink's `<= cutoff`)
      { el: ['a', 6], ts: 6 },
      { el: ['a', 7], ts: 10 },
      { el: ['a', 8], ts: 19 },
      { wm: 19 },
    ]);
    // [0,10): max 7, keeps ts 5, 7, 6. [10,20): max 19, cutoff 16, keeps ts 19 only.
    expect(take(h)).toEqual([
      ['a [0,10) 3,4,6', 9],
      ['a [10,20) 8', 19],
    ]);
    expect(h.backend!.size()).toBe(0);
  });

  it('evicting after the function, with allowed lateness: a late firing sees what was kept plus the late record', async () => {
    const h = await evictingHarness({
      assigner: TumblingEventTimeWindows.of(10),
      evictor: TimeEvictor.of(3, true),
      fn: listWindow,
      allowedLateness: 10,
    });
    drive(h, [{ el: ['a', 1], ts: 0 }, { el: ['a', 2], ts: 5 }, { el: ['a', 3], ts: 8 }, { wm: 9 }]);
    // Sees all three; then max 8, cutoff 5: ts 0 and 5 go, [3@8] stays.
    expect(take(h)).toEqual([['a [0,10) 1,2,3', 9]]);
    h.processElement(['a', 4], 1); // late but within lateness: re-fires at once
    // Sees [3@8, 4@1]; then the cutoff is 5 again: 4@1 goes.
    expect(take(h)).toEqual([['a [0,10) 3,4', 9]]);
    expect(h.backend!.size()).toBe(1);
    h.processWatermark(19); // cleanup time 9 + 10
    expect(take(h)).toEqual([]);
    expect(h.backend!.size()).toBe(0);
  });

  it('leaves windows of records without timestamps alone', async () => {
    const h = await evictingHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(3), evictor: TimeEvictor.of(0), fn: listWindow });
    drive(h, [{ el: ['a', 1] }, { el: ['a', 2] }, { el: ['a', 3] }]);
    expect(values(h)).toEqual(['a 1,2,3']);
  });
});

describe('DeltaEvictor', () => {
  it('evicts the records whose delta to the last record is at least the threshold', async () => {
    const h = await evictingHarness({
      assigner: GlobalWindows.create(),
      trigger: CountTrigger.of(4),
      evictor: DeltaEvictor.of(5, (a: Rec, b: Rec) => Math.abs(a[1] - b[1])),
      fn: listWindow,
    });
    for (const v of [1, 10, 4, 8, 20, 18, 3, 17]) h.processElement(['a', v]);
    // Fire 1, [1,10,4,8], last 8: deltas 7 (out), 2, 4, 0 -> [10,4,8].
    // Fire 2, [10,4,8,20,18,3,17], last 17: deltas 7, 13, 9 (out), 3, 1, 14 (out), 0 -> [20,18,17].
    expect(values(h)).toEqual(['a 10,4,8', 'a 20,18,17']);
  });

  it('takes a DeltaFunction object and can evict after the function', async () => {
    const h = await evictingHarness({
      assigner: GlobalWindows.create(),
      trigger: CountTrigger.of(2),
      evictor: DeltaEvictor.of(3, { getDelta: (a: Rec, b: Rec) => b[1] - a[1] }, true),
      fn: listWindow,
    });
    for (const v of [1, 5, 6, 7]) h.processElement(['a', v]);
    // Sees [1,5]; 5 - 1 = 4 >= 3: keeps [5]. Sees [5,6,7]; 7 - 5 = 2, 1, 0: keeps all.
    expect(values(h)).toEqual(['a 1,5', 'a 5,6,7']);
  });
});

describe('reduce and aggregate over the remaining records', () => {
  it('reduce and aggregate on a tumbling event-time window with CountEvictor.of(2)', async () => {
    const steps: Step[] = [{ el: ['a', 1], ts: 1 }, { el: ['a', 2], ts: 2 }, { el: ['a', 4], ts: 3 }, { el: ['b', 7], ts: 4 }, { wm: 9 }];
    const reduced = await evictingHarness({ assigner: TumblingEventTimeWindows.of(10), evictor: CountEvictor.of(2), fn: sum });
    drive(reduced, steps);
    // a: [1,2,4] -> [2,4] = 6; b: [7].
    expect(take(reduced)).toEqual([
      [['a', 6], 9],
      [['b', 7], 9],
    ]);
    const averaged = await evictingHarness({ assigner: TumblingEventTimeWindows.of(10), evictor: CountEvictor.of(2), fn: { kind: 'aggregate', aggregate: mean } });
    drive(averaged, steps);
    expect(take(averaged)).toEqual([
      [3, 9], // (2 + 4) / 2
      [7, 9],
    ]);
  });

  it('a reduce result goes to the window function with the window', async () => {
    const h = await evictingHarness({
      assigner: TumblingEventTimeWindows.of(10),
      evictor: CountEvictor.of(2),
      fn: {
        kind: 'reduce',
        reduce: sumRec,
        window: {
          process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Rec>, out: Collector<string>) {
            out.collect(`${key} [${ctx.window.start},${ctx.window.end}) ${[...elements].map((e) => e[1]).join(',')}`);
          },
        },
      },
    });
    drive(h, [{ el: ['a', 1], ts: 1 }, { el: ['a', 2], ts: 2 }, { el: ['a', 4], ts: 3 }, { wm: 9 }]);
    expect(take(h)).toEqual([['a [0,10) 6', 9]]);
  });

  it('an aggregate over an all-evicted window gives the empty accumulator’s result; a reduce emits nothing', async () => {
    const evictAll: Evictor<Rec, unknown> = {
      evictBefore: (elements) => void elements.splice(0),
      evictAfter: () => {},
    };
    const agg = await evictingHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(1), evictor: evictAll, fn: { kind: 'aggregate', aggregate: mean } });
    agg.processElement(['a', 1]);
    expect(values(agg)).toEqual([Number.NaN]); // 0 / 0
    const red = await evictingHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(1), evictor: evictAll, fn: sum });
    red.processElement(['a', 1]);
    expect(values(red)).toEqual([]);
    expect(red.backend!.size()).toBe(0);
  });

  it('session windows merge their lists; aggregate needs no merge()', async () => {
    const h = await evictingHarness({
      assigner: EventTimeSessionWindows.withGap(5),
      evictor: TimeEvictor.of(5),
      fn: { kind: 'aggregate', aggregate: mean },
    });
    drive(h, [
      { el: ['a', 1], ts: 0 }, // [0,5)
      { el: ['a', 2], ts: 8 }, // [8,13)
      { el: ['a', 3], ts: 4 }, // [4,9) bridges both: [0,13) holds all three
      { wm: 12 },
    ]);
    // Max timestamp 8, cutoff 3: 1@0 goes; (2 + 3) / 2.
    expect(take(h)).toEqual([[2.5, 12]]);
    expect(h.backend!.size()).toBe(0);
  });
});

describe('the evictor context and the functions’ life cycle', () => {
  it('gives the evictor the window, the size, the processing time and the watermark', async () => {
    const seen: string[] = [];
    const spy: Evictor<Rec, TimeWindow> = {
      evictBefore(elements: TimestampedValue<Rec>[], size: number, w: TimeWindow, ctx: EvictorContext) {
        seen.push(`before [${w.start},${w.end}) size=${size} ts=${elements.map((e) => e.timestamp).join(',')} pt=${ctx.getCurrentProcessingTime()} wm=${ctx.getCurrentWatermark()}`);
        elements.shift();
      },
      evictAfter(elements: TimestampedValue<Rec>[], size: number) {
        seen.push(`after size=${size} ${elements.map((e) => e.value[1]).join(',')}`);
      },
    };
    const h = await evictingHarness({ assigner: TumblingEventTimeWindows.of(10), evictor: spy, fn: listWindow });
    drive(h, [{ pt: 42 }, { el: ['a', 1], ts: 3 }, { el: ['a', 2], ts: 5 }, { wm: 12 }]);
    expect(seen).toEqual(['before [0,10) size=2 ts=3,5 pt=42 wm=12', 'after size=1 2']);
    expect(take(h)).toEqual([['a [0,10) 2', 9]]);
  });

  it('opens, clears and closes the user’s window function', async () => {
    const calls: string[] = [];
    class Fn extends ProcessWindowFunction<Rec, string, string, TimeWindow> {
      override open(_ctx: RuntimeContext): void {
        calls.push(`open ${this.getRuntimeContext().getTaskName()}`);
      }
      process(key: string, _ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Rec>, out: Collector<string>): void {
        out.collect(`${key} ${[...elements].length}`);
      }
      override clear(ctx: ProcessWindowContext<TimeWindow>): void {
        calls.push(`clear ${ctx.window.start}`);
      }
      override close(): void {
        calls.push('close');
      }
    }
    const h = await evictingHarness({ assigner: TumblingEventTimeWindows.of(10), evictor: CountEvictor.of(1), fn: { kind: 'process', window: new Fn() } });
    drive(h, [{ el: ['a', 1], ts: 1 }, { el: ['a', 2], ts: 2 }, { wm: 10 }]);
    await h.close();
    expect(values(h)).toEqual(['a 1']);
    expect(calls).toEqual([`open ${NAME}`, 'clear 0', 'close']);
  });

  it('rejects an evictor without its methods', () => {
    expect(() => new EvictingWindowOperator({ assigner: GlobalWindows.create(), evictor: {} as Evictor<Rec, never>, fn: sum })).toThrow(/evictBefore/);
  });
});

/** The same steps as recovery.test.ts: out of order, late within lateness, too late. */
const eventSteps: Step[] = [
  { el: ['a', 1], ts: 0 },
  { el: ['b', 2], ts: 4 },
  { el: ['a', 3], ts: 30 },
  { el: ['a', 4], ts: 6 },
  { wm: 5 },
  { el: ['b', 5], ts: 12 },
  { el: ['a', 6], ts: 20 },
  { wm: 17 },
  { el: ['a', 7], ts: 11 },
  { el: ['b', 8], ts: 2 },
  { wm: 31 },
  { el: ['a', 9], ts: 1 },
  { el: ['a', 10], ts: 45 },
  { wm: 50 },
];

/** Results of `steps`, run whole or through a snapshot taken at `cut` and restored into a new operator. */
async function run(options: () => EvictingWindowOperatorOptions<Rec>, steps: readonly Step[], cut?: number) {
  const out: string[] = [];
  const collect = (h: OperatorHarness) => out.push(...sortedRecords(h).map((r) => JSON.stringify(r)));
  const first = await evictingHarness(options());
  drive(first, steps.slice(0, cut));
  let last = first;
  if (cut !== undefined) {
    collect(first);
    last = await evictingHarness(options(), first.snapshot());
    drive(last, steps.slice(cut));
  }
  last.processWatermark(Number.POSITIVE_INFINITY);
  await last.endInput();
  collect(last);
  return { records: out.sort(), size: last.backend!.size() };
}

describe('snapshot and restore of an evicting operator', () => {
  const cases: Array<[string, () => EvictingWindowOperatorOptions<Rec>]> = [
    ['sliding count', () => ({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(3), fn: listWindow })],
    ['tumbling + lateness + TimeEvictor after', () => ({ assigner: TumblingEventTimeWindows.of(10), evictor: TimeEvictor.of(4, true), fn: listWindow, allowedLateness: 8 })],
    ['sessions + CountEvictor + aggregate', () => ({ assigner: EventTimeSessionWindows.withGap(8), evictor: CountEvictor.of(2), fn: { kind: 'aggregate', aggregate: mean }, allowedLateness: 5 })],
  ];
  for (const [name, options] of cases) {
    it(`${name}: a restored run gives what an uninterrupted run gives, at every cut`, async () => {
      const whole = await run(options, eventSteps);
      expect(whole.records.length).toBeGreaterThan(0);
      for (let cut = 1; cut < eventSteps.length; cut++) {
        const restored = await run(options, eventSteps, cut);
        expect({ cut, ...restored }).toEqual({ cut, ...whole });
      }
    });
  }

  it('sliding count: hand-checked result of the run above', async () => {
    const whole = await run(() => ({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), evictor: CountEvictor.of(3), fn: listWindow }), eventSteps);
    // a gets 1,3,4,6,7,9,10: fires at 3 ([1,3]), 6 ([3,4,6]), 9 ([6,7,9]); 10 waits.
    // b gets 2,5,8: fires at 5 ([2,5]); 8 waits. Global windows never clean up: a keeps
    // [7,9,10] and a count of 1, b keeps [2,5,8] and a count of 1.
    expect(whole.records).toEqual(
      ['a 1,3', 'a 3,4,6', 'a 6,7,9', 'b 2,5'].map((s) => JSON.stringify([s, Number.POSITIVE_INFINITY])).sort(),
    );
    expect(whole.size).toBe(4);
  });
});
