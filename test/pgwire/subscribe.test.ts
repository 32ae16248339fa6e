/**
 * SUBSCRIBE, as clients follow a view live: over COPY (psql, drivers' copy APIs), as a
 * stream of rows, and through a cursor with FETCH (any driver, psql). Each begins with the
 * snapshot (unless WITH (SNAPSHOT = false)) and then shows every change with its diff; a
 * cancel ends it cleanly, stops the job a query needed, and the session goes on.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MiniCluster } from '../../src/cluster/mini-cluster.ts';
import { SlotPool } from '../../src/cluster/slot-pool.ts';
import { Subscription } from '../../src/sql/engine/subscription.ts';
import { useWeir } from '../sql/oracle/weir-server.ts';
import { RawClient, errorFields, query, untyped, type BackendMessage } from './support/raw-client.ts';
import { psql } from './support/test-server.ts';

const run = promisify(execFile);

const weir = useWeir();
const port = (): number => (weir.client as unknown as { port: number }).port;

let psqlMissing = false;
try {
  await run('psql', ['--version']);
} catch {
  psqlMissing = true;
  console.warn('skipped: the SUBSCRIBE test with psql needs psql (npm test installs it)');
}

async function session(): Promise<{ c: RawClient; pid: number; key: number }> {
  const c = await RawClient.connect(port());
  const m = await c.startup();
  const k = m.find((x) => x.type === 'K')!;
  return { c, pid: k.body.readInt32BE(0), key: k.body.readInt32BE(4) };
}

async function cancel(pid: number, key: number): Promise<void> {
  const c = await RawClient.connect(port());
  const body = Buffer.alloc(12);
  body.writeInt32BE(80877102, 0);
  body.writeInt32BE(pid, 4);
  body.writeInt32BE(key, 8);
  c.send(untyped(body));
  await c.closed();
}

/** Reads messages until `n` CopyData/DataRow messages arrived; returns their text (timestamps dropped). */
async function changes(c: RawClient, n: number, type: 'd' | 'D'): Promise<string[]> {
  const out: string[] = [];
  while (out.length < n) {
    const m = (await c.readMessage()) as BackendMessage;
    if (m.type === 'E') throw new Error(JSON.stringify(errorFields(m)));
    if (m.type !== type) continue;
    if (type === 'd') out.push(m.body.toString().replace(/^\d+\t/, '').trimEnd());
    else {
      const fields: string[] = [];
      let at = 2;
      for (let i = 0; i < m.body.readInt16BE(0); i++) {
        const len = m.body.readInt32BE(at);
        at += 4;
        fields.push(len < 0 ? 'NULL' : m.body.subarray(at, at + len).toString());
        at += Math.max(len, 0);
      }
      out.push(fields.slice(1).join('\t'));
    }
  }
  return out.sort();
}

/** Subscriptions' jobs running: on view slots (as in standalone), or on the engine's cluster without them. */
const running = (): number =>
  weir.engine.viewSlots instanceof SlotPool
    ? (weir.engine.viewSlots as SlotPool).stats.running.filter((name) => name.startsWith('subscribe')).length
    : (weir.engine.cluster as MiniCluster).listJobs().filter((j) => j.status === 'RUNNING' && j.jobName.startsWith('subscribe')).length;

