/**
 * A real `weir standalone` for suites that drive it through an outside runner (RisingWave's
 * slt.py, SQLite's slt_sqlite.py): its own ports, data, pid and log directories under `work`,
 * started and waited for until its SQL endpoint listens; killed by the caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePorts, until } from '../web/http.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export async function startStandalone(work: string): Promise<{ process: ChildProcess; sqlPort: number }> {
  const [rest, rpc, sql] = (await freePorts(3)) as [number, number, number];
  const child = spawn(
    process.execPath,
    [join(ROOT, 'src/cli/main.ts'), 'standalone', '--rest-port', String(rest), '--rpc-port', String(rpc), '--sql-port', String(sql), '-D', `weir.data-dir=${work}/data`, '-D', `env.pid.dir=${work}`, '-D', `env.log.dir=${work}/log`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await until('the SQL endpoint', () => out.includes('SQL endpoint'), 20_000);
  return { process: child, sqlPort: sql };
}
