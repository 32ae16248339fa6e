/**
 * node-postgres (pg) against PgServer: the simple protocol for plain queries, the extended
 * protocol for parameterized and named prepared statements, errors that leave the session
 * usable, and cancel of a slow statement.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
const clients: pg.Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
});
afterAll(async () => {
  await server.close();
});

async function client(options: pg.ClientConfig = {}): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'weir', database: 'dev', ...options });
  clients.push(c);
  await c.connect();
  return c;
}

describe('node-postgres', () => {
  it('reads typed rows and field metadata over the simple protocol', async () => {
    const c = await client();
    const r = await c.query('SELECT * FROM items');
    expect(r.command).toBe('SELECT');
    expect(r.rowCount).toBe(3);
    expect(r.rows[0]).toEqual({ id: 1, name: 'apple', price: '1.50', active: true, created: new Date(2024, 0, 2, 3, 4, 5) });
    expect(r.rows[2]).toEqual({ id: 3, name: null, price: '10.00', active: true, created: null });
    expect(r.fields.map((f) => [f.name, f.dataTypeID, f.tableID, f.columnID, f.dataTypeSize, f.dataTypeModifier, f.format])).toEqual([
      ['id', 23, 16384, 1, 4, -1, 'text'],
      ['name', 1043, 16384, 2, -1, 24, 'text'],
      ['price', 1700, 16384, 3, -1, ((10 << 16) | 2) + 4, 'text'],
      ['active', 16, 16384, 4, 1, -1, 'text'],
      ['created', 1114, 16384, 5, 8, -1, 'text'],
    ]);
  });

  it('reports the startup parameters', async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'weir', database: 'dev', application_name: 'dash' });
    clients.push(c);
    const params: Record<string, string> = {};
    // pg does not keep ParameterStatus values; its connection emits them.
    const connection = (c as unknown as { connection: NodeJS.EventEmitter }).connection;
    connection.on('parameterStatus', (m: { parameterName: string; parameterValue: string }) => (params[m.parameterName] = m.parameterValue));
    await c.connect();
    expect(params).toMatchObject({
      server_encoding: 'UTF8',
      client_encoding: 'UTF8',
      DateStyle: 'ISO, MDY',
      integer_datetimes: 'on',
      standard_conforming_strings: 'on',
      application_name: 'dash',
    });
    expect(params['server_version']).toMatch(/^15\.0 \(Weir /);
    expect(params['TimeZone']).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('runs parameterized queries through the extended protocol', async () => {
    const c = await client();
    const r = await c.query('SELECT * FROM items WHERE id = $1', [2]);
    expect(r.rows).toEqual([{ id: 2, name: 'banana', price: '0.25', active: false, created: new Date(2024, 0, 3) }]);
    const echo = await c.query('SELECT $1 AS a, $2 AS b', ['x', null]);
    expect(echo.rows).toEqual([{ a: 'x', b: null }]);
    expect(echo.fields.map((f) => f.dataTypeID)).toEqual([25, 25]);
  });

  it('reuses a named prepared statement', async () => {
    const c = await client();
    for (const id of ['1', '2', '3', '4']) {
      const r = await c.query({ name: 'by-id', text: 'SELECT * FROM items WHERE id = $1', values: [id] });
      expect(r.rows.map((row) => row.id)).toEqual(id === '4' ? [] : [Number(id)]);
    }
  });

  it('command tags come back as command and rowCount', async () => {
    const c = await client();
    const ins = await c.query('INSERT INTO log VALUES ($1)'.replace('$1', "'pg'"));
    expect([ins.command, ins.rowCount]).toEqual(['INSERT', 1]);
    const upd = await c.query('UPDATE items SET price = 1');
    expect([upd.command, upd.rowCount]).toEqual(['UPDATE', 2]);
    const ddl = await c.query('CREATE TABLE t (a int)');
    expect([ddl.command, ddl.rowCount]).toEqual(['CREATE', null]);
  });

  it('multiple statements in one query: results of each, and an error stops the rest', async () => {
    const c = await client();
    const results = (await c.query('SELECT 1; SELECT 2')) as unknown as pg.QueryResult[];
    expect(results.map((r) => r.rows)).toEqual([[{ '?column?': 1 }], [{ '?column?': 2 }]]);
    const before = server.db.log.length;
    await expect(c.query("INSERT INTO log VALUES ('a'); SELECT 1/0; INSERT INTO log VALUES ('b')")).rejects.toMatchObject({ code: '22012', message: 'division by zero' });
    expect(server.db.log.slice(before)).toEqual(['a']);
    expect((await c.query('SELECT 3')).rows).toEqual([{ '?column?': 3 }]);
  });

  it('errors carry SQLSTATE, position and hint; the session keeps working', async () => {
    const c = await client();
    await expect(c.query('SELECT * FROM missing')).rejects.toMatchObject({ code: '42P01', position: '15', severity: 'ERROR' });
    await expect(c.query('SELECT * FROM missing WHERE $1', [1])).rejects.toMatchObject({ code: '42601' });
    await expect(c.query('SELECT crash()')).rejects.toMatchObject({ code: 'XX000', message: 'internal error: scaffolding crashed on purpose' });
    await expect(c.query({ text: 'SELECT 1/0', values: [] })).rejects.toMatchObject({ code: '22012' });
    expect((await c.query('SELECT * FROM items WHERE id = $1', [1])).rowCount).toBe(1);
  });

  it('a named statement cannot be prepared twice under the same name by another text', async () => {
    const c = await client();
    await c.query({ name: 's1', text: 'SELECT 1' });
    // pg checks its own cache first and refuses; the server's 42P05 is tested with raw bytes.
    await expect(c.query({ name: 's1', text: 'SELECT 2' })).rejects.toThrow(/Prepared statements must be unique/);
  });

  it('cancels a slow statement with pg.cancel (57014) and the session goes on', async () => {
    const c = await client();
    const slow = c.query('SELECT pg_sleep(30)');
    const failed = expect(slow).rejects.toMatchObject({ code: '57014', message: 'canceling statement due to user request' });
    await new Promise((r) => setTimeout(r, 200));
    const canceller = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'weir', database: 'dev' });
    // pg's cancel opens a new connection with a CancelRequest carrying the target's key.
    (canceller as unknown as { cancel(target: pg.Client, query: unknown): void }).cancel(c, (c as unknown as { activeQuery: unknown }).activeQuery);
    const started = Date.now();
    await failed;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.db.cancels).toBeGreaterThanOrEqual(1);
    expect((await c.query('SELECT 8')).rows).toEqual([{ '?column?': 8 }]);
  });

  it('cancels a slow statement run through the extended protocol', async () => {
    const c = await client();
    const slow = c.query('SELECT pg_sleep($1)', ['30']).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    const canceller = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'weir', database: 'dev' });
    (canceller as unknown as { cancel(target: pg.Client, query: unknown): void }).cancel(c, (c as unknown as { activeQuery: unknown }).activeQuery);
    expect(await slow).toMatchObject({ code: '57014' });
    expect((await c.query('SELECT * FROM items WHERE id = $1', [3])).rows[0].price).toBe('10.00');
  });
});
