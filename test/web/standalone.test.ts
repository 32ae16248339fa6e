/**
 * `weir standalone` as a real child process: REST over HTTP, the pid file, a second
 * instance refused at once on the same ports, and a clean stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentUser, WEIR_HOME } from '../../src/config/index.ts';
import { freePorts, http, until } from './http.ts';

/** Debian's chromium, which scripts/test-deps.sh installs; without it the dashboard test says it was skipped. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;
if (CHROMIUM === null) console.warn('standalone.test.ts: no chromium at /usr/bin/chromium: the dashboard test is skipped');

const MAIN = existsSync(join(WEIR_HOME, 'src/cli/main.ts')) ? 'src/cli/main.ts' : 'test/web/standalone-main.ts';

interface Child {
  readonly process: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

const children: Child[] = [];
const work = mkdtempSync(join(tmpdir(), 'weir-standalone-'));
let restPort: number;
let rpcPort: number;
let sqlPort: number;
let first: Child;

function standalone(...args: string[]): Child {
  const p = spawn(process.execPath, [MAIN, 'standalone', '-D', `env.pid.dir=${work}`, '-D', `env.log.dir=${work}/log`, '--data-dir', `${work}/data`, ...args], {
    cwd: WEIR_HOME,
    env: { ...process.env, WEIR_CONF_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = {
    process: p,
    stdout: '',
    stderr: '',
    exited: new Promise((r) => p.once('exit', (code) => r(code))),
  };
  p.stdout!.setEncoding('utf8').on('data', (s: string) => (child.stdout += s));
  p.stderr!.setEncoding('utf8').on('data', (s: string) => (child.stderr += s));
  children.push(child);
  return child;
}

/** Startup is over (every endpoint up, signal handlers in place) when the pid file line is printed, the last of its lines. */
const started = (c: Child): boolean => c.stdout.includes('INFO  [standalone] pid file ') || c.process.exitCode !== null;

const pidFile = (): string => join(work, `weir-${currentUser()}-standalone.pid`);

beforeAll(async () => {
  [restPort, rpcPort, sqlPort] = (await freePorts(3)) as [number, number, number];
  // A small view budget, so that a view can be made to fail quickly.
  first = standalone('--rest-port', String(restPort), '--rpc-port', String(rpcPort), '--sql-port', String(sqlPort), '-D', 'view.memory.limit=200mb');
  await until('the first standalone to start', () => started(first), 20_000);
  if (first.process.exitCode !== null) throw new Error(`standalone exited: ${first.stderr}`);
}, 30_000);

afterAll(async () => {
  for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  rmSync(work, { recursive: true, force: true });
});

