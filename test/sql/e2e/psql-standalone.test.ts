/**
 * As a new user would: `weir standalone` as a real process, real psql against it; tables,
 * inserts, materialized views, updates and deletes, FLUSH, SELECT; then `kill -9` and a
 * restart on the same data directory: acknowledged rows are all there and the views answer
 * the same.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts, until } from '../../web/http.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'weir-psql-'));
const children: ChildProcess[] = [];

async function start(ports: number[], data = `${work}/data`, extra: readonly string[] = []): Promise<ChildProcess> {
  const [rest, rpc, sql] = ports as [number, number, number];
  const child = spawn(
    process.execPath,
    [join(ROOT, 'src/cli/main.ts'), 'standalone', '--rest-port', String(rest), '--rpc-port', String(rpc), '--sql-port', String(sql), '-D', `weir.data-dir=${data}`, '-D', `env.pid.dir=${work}`, '-D', `env.log.dir=${work}/log`, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until('the SQL endpoint', () => out.includes('SQL endpoint') || child.exitCode !== null, 20_000);
  if (child.exitCode !== null) throw new Error(`standalone exited: ${out}`);
  return child;
}

async function psql(port: number, sql: string): Promise<string> {
  const { stdout } = await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-d', 'dev', '-X', '-v', 'ON_ERROR_STOP=1', '-c', sql], { timeout: 30_000 });
  return stdout;
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

let psqlAvailable = true;
try {
  await run('psql', ['--version']);
} catch {
  psqlAvailable = false;
  console.warn('[psql] psql is not installed: the psql end-to-end test is skipped');
}

describe.skipIf(!psqlAvailable)('psql against weir standalone', () => {
  it('creates, changes and queries tables and materialized views, and keeps them across kill -9', async () => {
    const ports = await freePorts(3);
    const sqlPort = ports[2] as number;
    const first = await start(ports);
    await psql(sqlPort, 'CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2))');
    await psql(sqlPort, "INSERT INTO orders VALUES (1, 'ann', 10.50), (2, 'bob', 3.25), (3, 'ann', 7)");
    await psql(sqlPort, 'CREATE MATERIALIZED VIEW spend AS SELECT customer, count(*) AS orders, sum(amount) AS total FROM orders GROUP BY customer');
    await psql(sqlPort, "UPDATE orders SET amount = amount * 2 WHERE customer = 'bob'");
    await psql(sqlPort, "INSERT INTO orders VALUES (4, 'cid', 1.00)");
    await psql(sqlPort, 'DELETE FROM orders WHERE id = 1');
    await psql(sqlPort, 'FLUSH');
    const expected = [' customer | orders | total ', '----------+--------+-------', ' ann      |      1 |  7.00', ' bob      |      1 |  6.50', ' cid      |      1 |  1.00', '(3 rows)', ''].join('\n');
    expect(await psql(sqlPort, 'SELECT * FROM spend ORDER BY customer')).toBe(`${expected}\n`);

    // Errors come back typed, and the session and server go on.
    await expect(psql(sqlPort, "INSERT INTO orders VALUES (2, 'dup', 0)")).rejects.toThrow(/duplicate key value violates unique constraint "orders_pkey"/);
    await expect(psql(sqlPort, 'SELECT nope FROM orders')).rejects.toThrow(/column "nope" does not exist/);
    await expect(psql(sqlPort, 'SELEC 1')).rejects.toThrow(/ERROR: {2}syntax error at or near "SELEC"\nLINE 1: SELEC 1\n {8}\^/);

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await start(await freePorts(3).then((p) => [p[0] as number, p[1] as number, sqlPort]));
    await psql(sqlPort, 'FLUSH');
    expect(await psql(sqlPort, 'SELECT * FROM spend ORDER BY customer')).toBe(`${expected}\n`);
    expect(await psql(sqlPort, 'SELECT count(*) FROM orders')).toContain('     3\n');
  });

  it("runs the README tour's demo script and prints what examples/demo.out shows", async () => {
    const ports = await freePorts(3);
    await start(ports, `${work}/demo`);
    const { stdout } = await run('psql', ['-h', '127.0.0.1', '-p', String(ports[2]), '-U', 'weir', '-d', 'dev', '-X', '-v', 'ON_ERROR_STOP=1', '-f', join(ROOT, 'examples/demo.sql')], {
      timeout: 60_000,
    });
    expect(stdout).toBe(readFileSync(join(ROOT, 'examples/demo.out'), 'utf8'));
  });
  it('with sql.password set, clients log in with SCRAM-SHA-256 and a wrong password is refused', async () => {
    const ports = await freePorts(3);
    const child = await start(ports, `${work}/data-password`, ['-D', 'sql.password=s3cret']);
    try {
      const login = (password: string) =>
        promisify(execFile)('psql', ['-h', '127.0.0.1', '-p', String(ports[2]), '-U', 'weir', '-d', 'dev', '-X', '-w', '-A', '-t', '-c', 'SELECT 7'], { env: { ...process.env, PGPASSWORD: password }, timeout: 30_000 });
      expect((await login('s3cret')).stdout).toBe('7\n');
      await expect(login('wrong')).rejects.toThrow(/password authentication failed for user "weir"/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
