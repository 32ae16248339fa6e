import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  EventTimeSessionWindows,
  ProcessingTimeSessionWindows,
  TumblingEventTimeWindows,
  Trigger,
  TriggerResult,
  WindowOperator,
  type ProcessWindowContext,
  type TimeWindow,
} from '../../../src/runtime/operators/window/index.ts';
import type { Collector } from '../../../src/runtime/functions.ts';
import { drive, records, sumRec, take, windowHarness, type Rec } from './helpers.ts';

/** Emits "key [start,end) sorted values". */
const listWindow = {
  kind: 'process',
  window: {
    process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: Iterable<Rec>, out: Collector<string>) {
      const vs = [...elements].map((e) => e[1]).sort((x, y) => x - y);
      out.collect(`${key} [${ctx.window.start},${ctx.window.end}) ${vs.join(',')}`);
    },
  },
} as const;

describe('event-time session windows', () => {
  it('merge out-of-order sessions, including a record that bridges two of them', async () => {
    const { h } = await windowHarness({ assigner: EventTimeSessionWindows.withGap(10), fn: listWindow });
    drive(h, [
      { el: ['a', 1], ts: 0 }, // [0,10)
      { el: ['a', 2], ts: 30 }, // [30,40)
      { el: ['a', 3], ts: 5 }, // [5,15) merges with [0,10) -> [0,15)
      { el: ['a', 4], ts: 20 }, // [20,30) touches [30,40) -> [20,40)
      { el: ['b', 10], ts: 1 }, // b: [1,11)
      { el: ['b', 20], ts: 50 }, // b: [50,60)
      { wm: 10 }, // b's [1,11) ends at max timestamp 10: fires
    ]);
    expect(take(h)).toEqual([['b [1,11) 10', 10]]);
    // a's [0,15) (max 14) has not fired. ts 14 opens [14,24), which overlaps [0,15) and
    // [20,40): all three become [0,40).
    h.processElement(['a', 5], 14);
    h.processWatermark(14);
    expect(take(h)).toEqual([]); // the [0,15) timer was deleted by the merge
    h.processWatermark(39);
    expect(take(h)).toEqual([['a [0,40) 1,2,3,4,5', 39]]);
    h.processWatermark(100);
    expect(take(h)).toEqual([['b [50,60) 20', 59]]);
    expect(h.backend!.size()).toBe(0); // contents and merging window sets are gone
  });

  it('reduce over sessions merges the reduced values; late session records fire the merged window', async () => {
    const { h, op } = await windowHarness({
      assigner: EventTimeSessionWindows.withGap(10),
      fn: { kind: 'reduce', reduce: sumRec },
      allowedLateness: 20,
      lateDataTag: 'late',
    });
    drive(h, [{ el: ['a', 1], ts: 0 }, { el: ['a', 2], ts: 8 }, { wm: 17 }]);
    expect(take(h)).toEqual([[['a', 3], 17]]); // [0,18)
    // Within lateness: [12,22) merges into [0,22) (max 21 > watermark 17 -> timer, no fire yet)
    h.processElement(['a', 4], 12);
    expect(take(h)).toEqual([]);
    h.processWatermark(21);
    expect(take(h)).toEqual([[['a', 7], 21]]);
    // [5,15) lies inside [0,22): the window stays, and is past the watermark: fires at once
    h.processElement(['a', 8], 5);
    expect(take(h)).toEqual([[['a', 15], 21]]);
    h.processWatermark(41); // cleanup of [0,22) at 21 + 20
    expect(h.backend!.size()).toBe(0);
    h.processElement(['a', 16], 3); // 3 + 20 <= 41: late
    expect(h.sideValues('late')).toEqual([['a', 16]]);
    expect(op.numLateRecordsDropped).toBe(0);
  });

  it('aggregate over sessions merges accumulators', async () => {
    const count = { createAccumulator: () => 0, add: (_: Rec, acc: number) => acc + 1, getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b };
    const { h } = await windowHarness({ assigner: EventTimeSessionWindows.withGap(5), fn: { kind: 'aggregate', aggregate: count } });
    drive(h, [{ el: ['a', 0], ts: 0 }, { el: ['a', 0], ts: 1 }, { el: ['a', 0], ts: 10 }, { el: ['a', 0], ts: 6 }, { wm: 100 }]);
    // 0,1 -> [0,6); 10 -> [10,15); 6 -> [6,11) touches both -> [0,15) with 4 records
    expect(records(h)).toEqual([[4, 14]]);
  });

  it('dynamic gaps decide each record’s session length', async () => {
    const { h } = await windowHarness({ assigner: EventTimeSessionWindows.withDynamicGap<Rec>((r) => r[1]), fn: listWindow });
    drive(h, [{ el: ['a', 3], ts: 0 }, { el: ['a', 20], ts: 5 }, { el: ['a', 2], ts: 40 }, { wm: 100 }]);
    // [0,3) and [5,25) do not touch; [40,42) alone
    expect(records(h)).toEqual([['a [0,3) 3', 2], ['a [5,25) 20', 24], ['a [40,42) 2', 41]]);
  });

  it('a count trigger on sessions merges its counts', async () => {
    const { h } = await windowHarness({ assigner: EventTimeSessionWindows.withGap(10), trigger: CountTrigger.of(3), fn: listWindow });
    drive(h, [{ el: ['a', 1], ts: 0 }, { el: ['a', 2], ts: 50 }, { el: ['a', 3], ts: 25 }]);
    expect(take(h)).toEqual([]); // three separate sessions, one record each
    h.processElement(['a', 4], 15); // [15,25) bridges [0,10)? no: touches [25,35) only -> count 2
    expect(take(h)).toEqual([]);
    h.processElement(['a', 5], 8); // [8,18) joins [0,10) and [15,35) -> [0,35), count 1 + 2 + 1 = 4 >= 3
    expect(take(h)).toEqual([['a [0,35) 1,3,4,5', 34]]);
  });

  it('refuse triggers that cannot merge, and aggregates without merge()', () => {
    class EveryRecord extends Trigger<unknown, unknown> {
      onElement(): TriggerResult {
        return TriggerResult.FIRE;
      }
      onEventTime(): TriggerResult {
        return TriggerResult.CONTINUE;
      }
      onProcessingTime(): TriggerResult {
        return TriggerResult.CONTINUE;
      }
      clear(): void {}
    }
    const assigner = EventTimeSessionWindows.withGap(5);
    expect(() => new WindowOperator({ assigner, trigger: new EveryRecord(), fn: listWindow })).toThrow(/does not support merging/);
    const noMerge = { createAccumulator: () => 0, add: () => 0, getResult: () => 0 };
    expect(() => new WindowOperator({ assigner, fn: { kind: 'aggregate', aggregate: noMerge } })).toThrow(/needs an AggregateFunction with merge/);
    // Fine on windows that do not merge.
    expect(() => new WindowOperator({ assigner: TumblingEventTimeWindows.of(5), trigger: new EveryRecord(), fn: listWindow })).not.toThrow();
  });
});

describe('processing-time session windows', () => {
  it('merge by arrival time and fire when processing time passes the session end', async () => {
    const { h } = await windowHarness({ assigner: ProcessingTimeSessionWindows.withGap(10), fn: listWindow });
    drive(h, [{ pt: 0 }, { el: ['a', 1] }, { pt: 5 }, { el: ['a', 2] }, { pt: 9 }]);
    expect(take(h)).toEqual([]); // [0,10) merged into [0,15): its timer at 9 was deleted
    h.setProcessingTime(14);
    expect(take(h)).toEqual([['a [0,15) 1,2', 14]]);
    expect(h.backend!.size()).toBe(0);
  });
});