describe('weir standalone', () => {
  it('prints where it listens and serves /overview and /jobs', async () => {
    expect(first.stdout).toContain(`REST endpoint listening at http://localhost:${restPort}`);
    expect(first.stdout).toContain(`RPC port localhost:${rpcPort}`);
    const overview = await http('GET', restPort, '/overview');
    expect(overview.status).toBe(200);
    expect(overview.json).toMatchObject({ taskmanagers: 1, 'slots-total': 1, 'jobs-running': 0 });
    expect(overview.json['weir-version']).toMatch(/^\d+\.\d+\.\d+/);
    expect((await http('GET', restPort, '/jobs')).json).toEqual({ jobs: [] });
    const config = (await http('GET', restPort, '/jobmanager/config')).json as Array<{ key: string; value: string }>;
    expect(config).toContainEqual({ key: 'rest.port', value: String(restPort) });
    expect(config).toContainEqual({ key: 'weir.data-dir', value: `${work}/data` });
  });

  it('writes its pid file and a log file named by user, role, pid and host', () => {
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${first.process.pid}\n`);
    const log = join(work, 'log', `weir-${currentUser()}-standalone-${first.process.pid}-${hostname()}.log`);
    expect(readFileSync(log, 'utf8')).toContain('REST endpoint listening');
  });

  it('refuses a second instance on the same ports at once, naming the port, its key and the pid', async () => {
    const second = standalone('--rest-port', String(restPort), '--rpc-port', String(rpcPort), '--sql-port', String(sqlPort));
    expect(await second.exited).toBe(1);
    expect(second.stderr).toContain(`port ${rpcPort} (jobmanager.rpc.port)`);
    expect(second.stderr).toContain(`already in use by Weir standalone, pid ${first.process.pid}`);
    // The refused instance leaves the first one's pid file alone.
    expect(readFileSync(pidFile(), 'utf8')).toBe(`${first.process.pid}\n`);

    const [otherRpc, otherSql] = (await freePorts(2)) as [number, number];
    const third = standalone('--rest-port', String(restPort), '--rpc-port', String(otherRpc), '--sql-port', String(otherSql));
    expect(await third.exited).toBe(1);
    expect(third.stderr).toContain(`port ${restPort} (rest.port)`);
    expect(third.stderr).toContain(`pid ${first.process.pid}`);
  }, 20_000);

  it('rejects an invalid flag, naming the key, the value and the flag', async () => {
    const bad = standalone('--rest-port', '99999');
    expect(await bad.exited).toBe(1);
    expect(bad.stderr).toContain("invalid value '99999' for 'rest.port' from --rest-port 99999: expected a port number in 1..65535");
  }, 20_000);

  it("lists the views' jobs, and a view that failed with why, in /jobs/overview and /jobs/:id/exceptions", async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: sqlPort, user: 'weir', database: 'dev' });
    await c.connect();
    try {
      await c.query('CREATE TABLE t (id int PRIMARY KEY, g int)');
      await c.query('INSERT INTO t SELECT i, i % 7 FROM generate_series(1, 2000) i');
      await c.query('CREATE MATERIALIZED VIEW per_g AS SELECT g, count(*) AS n FROM t GROUP BY g');
      // Four million groups: more than the view threads' 200 MB.
      await c.query('CREATE MATERIALIZED VIEW boom AS SELECT a.id, b.id AS bid, count(*) AS n FROM t a, t b GROUP BY a.id, b.id');
      type Job = { jid: string; name: string; state: string; 'weir-failure'?: string };
      const jobs = async (): Promise<Job[]> => ((await http('GET', restPort, '/jobs/overview')).json as { jobs: Job[] }).jobs;
      await until('the view to fail', async () => (await jobs()).some((j) => j.name === 'materialized view boom' && j.state === 'FAILED'), 60_000);
      const all = await jobs();
      expect(all.find((j) => j.name === 'materialized view per_g')).toMatchObject({ state: 'RUNNING' });
      const boom = all.find((j) => j.name === 'materialized view boom')!;
      expect(boom['weir-failure']).toContain('out of memory');
      const exceptions = (await http('GET', restPort, `/jobs/${boom.jid}/exceptions`)).json as { 'root-exception': string };
      expect(exceptions['root-exception']).toContain('out of memory');
      expect((await c.query('SELECT sum(n)::int AS n FROM per_g')).rows).toEqual([{ n: 2000 }]);
      await c.query('DROP MATERIALIZED VIEW boom');
      expect((await jobs()).some((j) => j.name === 'materialized view boom')).toBe(false);
    } finally {
      await c.end();
    }
  }, 90_000);

  it.skipIf(CHROMIUM === null)('shows a failed view with why on the dashboard, in headless Chromium', async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: sqlPort, user: 'weir', database: 'dev' });
    await c.connect();
    const browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      await c.query('CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, g int)');
      await c.query('INSERT INTO t SELECT i, i % 7 FROM generate_series(1, 2000) i ON CONFLICT DO NOTHING');
      await c.query('CREATE MATERIALIZED VIEW boom2 AS SELECT a.id, b.id AS bid, count(*) AS n FROM t a, t b GROUP BY a.id, b.id');
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${restPort}/`);
      // The dashboard refreshes every 3 s: the row turns FAILED, with the reason under it.
      const row = page.locator('#jobs tr', { hasText: 'materialized view boom2' });
      await row.locator('td.FAILED').waitFor({ timeout: 60_000 });
      expect(await row.locator('.failure').textContent()).toContain('out of memory');
      await c.query('DROP MATERIALIZED VIEW boom2');
    } finally {
      await browser.close();
      await c.end();
    }
  }, 90_000);

  it('stops on SIGTERM, removing its pid file and freeing its ports', async () => {
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(pidFile())).toBe(false);
    expect(readdirSync(work)).not.toContain(`weir-${currentUser()}-standalone.pid`);
    const again = standalone('--rest-port', String(restPort), '--rpc-port', String(rpcPort), '--sql-port', String(sqlPort));
    await until('the restarted standalone to start', () => started(again), 20_000);
    expect(again.stderr).toBe('');
    again.process.kill('SIGINT');
    expect(await again.exited).toBe(0);
    expect(existsSync(pidFile())).toBe(false);
  }, 30_000);
});
