import { describe, expect, it } from 'vitest';
import { CollectionSource, DataGeneratorSource, RandomRowSource } from '../../src/connectors/index.ts';
import { checkpoint, openReader, readAll } from './harness.ts';

describe('DataGeneratorSource', () => {
  it('generates index 0..count-1 across parallel readers, in contiguous ranges', async () => {
    const source = new DataGeneratorSource((i) => `Number: ${i}`, 1000);
    expect(source.boundedness).toBe('bounded');
    const parts = await readAll(source, 3, 64);
    expect(parts.map((p) => p.length)).toEqual([333, 333, 334]);
    expect(parts[0]?.[0]).toBe('Number: 0');
    expect(parts[1]?.[0]).toBe('Number: 333');
    expect(parts.flat().sort()).toEqual(Array.from({ length: 1000 }, (_, i) => `Number: ${i}`).sort());
  });

  it('is unbounded for an infinite count', async () => {
    const source = new DataGeneratorSource((i) => i, Infinity);
    expect(source.boundedness).toBe('unbounded');
    const handle = await openReader(source, { subtaskIndex: 1, parallelism: 2, batchSize: 10 });
    expect(await handle.pollUntil(25)).toBe('more');
    expect(handle.out.values.slice(0, 5)).toEqual([1, 3, 5, 7, 9]);
  });

  it('resumes exactly from a snapshot (no duplicates, no gaps)', async () => {
    const source = new DataGeneratorSource((i) => i * 2, 5000, 0, { splits: 4, timestampOf: (v) => v });
    const first = await openReader(source, { batchSize: 100 });
    await first.pollUntil(1234);
    expect(first.out.timestamps[3]).toBe(first.out.values[3]);
    const state = checkpoint(source, first.reader.snapshotState());
    const second = await openReader(source, { splits: state, batchSize: 77 });
    const all = [...first.out.values, ...(await second.drain())];
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 5000 }, (_, i) => i * 2));
  });

  it('paces rows per second', async () => {
    const source = new DataGeneratorSource((i) => i, 200, 2000);
    const start = performance.now();
    const [rows] = await readAll(source, 1);
    expect(rows).toHaveLength(200);
    expect(performance.now() - start).toBeGreaterThan(70);
  });
});

describe('CollectionSource', () => {
  it('reads its elements on subtask 0 only, and resumes', async () => {
    const source = new CollectionSource(['a', 'b', 'c', 'd']);
    expect(await readAll(source, 2, 1)).toEqual([['a', 'b', 'c', 'd'], []]);
    const first = await openReader(source, { batchSize: 1 });
    await first.pollUntil(3);
    const second = await openReader(source, { splits: checkpoint(source, first.reader.snapshotState()) });
    expect(await second.drain()).toEqual(['d']);
  });
});

describe('RandomRowSource', () => {
  const columns = [
    { name: 'id', type: 'bigint' },
    { name: 'score', type: 'int' },
    { name: 'ratio', type: 'double' },
    { name: 'name', type: 'string' },
    { name: 'flag', type: 'boolean' },
    { name: 'ts', type: 'timestamp' },
  ] as const;
  const options = {
    'rows-per-second': 0,
    'fields.id.kind': 'sequence',
    'fields.id.start': '1',
    'fields.id.end': '500',
    'fields.score.min': 10,
    'fields.score.max': 20,
    'fields.ratio.min': -1,
    'fields.ratio.max': 1,
    'fields.name.length': 8,
    'fields.ts.max-past': 5000,
  };

  it('produces sequences and random values in their ranges, bounded by the sequence', async () => {
    const source = new RandomRowSource(columns, options);
    expect(source.boundedness).toBe('bounded');
    const rows = (await readAll(source, 2, 50)).flat();
    expect(rows).toHaveLength(500);
    expect(rows.map((r) => r['id']).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const now = Date.now();
    for (const r of rows) {
      expect(r['score']).toBeGreaterThanOrEqual(10);
      expect(r['score']).toBeLessThanOrEqual(20);
      expect(Number.isInteger(r['score'])).toBe(true);
      expect(r['ratio']).toBeGreaterThanOrEqual(-1);
      expect(r['ratio']).toBeLessThan(1);
      expect(r['name']).toMatch(/^[0-9a-f]{8}$/);
      expect(typeof r['flag']).toBe('boolean');
      expect(Number(r['ts'])).toBeGreaterThan(now - 6000);
      expect(Number(r['ts'])).toBeLessThanOrEqual(now);
    }
    expect(new Set(rows.map((r) => r['score'])).size).toBe(11);
  });

  it('is deterministic per row and replays from a snapshot', async () => {
    const cols = columns.filter((c) => c.type !== 'timestamp');
    const opts = { ...options, 'number-of-rows': 300, 'seed': 7 } as Record<string, string | number>;
    delete opts['fields.ts.max-past'];
    const source = new RandomRowSource(cols, opts);
    const expected = (await readAll(source, 1))[0] ?? [];
    expect(expected).toHaveLength(300);
    const first = await openReader(source, { batchSize: 40 });
    await first.pollUntil(120);
    const second = await openReader(source, { splits: checkpoint(source, first.reader.snapshotState()) });
    expect([...first.out.values, ...(await second.drain())]).toEqual(expected);
  });

  it('is unbounded without a sequence or number-of-rows, and rejects bad options', () => {
    expect(new RandomRowSource([{ name: 'x', type: 'int' }]).boundedness).toBe('unbounded');
    expect(() => new RandomRowSource([{ name: 'x', type: 'int' }], { 'fields.x.kind': 'sequence' })).toThrow(/start/);
    expect(() => new RandomRowSource([{ name: 'x', type: 'int' }], { 'fields.y.min': 1 })).toThrow(/unsupported option 'fields.y.min'/);
    expect(() => new RandomRowSource([{ name: 'x', type: 'int' }], { 'fields.x.kind': 'zigzag' })).toThrow(/kind/);
  });

  it('emits nulls at the null rate', async () => {
    const source = new RandomRowSource([{ name: 'x', type: 'int' }], { 'number-of-rows': 2000, 'fields.x.null-rate': 0.25, 'rows-per-second': 0 });
    const rows = (await readAll(source, 1))[0] ?? [];
    const nulls = rows.filter((r) => r['x'] === null).length;
    expect(nulls / rows.length).toBeGreaterThan(0.2);
    expect(nulls / rows.length).toBeLessThan(0.3);
  });
});
