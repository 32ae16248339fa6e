/**
 * A real PostgreSQL for tests that use it as the oracle (DESIGN.md §4): a throw-away cluster
 * in a temp directory, on a free loopback port, with fsync off, stopped and deleted afterwards.
 *
 * The binaries are found under /usr/lib/postgresql/<version>/bin (Debian/Ubuntu's `postgresql`
 * package, as on CI). PostgreSQL refuses to run as root, so when the test runs as root the
 * cluster belongs to the `postgres` OS user (or `nobody`) and every server command runs through
 * `runuser`; otherwise it runs as the current user. When PostgreSQL is missing, `postgresSkipReason`
 * says why, for `describe.skipIf`.
 *
 * @example
 *   const pg = usePostgres({ timeZone: 'Europe/Berlin' });
 *   describe.skipIf(pg.skipReason)('…', () => { it('…', async () => { await pg.query('select 1'); }); });
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly version: string;
  /** A connected client whose session TimeZone is set; closed by stop(). */
  readonly client: pg.Client;
  stop(): Promise<void>;
}

interface Binaries { dir: string; version: string }

/** The newest /usr/lib/postgresql/<v>/bin holding initdb and pg_ctl, or undefined. */
export function findPostgresBinaries(): Binaries | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  const v = versions[0];
  return v === undefined ? undefined : { dir: join(root, v, 'bin'), version: v };
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The unprivileged OS user the server runs as when we are root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (r.status === 0 && g.status === 0) return { name, uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
  }
  return undefined;
}

/** Why PostgreSQL tests cannot run here, or false when they can. */
export function postgresSkipReason(): string | false {
  if (process.env.WEIR_SKIP_POSTGRES) return 'WEIR_SKIP_POSTGRES is set';
  if (findPostgresBinaries() === undefined) {
    return 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; on Debian/Ubuntu: apt-get install postgresql)';
  }
  if (isRoot()) {
    if (serverUser() === undefined) return 'running as root and there is no "postgres" or "nobody" user to run PostgreSQL as';
    if (spawnSync('runuser', ['--help']).status !== 0) return 'running as root and `runuser` is not available';
  }
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts a fresh cluster. Prefer usePostgres() in test files. */
export async function startPostgres(options: { timeZone?: string } = {}): Promise<PostgresServer> {
  const bins = findPostgresBinaries();
  if (bins === undefined) throw new Error(String(postgresSkipReason()));
  const asUser = isRoot() ? serverUser() : undefined;
  const run = (cmd: string, args: string[]): void => {
    const full = join(bins.dir, cmd);
    const [file, argv] = asUser ? ['runuser', ['-u', asUser.name, '--', full, ...args]] : [full, args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
  };
  const dir = mkdtempSync(join(tmpdir(), 'weir-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const user = 'weir';
  if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  let started = false;
  try {
    run('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const opts = [
        `-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c fsync=off',
        '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=20', '-c shared_buffers=16MB',
      ].join(' ');
      try {
        run('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', '-t', '30', 'start']);
        started = true;
        break;
      } catch (e) {
        if (attempt >= 3) throw e; // another process took the port between probe and bind
      }
    }
    // If the test process exits without afterAll (an uncaught error, process.exit), still stop
    // the server; only SIGKILL/abort can leave one behind (its directory is /tmp/weir-pg-*).
    const stopSync = (): void => {
      try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* already down */ }
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', stopSync);
    const client = new pg.Client({ host: '127.0.0.1', port, user, database: 'postgres' });
    await client.connect();
    if (options.timeZone) await client.query(`SET TimeZone = '${options.timeZone.replace(/'/g, "''")}'`);
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    return {
      host: '127.0.0.1', port, user, database: 'postgres', version, client,
      async stop() {
        await client.end().catch(() => {});
        process.removeListener('exit', stopSync);
        try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
      },
    };
  } catch (e) {
    if (started) { try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* already down */ } }
    const logText = existsSync(log) ? spawnSync('tail', ['-n', '20', log], { encoding: 'utf8' }).stdout : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${(e as Error).message}\n${logText}`);
  }
}

export interface PostgresHandle {
  /** false when PostgreSQL can run, else the reason (pass to describe.skipIf). */
  readonly skipReason: string | false;
  /** The server; only valid inside tests of a describe.skipIf(handle.skipReason) block. */
  readonly server: PostgresServer;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Registers beforeAll/afterAll hooks in the calling file that start and stop one cluster,
 * and prints why when it is skipped.
 */
export function usePostgres(options: { timeZone?: string } = {}): PostgresHandle {
  const skipReason = postgresSkipReason();
  let server: PostgresServer | undefined;
  if (skipReason) {
    console.warn(`[postgres] tests that need PostgreSQL are skipped: ${skipReason}`);
  } else {
    beforeAll(async () => { server = await startPostgres(options); }, 120_000);
    afterAll(async () => { await server?.stop(); });
  }
  return {
    skipReason,
    get server(): PostgresServer {
      if (server === undefined) throw new Error('PostgreSQL is not running');
      return server;
    },
    query(sql, params) {
      if (server === undefined) throw new Error('PostgreSQL is not running');
      return server.client.query(sql, params);
    },
  };
}

