import { describe, expect, it } from 'vitest';
import { Batch, RowKind } from '../../src/runtime/batch.ts';
import { EmitOnWindowCloseOperator, WatermarkFilterOperator } from '../../src/runtime/relational/event-time.ts';
import { OperatorHarness } from '../../src/runtime/testing/operator-harness.ts';
import { INSERT, TableStore } from '../../src/connectors/table/table-store.ts';
import { TableSource } from '../../src/connectors/table/table-source.ts';

type Row = readonly unknown[];
const { INSERT: I, DELETE: D } = RowKind;

const records = (h: OperatorHarness): string[] =>
  h.output.map((o) => (o.kind === 'record' ? `${o.rowKind === D ? '-' : '+'}${JSON.stringify(o.value)}` : o.kind === 'watermark' ? `wm ${o.timestamp}` : o.kind));

describe('WatermarkFilterOperator', () => {
  it('drops rows below the watermark and raises it after each batch', async () => {
    // Rows are [time]; the watermark is time - 5.
    const h = new OperatorHarness(new WatermarkFilterOperator({ mode: 'generate', timeOf: (r) => r[0] as number, watermarkOf: (r) => (r[0] as number) - 5 }));
    await h.open();
    h.processElements([[10], [3], [20]]);
    // Within a batch nothing is late: the watermark moves only after it.
    expect(records(h)).toEqual(['+[10]', '+[3]', '+[20]', 'wm 15']);
    h.clearOutput();
    h.processElements([[14], [15], [16]]);
    expect(records(h)).toEqual(['+[15]', '+[16]']);
    h.clearOutput();
    // Watermarks from upstream are ignored, except the end of input.
    h.processWatermark(100);
    h.processWatermark(Number.POSITIVE_INFINITY);
    expect(records(h)).toEqual(['wm Infinity']);
  });

  it('announces the watermarks a table stamps on its changes, however they are cut into batches', async () => {
    const store = TableStore.open({
      name: 't',
      columns: ['ts'],
      primaryKey: null,
      dir: null,
      eventTime: { timeOf: (r) => r[0] as number, watermarkOf: (r) => (r[0] as number) - 5 },
    });
    store.commit([[INSERT, [10]]]);
    const reader = new TableSource(store, 'changelog').createReader({ subtaskIndex: 0, parallelism: 1, batchSize: 1 });
    reader.addSplits([{ splitId: 't', offset: -1 }]);
    const stamps: Array<[unknown, number]> = [];
    const poll = () => {
      while (reader.pollNext({ collect: (row: Row, ts?: number) => stamps.push([row[0], ts ?? NaN]) }) === 'more');
    };
    poll();
    // One commit of three rows, read one row per batch: only its last row may announce 25.
    store.commit([[INSERT, [30]], [INSERT, [6]], [INSERT, [9]]]);
    poll();
    expect(stamps).toEqual([[10, 5], [30, 5], [6, 5], [9, 25]]);
    // 24 is now late: the table drops it.
    store.commit([[INSERT, [24]], [INSERT, [26]]]);
    expect(store.lateRows).toBe(1);
    poll();
    expect(stamps.slice(4)).toEqual([[26, 25]]);

    // The stamped filter passes every row and announces the stamps.
    const h = new OperatorHarness(new WatermarkFilterOperator({ mode: 'stamped' }));
    await h.open();
    h.processElements([[30], [6]], [5, 5]);
    h.processElements([[9]], [25]);
    expect(records(h)).toEqual(['+[30]', '+[6]', 'wm 5', '+[9]', 'wm 25']);
  });
});

describe('EmitOnWindowCloseOperator', () => {
  it('holds changes back and emits the net rows a watermark closes, in time order', async () => {
    const op = new EmitOnWindowCloseOperator({ column: 0, bound: (w) => w, compare: (a, b) => (a as number) - (b as number) });
    const h = new OperatorHarness(op);
    await h.open();
    op.processBatch(new Batch([[20, 'b'], [10, 'a'], [10, 'x'], [30, 'c'], [null, 'n']], null, [I, I, I, I, I]));
    op.processBatch(new Batch([[10, 'x'], [20, 'b'], [20, 'b2']], null, [D, D, I]));
    expect(records(h)).toEqual([]);
    h.processWatermark(21);
    // 10 and 20 are closed (below 21); 'x' and 'b' were retracted before.
    expect(records(h)).toEqual(['+[10,"a"]', '+[20,"b2"]', 'wm 21']);
    h.clearOutput();
    // Changes below what has been emitted come too late and are dropped.
    op.processBatch(new Batch([[15, 'late']], null, [I]));
    expect(op.lateChanges).toBe(1);
    // The end of input closes everything left (but never a NULL time).
    await h.endInput();
    expect(records(h).filter((r) => r.startsWith('+'))).toEqual(['+[30,"c"]']);
  });

  it('keeps pending rows through a snapshot', async () => {
    const op = new EmitOnWindowCloseOperator({ column: 0, bound: (w) => w, compare: (a, b) => (a as number) - (b as number) });
    const h = new OperatorHarness(op);
    await h.open();
    op.processBatch(new Batch([[5, 'a'], [7, 'b']], null, [I, I]));
    h.processWatermark(6);
    const snap = h.snapshot();
    const op2 = new EmitOnWindowCloseOperator({ column: 0, bound: (w) => w, compare: (a, b) => (a as number) - (b as number) });
    const h2 = new OperatorHarness(op2);
    await h2.open([snap]);
    op2.processBatch(new Batch([[4, 'late'], [8, 'c']], null, [I, I]));
    h2.processWatermark(100);
    expect(records(h2)).toEqual(['+[7,"b"]', '+[8,"c"]', 'wm 100']);
  });
});

