/**
 * `weir sql --embedded`: a standalone Weir (mini-cluster and SQL endpoint) inside the REPL's
 * own process, stopped when the REPL exits. Its ports are free ones unless set with
 * `-D sql.port=...` (or `rest.port`, `jobmanager.rpc.port`); its data lives in `--data-dir`,
 * or in a temporary directory removed on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandalone, type StandaloneHandle } from '../commands/standalone.ts';

export interface EmbeddedOptions {
  readonly dataDir?: string | undefined;
  readonly config?: string | undefined;
  /** `-D key=value` configuration keys. */
  readonly D?: Readonly<Record<string, string>> | undefined;
}

export interface EmbeddedWeir {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

const PORT_KEYS = ['sql.port', 'rest.port', 'jobmanager.rpc.port'] as const;

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedWeir> {
  const temporary = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'weir-sql-')) : null;
  const dataDir = options.dataDir ?? temporary!;
  const D: Record<string, string> = { ...options.D };
  const ports = await freePorts(PORT_KEYS.length);
  PORT_KEYS.forEach((key, i) => (D[key] ??= String(ports[i])));
  // The pid and log files of this private instance stay with its data, away from a
  // `weir standalone` that may run from the same installation.
  D['env.pid.dir'] ??= dataDir;
  D['env.log.dir'] ??= join(dataDir, 'log');
  let handle: StandaloneHandle;
  try {
    handle = await quietly(() => startStandalone({ dataDir, config: options.config, D }));
  } catch (e) {
    if (temporary !== null) rmSync(temporary, { recursive: true, force: true });
    throw e;
  }
  const c = handle.loaded.config;
  const bind = c['sql.bind-address'];
  return {
    host: bind === '0.0.0.0' || bind === '::' ? 'localhost' : bind,
    port: c['sql.port'],
    dataDir,
    stop: async () => {
      await quietly(() => handle.stop());
      if (temporary !== null) rmSync(temporary, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `f` with stdout muted. The standalone's logger also prints its INFO lines to stdout,
 * as a foreground daemon should; inside the REPL they would mix with query results. They
 * still go to the log file; warnings and errors still reach stderr.
 * TODO: a `terminal: false` option on startStandalone would make this unnecessary.
 */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await f();
  } finally {
    process.stdout.write = write;
  }
}

/** Distinct free ports: all are held open at once so none is handed out twice. */
async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, 'localhost', () => resolve((server.address() as { port: number }).port));
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
