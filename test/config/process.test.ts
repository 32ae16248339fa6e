import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PortBindError,
  currentUser,
  findPortHolder,
  listenOn,
  logFileName,
  pidFilePath,
  readPidFile,
  removePidFile,
  writePidFile,
  type PortSpec,
} from '../../src/config/index.ts';

const dirs: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-pid-'));
  dirs.push(dir);
  return dir;
}

/** A pid that no process has: a child that has already exited would be racy, so take the max. */
const DEAD_PID = 4_194_000;

describe('pid files', () => {
  it('are named as Flink names them, and log files carry role, pid and host', () => {
    expect(pidFilePath('/tmp', 'standalone', 'alice')).toBe('/tmp/weir-alice-standalone.pid');
    expect(logFileName('jobmanager', 42, 'h1', 'alice')).toBe('weir-alice-jobmanager-42-h1.log');
    expect(logFileName('standalone')).toBe(`weir-${currentUser()}-standalone-${process.pid}-${hostname()}.log`);
  });

  it('add this process, drop dead pids, and are removed with the last pid', () => {
    const dir = tempDir();
    const file = pidFilePath(dir, 'standalone');
    writeFileSync(file, `${DEAD_PID}\n`);
    expect(writePidFile(dir, 'standalone')).toBe(file);
    expect(readPidFile(file)).toEqual([process.pid]);
    removePidFile(file);
    expect(existsSync(file)).toBe(false);
  });

  it('keep other live pids when one is removed', () => {
    const dir = tempDir();
    const file = pidFilePath(dir, 'taskmanager');
    writeFileSync(file, `${process.ppid}\n`);
    writePidFile(dir, 'taskmanager');
    expect(readPidFile(file)).toEqual([process.ppid, process.pid]);
    removePidFile(file);
    expect(readFileSync(file, 'utf8')).toBe(`${process.ppid}\n`);
  });
});

describe('listenOn', () => {
  const spec = (port: number): PortSpec => ({ host: '127.0.0.1', port, key: 'rest.port', hostKey: 'rest.bind-address', purpose: 'REST' });

  async function holdPort(): Promise<number> {
    const holder = createServer();
    servers.push(holder);
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    return (holder.address() as { port: number }).port;
  }

  it('binds a free port', async () => {
    const server = createServer();
    servers.push(server);
    await listenOn(server, spec(0), tempDir());
    expect(server.listening).toBe(true);
  });

  it('refuses a taken port, naming the port and its key', async () => {
    const port = await holdPort();
    const error = await listenOn(createServer(), spec(port), tempDir()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortBindError);
    expect((error as Error).message).toBe(
      `cannot start: REST port ${port} (rest.port) on 127.0.0.1 is already in use by another process. ` +
        `Choose another port: set rest.port in config.yaml or pass -D rest.port=<port>.`,
    );
  });

  it("names the holder's pid when the holder is a Weir process of the pid directory", async () => {
    const port = await holdPort();
    const dir = tempDir();
    const pidFile = writePidFile(dir, 'standalone');
    expect(findPortHolder(port, dir)).toEqual({ pid: process.pid, role: 'standalone', pidFile });
    const error = (await listenOn(createServer(), spec(port), dir).catch((e: unknown) => e)) as PortBindError;
    expect(error.holder?.pid).toBe(process.pid);
    expect(error.message).toContain(`already in use by Weir standalone, pid ${process.pid} (pid file ${pidFile})`);
    expect(error.message).toContain(`kill ${process.pid}`);
  });

  it('explains an address that is not local', async () => {
    const error = (await listenOn(createServer(), { ...spec(0), host: '192.0.2.1' }, tempDir()).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("address '192.0.2.1' (rest.bind-address) is not an address of this machine");
  });
});
