/**
 * `weir sql` as a user runs it: a real `weir standalone` child process (free ports, temporary
 * data directory), and `weir sql` child processes against it with -c, -f and statements on
 * stdin; the aligned output compared with real psql's for the same queries on the same server.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, until } from '../../web/http.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const work = mkdtempSync(join(tmpdir(), 'weir-sql-test-'));
let server: ChildProcess | null = null;
let sqlPort = 0;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without the caller's PG* variables, so tests see only what they set. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WEIR_HISTORY: join(work, 'history') };
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return { ...env, ...extra };
}

/** Runs `weir sql ARGS` with `input` on stdin; `duringRun` may act on the child while it runs. */
function weirSql(args: string[], options: { input?: string; env?: Record<string, string>; duringRun?: (child: ChildProcess) => void } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN, 'sql', ...args], { env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    options.duringRun?.(child);
    if (options.input !== undefined) child.stdin.end(options.input);
    else if (options.duringRun === undefined) child.stdin.end();
  });
}

function connect(...args: string[]): string[] {
  return ['-h', 'localhost', '-p', String(sqlPort), ...args];
}

const run = promisify(execFile);
let psqlAvailable = true;
try {
  await run('psql', ['--version']);
} catch {
  psqlAvailable = false;
  console.warn('[weir sql] psql is not installed: the comparison with psql is skipped');
}

async function psql(sql: string): Promise<string> {
  const { stdout } = await run('psql', ['-X', '-h', 'localhost', '-p', String(sqlPort), '-U', 'weir', '-d', 'dev', '-c', sql], { env: cleanEnv(), timeout: 30_000 });
  return stdout;
}

