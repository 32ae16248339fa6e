import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSource, formatCsvRecord, parseCsvRecord } from '../../src/connectors/index.ts';
import { checkpoint, openReader, readAll } from './harness.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weir-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileSource text lines', () => {
  it('reads a file: CRLF stripped, empty lines kept, last line without newline', async () => {
    const path = join(dir, 'a.txt');
    await writeFile(path, 'one\r\ntwo\n\nthree');
    const [lines] = await readAll(FileSource.forTextLines(path));
    expect(lines).toEqual(['one', 'two', '', 'three']);
  });

  it('reads a directory: one split per file, sorted, recursive, hidden files skipped', async () => {
    await writeFile(join(dir, 'b.txt'), 'b1\nb2\n');
    await writeFile(join(dir, 'a.txt'), 'a1\n');
    await writeFile(join(dir, '.hidden'), 'no\n');
    await writeFile(join(dir, '_SUCCESS'), 'no\n');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'c.txt'), 'c1\n');
    const source = FileSource.forTextLines(dir);
    expect(source.createEnumerator().assignSplits(0, 1).map((s) => s.splitId)).toEqual(
      ['a.txt', 'b.txt', 'sub/c.txt'].map((f) => join(dir, f)),
    );
    expect((await readAll(source, 1))[0]).toEqual(['a1', 'b1', 'b2', 'c1']);
    const parts = await readAll(source, 2);
    expect(parts).toEqual([['a1', 'c1'], ['b1', 'b2']]);
  });

  it('reads big files across chunks and multi-byte characters intact', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `línea ${i} ${'é'.repeat(i % 7)}`);
    const path = join(dir, 'big.txt');
    await writeFile(path, lines.join('\n') + '\n');
    const [read] = await readAll(FileSource.forTextLines(path), 1, 4096);
    expect(read).toEqual(lines);
  });

  it('resumes from the byte offset of the next unread line', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i} ✓`);
    await writeFile(join(dir, 'x1.txt'), lines.slice(0, 30_000).join('\n') + '\n');
    await writeFile(join(dir, 'x2.txt'), lines.slice(30_000).join('\n'));
    const source = FileSource.forTextLines(dir);
    for (const stopAt of [1, 12_345, 30_000, 30_001, 49_999]) {
      const first = await openReader(source, { batchSize: 1000 });
      await first.pollUntil(stopAt);
      const state = checkpoint(source, first.reader.snapshotState());
      await first.reader.close();
      const read = first.out.values.length;
      const current = state[0];
      if (current !== undefined && current.offset > 0) {
        // The offset is the byte just after the last line read from that file.
        const from = current.path.endsWith('x1.txt') ? 0 : 30_000;
        expect(current.offset).toBe(Buffer.byteLength(lines.slice(from, read).join('\n')) + 1);
      }
      const second = await openReader(source, { splits: state, batchSize: 777 });
      const rest = await second.drain();
      expect([...first.out.values, ...rest]).toEqual(lines);
    }
  });
});

describe('FileSource CSV', () => {
  it('parses RFC 4180 quoting', () => {
    expect(parseCsvRecord('a,"b,c","say ""hi""",,"",x', ',')).toEqual(['a', 'b,c', 'say "hi"', '', '', 'x']);
    expect(parseCsvRecord('"multi\nline",2', ',')).toEqual(['multi\nline', '2']);
    expect(parseCsvRecord('1;"2;3"', ';')).toEqual(['1', '2;3']);
    expect(parseCsvRecord('', ',')).toEqual(['']);
    const fields = ['plain', 'with,comma', 'with "quote"', 'new\nline', ''];
    expect(parseCsvRecord(formatCsvRecord(fields), ',')).toEqual(fields);
  });

  it('reads records with quoted line breaks as arrays', async () => {
    const path = join(dir, 'q.csv');
    await writeFile(path, '1,"hello, world"\r\n2,"two\nlines"\n3,"a ""quoted"" word"\n\n4,last');
    const [rows] = await readAll(FileSource.forCsv(path));
    expect(rows).toEqual([
      ['1', 'hello, world'],
      ['2', 'two\nlines'],
      ['3', 'a "quoted" word'],
      ['4', 'last'],
    ]);
  });

  it('uses the header of each file for objects, also after a restore', async () => {
    await writeFile(join(dir, 'p1.csv'), 'id|name\n1|ann\n2|"bo|b"\n3|cy\n');
    await writeFile(join(dir, 'p2.csv'), 'name|id\ndee|4\n');
    const source = FileSource.forCsv(dir, { header: true, delimiter: '|' });
    const [rows] = await readAll(source);
    expect(rows).toEqual([
      { id: '1', name: 'ann' },
      { id: '2', name: 'bo|b' },
      { id: '3', name: 'cy' },
      { id: '4', name: 'dee' },
    ]);
    const first = await openReader(source, { batchSize: 1 });
    await first.pollUntil(2);
    const second = await openReader(source, { splits: checkpoint(source, first.reader.snapshotState()) });
    expect([...first.out.values, ...(await second.drain())]).toEqual(rows);
  });

  it('names columns explicitly, skipping the file header', async () => {
    const path = join(dir, 'c.csv');
    await writeFile(path, 'x,y\n1,2\n');
    expect((await readAll(FileSource.forCsv(path, { columns: ['a', 'b'] })))[0]).toEqual([{ a: 'x', b: 'y' }, { a: '1', b: '2' }]);
    expect((await readAll(FileSource.forCsv(path, { header: true, columns: ['a', 'b'] })))[0]).toEqual([{ a: '1', b: '2' }]);
  });
});

describe('FileSource JSON lines and monitoring', () => {
  it('parses JSON lines, skipping blank ones, and reports bad lines', async () => {
    const path = join(dir, 'e.jsonl');
    await writeFile(path, '{"a":1}\n\n{"a":2,"b":[1,2]}\n');
    expect((await readAll(FileSource.forJsonLines(path)))[0]).toEqual([{ a: 1 }, { a: 2, b: [1, 2] }]);
    await writeFile(path, '{"a":1}\n{oops\n');
    await expect(readAll(FileSource.forJsonLines(path))).rejects.toThrow(/invalid JSON line/);
  });

  it('picks up new files when monitoring, never ends, and remembers finished files', async () => {
    await writeFile(join(dir, '1.txt'), 'first\n');
    const source = FileSource.forTextLines(dir).monitorContinuously(20);
    expect(source.boundedness).toBe('unbounded');
    const handle = await openReader(source);
    expect(await handle.pollUntil(1)).toBe('more');
    await writeFile(join(dir, '.2.txt.tmp'), 'hidden\n');
    await writeFile(join(dir, '2.txt'), 'second\nthird\n');
    await handle.pollUntil(2);
    expect(handle.out.values).toEqual(['first', 'second', 'third']);
    // Let the reader notice the end of 2.txt.
    while (!handle.reader.snapshotState().every((s) => s.done)) {
      expect(handle.reader.pollNext({ collect: () => undefined })).toBe('nothing');
      await handle.reader.isAvailable();
    }
    const state = checkpoint(source, handle.reader.snapshotState());
    expect(state.map((s) => s.path)).toEqual([join(dir, '1.txt'), join(dir, '2.txt')]);
    expect(state.every((s) => s.done)).toBe(true);
    await handle.reader.close();
    // A restored reader does not read the finished files again, but does read new ones.
    const restored = await openReader(source, { splits: state });
    await writeFile(join(dir, '3.txt'), 'fourth\n');
    await restored.pollUntil(1);
    expect(restored.out.values).toEqual(['fourth']);
    await restored.reader.close();
  });
});
