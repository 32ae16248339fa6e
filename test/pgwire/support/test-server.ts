/** Starts a real PgServer on a free loopback port over the test scaffolding's MemoryDatabase. */
import { execFile } from 'node:child_process';
import { PgServer, type PgServerOptions } from '../../../src/pgwire/index.ts';
import { MemoryDatabase } from './memory-session.ts';

export interface TestServer {
  readonly pg: PgServer;
  readonly db: MemoryDatabase;
  readonly port: number;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<PgServerOptions> = {}, host = '127.0.0.1'): Promise<TestServer> {
  const db = new MemoryDatabase();
  const pg = new PgServer({ sessions: db, ...options });
  const { port } = await pg.listen(host, 0);
  return { pg, db, port, close: () => pg.close() };
}

export interface PsqlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real psql against the server; never throws on a non-zero exit. */
export function psql(port: number, args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<PsqlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      '/usr/bin/psql',
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'weir', '-X', ...args],
      // LANG=C.UTF-8 so psql asks for UTF8; PGCONNECT_TIMEOUT so a broken server fails fast.
      { env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8', PGCONNECT_TIMEOUT: '10', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}
