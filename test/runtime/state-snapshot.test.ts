import { describe, expect, it } from 'vitest';
import { KeyedProcessOperator } from '../../src/runtime/operators/process.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';
import { ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor } from '../../src/runtime/state/descriptors.ts';
import { HeapKeyedStateBackend } from '../../src/runtime/state/heap-backend.ts';
import { keyGroupRangeFor } from '../../src/runtime/key-groups.ts';
import type { KeyedProcessFunctionLike, RuntimeContext } from '../../src/runtime/functions.ts';
import type { ValueState, ListState } from '../../src/runtime/state/state.ts';

interface Ev {
  user: string;
  amount: number;
}

/** Sums amounts per user and reports the sum when an event-time timer 10 s later fires. */
function summer(): KeyedProcessFunctionLike<string, Ev, string> {
  let sum!: ValueState<number>;
  let log!: ListState<number>;
  return {
    open(ctx: RuntimeContext) {
      sum = ctx.getState(new ValueStateDescriptor<number>('sum', 0));
      log = ctx.getListState(new ListStateDescriptor<number>('log'));
    },
    processElement(e, ctx) {
      sum.update((sum.value() ?? 0) + e.amount);
      log.add(e.amount);
      ctx.timerService().registerEventTimeTimer((ctx.timestamp() ?? 0) + 10_000);
      ctx.timerService().registerProcessingTimeTimer(500);
    },
    onTimer(ts, ctx, out) {
      out.collect(`${ctx.getCurrentKey()}@${ts}/${ctx.timeDomain()}: ${sum.value()} [${log.get().join(',')}]`);
    },
  };
}

const input: Array<[Ev, number]> = [
  [{ user: 'ann', amount: 5 }, 1000],
  [{ user: 'bob', amount: 7 }, 2000],
  [{ user: 'ann', amount: 1 }, 3000],
  [{ user: 'cid', amount: 2 }, 4000],
];

async function harness(): Promise<OperatorHarness> {
  const h = new OperatorHarness(new KeyedProcessOperator(summer()), { keySelector: (e) => (e as Ev).user });
  return h;
}

describe('state and timers survive a snapshot/restore round trip', () => {
  it('restored operator continues exactly like an uninterrupted one', async () => {
    // Uninterrupted run.
    const a = await harness();
    await a.open();
    for (const [e, t] of input) a.processElement(e, t);
    a.processWatermark(12_500);
    a.setProcessingTime(600);
    a.processWatermark(20_000);
    const expected = a.values();
    expect(expected).toEqual([
      'ann@11000/event: 6 [5,1]',
      'bob@12000/event: 7 [7]',
      'ann@500/processing: 6 [5,1]',
      'bob@500/processing: 7 [7]',
      'cid@500/processing: 2 [2]',
      'ann@13000/event: 6 [5,1]',
      'cid@14000/event: 2 [2]',
    ]);

    // Interrupted after the first four records: snapshot, then a fresh operator restores.
    const b = await harness();
    await b.open();
    for (const [e, t] of input) b.processElement(e, t);
    const snapshot = structuredClone(b.snapshot());
    // Mutations after the snapshot must not leak into it.
    b.processElement({ user: 'ann', amount: 1000 }, 5000);
    const c = await harness();
    await c.open([snapshot]);
    c.processWatermark(12_500);
    c.setProcessingTime(600);
    c.processWatermark(20_000);
    expect(c.values()).toEqual(expected);
  });

  it('splits keyed state by key group so that two subtasks each restore their share', () => {
    const max = 128;
    const whole = new HeapKeyedStateBackend(max, { start: 0, end: max - 1 });
    const d = new MapStateDescriptor<string, number>('m');
    for (let i = 0; i < 200; i++) {
      whole.setCurrentKey(`key${i}`);
      whole.getState<import('../../src/runtime/state/state.ts').MapState<string, number>>(d).put('i', i);
    }
    const snap = whole.snapshot();
    const halves = [0, 1].map((sub) => {
      const b = new HeapKeyedStateBackend(max, keyGroupRangeFor(sub, max, 2));
      b.restore([snap]);
      return b;
    });
    expect(halves[0]!.size() + halves[1]!.size()).toBe(200);
    expect(halves[0]!.size()).toBeGreaterThan(50);
    // Every key's value is where its key group says.
    for (const b of halves) {
      for (let i = 0; i < 200; i++) {
        b.setCurrentKey(`key${i}`);
        const v = b.getState<import('../../src/runtime/state/state.ts').MapState<string, number>>(d).get('i');
        if (v !== undefined) expect(v).toBe(i);
      }
    }
    const wrongMax = new HeapKeyedStateBackend(256, { start: 0, end: 255 });
    expect(() => wrongMax.restore([snap])).toThrow(/max parallelism 128/);
  });
});
