/**
 * Hostile and oversized input against the real engine behind the wire server: each case gets
 * PostgreSQL 15's answer (SQLSTATE and message, checked against a real PostgreSQL when the
 * tests were written) or a clean error, and afterwards the server still answers `SELECT 1`
 * on another connection. Real clients where they can send the input (node-postgres, psql),
 * raw bytes where they cannot (40,000 Bind parameters, invalid UTF-8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { MiniCluster } from '../../src/cluster/mini-cluster.ts';
import { EngineSessionFactory } from '../../src/pgwire/engine-session.ts';
import { PgServer } from '../../src/pgwire/server.ts';
import { startViewJob } from '../../src/sql/engine/handlers/create-materialized-view.ts';
import { SqlEngine } from '../../src/sql/engine/engine.ts';
import { sessionWithTimeZone } from '../../src/sql/types/index.ts';
import { RawClient, errorFields, parse, query, sync, typed, type BackendMessage } from './support/raw-client.ts';
import { psql } from './support/test-server.ts';

let engine: SqlEngine;
let server: PgServer;
let port = 0;

beforeAll(async () => {
  engine = SqlEngine.open({ dataDir: null, cluster: new MiniCluster(), session: sessionWithTimeZone('UTC') }, startViewJob);
  server = new PgServer({ sessions: new EngineSessionFactory(engine), timeZone: 'UTC' });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  port = (server.server.address() as { port: number }).port;
});

afterAll(async () => {
  await server.close();
  await engine.close();
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'weir', database: 'dev' });
  await c.connect();
  return c;
}

/** The server still serves a new connection. */
async function expectAlive(): Promise<void> {
  const c = await client();
  try {
    expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  } finally {
    await c.end();
  }
}

type PgError = { code?: string; message: string; detail?: string; hint?: string };

async function errorOf(c: pg.Client, q: pg.QueryConfig): Promise<PgError> {
  try {
    await c.query(q);
  } catch (e) {
    return e as PgError;
  }
  throw new Error(`expected ${q.text} to fail`);
}

async function raw(): Promise<RawClient> {
  const r = await RawClient.connect(port);
  await r.startup();
  return r;
}

const errorIn = (ms: readonly BackendMessage[]): Record<string, string> => errorFields(ms.find((m) => m.type === 'E')!);

/** A Bind of `values` text parameters to the unnamed statement (counts as unsigned int16). */
function bindMany(values: readonly string[]): Buffer {
  const count = Buffer.alloc(2);
  count.writeUInt16BE(values.length);
  const parts = values.flatMap((v) => {
    const len = Buffer.alloc(4);
    const bytes = Buffer.from(v);
    len.writeInt32BE(bytes.length);
    return [len, bytes];
  });
  return typed('B', Buffer.from([0, 0]), Buffer.from([0, 0]), count, ...parts, Buffer.from([0, 0]));
}

describe('parameter references', () => {
  it('$2147483648 in a named statement: 42P02 as PostgreSQL 15 says it ($-2147483648)', async () => {
    const c = await client();
    try {
      const e = await errorOf(c, { name: 'huge', text: 'SELECT $2147483648', values: [] });
      expect([e.code, e.message]).toEqual(['42P02', 'there is no parameter $-2147483648']);
    } finally {
      await c.end();
    }
    await expectAlive();
  });

  it('$100000000 with no earlier parameters: 42P18 for $1 at once, nothing allocated', async () => {
    const c = await client();
    try {
      const t0 = Date.now();
      const e = await errorOf(c, { name: 'big', text: 'SELECT $100000000', values: [] });
      expect([e.code, e.message]).toEqual(['42P18', 'could not determine data type of parameter $1']);
      expect(Date.now() - t0).toBeLessThan(2000);
      const e3 = await errorOf(c, { name: 'three', text: 'SELECT $3', values: ['1'] });
      expect([e3.code, e3.message]).toEqual(['42P18', 'could not determine data type of parameter $1']);
      expect((await c.query({ text: 'SELECT $1::int + $2::int AS s', values: [1, 2] })).rows).toEqual([{ s: 3 }]);
    } finally {
      await c.end();
    }
    await expectAlive();
  });

  it('$0 and a missing parameter in a simple query: 42P02 (psql)', async () => {
    const r0 = await psql(port, ['-d', 'dev', '-c', 'SELECT $0']);
    expect(r0.stderr).toContain('ERROR:  there is no parameter $0');
    const r3 = await psql(port, ['-d', 'dev', '-c', 'SELECT $3']);
    expect(r3.stderr).toContain('ERROR:  there is no parameter $3');
    await expectAlive();
  });
});

