import { describe, expect, it } from 'vitest';
import {
  ProcessWindowFunction,
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  ContinuousEventTimeTrigger,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../../src/runtime/operators/window/index.ts';
import type { Collector } from '../../../src/runtime/functions.ts';
import { drive, records, sumRec, take, windowHarness, type Rec } from './helpers.ts';

const sum = { kind: 'reduce', reduce: sumRec } as const;

describe('tumbling event-time windows', () => {
  it('sum out-of-order records per key and fire when the watermark passes the window end', async () => {
    const { h, op } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum });
    drive(h, [
      { el: ['a', 1], ts: 3 },
      { el: ['a', 2], ts: 12 },
      { el: ['b', 5], ts: 7 },
      { el: ['a', 4], ts: 1 },
      { wm: 8 }, // [0,10) ends at max timestamp 9: not yet
    ]);
    expect(take(h)).toEqual([]);
    h.processWatermark(9);
    // [0,10): a = 1 + 4, b = 5, stamped with max timestamp 9
    expect(take(h)).toEqual([[['a', 5], 9], [['b', 5], 9]]);
    drive(h, [
      { el: ['a', 8], ts: 15 },
      { el: ['b', 1], ts: 11 },
      { el: ['a', 3], ts: 5 }, // [0,10) is gone (9 <= watermark 9): dropped
      { wm: 19 },
    ]);
    // [10,20): a = 2 + 8, b = 1
    expect(take(h)).toEqual([[['a', 10], 19], [['b', 1], 19]]);
    expect(op.numLateRecordsDropped).toBe(1);
    expect(h.backend!.size()).toBe(0);
  });

  it('emits window results before forwarding the watermark', async () => {
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum });
    h.processElement(['a', 1], 3);
    h.processWatermark(10);
    expect(h.output.map((o) => o.kind)).toEqual(['record', 'watermark']);
  });

  it('fires every pending window at the end of input', async () => {
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum });
    drive(h, [
      { el: ['a', 1], ts: 3 },
      { el: ['a', 2], ts: 25 },
      { el: ['b', 4], ts: 1000 },
    ]);
    h.processWatermark(Number.POSITIVE_INFINITY);
    await h.endInput();
    expect(records(h)).toEqual([
      [['a', 1], 9],
      [['a', 2], 29],
      [['b', 4], 1009],
    ]);
    expect(h.backend!.size()).toBe(0);
  });
});

describe('sliding event-time windows', () => {
  it('add each record to every window that contains it', async () => {
    const { h } = await windowHarness({ assigner: SlidingEventTimeWindows.of(10, 5), fn: sum });
    drive(h, [
      { el: ['a', 1], ts: 7 }, // [5,15) [0,10)
      { el: ['a', 2], ts: 12 }, // [10,20) [5,15)
      { el: ['a', 4], ts: 3 }, // [0,10) [-5,5)
      { el: ['a', 8], ts: 16 }, // [15,25) [10,20)
      { wm: 9 },
    ]);
    // [-5,5) = 4 at 4; [0,10) = 1 + 4 at 9
    expect(records(h)).toEqual([[['a', 4], 4], [['a', 5], 9]]);
    h.clearOutput();
    h.processWatermark(30);
    // [5,15) = 1 + 2; [10,20) = 2 + 8; [15,25) = 8
    expect(records(h)).toEqual([[['a', 3], 14], [['a', 10], 19], [['a', 8], 24]]);
  });

  it('a record whose newer window is still open is not late, even if an older one is', async () => {
    const { h, op } = await windowHarness({ assigner: SlidingEventTimeWindows.of(10, 5), fn: sum, lateDataTag: 'late' });
    h.processWatermark(14);
    // ts 12 belongs to [10,20) (open) and [5,15) (max 14 <= watermark: late, skipped)
    h.processElement(['a', 1], 12);
    h.processWatermark(19);
    expect(records(h)).toEqual([[['a', 1], 19]]);
    expect(h.sideValues('late')).toEqual([]);
    expect(op.numLateRecordsDropped).toBe(0);
  });
});

