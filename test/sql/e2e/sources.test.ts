/** CREATE SOURCE with the Nexmark, datagen, filesystem and socket connectors, read by SELECT and by views. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWeir, useWeir } from '../oracle/weir-server.ts';

const weir = useWeir();

describe('sources', () => {
  it('reads Nexmark bids: first rows with LIMIT, a bounded count, and views kept by streaming jobs', async () => {
    const c = weir.client;
    await c.query(
      "CREATE SOURCE bid (auction bigint, bidder bigint, price bigint, channel varchar, url varchar, date_time timestamp, extra varchar) WITH (connector = 'nexmark', nexmark.table.type = 'Bid', nexmark.event.num = '50000')",
    );
    const first = await c.query('SELECT auction, date_time FROM bid LIMIT 3');
    expect(first.rows).toHaveLength(3);
    expect(first.rows[0].date_time).toBeInstanceOf(Date);
    // 46 of every 50 events are bids.
    expect((await c.query('SELECT count(*) AS n FROM bid')).rows).toEqual([{ n: String((50000 / 50) * 46) }]);
    await c.query('CREATE MATERIALIZED VIEW q2 AS SELECT auction, price FROM bid WHERE auction % 123 = 0');
    await c.query('CREATE MATERIALIZED VIEW per_auction AS SELECT auction, count(*) AS n, max(price) AS top FROM bid GROUP BY auction');
    await c.query('FLUSH');
    const q2 = await c.query('SELECT count(*) AS n FROM q2');
    const adhoc = await c.query('SELECT count(*) AS n FROM bid WHERE auction % 123 = 0');
    expect(q2.rows).toEqual(adhoc.rows);
    expect(Number(q2.rows[0].n)).toBeGreaterThan(0);
    const total = await c.query('SELECT sum(n) AS s FROM per_auction');
    expect(total.rows).toEqual([{ s: String((50000 / 50) * 46) }]);
  });

  it('refuses a never-ending SELECT over an unbounded source, with a hint', async () => {
    const c = weir.client;
    await c.query("CREATE SOURCE gen (id int, v double precision) WITH (connector = 'datagen', 'rows-per-second' = '0')");
    await expect(c.query('SELECT * FROM gen')).rejects.toMatchObject({ code: '0A000', message: 'SELECT from the unbounded source "gen" needs a LIMIT' });
    expect((await c.query('SELECT id FROM gen LIMIT 5')).rows).toHaveLength(5);
    await expect(c.query("CREATE SOURCE bad (x int) WITH (connector = 'kafka')")).rejects.toMatchObject({ code: '0A000' });
  });

  it('reads CSV and JSON-lines files, and new files of a monitored directory', async () => {
    const c = weir.client;
    const dir = mkdtempSync(join(tmpdir(), 'weir-src-'));
    try {
      writeFileSync(join(dir, 'orders.csv'), 'id,customer,amount,placed\n1,ann,12.50,2024-03-01 12:00:05\n2,"o\'hara, jr",7.25,2024-03-01 12:01:00\n3,bob,,\n');
      await c.query(`CREATE SOURCE orders (id int, customer text, amount numeric(10,2), placed timestamp)
        WITH (connector = 'filesystem', path = '${join(dir, 'orders.csv')}', format = 'csv', 'csv.header' = 'true')`);
      const all = await c.query({ text: 'SELECT * FROM orders ORDER BY id', rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
      expect(all.rows).toEqual([
        ['1', 'ann', '12.50', '2024-03-01 12:00:05'],
        ['2', "o'hara, jr", '7.25', '2024-03-01 12:01:00'],
        ['3', 'bob', null, null],
      ]);
      // RisingWave's spelling: FORMAT PLAIN ENCODE CSV (without_header = ...).
      writeFileSync(join(dir, 'plain.txt'), '10;x\n20;y\n');
      await c.query(`CREATE SOURCE plain (n int, s varchar) WITH (connector = 'posix_fs', posix_fs.root = '${join(dir, 'plain.txt')}')
        FORMAT PLAIN ENCODE CSV (without_header = 'true', delimiter = ';')`);
      expect((await c.query('SELECT sum(n) AS s FROM plain')).rows).toEqual([{ s: '30' }]);
      // A bad value fails the query with the input function's error...
      writeFileSync(join(dir, 'bad.csv'), '1\nnot a number\n3\n');
      await c.query(`CREATE SOURCE bad (n int) WITH (connector = 'file', path = '${join(dir, 'bad.csv')}')`);
      await expect(c.query('SELECT * FROM bad')).rejects.toMatchObject({ code: '22P02' });
      // ...unless parse errors are to be skipped.
      await c.query(`CREATE SOURCE lenient (n int) WITH (connector = 'file', path = '${join(dir, 'bad.csv')}', 'ignore-parse-errors' = 'true')`);
      expect((await c.query('SELECT sum(n) AS s FROM lenient')).rows).toEqual([{ s: '4' }]);

      // JSON lines in a monitored directory: a view follows files as they appear.
      const events = join(dir, 'events');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(events);
      writeFileSync(join(events, 'a.json'), '{"k": "x", "v": 1, "at": "2024-03-01 00:00:00", "tags": {"a": 1}}\n{"k": "y", "v": 2.5}\n');
      await c.query(`CREATE SOURCE ev (k text, v double precision, at timestamp, tags jsonb)
        WITH (connector = 'filesystem', path = '${events}', format = 'json', 'source.monitor-interval' = '50ms')`);
      await expect(c.query('SELECT * FROM ev')).rejects.toMatchObject({ code: '0A000' });
      await c.query('CREATE MATERIALIZED VIEW per_k AS SELECT k, sum(v) AS total, count(tags) AS tagged FROM ev GROUP BY k');
      const view = async () => (await c.query({ text: 'SELECT * FROM per_k ORDER BY k', rowMode: 'array' })).rows;
      const until = async (want: unknown[][]) => {
        for (let i = 0; i < 200 && JSON.stringify(await view()) !== JSON.stringify(want); i++) await new Promise((r) => setTimeout(r, 25));
        expect(await view()).toEqual(want);
      };
      await until([['x', 1, '1'], ['y', 2.5, '0']]);
      writeFileSync(join(events, 'b.json'), '{"k": "x", "v": 10}\n{"k": "z", "v": -1}\n');
      await until([['x', 11, '1'], ['y', 2.5, '0'], ['z', -1, '0']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads lines from a socket', async () => {
    const c = weir.client;
    const server = createServer((socket) => {
      socket.write('1,alpha\n2,beta\n');
      setTimeout(() => socket.write('3,gamma\n'), 50);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await c.query(`CREATE SOURCE lines (id int, word text) WITH (connector = 'socket', hostname = '127.0.0.1', port = '${port}')`);
      const first = await c.query({ text: 'SELECT id, word FROM lines LIMIT 3', rowMode: 'array' });
      expect(first.rows).toEqual([[1, 'alpha'], [2, 'beta'], [3, 'gamma']]);
      await expect(c.query("CREATE SOURCE nope (id int) WITH (connector = 'socket', port = 'x')")).rejects.toMatchObject({ code: '22023' });
    } finally {
      server.close();
    }
  });

  it('keeps a table fed by a connector: rows upserted by key, views over it, DML refused, rebuilt after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-tbl-'));
    try {
      // Two versions of item 2: with a primary key the later one replaces the earlier.
      writeFileSync(join(dir, 'items.csv'), '1,apple,3\n2,pear,5\n3,plum,1\n2,pear,7\n');
      let weir = await startWeir(join(dir, 'data'));
      const c = () => weir.client;
      await c().query(`CREATE TABLE items (id int PRIMARY KEY, name text, qty int) WITH (connector = 'filesystem', path = '${join(dir, 'items.csv')}')`);
      await c().query('CREATE MATERIALIZED VIEW stock AS SELECT sum(qty) AS total, count(*) AS n FROM items');
      await c().query(
        "CREATE TABLE bids (auction bigint, price bigint, date_time timestamp) APPEND ONLY WITH (connector = 'nexmark', nexmark.table.type = 'Bid', nexmark.event.num = '5000')",
      );
      await c().query('FLUSH');
      const rows = async (sql: string) => (await c().query({ text: sql, rowMode: 'array' })).rows;
      expect(await rows('SELECT * FROM items ORDER BY id')).toEqual([[1, 'apple', 3], [2, 'pear', 7], [3, 'plum', 1]]);
      expect(await rows('SELECT * FROM stock')).toEqual([['11', '3']]);
      expect(await rows('SELECT count(*) FROM bids')).toEqual([[String((5000 / 50) * 46)]]);
      await expect(c().query('INSERT INTO items VALUES (9, 9, 9)')).rejects.toMatchObject({ code: '0A000' });
      await expect(c().query('DELETE FROM items')).rejects.toMatchObject({ code: '0A000' });
      await expect(c().query("CREATE TABLE nope (x int) WITH (connector = 'filesystem')")).rejects.toMatchObject({ code: '42601' });
      await weir.close();
      // After a restart the table is read again from its connector, and the view recomputed.
      weir = await startWeir(join(dir, 'data'));
      await c().query('FLUSH');
      expect(await rows('SELECT * FROM items ORDER BY id')).toEqual([[1, 'apple', 3], [2, 'pear', 7], [3, 'plum', 1]]);
      expect(await rows('SELECT * FROM stock')).toEqual([['11', '3']]);
      expect(await rows('SELECT count(*) FROM bids')).toEqual([[String((5000 / 50) * 46)]]);
      await c().query('DROP TABLE bids');
      await weir.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
