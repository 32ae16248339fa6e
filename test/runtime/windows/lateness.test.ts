import { describe, expect, it } from 'vitest';
import { TumblingEventTimeWindows } from '../../../src/runtime/operators/window/index.ts';
import { drive, sumRec, take, windowHarness } from './helpers.ts';

const sum = { kind: 'reduce', reduce: sumRec } as const;

describe('allowed lateness and late data', () => {
  it('re-fires a window with its updated contents for each record within the allowed lateness', async () => {
    const { h, op } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum, allowedLateness: 5, lateDataTag: 'late' });
    drive(h, [{ el: ['a', 1], ts: 2 }, { el: ['a', 2], ts: 8 }, { wm: 9 }]);
    expect(take(h)).toEqual([[['a', 3], 9]]); // on time
    h.processElement(['a', 4], 5); // late, but cleanup time 9 + 5 = 14 > watermark 9
    expect(take(h)).toEqual([[['a', 7], 9]]);
    h.processElement(['a', 8], 3);
    expect(take(h)).toEqual([[['a', 15], 9]]);
    h.processWatermark(13); // cleanup timer at 14 not due: nothing fires
    h.processElement(['a', 16], 1);
    expect(take(h)).toEqual([[['a', 31], 9]]);
    h.processWatermark(14); // cleanup: [0,10) and its timers are gone, nothing is emitted
    expect(take(h)).toEqual([]);
    expect(h.backend!.size()).toBe(0);
    // Now the window is late (14 <= 14) and so is the record (4 + 5 <= 14): side output.
    h.processElement(['a', 32], 4);
    expect(h.output).toEqual([{ kind: 'side', tag: 'late', value: ['a', 32], timestamp: 4 }]);
    expect(op.numLateRecordsDropped).toBe(0);
    h.clearOutput();
    // Records of windows that are still open are unaffected.
    drive(h, [{ el: ['a', 64], ts: 12 }, { wm: 19 }]);
    expect(take(h)).toEqual([[['a', 64], 19]]);
  });

  it('late records precede the watermark that follows them', async () => {
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum, lateDataTag: 'late' });
    drive(h, [{ wm: 20 }, { el: ['a', 1], ts: 3 }, { el: ['a', 2], ts: 25 }, { wm: 30 }]);
    expect(h.output.map((o) => (o.kind === 'watermark' ? `wm ${o.timestamp}` : `${o.kind} ${JSON.stringify((o as { value: unknown }).value)}`))).toEqual([
      'wm 20',
      'side ["a",1]',
      'record ["a",2]',
      'wm 30',
    ]);
  });

  it('drops and counts records later than the allowed lateness when there is no late-data tag', async () => {
    const { h, op } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum, allowedLateness: 5 });
    drive(h, [{ el: ['a', 1], ts: 2 }, { wm: 20 }, { el: ['a', 2], ts: 9 }, { el: ['b', 3], ts: 14 }, { el: ['b', 4], ts: 16 }]);
    // [0,10) was cleaned at 14: ts 9 is dropped. [10,20) has cleanup 24 > 20: b's records fire it at once.
    expect(take(h)).toEqual([[['a', 1], 9], [['b', 3], 19], [['b', 7], 19]]);
    expect(op.numLateRecordsDropped).toBe(1);
    expect(h.output.filter((o) => o.kind === 'side')).toEqual([]);
  });

  it('with zero lateness the cleanup timer is the firing timer: a window fires once and its state is gone', async () => {
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum });
    drive(h, [{ el: ['a', 1], ts: 2 }, { el: ['b', 1], ts: 3 }, { el: ['a', 1], ts: 13 }]);
    expect(h.backend!.size()).toBe(3);
    h.processWatermark(9);
    expect(h.backend!.size()).toBe(1);
    h.processWatermark(19);
    expect(take(h)).toEqual([[['a', 1], 9], [['b', 1], 9], [['a', 1], 19]]);
    expect(h.backend!.size()).toBe(0);
  });
});