describe('Bind counts', () => {
  it('40,000 parameters (more than int16 holds) are read, and checked against the statement', async () => {
    const r = await raw();
    try {
      r.send(Buffer.concat([parse('', 'SELECT $1::int AS x'), bindMany(Array.from({ length: 40_000 }, (_, i) => String(i))), sync()]));
      const ms = await r.readUntil('Z');
      expect(errorIn(ms)).toMatchObject({ S: 'ERROR', C: '08P01', M: 'bind message supplies 40000 parameters, but unnamed prepared statement requires 1' });
      // The same connection goes on.
      r.send(query('SELECT 1'));
      expect((await r.readUntil('Z')).map((m) => m.type).join('')).toBe('TDCZ');
    } finally {
      r.end();
    }
    await expectAlive();
  });

  it('40,000 parameters bound to a statement that uses them all', async () => {
    const n = 40_000;
    const sql = `SELECT array_length(ARRAY[${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(',')}], 1) AS n`;
    const r = await raw();
    try {
      r.send(Buffer.concat([parse('', sql), bindMany(Array.from({ length: n }, (_, i) => String(i))), typed('E', Buffer.from([0]), Buffer.alloc(4)), sync()]));
      const ms = await r.readUntil('Z');
      expect(ms.find((m) => m.type === 'E')).toBeUndefined();
      const row = ms.find((m) => m.type === 'D')!;
      expect(row.body.subarray(6).toString()).toBe(String(n));
    } finally {
      r.end();
    }
  }, 60_000);

  it('a count that the message is too short for: 08P01, nothing allocated, the server goes on', async () => {
    const r = await raw();
    const count = Buffer.alloc(2);
    count.writeUInt16BE(65_535);
    r.send(typed('B', Buffer.from([0, 0]), Buffer.from([0, 0]), count));
    const ms = await r.readUntil('Z');
    expect(errorIn(ms)).toMatchObject({ S: 'FATAL', C: '08P01', M: 'invalid Bind message format: insufficient data left in message' });
    await r.closed();
    await expectAlive();
  });
});

describe('invalid UTF-8', () => {
  it('in a Query: 22021 naming the bytes, and the session goes on', async () => {
    const r = await raw();
    try {
      r.send(typed('Q', Buffer.from("SELECT 'a"), Buffer.from([0xc3, 0x28]), Buffer.from("b'"), Buffer.from([0])));
      const ms = await r.readUntil('Z');
      expect(errorIn(ms)).toMatchObject({ S: 'ERROR', C: '22021', M: 'invalid byte sequence for encoding "UTF8": 0xc3 0x28' });
      r.send(query('SELECT 1'));
      expect((await r.readUntil('Z')).map((m) => m.type).join('')).toBe('TDCZ');
    } finally {
      r.end();
    }
    await expectAlive();
  });

  it('in Parse and in a Bind text parameter: 22021, then Sync recovers', async () => {
    const r = await raw();
    try {
      r.send(Buffer.concat([typed('P', Buffer.from([0]), Buffer.from('SELECT 1 AS \xff', 'latin1'), Buffer.from([0, 0, 0])), sync()]));
      expect(errorIn(await r.readUntil('Z'))).toMatchObject({ S: 'ERROR', C: '22021', M: 'invalid byte sequence for encoding "UTF8": 0xff' });
      const len = Buffer.alloc(4);
      len.writeInt32BE(3);
      const badBind = typed('B', Buffer.from([0, 0]), Buffer.from([0, 0]), Buffer.from([0, 1]), len, Buffer.from([0x61, 0xed, 0xa0]), Buffer.from([0, 0]));
      r.send(Buffer.concat([parse('', 'SELECT $1::text AS t'), badBind, sync()]));
      expect(errorIn(await r.readUntil('Z'))).toMatchObject({ S: 'ERROR', C: '22021', M: 'invalid byte sequence for encoding "UTF8": 0xed 0xa0' });
      r.send(query('SELECT 1'));
      expect((await r.readUntil('Z')).map((m) => m.type).join('')).toBe('TDCZ');
    } finally {
      r.end();
    }
    await expectAlive();
  });

  it('in COPY FROM STDIN data, split across CopyData messages: 22021, and nothing is stored', async () => {
    const c = await client();
    const r = await raw();
    try {
      await c.query('CREATE TABLE utf8_copy (s text)');
      r.send(query('COPY utf8_copy FROM STDIN'));
      expect((await r.readUntil('G')).map((m) => m.type).join('')).toBe('G');
      // 'é' split between two messages is fine; the lone 0xff after it is not.
      r.send(Buffer.concat([typed('d', Buffer.from([0x61, 0x0a, 0xc3])), typed('d', Buffer.from([0xa9, 0x0a, 0x62, 0xff, 0x0a])), typed('c')]));
      expect(errorIn(await r.readUntil('Z'))).toMatchObject({ S: 'ERROR', C: '22021', M: 'invalid byte sequence for encoding "UTF8": 0xff' });
      expect((await c.query('SELECT count(*)::int AS n FROM utf8_copy')).rows).toEqual([{ n: 0 }]);
      r.send(query('SELECT 1'));
      expect((await r.readUntil('Z')).map((m) => m.type).join('')).toBe('TDCZ');
    } finally {
      r.end();
      await c.end();
    }
    await expectAlive();
  });
});

