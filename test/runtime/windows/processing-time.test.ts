import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  GlobalWindows,
  PurgingTrigger,
  SlidingProcessingTimeWindows,
  TumblingProcessingTimeWindows,
} from '../../../src/runtime/operators/window/index.ts';
import { drive, records, sumRec, take, windowHarness } from './helpers.ts';

const sum = { kind: 'reduce', reduce: sumRec } as const;

describe('processing-time windows', () => {
  it('tumbling windows fire when processing time reaches the window end', async () => {
    const { h } = await windowHarness({ assigner: TumblingProcessingTimeWindows.of(10), fn: sum });
    drive(h, [{ pt: 3 }, { el: ['a', 1] }, { el: ['a', 2] }, { el: ['b', 5] }, { pt: 8 }]);
    expect(take(h)).toEqual([]);
    // Watermarks do not fire processing-time windows.
    h.processWatermark(1000);
    expect(take(h)).toEqual([]);
    h.setProcessingTime(10); // the [0,10) timer at 9 is due
    expect(take(h)).toEqual([[['a', 3], 9], [['b', 5], 9]]);
    drive(h, [{ el: ['a', 7] }, { pt: 25 }]); // arrived at 10: [10,20)
    expect(take(h)).toEqual([[['a', 7], 19]]);
    expect(h.backend!.size()).toBe(0);
  });

  it('sliding processing-time windows', async () => {
    const { h } = await windowHarness({ assigner: SlidingProcessingTimeWindows.of(10, 5), fn: sum });
    drive(h, [{ pt: 7 }, { el: ['a', 1] }, { pt: 12 }, { el: ['a', 2] }, { pt: 30 }]);
    // 1 at 7: [5,15) [0,10); 2 at 12: [10,20) [5,15)
    expect(records(h)).toEqual([[['a', 1], 9], [['a', 3], 14], [['a', 2], 19]]);
  });

  it('pending processing-time windows fire at the end of input', async () => {
    const { h } = await windowHarness({ assigner: TumblingProcessingTimeWindows.of(10), fn: sum });
    drive(h, [{ pt: 3 }, { el: ['a', 1] }, { pt: 14 }, { el: ['a', 2] }]);
    expect(take(h)).toEqual([[['a', 1], 9]]);
    h.processWatermark(Number.POSITIVE_INFINITY);
    await h.endInput();
    expect(take(h)).toEqual([[['a', 2], 19]]);
    expect(h.backend!.size()).toBe(0);
  });
});

describe('count windows (GlobalWindows + CountTrigger)', () => {
  it('purging: fire and clear every n records per key', async () => {
    const { h } = await windowHarness({ assigner: GlobalWindows.create(), trigger: PurgingTrigger.of(CountTrigger.of(3)), fn: sum });
    for (const [k, v] of [['a', 1], ['a', 2], ['b', 10], ['a', 3], ['a', 4], ['b', 20], ['a', 5], ['b', 30], ['a', 6]] as const) h.processElement([k, v]);
    // a: 1+2+3 at the 3rd, 4+5+6 at the 6th; b: 10+20+30. Global windows end at +Infinity.
    expect(records(h)).toEqual([[['a', 6], Infinity], [['b', 60], Infinity], [['a', 15], Infinity]]);
    expect(h.backend!.size()).toBe(0); // counts reset and contents purged
    h.processElement(['a', 7]);
    h.processWatermark(Number.POSITIVE_INFINITY);
    await h.endInput();
    expect(records(h)).toHaveLength(3); // an incomplete count window never fires
  });

  it('non-purging: each firing sees everything so far', async () => {
    const { h } = await windowHarness({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(2), fn: sum });
    for (const v of [1, 2, 3, 4, 5]) h.processElement(['a', v]);
    expect(records(h).map((r) => r[0])).toEqual([['a', 3], ['a', 10]]);
  });

  it('the default trigger of global windows never fires', async () => {
    const { h } = await windowHarness({ assigner: GlobalWindows.create(), fn: sum });
    h.processElement(['a', 1]);
    h.processWatermark(Number.POSITIVE_INFINITY);
    await h.endInput();
    expect(records(h)).toEqual([]);
  });
});