describe('window functions', () => {
  it('reduce then hand the single result to a ProcessWindowFunction', async () => {
    const max = (a: Rec, b: Rec): Rec => (b[1] > a[1] ? b : a);
    const describeWindow = {
      process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Rec>, out: Collector<string>) {
        const all = [...elements];
        out.collect(`${key} [${ctx.window.start},${ctx.window.end}) max=${all[0]![1]} n=${all.length} wm=${ctx.currentWatermark()}`);
      },
    };
    const { h } = await windowHarness({
      assigner: TumblingEventTimeWindows.of(10),
      fn: { kind: 'reduce', reduce: max, window: describeWindow },
    });
    drive(h, [
      { el: ['a', 3], ts: 1 },
      { el: ['a', 9], ts: 5 },
      { el: ['a', 4], ts: 8 },
      { wm: 10 },
    ]);
    expect(records(h)).toEqual([['a [0,10) max=9 n=1 wm=10', 9]]);
  });

  it('aggregate emits getResult, alone or through a window function', async () => {
    const avg = {
      createAccumulator: () => ({ sum: 0, n: 0 }),
      add: (r: Rec, acc: { sum: number; n: number }) => ({ sum: acc.sum + r[1], n: acc.n + 1 }),
      getResult: (acc: { sum: number; n: number }) => acc.sum / acc.n,
    };
    const plain = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: { kind: 'aggregate', aggregate: avg } });
    drive(plain.h, [{ el: ['a', 1], ts: 1 }, { el: ['a', 2], ts: 2 }, { el: ['b', 6], ts: 3 }, { el: ['a', 6], ts: 12 }, { wm: 100 }]);
    // [0,10): a = (1 + 2) / 2, b = 6; [10,20): a = 6
    expect(take(plain.h)).toEqual([[1.5, 9], [6, 9], [6, 19]]);

    const withKey = {
      process(key: string, ctx: ProcessWindowContext<TimeWindow>, avgs: Iterable<number>, out: Collector<[string, number, number]>) {
        for (const x of avgs) out.collect([key, ctx.window.start, x]);
      },
    };
    const wrapped = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: { kind: 'aggregate', aggregate: avg, window: withKey } });
    drive(wrapped.h, [{ el: ['a', 1], ts: 1 }, { el: ['a', 2], ts: 2 }, { wm: 100 }]);
    expect(records(wrapped.h)).toEqual([[['a', 0, 1.5], 9]]);
  });

  it('process gets all elements, per-window and global state, side outputs, open() and clear()', async () => {
    const log: string[] = [];
    class Firings extends ProcessWindowFunction<Rec, string, string, TimeWindow> {
      override open(): void {
        log.push(`open ${this.getRuntimeContext().getTaskName()}`);
      }
      process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Rec>, out: Collector<string>): void {
        const fired = ctx.windowState().getState<number>(FIRED);
        const total = ctx.globalState().getState<number>(TOTAL);
        fired.update((fired.value() ?? 0) + 1);
        total.update((total.value() ?? 0) + 1);
        const vs = [...elements].map((e) => e[1]).sort((x, y) => x - y);
        out.collect(`${key}@${ctx.window.start} ${vs.join(',')} firing=${fired.value()} total=${total.value()}`);
        ctx.output(SIDE, `side ${key}@${ctx.window.start}`);
      }
      override clear(ctx: ProcessWindowContext<TimeWindow>): void {
        log.push(`clear ${ctx.window.start}`);
        ctx.windowState().getState<number>(FIRED).clear();
      }
    }
    const { ValueStateDescriptor } = await import('../../../src/runtime/state/descriptors.ts');
    const { OutputTag } = await import('../../../src/runtime/functions.ts');
    const FIRED = new ValueStateDescriptor<number>('fired');
    const TOTAL = new ValueStateDescriptor<number>('total');
    const SIDE = new OutputTag<string>('side');
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: { kind: 'process', window: new Firings() }, allowedLateness: 10 });
    drive(h, [{ el: ['a', 3], ts: 4 }, { el: ['a', 1], ts: 2 }, { wm: 9 }, { el: ['a', 2], ts: 5 }, { el: ['a', 7], ts: 11 }]);
    expect(records(h)).toEqual([
      ['a@0 1,3 firing=1 total=1', 9],
      ['a@0 1,2,3 firing=2 total=2', 9], // late firing within allowed lateness
    ]);
    expect(h.output.filter((o) => o.kind === 'side')).toEqual([
      { kind: 'side', tag: 'side', value: 'side a@0', timestamp: 9 },
      { kind: 'side', tag: 'side', value: 'side a@0', timestamp: 9 },
    ]);
    h.processWatermark(100);
    expect(log).toEqual(['open Window(test)', 'clear 0', 'clear 10']);
    // Only the global 'total' state of key a is left.
    expect(h.backend!.size()).toBe(1);
  });

  it('ContinuousEventTimeTrigger fires early every interval and at the window end', async () => {
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(100), trigger: ContinuousEventTimeTrigger.of(20), fn: sum });
    drive(h, [{ el: ['a', 1], ts: 5 }, { wm: 19 }, { el: ['a', 2], ts: 30 }, { wm: 20 }, { wm: 45 }, { el: ['a', 4], ts: 50 }, { wm: 99 }]);
    // The first record registers fire time 20 (its interval start 0 + 20); each early firing
    // registers the next: 20 -> 3, 40 -> 3, 60 -> 7, 80 -> 7, then min(100, 99) = 99, the
    // window end, fires once -> 7. Results carry max timestamp 99.
    expect(records(h)).toEqual([[['a', 3], 99], [['a', 3], 99], [['a', 7], 99], [['a', 7], 99], [['a', 7], 99]]);
    expect(h.backend!.size()).toBe(0);
  });
});