describe('SUBSCRIBE', () => {
  it('COPY (SUBSCRIBE mv) TO STDOUT: the snapshot, then each change with its diff, until a cancel', async () => {
    await weir.client.query('CREATE TABLE orders (id int PRIMARY KEY, customer text, amount int)');
    await weir.client.query("INSERT INTO orders VALUES (1, 'ann', 10), (2, 'bob', 20)");
    await weir.client.query('CREATE MATERIALIZED VIEW spend AS SELECT customer, sum(amount) AS total FROM orders GROUP BY customer');
    await weir.client.query('FLUSH');
    const { c, pid, key } = await session();
    c.send(query('COPY (SUBSCRIBE spend) TO STDOUT'));
    const header = (await c.readMessage())!;
    expect(header.type).toBe('H');
    expect(header.body.readInt16BE(1)).toBe(4);
    expect(await changes(c, 2, 'd')).toEqual(['1\tann\t10', '1\tbob\t20']);
    await weir.client.query("INSERT INTO orders VALUES (3, 'ann', 5)");
    expect(await changes(c, 2, 'd')).toEqual(['-1\tann\t10', '1\tann\t15']);
    await weir.client.query('DELETE FROM orders WHERE id = 2');
    expect(await changes(c, 1, 'd')).toEqual(['-1\tbob\t20']);
    await cancel(pid, key);
    const end = await c.readUntil('Z');
    expect(errorFields(end.find((m) => m.type === 'E')!)).toMatchObject({ C: '57014' });
    c.send(query('SELECT 1'));
    expect((await c.readUntil('Z')).map((m) => m.type).join('')).toBe('TDCZ');
    c.end();
  });

  it('SUBSCRIBE (query) WITH (SNAPSHOT = false) streams rows of the changes only, and its job stops with the cancel', async () => {
    const { c, pid, key } = await session();
    c.send(query("SUBSCRIBE (SELECT customer, amount * 2 AS doubled FROM orders WHERE amount > 1) WITH (SNAPSHOT = false)"));
    const description = (await c.readMessage())!;
    expect(description.type).toBe('T');
    await expect.poll(running).toBe(1);
    await weir.client.query("INSERT INTO orders VALUES (4, 'cid', 7)");
    expect(await changes(c, 1, 'D')).toEqual(['1\tcid\t14']);
    await weir.client.query('UPDATE orders SET amount = 8 WHERE id = 4');
    expect(await changes(c, 2, 'D')).toEqual(['-1\tcid\t14', '1\tcid\t16']);
    await cancel(pid, key);
    expect((await c.readUntil('Z')).some((m) => m.type === 'E')).toBe(true);
    await expect.poll(running).toBe(0);
    c.end();
  });

  it('DECLARE CURSOR FOR SUBSCRIBE + FETCH: what is waiting, else the next change (node-postgres)', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: port(), user: 'weir', database: 'dev' });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('DECLARE c CURSOR FOR SUBSCRIBE orders');
      const snapshot = await client.query('FETCH ALL c');
      expect(snapshot.fields.map((f) => f.name)).toEqual(['weir_timestamp', 'weir_diff', 'id', 'customer', 'amount']);
      expect(snapshot.rows.map((r) => [r.weir_diff, r.id, r.customer, r.amount]).sort()).toEqual([['1', 1, 'ann', 10], ['1', 3, 'ann', 5], ['1', 4, 'cid', 8]]);
      // Nothing waiting: FETCH waits for the next change.
      const next = client.query('FETCH 10 c');
      await new Promise((r) => setTimeout(r, 100));
      await weir.client.query("UPDATE orders SET customer = 'dan' WHERE id = 1");
      expect((await next).rows.map((r) => [r.weir_diff, r.id, r.customer])).toEqual([['-1', 1, 'ann'], ['1', 1, 'dan']]);
      await client.query('CLOSE c');
      await client.query('COMMIT');
      await expect(client.query('FETCH ALL c')).rejects.toMatchObject({ code: '34000' });
    } finally {
      await client.end();
    }
  });

  it.skipIf(psqlMissing)('psql follows a view through a cursor', async () => {
    const script = ['BEGIN;', 'DECLARE live CURSOR FOR SUBSCRIBE spend;', 'FETCH ALL live;', "INSERT INTO orders VALUES (5, 'eve', 1);", 'FETCH ALL live;', 'COMMIT;', ''].join('\n');
    const r = await psql(port(), ['-q', '-A', '-t', '-F', ',', '-d', 'dev', '-v', 'ON_ERROR_STOP=1'], {}, script);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => l.replace(/^\d+,/, ''));
    expect(lines.slice(0, 3).sort()).toEqual(['1,ann,5', '1,cid,8', '1,dan,10']);
    expect(lines.slice(3)).toEqual(['1,eve,1']);
  });

  it('a subscriber that falls too far behind is ended with 53200, not left to fill memory', async () => {
    await weir.client.query('CREATE TABLE burst (id int PRIMARY KEY)');
    const slow = await Subscription.open(weir.engine, { entry: weir.engine.catalog.get('public', 'burst')! }, false, 5);
    try {
      await weir.client.query('INSERT INTO burst SELECT * FROM generate_series(1, 3)');
      expect(slow.take().map((r) => r.slice(1))).toEqual([[1, 1], [1, 2], [1, 3]]);
      await weir.client.query('INSERT INTO burst SELECT * FROM generate_series(4, 10)');
      await expect(slow.wait()).rejects.toMatchObject({ code: '53200' });
      expect((await weir.client.query('SELECT count(*)::int AS n FROM burst')).rows).toEqual([{ n: 10 }]);
    } finally {
      slow.close();
    }
  });

  it('errors: unknown relations, options and failing queries; the session goes on', async () => {
    await expect(weir.client.query('SUBSCRIBE nope')).rejects.toMatchObject({ code: '42P01' });
    await expect(weir.client.query('SUBSCRIBE orders WITH (PROGRESS)')).rejects.toMatchObject({ code: '22023' });
    await expect(weir.client.query('SUBSCRIBE (SELECT amount / (amount - amount) FROM orders)')).rejects.toMatchObject({ code: '22012' });
    await expect.poll(running).toBe(0);
    expect((await weir.client.query('SELECT count(*)::int AS n FROM orders')).rows).toEqual([{ n: 4 }]);
  });
});
