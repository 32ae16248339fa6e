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

  it('keeps schemas and what is in them; views plan again along the search_path they were made with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-restart-'));
    try {
      let weir = await startWeir(dir);
      const q = async (sql: string) => (await weir.client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } })).rows;
      const code = async (sql: string) => q(sql).then(() => 'ok', (e: { code: string; message: string }) => `${e.code} ${e.message}`);
      await q('CREATE SCHEMA sales');
      await q('CREATE SCHEMA gone');
      await q('CREATE TABLE sales.orders (id int PRIMARY KEY, amount int CHECK (amount > 0), tag text UNIQUE)');
      await q('CREATE INDEX ON sales.orders (amount)');
      await q("INSERT INTO sales.orders VALUES (1, 10, 'a'), (2, 20, 'b')");
      await q('CREATE TABLE gone.t (x int)');
      await q('CREATE TABLE orders (note text)');
      await q("INSERT INTO orders VALUES ('public')");
      // Made under this search_path, `orders` in these views is sales.orders, after a restart too.
      await q('SET search_path TO sales, public');
      await q('CREATE VIEW big AS SELECT id FROM orders WHERE amount > 15');
      await q('CREATE MATERIALIZED VIEW total AS SELECT count(*) AS n, sum(amount) AS s FROM orders');
      await q('CREATE FUNCTION twice(x int) RETURNS int RETURN x * 2');
      await q('DROP SCHEMA gone CASCADE');
      const schemas = "SELECT nspname, pg_get_userbyid(nspowner), oid FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1";
      const before = await q(schemas);
      expect(before.map((r) => r[0])).toEqual(['public', 'sales']);
      await weir.close();

      weir = await startWeir(dir);
      await q('FLUSH');
      expect(await q(schemas)).toEqual(before);
      expect(await q('SHOW search_path')).toEqual([['"$user", public']]);
      expect(await q('SELECT * FROM orders')).toEqual([['public']]);
      expect(await q('SELECT * FROM sales.big')).toEqual([['2']]);
      expect(await q('SELECT * FROM sales.total')).toEqual([['2', '30']]);
      expect(await code('SELECT * FROM gone.t')).toBe('42P01 relation "gone.t" does not exist');
      expect(await code("INSERT INTO sales.orders VALUES (3, -1, 'c')")).toBe('23514 new row for relation "orders" violates check constraint "orders_amount_check"');
      expect(await code("INSERT INTO sales.orders VALUES (3, 1, 'a')")).toBe('23505 duplicate key value violates unique constraint "orders_tag_key"');
      await q("INSERT INTO sales.orders VALUES (3, 30, 'c')");
      await q('FLUSH');
      expect(await q('SELECT * FROM sales.total')).toEqual([['3', '60']]);
      expect(await q('SELECT sales.twice(21)')).toEqual([['42']]);
      expect(await q("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'sales.orders'::regclass ORDER BY 1")).toEqual([['sales.orders_amount_idx'], ['sales.orders_pkey'], ['sales.orders_tag_key']]);
      await q('SET search_path TO sales');
      expect(await q('SELECT id FROM orders ORDER BY id')).toEqual([['1'], ['2'], ['3']]);
      // A schema whose objects views read keeps its name; without them it can be renamed, and stays so.
      expect(await code('ALTER SCHEMA sales RENAME TO shop')).toMatch(/^0A000 renaming schema sales is not supported while /);
      await q('DROP VIEW big');
      await q('DROP MATERIALIZED VIEW total');
      await q('ALTER SCHEMA sales RENAME TO shop');
      await weir.close();

      weir = await startWeir(dir);
      expect(await q('SELECT count(*) FROM shop.orders')).toEqual([['3']]);
      expect(await code('SELECT * FROM sales.orders')).toBe('42P01 relation "sales.orders" does not exist');
      expect(await q("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'shop.orders'::regclass ORDER BY 1")).toEqual([['shop.orders_amount_idx'], ['shop.orders_pkey'], ['shop.orders_tag_key']]);
      expect(await q('SELECT shop.twice(4)')).toEqual([['8']]);
      await weir.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
