import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELETE, INSERT, TableConstraintError, TableStore, UPDATE_AFTER, UPDATE_BEFORE } from '../../../src/connectors/table/index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'weir-table-'));
const open = (d: string | null, primaryKey: number[] | null = [0], compactBytes?: number) =>
  TableStore.open({ name: 't', columns: ['id', 'v'], primaryKey, dir: d, ...(compactBytes !== undefined && { compactBytes }) });
const rows = (t: TableStore) => [...t.scan()].map((r) => [...r]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('TableStore', () => {
  it('applies inserts, updates and deletes by primary key, and survives reopening', () => {
    const d = dir();
    const t = open(d);
    t.commit([[INSERT, [1, 'a']], [INSERT, [2, 'b']]]);
    t.commit([[UPDATE_BEFORE, [1, 'a']], [UPDATE_AFTER, [1, 'A']], [DELETE, [2, 'b']], [INSERT, [3n, 'big']]]);
    expect(t.offset).toBe(6);
    expect(t.lookup([1])).toEqual([1, 'A']);
    t.close();
    const again = open(d);
    expect(rows(again)).toEqual([[1, 'A'], [3n, 'big']]);
    expect(again.offset).toBe(6);
  });

  it('rejects a duplicate key with 23505 and changes nothing of the failed batch', () => {
    const t = open(null);
    t.commit([[INSERT, [1, 'a']]]);
    let error: unknown;
    try {
      t.commit([[INSERT, [2, 'b']], [INSERT, [1, 'again']]]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableConstraintError);
    expect((error as TableConstraintError).sqlState).toBe('23505');
    expect((error as Error).message).toBe('duplicate key value violates unique constraint "t_pkey"');
    expect((error as TableConstraintError).detail).toBe('Key (id)=(1) already exists.');
    expect(rows(t)).toEqual([[1, 'a']]);
    expect(t.offset).toBe(1);
  });

  it('upserts by key for sinks, turning an insert over a key into an update', () => {
    const t = open(null);
    const seen: unknown[] = [];
    t.subscribe((_o, changes) => seen.push(...changes));
    t.commit([[INSERT, [1, 'a']]], 'upsert');
    t.commit([[INSERT, [1, 'b']], [DELETE, [9, 'missing']]], 'upsert');
    expect(rows(t)).toEqual([[1, 'b']]);
    expect(seen).toEqual([[INSERT, [1, 'a']], [UPDATE_BEFORE, [1, 'a']], [UPDATE_AFTER, [1, 'b']]]);
  });

  it('keeps a table without a primary key as a multiset', () => {
    const t = open(null, null);
    t.commit([[INSERT, [1, 'x']], [INSERT, [1, 'x']], [INSERT, [2, 'y']]]);
    t.commit([[DELETE, [1, 'x']]]);
    expect(t.rowCount).toBe(2);
    expect(rows(t)).toEqual([[1, 'x'], [2, 'y']]);
    expect(() => t.commit([[DELETE, [5, 'z']]])).toThrow(/retracts a row that is not there/);
  });

  it('compacts its log into a snapshot and recovers from snapshot plus log', () => {
    const d = dir();
    const t = open(d, [0], 2000);
    for (let i = 0; i < 200; i++) t.commit([[INSERT, [i, `v${i}`]]]);
    for (let i = 0; i < 100; i++) t.commit([[DELETE, [i, `v${i}`]]]);
    t.close();
    const again = open(d, [0], 2000);
    expect(again.rowCount).toBe(100);
    expect(again.offset).toBe(300);
    expect(again.lookup([150])).toEqual([150, 'v150']);
  });

  it('drops a torn record at the end of the log (a crash mid-write) and keeps the rest', () => {
    const d = dir();
    const t = open(d);
    t.commit([[INSERT, [1, 'a']]]);
    t.close();
    appendFileSync(join(d, 'log'), Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    const again = open(d);
    expect(rows(again)).toEqual([[1, 'a']]);
    again.commit([[INSERT, [2, 'b']]]);
    again.close();
    expect(rows(open(d))).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('keeps every acknowledged commit across kill -9 of the writing process', async () => {
    const d = dir();
    const script = join(d, 'writer.ts');
    const store = resolve(import.meta.dirname, '../../../src/connectors/table/table-store.ts');
    writeFileSync(
      script,
      `import { TableStore } from ${JSON.stringify(store)};
const t = TableStore.open({ name: 't', columns: ['id', 'v'], primaryKey: [0], dir: ${JSON.stringify(d)} });
for (let i = 0; ; i++) { t.commit([[0, [i, 'row ' + i]]]); process.stdout.write(i + '\\n'); }`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    await new Promise<void>((done) => {
      child.stdout.on('data', (b: Buffer) => {
        const lines = b.toString().trim().split('\n');
        acked = Number(lines[lines.length - 1]);
        if (acked >= 300) {
          child.kill('SIGKILL');
          done();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const t = open(d);
    // Every row the writer acknowledged (printed after its commit returned) is there.
    for (let i = 0; i <= acked; i++) expect(t.lookup([i])).toEqual([i, `row ${i}`]);
    expect(t.offset).toBe(t.rowCount);
  });
});

describe('TableStore unique indexes and change-by-change checks', () => {
  const error = (f: () => unknown): TableConstraintError => {
    try {
      f();
    } catch (e) {
      if (e instanceof TableConstraintError) return e;
      throw e;
    }
    throw new Error('expected a TableConstraintError');
  };

  it('refuses a second row with a key, naming the index, the key and the change; NULLs are distinct unless NULLS NOT DISTINCT', () => {
    const t = TableStore.open({ name: 't', columns: ['id', 'a', 'b'], primaryKey: [0], dir: null, formatValue: (_c, v) => `<${String(v)}>` });
    t.addIndex('t_a_key', [1], { nullsNotDistinct: false });
    t.addIndex('t_b_key', [2], { nullsNotDistinct: true });
    t.commit([[INSERT, [1, 1, 1]], [INSERT, [2, null, null]], [INSERT, [3, null, 3]]]);
    const e = error(() => t.commit([[INSERT, [4, 4, 4]], [INSERT, [5, 1, 5]]]));
    expect([e.sqlState, e.message, e.detail, e.constraint, e.position]).toEqual(['23505', 'duplicate key value violates unique constraint "t_a_key"', 'Key (a)=(<1>) already exists.', 't_a_key', 1]);
    expect(error(() => t.commit([[INSERT, [4, 4, null]]])).detail).toBe('Key (b)=(null) already exists.');
    expect(error(() => t.commit([[INSERT, [4, 4, 4]], [INSERT, [5, 4, 5]]])).position).toBe(1);
    expect(t.rowCount).toBe(3);
  });

  it('checks each change against the table as the changes before it left it', () => {
    const t = open(null);
    t.addIndex('t_v_key', [1], { nullsNotDistinct: false });
    t.commit([[INSERT, [1, 'a']], [INSERT, [2, 'b']]]);
    // v moves from row 1 to row 2 only once row 2 gave it up: the order of the changes decides.
    expect(error(() => t.commit([[UPDATE_BEFORE, [1, 'a']], [UPDATE_AFTER, [1, 'b']], [UPDATE_BEFORE, [2, 'b']], [UPDATE_AFTER, [2, 'a']]])).detail).toBe('Key (v)=(b) already exists.');
    t.commit([[UPDATE_BEFORE, [2, 'b']], [UPDATE_AFTER, [2, 'c']], [UPDATE_BEFORE, [1, 'a']], [UPDATE_AFTER, [1, 'b']]]);
    expect(rows(t)).toEqual([[1, 'b'], [2, 'c']]);
    // The primary key too: 1 → 2 while 2 is still there fails; 2 → 3 first succeeds.
    expect(error(() => t.commit([[UPDATE_BEFORE, [1, 'b']], [UPDATE_AFTER, [2, 'b']], [UPDATE_BEFORE, [2, 'c']], [UPDATE_AFTER, [3, 'c']]])).message).toContain('"t_pkey"');
    t.commit([[UPDATE_BEFORE, [2, 'c']], [UPDATE_AFTER, [3, 'c']], [UPDATE_BEFORE, [1, 'b']], [UPDATE_AFTER, [2, 'b']]]);
    expect(rows(t)).toEqual([[2, 'b'], [3, 'c']]);
  });

  it('a batch finds rows by key as it would leave the table, and commits only what it was given', () => {
    const t = open(null);
    t.addIndex('t_v_key', [1], { nullsNotDistinct: false });
    t.commit([[INSERT, [1, 'a']]]);
    const batch = t.begin();
    batch.add([INSERT, [2, 'b']]);
    batch.add([DELETE, [1, 'a']]);
    expect(batch.rowsWithKey('t_v_key', [0, 'b'])).toEqual([[2, 'b']]);
    expect(batch.rowsWithKey('t_v_key', [0, 'a'])).toEqual([]);
    expect(batch.rowsWithKey('t_pkey', [2, null])).toEqual([[2, 'b']]);
    expect(rows(t)).toEqual([[1, 'a']]);
    t.commitBatch(batch);
    expect(rows(t)).toEqual([[2, 'b']]);
    // A batch begun before another commit cannot be committed after it.
    const stale = t.begin();
    t.commit([[INSERT, [3, 'c']]]);
    expect(() => t.commitBatch(stale)).toThrow(/changed while a batch/);
  });

  it('refuses a unique index over rows that share a key (also equal rows of a table without a key), and keeps none', () => {
    const t = open(null, null);
    t.commit([[INSERT, [1, 'x']], [INSERT, [1, 'x']], [INSERT, [2, null]], [INSERT, [3, null]]]);
    const e = error(() => t.addIndex('t_id', [0], { nullsNotDistinct: false }));
    expect([e.message, e.detail]).toEqual(['could not create unique index "t_id"', 'Key (id)=(1) is duplicated.']);
    t.commit([[DELETE, [1, 'x']]]);
    t.addIndex('t_v', [1], { nullsNotDistinct: false });
    expect(error(() => t.addIndex('t_v2', [1], { nullsNotDistinct: true })).detail).toBe('Key (v)=(null) is duplicated.');
    // The refused index is not there: equal rows still go in; the one on v (NULLs distinct) is.
    t.commit([[INSERT, [1, 'y']]]);
    expect(error(() => t.commit([[INSERT, [9, 'x']]])).message).toBe('duplicate key value violates unique constraint "t_v"');
    t.removeIndex('t_v');
    t.commit([[INSERT, [9, 'x']]]);
    expect(t.rowCount).toBe(5);
  });
});