describe('watermark-based state cleaning', () => {
  it('drops the state of groups and Top-N partitions the watermark has closed', async () => {
    const { GroupAggregateOperator } = await import('../../src/runtime/relational/group-aggregate.ts');
    const { TopNOperator } = await import('../../src/runtime/relational/top-n.ts');
    // Rows [window, value]; groups by window; count(*).
    const count = { create: () => 0, add: (a: number) => a + 1, retract: (a: number) => a - 1, result: (a: number) => a, ignoresNulls: false };
    const agg = new GroupAggregateOperator({
      groupValues: (r) => [r[0]],
      calls: [{ fn: count as never, arg: () => 1 }],
      global: false,
      cleanup: { valueOf: (r) => r[0], bound: (w) => w },
    });
    const h = new OperatorHarness(agg, { keySelector: (r) => (r as Row)[0] });
    await h.open();
    agg.processBatch(new Batch([[10, 'a'], [10, 'b'], [20, 'c']], null, [I, I, I]));
    expect(agg.cleaner.size).toBe(2);
    h.processWatermark(15);
    expect(agg.cleaner.cleaned).toBe(1);
    expect(agg.cleaner.size).toBe(1);
    h.clearOutput();
    // Window 10's state is gone: a row for it starts a new group (it would have been late).
    agg.processBatch(new Batch([[10, 'd'], [20, 'e']], null, [I, I]));
    const kinds = ['+I', '-U', '+U', '-D'];
    expect(h.output.flatMap((o) => (o.kind === 'record' ? [`${kinds[o.rowKind]} ${JSON.stringify(o.value)}`] : []))).toEqual(['+I [10,1]', '-U [20,1]', '+U [20,2]']);

    const top = new TopNOperator({ compare: (a, b) => (b[1] as number) - (a[1] as number), rank: 'row_number', limit: 1, emitRank: false, cleanup: { valueOf: (r) => r[0], bound: (w) => w } });
    const t = new OperatorHarness(top, { keySelector: (r) => (r as Row)[0] });
    await t.open();
    top.processBatch(new Batch([[1, 5], [1, 7], [2, 3], [3, 1]], null, [I, I, I, I]));
    t.processWatermark(3);
    expect(top.cleaner.cleaned).toBe(2);
    expect(top.cleaner.size).toBe(1);
  });
});

describe('interval join state cleaning', () => {
  it('drops stored rows no future row of the other side can match', async () => {
    const { HashJoinOperator } = await import('../../src/runtime/relational/hash-join.ts');
    // Rows [key, time]; the right time lies within [left - 5, left + 5].
    const join = new HashJoinOperator({
      type: 'inner',
      leftArity: 2,
      rightArity: 2,
      leftKey: (r) => r[0],
      rightKey: (r) => r[0],
      condition: (l, r) => (r[1] as number) >= (l[1] as number) - 5 && (r[1] as number) <= (l[1] as number) + 5,
      cleanup: {
        // A left row meets right rows up to left + 5: gone once the bound passes that.
        left: { timeOf: (r) => r[1] as number, expireBelow: (w) => w - 5 },
        right: { timeOf: (r) => r[1] as number, expireBelow: (w) => w - 5 },
      },
    });
    const h = new OperatorHarness(join, { keySelector: (r) => (r as Row)[0], keySelector2: (r) => (r as Row)[0] });
    await h.open();
    join.processBatch(new Batch([['k', 10], ['k', 30]], null, [I, I]), 0);
    join.processBatch(new Batch([['k', 12]], null, [I]), 1);
    expect(records(h)).toEqual(['+["k",10,"k",12]']);
    h.processWatermark(20, 0);
    h.processWatermark(20, 1);
    // Below 15 nothing can match any more: left 10 and right 12 are dropped; left 30 stays.
    expect(join.expired).toBe(2);
    h.clearOutput();
    join.processBatch(new Batch([['k', 26]], null, [I]), 1);
    expect(records(h)).toEqual(['+["k",30,"k",26]']);
  });
});

describe('TemporalFilterOperator', () => {
  it('shows the rows the time condition holds for, and retracts them as time passes', async () => {
    const { TemporalFilterOperator } = await import('../../src/runtime/relational/temporal-filter.ts');
    // Rows [id, t]; visible while t > now - 10.
    const op = new TemporalFilterOperator({
      bounds: [{ valueOf: (r) => r[1], boundAt: (now) => now - 10, compare: (a, b) => (a as number) - (b as number), op: '>' }],
      tickMs: 1,
    });
    const h = new OperatorHarness(op);
    h.setProcessingTime(100);
    await h.open();
    op.processBatch(new Batch([['a', 95], ['b', 80], ['c', 105]], null, [I, I, I]));
    expect(records(h)).toEqual(['+["a",95]', '+["c",105]']);
    h.clearOutput();
    h.setProcessingTime(106);
    // 95 is now too old; 80 never showed.
    expect(records(h)).toEqual(['-["a",95]']);
    h.clearOutput();
    // A retraction of a hidden row shows nothing; of a visible one, its delete.
    op.processBatch(new Batch([['b', 80], ['c', 105]], null, [D, D]));
    expect(records(h)).toEqual(['-["c",105]']);
  });
});
