/**
 * What this session's statements put in the catalog comes back after a restart: column
 * defaults, indexes, SQL functions (and views using them), tables made by CREATE TABLE AS,
 * watermarks and EMIT ON WINDOW CLOSE views, UNIQUE and CHECK constraints and unique indexes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWeir } from '../oracle/weir-server.ts';

describe('a restart', () => {
  it('keeps defaults, indexes, functions, CTAS tables, watermarks and the views over them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-restart-'));
    try {
      let weir = await startWeir(dir);
      const q = async (sql: string) => (await weir.client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })).rows;
      await q("CREATE TABLE items (id int PRIMARY KEY, name text DEFAULT 'unnamed', qty int DEFAULT 1)");
      await q('CREATE INDEX items_name ON items (name)');
      await q("CREATE FUNCTION twice(x int) RETURNS int RETURN x * 2");
      await q('CREATE MATERIALIZED VIEW doubled AS SELECT id, twice(qty) AS q2 FROM items');
      await q("INSERT INTO items (id) VALUES (1), (2)");
      await q("INSERT INTO items VALUES (3, 'bolt', 5)");
      await q('CREATE TABLE snapshot AS SELECT name, sum(qty) AS total FROM items GROUP BY name');
      await q("CREATE TABLE ev (ts timestamp, v int, WATERMARK FOR ts AS ts - INTERVAL '1 minute') APPEND ONLY");
      await q("CREATE MATERIALIZED VIEW per_hour AS SELECT window_start, sum(v) AS s FROM TUMBLE(ev, ts, INTERVAL '1 hour') GROUP BY window_start EMIT ON WINDOW CLOSE");
      await q("INSERT INTO ev VALUES ('2024-01-01 10:10', 1), ('2024-01-01 10:50', 2), ('2024-01-01 11:30', 3)");
      await q('FLUSH');
      const before = [await q('SELECT * FROM doubled ORDER BY id'), await q('SELECT * FROM snapshot ORDER BY name'), await q('SELECT * FROM per_hour')];
      expect(before[2]).toEqual([['2024-01-01 10:00:00', '3']]);
      await weir.close();

      weir = await startWeir(dir);
      await q('FLUSH');
      expect([await q('SELECT * FROM doubled ORDER BY id'), await q('SELECT * FROM snapshot ORDER BY name'), await q('SELECT * FROM per_hour')]).toEqual(before);
      // The default, the index and the function still work for new rows; the watermark too
      // (a row below it is late and dropped, one far ahead closes the 11:00 window).
      await q('INSERT INTO items (id) VALUES (4)');
      await q("INSERT INTO ev VALUES ('2024-01-01 09:00', 100), ('2024-01-01 13:00', 4)");
      await q('FLUSH');
      expect(await q("SELECT id FROM items WHERE name = 'unnamed' ORDER BY id")).toEqual([['1'], ['2'], ['4']]);
      expect(await q('SELECT q2 FROM doubled WHERE id = 4')).toEqual([['2']]);
      expect(await q('SELECT * FROM per_hour ORDER BY window_start')).toEqual([['2024-01-01 10:00:00', '3'], ['2024-01-01 11:00:00', '3']]);
      await weir.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps UNIQUE and CHECK constraints (also added by ALTER TABLE) and unique indexes, enforced and shown as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-restart-'));
    try {
      let weir = await startWeir(dir);
      const q = async (sql: string) => (await weir.client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })).rows;
      const code = async (sql: string) => q(sql).then(() => 'ok', (e: { code: string; message: string }) => `${e.code} ${e.message}`);
      await q('CREATE TABLE k (id int PRIMARY KEY, a int UNIQUE, b int CHECK (b > 0), c text, CONSTRAINT k_bc UNIQUE NULLS NOT DISTINCT (b, c))');
      await q('CREATE UNIQUE INDEX k_c ON k (c DESC)');
      await q("INSERT INTO k VALUES (1, 1, 1, 'x'), (2, 2, 2, 'y')");
      await q('ALTER TABLE k ADD CONSTRAINT k_small CHECK (id < 100), ADD UNIQUE (b)');
      await q('ALTER TABLE k DROP CONSTRAINT k_b_key');
      const catalog = `SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'k'::regclass
                       UNION ALL SELECT indexrelid::regclass::text, 'i', pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'k'::regclass ORDER BY 1, 2`;
      const before = await q(catalog);
      expect(before.map((r) => r[0])).toEqual(['k_a_key', 'k_a_key', 'k_b_check', 'k_bc', 'k_bc', 'k_c', 'k_pkey', 'k_pkey', 'k_small']);
      await weir.close();

      weir = await startWeir(dir);
      expect(await q(catalog)).toEqual(before);
      expect(await code("INSERT INTO k VALUES (3, 1, 3, 'z')")).toBe('23505 duplicate key value violates unique constraint "k_a_key"');
      expect(await code("INSERT INTO k VALUES (3, 3, 3, 'x')")).toBe('23505 duplicate key value violates unique constraint "k_c"');
      expect(await code("INSERT INTO k VALUES (3, 3, -3, 'z')")).toBe('23514 new row for relation "k" violates check constraint "k_b_check"');
      expect(await code("INSERT INTO k VALUES (300, 3, 3, 'z')")).toBe('23514 new row for relation "k" violates check constraint "k_small"');
      expect(await code('UPDATE k SET a = a + 1')).toBe('23505 duplicate key value violates unique constraint "k_a_key"');
      expect(await code('DROP INDEX k_bc')).toMatch(/^2BP01 /);
      expect(await code('DROP INDEX k_c')).toBe('ok');
      expect(await code("INSERT INTO k VALUES (3, 3, 3, 'x') ON CONFLICT (a) DO NOTHING")).toBe('ok');
      expect(await q('SELECT id, c FROM k ORDER BY id')).toEqual([['1', 'x'], ['2', 'y'], ['3', 'x']]);
      await weir.close();

      // The dropped index stays dropped.
      weir = await startWeir(dir);
      expect(await code("INSERT INTO k VALUES (4, 4, 4, 'x')")).toBe('ok');
      await weir.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
