/**
 * Many sessions at once, the connection limit, cancel by key reaching only its own session,
 * a session dying mid-query, and large results that exercise socket backpressure.
 */
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, errorFields, query, types, untyped } from './support/raw-client.ts';
import { psql, startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxConnections: 60 });
});
afterAll(async () => {
  await server.close();
});

const connectClient = async (port = server.port): Promise<pg.Client> => {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'weir', database: 'dev' });
  // A test that fails midway leaves clients that the server's close then terminates.
  c.on('error', () => {});
  await c.connect();
  return c;
};

describe('concurrency', () => {
  it('50 clients insert and read at the same time', async () => {
    const before = server.db.log.length;
    const clients = await Promise.all(Array.from({ length: 50 }, () => connectClient()));
    await Promise.all(
      clients.map(async (c, i) => {
        for (let k = 0; k < 5; k++) await c.query(`INSERT INTO log VALUES ('c${i}-${k}')`);
        const r = await c.query('SELECT * FROM items WHERE id = $1', [(i % 3) + 1]);
        expect(r.rows[0].id).toBe((i % 3) + 1);
      }),
    );
    expect(server.db.log.length - before).toBe(250);
    await Promise.all(clients.map((c) => c.end()));
  });

  it('refuses sessions beyond maxConnections with 53300; cancel requests still work', async () => {
    const s = await startTestServer({ maxConnections: 2 });
    try {
      const a = await connectClient(s.port);
      const b = await connectClient(s.port);
      await expect(connectClient(s.port)).rejects.toMatchObject({ code: '53300', message: 'sorry, too many clients already' });
      const r = await psql(s.port, ['dev', '-c', 'SELECT 1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('FATAL:  sorry, too many clients already');
      // A cancel arrives on a new connection even when the server is full.
      const slow = a.query('SELECT pg_sleep(30)').catch((e: unknown) => e);
      await new Promise((res) => setTimeout(res, 100));
      const canceller = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'weir', database: 'dev' });
      (canceller as unknown as { cancel(target: pg.Client, q: unknown): void }).cancel(a, (a as unknown as { activeQuery: unknown }).activeQuery);
      expect(await slow).toMatchObject({ code: '57014' });
      await b.end();
      const c = await connectClient(s.port);
      await Promise.all([a.end(), c.end()]);
    } finally {
      await s.close();
    }
  });

  it('a cancel with the wrong secret key is ignored; the right key cancels only its session', async () => {
    const a = await connectClient();
    const b = await connectClient();
    const keyOf = (c: pg.Client): { pid: number; key: number } => {
      const x = c as unknown as { processID: number; secretKey: number };
      return { pid: x.processID, key: x.secretKey };
    };
    const sendCancel = (pid: number, key: number): Promise<void> =>
      new Promise((resolve) => {
        const s = connect({ host: '127.0.0.1', port: server.port }, () => {
          const body = Buffer.alloc(12);
          body.writeInt32BE(80877102, 0);
          body.writeInt32BE(pid, 4);
          body.writeInt32BE(key, 8);
          s.end(untyped(body));
        });
        s.on('close', () => resolve());
      });
    const slowA = a.query('SELECT pg_sleep(1.5)').then(() => 'finished', (e: { code: string }) => e.code);
    const slowB = b.query('SELECT pg_sleep(30)').then(() => 'finished', (e: { code: string }) => e.code);
    await new Promise((res) => setTimeout(res, 100));
    await sendCancel(keyOf(a).pid, keyOf(a).key ^ 1);
    await sendCancel(keyOf(b).pid, keyOf(b).key);
    expect(await slowB).toBe('57014');
    expect(await slowA).toBe('finished');
    await Promise.all([a.end(), b.end()]);
  });

  it('a client vanishing mid-query closes its session; the server keeps serving', async () => {
    const closedBefore = server.db.closed;
    const c = await RawClient.connect(server.port);
    await c.startup();
    c.send(query('SELECT pg_sleep(30)'));
    await new Promise((res) => setTimeout(res, 100));
    c.socket.destroy();
    for (let i = 0; i < 50 && server.db.closed === closedBefore; i++) await new Promise((res) => setTimeout(res, 20));
    expect(server.db.closed).toBeGreaterThan(closedBefore);
    const other = await connectClient();
    expect((await other.query('SELECT 1')).rowCount).toBe(1);
    await other.end();
  });

  it('streams a large result to a slow reader (backpressure) and completes', async () => {
    const c = await RawClient.connect(server.port);
    await c.startup();
    c.socket.pause();
    c.send(query('SELECT generate_series(1, 200000)'));
    // Let the server fill the socket buffers while the client reads nothing.
    await new Promise((res) => setTimeout(res, 300));
    c.socket.resume();
    const m = await c.readUntil('Z');
    expect(m.length).toBe(200_003);
    expect(types(m.slice(-2))).toBe('CZ');
    expect(m.at(-2)!.body.toString('utf8', 0, m.at(-2)!.body.length - 1)).toBe('SELECT 200000');
    c.end();
  });

  it('an internal error in one session is reported as XX000 and does not disturb others', async () => {
    const a = await connectClient();
    const b = await connectClient();
    const [ra, rb] = await Promise.all([a.query('SELECT crash()').catch((e: unknown) => e), b.query('SELECT generate_series(1, 1000)')]);
    expect(ra).toMatchObject({ code: 'XX000' });
    expect(rb.rowCount).toBe(1000);
    expect((await a.query('SELECT 1')).rowCount).toBe(1);
    await Promise.all([a.end(), b.end()]);
  });

  it('server close ends sessions with 57P01', async () => {
    const s = await startTestServer();
    const c = await RawClient.connect(s.port);
    await c.startup();
    await s.close();
    const [e] = await c.readUntil('E');
    expect(errorFields(e!)).toMatchObject({ S: 'FATAL', C: '57P01', M: 'terminating connection due to administrator command' });
    await c.closed();
  });
});
