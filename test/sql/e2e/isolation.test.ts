/**
 * One statement never takes Weir down (issue 12): statements and views run on slot threads
 * with their memory capped, and a cancel, a statement timeout or a disconnect stops them.
 * Each case checks the statement's answer (PostgreSQL's SQLSTATE) and that the server, other
 * sessions and a running view go on. Real clients: node-postgres and psql.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeir } from '../oracle/weir-server.ts';

const run = promisify(execFile);
const MB = 2 ** 20;

type Weir = Awaited<ReturnType<typeof startWeir>>;

async function connect(w: Weir): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: w.port, user: 'weir', database: 'dev' });
  await c.connect();
  return c;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The error a query fails with (it must fail). */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; detail?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('the statement succeeded');
}

describe('statements on slot threads', () => {
  let w: Weir;
  let other: pg.Client;

  beforeAll(async () => {
    w = await startWeir(null, { slots: { memoryLimitBytes: 256 * MB }, viewSlots: { memoryLimitBytes: 256 * MB } });
    await w.client.query('CREATE TABLE t (id int PRIMARY KEY, g int, v numeric(10,2))');
    await w.client.query('INSERT INTO t SELECT i, i % 7, i * 1.5 FROM generate_series(1, 3000) i');
    await w.client.query('CREATE MATERIALIZED VIEW per_g AS SELECT g, count(*) AS n, sum(v) AS s FROM t GROUP BY g');
    other = await connect(w);
  });

  afterAll(async () => {
    await other?.end();
    await w?.close();
  });

  /** The view follows a write made now: the view job goes on. */
  async function viewStillMaintained(id: number): Promise<void> {
    await other.query(`INSERT INTO t VALUES (${id}, 0, 1)`);
    await other.query('FLUSH');
    const { rows } = await other.query('SELECT n FROM per_g WHERE g = 0');
    const { rows: want } = await other.query('SELECT count(*) AS n FROM t WHERE g = 0');
    expect(rows).toEqual(want);
  }

  it('a cross join past statement.memory.limit fails with 53200 while other sessions and the view go on', async () => {
    let runaway: 'running' | 'ended' = 'running';
    const boom = failure(w.client.query('SELECT count(*) FROM t a, t b, t c, t d WHERE a.v + b.v + c.v + d.v > 0 GROUP BY a.id, b.id, c.id')).finally(() => {
      runaway = 'ended';
    });
    // Another session is served while the runaway runs.
    const { rows } = await other.query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
    expect(runaway).toBe('running');
    const e = await boom;
    expect(e.code).toBe('53200');
    expect(e.message).toBe('out of memory');
    expect(e.detail).toContain('statement.memory.limit');
    await viewStillMaintained(100_001);
    expect((await w.client.query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBeGreaterThan(3000);
  });

  it('statement_timeout stops a statement that would run for minutes (57014), and its slot is freed', async () => {
    await w.client.query("SET statement_timeout = '700ms'");
    const e = await failure(w.client.query('SELECT count(*) FROM t a, LATERAL generate_series(1, 100000) b'));
    expect(e.code).toBe('57014');
    expect(e.message).toBe('canceling statement due to statement timeout');
    // The issue's own case, which PostgreSQL answers after minutes: here it ends cleanly
    // (its series outruns the exchange within one batch, so it may hit the memory limit first).
    const again = await failure(w.client.query('SELECT count(*) FROM generate_series(1, 2000) a, LATERAL generate_series(1, a * a) b'));
    expect(['57014', '53200']).toContain(again.code);
    await w.client.query('SET statement_timeout = 0');
    await until('the slot to be free', () => w.slots!.stats.busy === 0);
    expect((await w.client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it('a cancel request stops the work (57014), not only the wait', async () => {
    const victim = await connect(w);
    const q = failure(victim.query('SELECT count(*) FROM t a, t b, t c'));
    await until('the statement to run on a slot', () => w.slots!.stats.busy > 0);
    const canceller = new pg.Client({ host: '127.0.0.1', port: w.port, user: 'weir', database: 'dev' });
    (canceller as unknown as { cancel(target: pg.Client, q: unknown): void }).cancel(victim, (victim as unknown as { activeQuery: unknown }).activeQuery);
    const e = await q;
    expect(e.code).toBe('57014');
    expect(e.message).toBe('canceling statement due to user request');
    await until('the canceled statement to leave its slot', () => w.slots!.stats.busy === 0);
    expect((await victim.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
    await victim.end();
  });

  it("a client that disconnects leaves nothing computing", async () => {
    const leaving = await connect(w);
    leaving.on('error', () => {});
    leaving.query('SELECT count(*) FROM t a, t b, t c').catch(() => {});
    await until('the statement to run on a slot', () => w.slots!.stats.busy > 0);
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await until('the slot of the gone client to be freed', () => w.slots!.stats.busy === 0);
    await viewStillMaintained(100_002);
  });

  it('psql sees the timeout as PostgreSQL reports it, and the server answers after', async () => {
    const { stdout, stderr } = await run('psql', ['-h', '127.0.0.1', '-p', String(w.port), '-U', 'weir', '-d', 'dev', '-X', '-v', 'ON_ERROR_STOP=0', '-c', "SET statement_timeout = '300ms'", '-c', 'SELECT count(*) FROM t a, t b, t c', '-c', 'RESET statement_timeout', '-c', 'SELECT 42 AS answer']);
    expect(stderr).toContain('ERROR:  canceling statement due to statement timeout');
    // statement_timeout is one Weir acts on: no notice that it is ignored.
    expect(stderr).not.toContain('accepted and ignored');
    expect(stdout).toContain('42');
  });

  it('a view whose job passes view.memory.limit fails alone: SELECT and SHOW JOBS say why; the rest goes on; DROP works', async () => {
    // Nine million groups: its aggregate state outgrows the view thread's heap.
    await w.client.query('CREATE MATERIALIZED VIEW boom AS SELECT a.id, b.id AS bid, count(*) AS n FROM t a, t b GROUP BY a.id, b.id');
    await until('the view to fail', async () => {
      const { rows } = await other.query('SHOW JOBS');
      return rows.some((r: Record<string, string>) => r.Name === 'boom' && r.Status === 'FAILED');
    }, 60_000);
    const e = await failure(other.query('SELECT count(*) FROM boom'));
    expect(e.code).toBe('53200');
    expect(e.message).toContain('materialized view "boom" stopped maintaining its result: out of memory');
    await viewStillMaintained(100_003);
    await w.client.query('DROP MATERIALIZED VIEW boom');
    await viewStillMaintained(100_004);
  });
});

describe('a restart', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'weir-isolation-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('comes up when a view fails while it is rebuilt: the view is marked failed and can be dropped; tables and other views work', async () => {
    // The runaway view's result is written no faster than the endpoint thread applies it, so
    // on a busy machine it takes a while to reach its budget: the test allows for that.
    const limits = { slots: { memoryLimitBytes: 256 * MB }, viewSlots: { memoryLimitBytes: 256 * MB } };
    let w = await startWeir(dir, limits);
    await w.client.query('CREATE TABLE t (id int PRIMARY KEY, g int)');
    await w.client.query('CREATE MATERIALIZED VIEW per_g AS SELECT g, count(*) AS n FROM t GROUP BY g');
    // Small at first: the view is created and maintained; the rows that make it explode come later.
    await w.client.query('CREATE MATERIALIZED VIEW pairs AS SELECT a.id, b.id AS bid, c.id AS cid FROM t a, t b, t c');
    await w.client.query('INSERT INTO t SELECT i, i % 5 FROM generate_series(1, 10) i');
    await w.client.query('FLUSH');
    expect((await w.client.query('SELECT count(*)::int AS n FROM pairs')).rows[0].n).toBe(1000);
    await w.client.query('INSERT INTO t SELECT i, i % 5 FROM generate_series(11, 3000) i');
    await w.close();

    w = await startWeir(dir, limits);
    try {
      expect((await w.client.query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(3000);
      await w.client.query('FLUSH');
      expect((await w.client.query('SELECT sum(n)::int AS n FROM per_g')).rows[0].n).toBe(3000);
      await until('the rebuilt view to fail', async () => (await failure(w.client.query('SELECT count(*) FROM pairs')).catch(() => null))?.code === '53200', 120_000).catch(async () => {
        const e = await failure(w.client.query('SELECT count(*) FROM pairs'));
        throw new Error(`pairs answered ${e.code} ${e.message}`);
      });
      await w.client.query('DROP MATERIALIZED VIEW pairs');
      await w.client.query('INSERT INTO t VALUES (3001, 0)');
      await w.client.query('FLUSH');
      expect((await w.client.query('SELECT sum(n)::int AS n FROM per_g')).rows[0].n).toBe(3001);
    } finally {
      await w.close();
    }
  }, 150_000);
});
