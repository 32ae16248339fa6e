import { describe, expect, it } from 'vitest';
import {
  EventTimeSessionWindows,
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  GlobalWindows,
  CountTrigger,
  type WindowOperatorOptions,
} from '../../../src/runtime/operators/window/index.ts';
import { UserFunctionError } from '../../../src/runtime/functions.ts';
import { drive, NAME, sortedRecords, sumRec, windowHarness, type Rec, type Step } from './helpers.ts';
import type { OperatorHarness } from '../../../src/runtime/testing/operator-harness.ts';

const sum = { kind: 'reduce', reduce: sumRec } as const;

/** Results of `steps` run through one operator, or through two with a snapshot at `cut`. */
async function run(options: () => WindowOperatorOptions<Rec>, steps: readonly Step[], cut?: number) {
  const outputs: Array<ReturnType<typeof sortedRecords>> = [];
  const sides: unknown[] = [];
  const finish = async (h: OperatorHarness) => {
    h.processWatermark(Number.POSITIVE_INFINITY);
    await h.endInput();
  };
  const collect = (h: OperatorHarness) => {
    outputs.push(sortedRecords(h));
    sides.push(...h.sideValues('late'));
  };
  if (cut === undefined) {
    const { h } = await windowHarness(options());
    drive(h, steps);
    await finish(h);
    collect(h);
    return { records: outputs.flat(), sides, size: h.backend!.size() };
  }
  const first = await windowHarness(options());
  drive(first.h, steps.slice(0, cut));
  const snapshot = first.h.snapshot();
  collect(first.h);
  // A new operator, as after a failure: restored state and timers continue the job.
  const second = await windowHarness(options(), snapshot);
  drive(second.h, steps.slice(cut));
  await finish(second.h);
  collect(second.h);
  return { records: outputs.flat(), sides, size: second.h.backend!.size() };
}

const eventSteps: Step[] = [
  { el: ['a', 1], ts: 0 },
  { el: ['b', 2], ts: 4 },
  { el: ['a', 3], ts: 30 },
  { el: ['a', 4], ts: 6 },
  { wm: 5 },
  { el: ['b', 5], ts: 12 },
  { el: ['a', 6], ts: 20 },
  { wm: 17 },
  { el: ['a', 7], ts: 11 }, // within lateness for most windows
  { el: ['b', 8], ts: 2 },
  { wm: 31 },
  { el: ['a', 9], ts: 1 }, // too late: side output
  { el: ['a', 10], ts: 45 },
  { wm: 50 },
];

