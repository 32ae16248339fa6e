import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSink, FileSource } from '../../src/connectors/index.ts';
import type { SinkWriter } from '../../src/connectors/index.ts';
import { readAll } from './harness.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weir-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const context = (subtaskIndex: number) => ({ subtaskIndex, parallelism: 2, operatorName: 'sink' });
const names = async (): Promise<string[]> => (await readdir(dir)).sort();

describe('FileSink row format', () => {
  it('writes hidden in-progress parts and finalizes them at end of input', async () => {
    const sink = FileSink.forRowFormat<{ id: number }>(dir, (v) => JSON.stringify(v));
    const writer = await sink.createWriter(context(1));
    await writer.write([{ id: 1 }, { id: 2 }], null);
    await writer.flush(false);
    expect(await names()).toEqual(['.part-1-0.inprogress']);
    expect(await readFile(join(dir, '.part-1-0.inprogress'), 'utf8')).toBe('{"id":1}\n{"id":2}\n');
    // Readers of the directory do not see the in-progress part.
    expect((await readAll(FileSource.forTextLines(dir)))[0]).toEqual([]);
    await writer.flush(true);
    await writer.close();
    expect(await names()).toEqual(['part-1-0']);
    expect((await readAll(FileSource.forJsonLines(dir)))[0]).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('rolls by part size and continues numbering after existing parts', async () => {
    const sink = FileSink.forRowFormat<string>(dir).withRollingPolicy({ maxPartSize: 15 });
    const writer = await sink.createWriter(context(0));
    for (let i = 0; i < 5; i++) await writer.write([`record-${i}`, `record-${i}b`], null); // 19 bytes ≥ 15: each batch rolls
    await writer.flush(true);
    expect(await names()).toEqual(['part-0-0', 'part-0-1', 'part-0-2', 'part-0-3', 'part-0-4']);
    expect(await readFile(join(dir, 'part-0-2'), 'utf8')).toBe('record-2\nrecord-2b\n');
    const again = await sink.createWriter(context(0));
    await again.write(['later'], null);
    await again.flush(true);
    expect((await names()).at(-1)).toBe('part-0-5');
  });

  it('rolls an inactive part on the timer, and keeps order of writes', async () => {
    const sink = FileSink.forRowFormat<number>(dir, String).withRollingPolicy({ inactivityInterval: 50 }).withCheckInterval(10);
    const writer: SinkWriter<number> = await sink.createWriter(context(0));
    const pending = [writer.write([1, 2], null), writer.write([3], null)];
    await Promise.all(pending);
    await new Promise((r) => setTimeout(r, 150));
    expect(await names()).toEqual(['part-0-0']);
    await writer.write([4], null);
    await writer.flush(true);
    await writer.close();
    expect(await names()).toEqual(['part-0-0', 'part-0-1']);
    expect(await readFile(join(dir, 'part-0-0'), 'utf8')).toBe('1\n2\n3\n');
  });

  it('rolls by rollover interval even while records keep coming', async () => {
    const sink = FileSink.forRowFormat<number>(dir, String).withRollingPolicy({ rolloverInterval: 40, inactivityInterval: 10_000 });
    const writer = await sink.createWriter(context(0));
    for (let i = 0; i < 10; i++) {
      await writer.write([i], null);
      await new Promise((r) => setTimeout(r, 15));
    }
    await writer.flush(true);
    const parts = await names();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((n) => n.startsWith('part-0-'))).toBe(true);
    const lines = (await readAll(FileSource.forTextLines(dir)))[0] ?? [];
    expect(lines.map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('leaves an unfinished part in progress on close (no end of input)', async () => {
    const writer = await FileSink.forRowFormat<string>(dir).createWriter(context(0));
    await writer.write(['x'], null);
    await writer.close();
    expect(await names()).toEqual(['.part-0-0.inprogress']);
  });
});
