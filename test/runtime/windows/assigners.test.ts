import { describe, expect, it } from 'vitest';
import {
  Duration,
  EventTimeSessionWindows,
  GlobalWindow,
  GlobalWindows,
  SlidingEventTimeWindows,
  SlidingProcessingTimeWindows,
  Time,
  TimeWindow,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  EventTimeTrigger,
  ProcessingTimeTrigger,
  NeverTrigger,
} from '../../../src/runtime/operators/window/index.ts';

const spans = (ws: readonly TimeWindow[]): Array<[number, number]> => ws.map((w) => [w.start, w.end]);

describe('TimeWindow', () => {
  it('computes window starts with offsets, for negative timestamps too', () => {
    expect(TimeWindow.getWindowStartWithOffset(7, 0, 5)).toBe(5);
    expect(TimeWindow.getWindowStartWithOffset(5, 0, 5)).toBe(5);
    expect(TimeWindow.getWindowStartWithOffset(4, 0, 5)).toBe(0);
    expect(TimeWindow.getWindowStartWithOffset(-3, 0, 5)).toBe(-5);
    expect(TimeWindow.getWindowStartWithOffset(-5, 0, 5)).toBe(-5);
    // offset 2: windows [2,7), [7,12)
    expect(TimeWindow.getWindowStartWithOffset(7, 2, 5)).toBe(7);
    expect(TimeWindow.getWindowStartWithOffset(6, 2, 5)).toBe(2);
    expect(TimeWindow.getWindowStartWithOffset(1, 2, 5)).toBe(-3);
    // negative offset -1: windows [-1,4), [4,9)
    expect(TimeWindow.getWindowStartWithOffset(3, -1, 5)).toBe(-1);
  });

  it('has max timestamp end - 1, intersects when touching, covers, round-trips its namespace', () => {
    const w = new TimeWindow(0, 10);
    expect(w.maxTimestamp()).toBe(9);
    expect(w.intersects(new TimeWindow(10, 20))).toBe(true); // touching windows merge, as in Flink
    expect(w.intersects(new TimeWindow(11, 20))).toBe(false);
    expect(spans([w.cover(new TimeWindow(5, 30))])).toEqual([[0, 30]]);
    expect(w.namespace()).toBe('0|10');
    expect(TimeWindow.fromNamespace('-5|5').equals(new TimeWindow(-5, 5))).toBe(true);
    expect(w.toString()).toBe('TimeWindow{start=0, end=10}');
  });

  it('merges overlapping windows in one sweep, reporting groups of two or more', () => {
    const groups: Array<[Array<[number, number]>, [number, number]]> = [];
    TimeWindow.mergeWindows(
      [new TimeWindow(20, 30), new TimeWindow(0, 10), new TimeWindow(5, 15), new TimeWindow(40, 50), new TimeWindow(30, 35)],
      (ws, r) => groups.push([spans(ws), [r.start, r.end]]),
    );
    expect(groups).toEqual([
      [[[0, 10], [5, 15]], [0, 15]],
      [[[20, 30], [30, 35]], [20, 35]],
    ]);
  });
});

describe('window assigners', () => {
  it('Time and Duration return milliseconds', () => {
    expect(Time.seconds(5)).toBe(5000);
    expect(Time.minutes(1)).toBe(60_000);
    expect(Duration.ofMillis(7)).toBe(7);
    expect(Duration.ofSeconds(2)).toBe(2000);
    expect(Duration.ofMinutes(2)).toBe(120_000);
    expect(Duration.ofHours(1)).toBe(3_600_000);
  });

  it('tumbling event-time windows, with offset, reusing the array while in the same window', () => {
    const a = TumblingEventTimeWindows.of(10);
    expect(spans(a.assignWindows(null, 13, 0))).toEqual([[10, 20]]);
    expect(a.assignWindows(null, 19, 0)).toBe(a.assignWindows(null, 10, 0));
    expect(spans(a.assignWindows(null, -1, 0))).toEqual([[-10, 0]]);
    expect(spans(TumblingEventTimeWindows.of(10, 3).assignWindows(null, 2, 0))).toEqual([[-7, 3]]);
    expect(a.isEventTime()).toBe(true);
    expect(a.isMerging).toBe(false);
    expect(a.defaultTrigger()).toBe(EventTimeTrigger.create());
    expect(() => a.assignWindows(null, NaN, 0)).toThrow(/no timestamp/);
    expect(() => TumblingEventTimeWindows.of(10, 10)).toThrow(/abs\(offset\) < size/);
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(RangeError);
  });

  it('sliding windows list every window containing the timestamp, latest start first', () => {
    const a = SlidingEventTimeWindows.of(10, 5);
    expect(spans(a.assignWindows(null, 7, 0))).toEqual([[5, 15], [0, 10]]);
    expect(spans(a.assignWindows(null, 5, 0))).toEqual([[5, 15], [0, 10]]);
    // size not a multiple of slide: how many windows depends on where in the slide t is
    const b = SlidingEventTimeWindows.of(10, 4);
    expect(spans(b.assignWindows(null, 8, 0))).toEqual([[8, 18], [4, 14], [0, 10]]);
    expect(spans(b.assignWindows(null, 11, 0))).toEqual([[8, 18], [4, 14]]);
    expect(spans(b.assignWindows(null, 9, 0))).toEqual([[8, 18], [4, 14], [0, 10]]);
    expect(() => SlidingEventTimeWindows.of(10, 5, 5)).toThrow(/abs\(offset\) < slide/);
  });

  it('processing-time assigners use the current processing time', () => {
    expect(spans(TumblingProcessingTimeWindows.of(10).assignWindows(null, 99, 42))).toEqual([[40, 50]]);
    expect(spans(SlidingProcessingTimeWindows.of(10, 5).assignWindows(null, 99, 42))).toEqual([[40, 50], [35, 45]]);
    expect(TumblingProcessingTimeWindows.of(10).defaultTrigger()).toBe(ProcessingTimeTrigger.create());
  });

  it('session assigners open [t, t + gap) and merge', () => {
    const a = EventTimeSessionWindows.withGap(Time.seconds(1));
    expect(spans(a.assignWindows(null, 500, 0))).toEqual([[500, 1500]]);
    expect(a.isMerging).toBe(true);
    const d = EventTimeSessionWindows.withDynamicGap<{ gap: number }>((e) => e.gap);
    expect(spans(d.assignWindows({ gap: 7 }, 10, 0))).toEqual([[10, 17]]);
    expect(() => d.assignWindows({ gap: 0 }, 10, 0)).toThrow(/less than or equal to 0/);
    expect(() => EventTimeSessionWindows.withGap(0)).toThrow(RangeError);
  });

  it('global windows: one window, never-firing default trigger', () => {
    const g = GlobalWindows.create();
    expect(g.assignWindows()).toEqual([GlobalWindow.get()]);
    expect(g.defaultTrigger()).toBeInstanceOf(NeverTrigger);
    expect(g.windowFromNamespace(GlobalWindow.get().namespace())).toBe(GlobalWindow.get());
    expect(g.isEventTime()).toBe(false);
  });
});