describe('snapshot and restore', () => {
  const cases: Array<[string, () => WindowOperatorOptions<Rec>]> = [
    ['tumbling + lateness', () => ({ assigner: TumblingEventTimeWindows.of(10), fn: sum, allowedLateness: 8, lateDataTag: 'late' })],
    ['sliding', () => ({ assigner: SlidingEventTimeWindows.of(10, 5), fn: sum, allowedLateness: 3, lateDataTag: 'late' })],
    ['sessions + lateness', () => ({ assigner: EventTimeSessionWindows.withGap(8), fn: sum, allowedLateness: 5, lateDataTag: 'late' })],
    ['global + count', () => ({ assigner: GlobalWindows.create(), trigger: CountTrigger.of(3), fn: sum })],
  ];
  for (const [name, options] of cases) {
    it(`${name}: a restored run gives what an uninterrupted run gives, at every cut`, async () => {
      const whole = await run(options, eventSteps);
      expect(whole.records.length).toBeGreaterThan(0);
      for (let cut = 1; cut < eventSteps.length; cut++) {
        const restored = await run(options, eventSteps, cut);
        expect({ cut, records: restored.records.map((r) => JSON.stringify(r)).sort() }).toEqual({
          cut,
          records: whole.records.map((r) => JSON.stringify(r)).sort(),
        });
        expect(restored.sides).toEqual(whole.sides);
        expect(restored.size).toBe(whole.size);
      }
    });
  }

  it('sessions: hand-checked result of the run above', async () => {
    const whole = await run(() => ({ assigner: EventTimeSessionWindows.withGap(8), fn: sum, allowedLateness: 5, lateDataTag: 'late' }), eventSteps);
    // a: 0 [0,8) + 6 [6,14) -> [0,14); 30 -> [30,38); 20 -> [20,28).
    //   wm 17 fires [0,14) = 1 + 4 = 5 at 13 (cleanup 18).
    //   11 -> [11,19) merges into [0,19) (max 18 > wm 17): no firing yet; 1+4+7 = 12.
    //   wm 31: [0,19) fires 12 at 18; [20,28) fires 6 at 27. ts 1: [1,9) alone would be
    //   late (8 + 5 <= 31), and 1 + 5 <= 31: side output. 45 -> [45,53).
    //   wm 50: [30,38) fires 3 at 37. End of input: [45,53) fires 10 at 52.
    // b: 4 -> [4,12); 12 -> [12,20) touches it -> [4,20); 2 at wm 17 -> [2,10) merges -> [2,20) = 15
    //   fires at 19 on wm 31.
    expect(whole.records).toEqual([
      [['a', 5], 13],
      [['a', 12], 18],
      [['b', 15], 19],
      [['a', 6], 27],
      [['a', 3], 37],
      [['a', 10], 52],
    ]);
    expect(whole.sides).toEqual([['a', 9]]);
    expect(whole.size).toBe(0);
  });

  it('processing-time timers survive restore', async () => {
    const first = await windowHarness({ assigner: TumblingProcessingTimeWindows.of(10), fn: sum });
    drive(first.h, [{ pt: 2 }, { el: ['a', 1] }, { el: ['a', 2] }]);
    const second = await windowHarness({ assigner: TumblingProcessingTimeWindows.of(10), fn: sum }, first.h.snapshot());
    drive(second.h, [{ pt: 5 }, { el: ['a', 4] }, { pt: 10 }]);
    expect(sortedRecords(second.h)).toEqual([[['a', 7], 9]]);
  });
});

describe('errors', () => {
  it('an exception from the reduce function names the operator', async () => {
    const { h } = await windowHarness({
      assigner: TumblingEventTimeWindows.of(10),
      fn: {
        kind: 'reduce',
        reduce: () => {
          throw new Error('boom');
        },
      },
    });
    h.processElement(['a', 1], 1);
    let err: unknown;
    try {
      h.processElement(['a', 2], 2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserFunctionError);
    expect((err as Error).message).toBe(`user function in operator '${NAME}' threw: boom`);
  });

  it('an exception from the window function while a watermark fires it names the operator', async () => {
    const { h } = await windowHarness({
      assigner: TumblingEventTimeWindows.of(10),
      fn: {
        kind: 'process',
        window: {
          process() {
            throw new TypeError('bad window');
          },
        },
      },
    });
    h.processElement(['a', 1], 1);
    expect(() => h.processWatermark(20)).toThrow(`user function in operator '${NAME}' threw: bad window`);
  });

  it('event-time windows reject records without timestamps, naming the operator', async () => {
    const { h } = await windowHarness({ assigner: TumblingEventTimeWindows.of(10), fn: sum });
    expect(() => h.processElement(['a', 1])).toThrow(/operator 'Window\(test\)'.*no timestamp/);
  });

  it('window operators need a keyed stream', async () => {
    const { WindowOperator } = await import('../../../src/runtime/operators/window/index.ts');
    const { OperatorHarness } = await import('../../../src/runtime/testing/operator-harness.ts');
    const h = new OperatorHarness(new WindowOperator({ assigner: TumblingEventTimeWindows.of(10), fn: sum }), { name: NAME });
    await expect(h.open()).rejects.toThrow(/keyed state is only available on keyed streams/);
  });
});