describe('deep nesting', () => {
  it('3,000 nested scalar subqueries: 54001 with PostgreSQL\'s hint; shallower ones answer', async () => {
    const c = await client();
    try {
      const nest = (n: number): string => `SELECT ${'(SELECT '.repeat(n)}1${')'.repeat(n)} AS v`;
      expect((await c.query(nest(200))).rows).toEqual([{ v: 1 }]);
      const e = await errorOf(c, { text: nest(3000) });
      expect([e.code, e.message]).toEqual(['54001', 'stack depth limit exceeded']);
      expect(e.hint).toMatch(/^Increase the configuration parameter "max_stack_depth" \(currently \d+kB\), after ensuring the platform's stack depth limit is adequate\.$/);
      // Through Parse too (node-postgres with parameters plans it at Parse).
      const ep = await errorOf(c, { text: nest(3000).replace('1', '$1::int'), values: [1] });
      expect(ep.code).toBe('54001');
    } finally {
      await c.end();
    }
    await expectAlive();
  });
});

describe('oversized values', () => {
  it('lpad/rpad/repeat: 54000 requested length too large', async () => {
    const c = await client();
    try {
      for (const sql of ["SELECT lpad('x', 2000000000)", "SELECT rpad('x', 2000000000, 'ab')", "SELECT repeat('x', 2000000000)", "SELECT repeat('xxxxxxxxxx', 60000000)"]) {
        const e = await errorOf(c, { text: sql });
        expect([sql, e.code, e.message]).toEqual([sql, '54000', 'requested length too large']);
      }
    } finally {
      await c.end();
    }
    await expectAlive();
  });

  it('||, concat, format, array_to_string past the longest value: 54000 out of memory with the sizes', async () => {
    const c = await client();
    try {
      const big = "repeat('x', 300000000)";
      for (const sql of [`SELECT length(${big} || ${big})`, `SELECT length(concat(${big}, ${big}))`, `SELECT length(format('%s%s', ${big}, ${big}))`, `SELECT length(array_to_string(ARRAY[${big}, ${big}], ''))`]) {
        const e = await errorOf(c, { text: sql });
        expect([sql, e.code, e.message, e.detail]).toEqual([sql, '54000', 'out of memory', 'Cannot enlarge string buffer containing 300000000 bytes by 300000000 more bytes.']);
      }
      const f = await errorOf(c, { text: "SELECT format('%2000000000s', 'x')" });
      expect([f.code, f.detail]).toEqual(['54000', 'Cannot enlarge string buffer containing 0 bytes by 1999999999 more bytes.']);
    } finally {
      await c.end();
    }
    await expectAlive();
  }, 60_000);

  it('string_agg past the longest value: 54000 out of memory', async () => {
    const c = await client();
    try {
      const e = await errorOf(c, { text: "SELECT length(string_agg(repeat('x', 150000000), '')) FROM generate_series(1, 4)" });
      expect([e.code, e.message]).toEqual(['54000', 'out of memory']);
    } finally {
      await c.end();
    }
    await expectAlive();
  }, 60_000);
});

describe('idle timeouts', () => {
  /** Connects, runs `setup`, then waits for the server's unsolicited FATAL. */
  async function fatalAfter(setup: readonly string[]): Promise<PgError> {
    const c = await client();
    const fatal = new Promise<PgError>((resolve) => c.on('error', (e) => resolve(e as PgError)));
    for (const sql of setup) await c.query(sql);
    const e = await fatal;
    await c.end().catch(() => {});
    return e;
  }

  it('idle_session_timeout: FATAL 57P05 after the client stays idle', async () => {
    const t0 = Date.now();
    const e = await fatalAfter(["SET idle_session_timeout = '300ms'"]);
    expect([e.code, e.message]).toEqual(['57P05', 'terminating connection due to idle-session timeout']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    await expectAlive();
  });

  it('idle_in_transaction_session_timeout: FATAL 25P03 inside a transaction block', async () => {
    const e = await fatalAfter(['SET idle_in_transaction_session_timeout = 200', 'BEGIN']);
    expect([e.code, e.message]).toEqual(['25P03', 'terminating connection due to idle-in-transaction timeout']);
    await expectAlive();
  });

  it('a busy session is not idle, and values are checked as PostgreSQL checks them', async () => {
    const c = await client();
    try {
      await c.query("SET idle_session_timeout = '400ms'");
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 150));
        await c.query('SELECT 1');
      }
      expect((await c.query('SHOW idle_session_timeout')).rows).toEqual([{ idle_session_timeout: '400ms' }]);
      // Idle inside a transaction: only idle_in_transaction_session_timeout (0 here) applies.
      await c.query('BEGIN');
      await new Promise((r) => setTimeout(r, 600));
      await c.query('COMMIT');
      const bad = await errorOf(c, { text: "SET idle_session_timeout = '5 parsecs'" });
      expect([bad.code, bad.message, bad.hint]).toEqual(['22023', 'invalid value for parameter "idle_session_timeout": "5 parsecs"', 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".']);
      const negative = await errorOf(c, { text: 'SET idle_session_timeout = -1' });
      expect([negative.code, negative.message]).toEqual(['22023', '-1 ms is outside the valid range for parameter "idle_session_timeout" (0 .. 2147483647)']);
      await c.query('SET idle_session_timeout = 0');
    } finally {
      await c.end();
    }
  });
});