beforeAll(async () => {
  const [rest, rpc, sql] = (await freePorts(3)) as [number, number, number];
  sqlPort = sql;
  const child = spawn(
    process.execPath,
    [MAIN, 'standalone', '--rest-port', String(rest), '--rpc-port', String(rpc), '--sql-port', String(sql), '-D', `weir.data-dir=${work}/data`, '-D', `env.pid.dir=${work}`, '-D', `env.log.dir=${work}/log`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until('the SQL endpoint', () => out.includes('SQL endpoint') || child.exitCode !== null, 20_000);
  if (child.exitCode !== null) throw new Error(`standalone exited: ${out}`);
  const values = Array.from({ length: 1000 }, (_, i) => `(${i + 1})`).join(',');
  const setup = await weirSql(
    connect(
      '-c', 'CREATE TABLE fruit (id int PRIMARY KEY, name text, price numeric(10,2), note text)',
      '-c', "INSERT INTO fruit VALUES (1, 'apple', 1.5, 'crisp'), (2, 'kiwi fruit', 22.25, NULL), (3, 'fig', NULL, 'two\nlines')",
      '-c', 'CREATE TABLE big (id int PRIMARY KEY)',
      '-c', `INSERT INTO big VALUES ${values}`,
    ),
  );
  expect(setup).toEqual({ code: 0, stdout: 'CREATE TABLE\nINSERT 0 3\nCREATE TABLE\nINSERT 0 1000\n', stderr: '' });
});

afterAll(() => {
  if (server !== null && server.exitCode === null) server.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const FRUIT_TABLE = [
  ' id |    name    | price | note  ',
  '----+------------+-------+-------',
  '  1 | apple      |  1.50 | crisp',
  '  2 | kiwi fruit | 22.25 | ',
  '  3 | fig        |       | two  +',
  '    |            |       | lines',
  '(3 rows)',
  '',
  '',
].join('\n');

describe('weir sql against a weir standalone', () => {
  it('prints a result as an aligned table, exactly as psql does', async () => {
    const result = await weirSql(connect('-c', 'SELECT * FROM fruit ORDER BY id'));
    expect(result).toEqual({ code: 0, stdout: FRUIT_TABLE, stderr: '' });
  });

  it.skipIf(!psqlAvailable)('matches psql for simple SELECTs', async () => {
    const queries = [
      'SELECT * FROM fruit ORDER BY id',
      'SELECT name, id, price * 2 AS double FROM fruit ORDER BY name',
      "SELECT 1 AS a_rather_long_column_name, 'x' AS b, 2.5::float8 AS f, true AS t",
      'SELECT count(*), sum(price) FROM fruit',
      'SELECT * FROM fruit WHERE id > 100',
    ];
    for (const sql of queries) {
      const ours = await weirSql(connect('-c', sql));
      expect(ours.code).toBe(0);
      expect(ours.stdout, sql).toBe(await psql(sql));
    }
  });

  it('prints command tags, and the rows of a statement that returns some', async () => {
    const result = await weirSql(connect('-c', 'CREATE TABLE tags (k int PRIMARY KEY, v text)', '-c', "INSERT INTO tags VALUES (1, 'a'), (2, 'b')", '-c', "UPDATE tags SET v = 'c' WHERE k = 1", '-c', 'DELETE FROM tags', '-c', 'DROP TABLE tags'));
    expect(result).toEqual({ code: 0, stdout: 'CREATE TABLE\nINSERT 0 2\nUPDATE 1\nDELETE 2\nDROP TABLE\n', stderr: '' });
  });

  it('reports an error as psql does, stops the script there and exits 1', async () => {
    const result = await weirSql(connect('-c', 'SELECT 1 AS one', '-c', 'SELECT nope FROM fruit', '-c', 'SELECT 2 AS two'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(' one \n-----\n   1\n(1 row)\n\n');
    expect(result.stderr).toBe('ERROR:  column "nope" does not exist\nHINT:  Perhaps you meant to reference the column "note".\n');
    const verbose = await weirSql(connect('-v', 'VERBOSITY=verbose', '-c', 'SELECT nope FROM fruit'));
    expect(verbose.stderr.split('\n')[0]).toBe('ERROR:  42703: column "nope" does not exist');
  });

  it('prints notices on stderr', async () => {
    const result = await weirSql(connect('-c', 'DROP TABLE IF EXISTS not_there'));
    expect(result).toEqual({ code: 0, stdout: 'DROP TABLE\n', stderr: 'NOTICE:  table "not_there" does not exist, skipping\n' });
  });

  it('runs a file: multi-line statements, quotes, comments, meta-commands; errors name file and line', async () => {
    const file = join(work, 'script.sql');
    writeFileSync(file, ["-- a script", "SELECT 'a;b' AS s,", '  2 AS two;', '\\echo between', 'SELECT $$x;y$$ AS d; SELECT nope', '  FROM fruit;', 'SELECT 3;', ''].join('\n'));
    const result = await weirSql(connect('-f', file));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(['  s  | two ', '-----+-----', ' a;b |   2', '(1 row)', '', 'between', '  d  ', '-----', ' x;y', '(1 row)', '', ''].join('\n'));
    expect(result.stderr).toBe(`weir:${file}:6: ERROR:  column "nope" does not exist\nHINT:  Perhaps you meant to reference the column "note".\n`);
  });

  it('runs -c and -f in the order given, and the last statement without ;', async () => {
    const file = join(work, 'last.sql');
    writeFileSync(file, 'SELECT 2 AS two');
    const result = await weirSql(connect('-c', 'SELECT 1 AS one', '-f', file, '-c', 'SELECT 3 AS three'));
    expect(result.stdout).toBe(' one \n-----\n   1\n(1 row)\n\n two \n-----\n   2\n(1 row)\n\n three \n-------\n     3\n(1 row)\n\n');
    expect(result.code).toBe(0);
  });

  it('reads statements from stdin: multi-line, errors reported and the REPL goes on, \\q ends it', async () => {
    const input = ['SELECT name', '  FROM fruit', '  WHERE id = 1;', 'SELECT nope FROM fruit;', '\\timing off', 'SELECT 7 AS seven;', '\\q', 'SELECT 8;', ''].join('\n');
    const result = await weirSql(connect(), { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(' name  \n-------\n apple\n(1 row)\n\nTiming is off.\n seven \n-------\n     7\n(1 row)\n\n');
    expect(result.stderr).toBe('weir:<stdin>:4: ERROR:  column "nope" does not exist\nHINT:  Perhaps you meant to reference the column "note".\n');
  });

  it('cancels the running statement on SIGINT and goes on', async () => {
    // A cross join of a million rows per row of `c` runs for seconds on the server. SIGINT is
    // sent once `ready` shows the REPL is connected and reading, and again until it lands
    // while the statement runs (with nothing running, a REPL ignores it).
    const result = await weirSql(connect(), {
      duringRun: (child) => {
        let out = '';
        let err = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        child.stdin!.write('\\echo ready\nSELECT count(*) FROM big a, big b, (SELECT id FROM big WHERE id <= 3) c;\n');
        const timer = setInterval(() => {
          if (!out.includes('ready')) return;
          if (err.includes('Cancel request sent')) {
            clearInterval(timer);
            child.stdin!.end('SELECT 42 AS answer;\n');
          } else child.kill('SIGINT');
        }, 200);
        child.once('close', () => clearInterval(timer));
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Cancel request sent\nweir:<stdin>:2: ERROR:  canceling statement due to user request\n');
    expect(result.stdout).toBe('ready\n answer \n--------\n     42\n(1 row)\n\n');
  });

  it('honours PGHOST, PGPORT, PGUSER and PGDATABASE', async () => {
    const env = { PGHOST: 'localhost', PGPORT: String(sqlPort), PGUSER: 'weir', PGDATABASE: 'dev' };
    expect(await weirSql(['-c', '\\conninfo'], { env })).toEqual({
      code: 0,
      stdout: `You are connected to database "dev" as user "weir" on host "localhost" at port "${sqlPort}".\n`,
      stderr: '',
    });
  });

  it('exits 2 when it cannot connect', async () => {
    const [unused] = (await freePorts(1)) as [number];
    const result = await weirSql(['-p', String(unused), '-c', 'SELECT 1']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`weir sql: error: connection to server at "localhost", port ${unused} failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n`);
  });
});

describe('weir sql --embedded', () => {
  it('starts Weir in its own process, runs the command and stops it', async () => {
    expect(await weirSql(['--embedded', '-c', 'SELECT 1'])).toEqual({ code: 0, stdout: ' ?column? \n----------\n        1\n(1 row)\n\n', stderr: '' });
  });

  it('keeps its data in --data-dir across sessions', async () => {
    const dataDir = join(work, 'embedded');
    const first = await weirSql(['--embedded', '--data-dir', dataDir, '-c', 'CREATE TABLE kept (id int PRIMARY KEY)', '-c', 'INSERT INTO kept VALUES (1), (2)']);
    expect(first).toEqual({ code: 0, stdout: 'CREATE TABLE\nINSERT 0 2\n', stderr: '' });
    const second = await weirSql(['--embedded', '--data-dir', dataDir, '-c', 'SELECT count(*) AS n FROM kept']);
    expect(second).toEqual({ code: 0, stdout: ' n \n---\n 2\n(1 row)\n\n', stderr: '' });
  });
});
