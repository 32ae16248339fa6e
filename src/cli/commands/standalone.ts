/**
 * `weir standalone`: a JobManager and a TaskManager in one process (the embedded
 * mini-cluster), with the REST API and dashboard on rest.port, as Flink's standalone session
 * run in the foreground.
 *
 * Startup order follows Flink's daemons: load and validate the configuration, bind every
 * port this process owns (failing at once, naming the port, its key and the holder's pid),
 * and only then write the pid file, so a refused second instance never touches the first
 * one's pid file. SIGINT/SIGTERM cancel running jobs, close the ports and remove the pid file.
 */
import { mkdirSync } from 'node:fs';
import { PgServer } from '../../pgwire/server.ts';
import { EngineSessionFactory } from '../../pgwire/engine-session.ts';
import { SqlEngine } from '../../sql/engine/engine.ts';
import { startViewJob } from '../../sql/engine/handlers/create-materialized-view.ts';
import { startSinkJob } from '../../sql/engine/handlers/create-sink.ts';
import { sessionWithTimeZone } from '../../sql/types/index.ts';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { setDefaultExecutor } from '../../api/executor.ts';
import { MiniCluster } from '../../cluster/mini-cluster.ts';
import { SlotPool } from '../../cluster/slot-pool.ts';
import { STATEMENT_PROGRAM } from '../../sql/slots/run-on-slot.ts';
import { VIEW_PROGRAM, VIEW_SLOTS } from '../../sql/slots/view-on-slot.ts';
import {
  ConfigError,
  Logger,
  PortBindError,
  WEIR_VERSION,
  listenOn,
  loadConfig,
  loadLogSettings,
  logFileName,
  parseDynamicProperty,
  removePidFile,
  writePidFile,
  type LoadedConfig,
  type PortSpec,
} from '../../config/index.ts';
import { createRestServer } from '../../web/rest-server.ts';
import { MiniClusterView } from '../../web/mini-cluster-view.ts';
import { sqlJobs } from './sql-jobs.ts';

export interface StandaloneOptions {
  readonly restPort?: string;
  readonly rpcPort?: string;
  readonly sqlPort?: string;
  readonly dataDir?: string;
  readonly config?: string;
  /** `-D key=value` pairs. */
  readonly D?: Record<string, string>;
}

export interface StandaloneHandle {
  readonly loaded: LoadedConfig;
  readonly view: MiniClusterView;
  readonly pidFile: string;
  readonly logFile: string;
  /** Cancels jobs, closes the ports and removes the pid file. Safe to call twice. */
  stop(): Promise<void>;
}

const ROLE = 'standalone';
/** Dedicated flags and the key each sets; they win over -D for the same key. */
const FLAG_KEYS = [
  ['restPort', '--rest-port', 'rest.port'],
  ['rpcPort', '--rpc-port', 'jobmanager.rpc.port'],
  ['sqlPort', '--sql-port', 'sql.port'],
  ['dataDir', '--data-dir', 'weir.data-dir'],
] as const;

export function registerStandalone(program: Command): void {
  program
    .command('standalone')
    .description('run a JobManager and a TaskManager in one process, with the REST API and dashboard')
    .option('--rest-port <port>', 'port of the REST API and dashboard (rest.port)')
    .option('--rpc-port <port>', 'port of the JobManager RPC endpoint (jobmanager.rpc.port)')
    .option('--sql-port <port>', 'port of the SQL endpoint (sql.port)')
    .option('--data-dir <dir>', 'directory of durable data (weir.data-dir)')
    .option('--config <dir>', 'configuration directory (default: $WEIR_CONF_DIR, else <weir home>/conf)')
    .option('-D <key=value>', 'set a configuration key, as in config.yaml; repeatable', collectProperty)
    .action(async (options: StandaloneOptions) => {
      const handle = await startStandalone(options).catch((e: unknown) => {
        if (!(e instanceof ConfigError || e instanceof PortBindError)) throw e;
        process.stderr.write(`weir standalone: ${e.message}\n`);
        return null;
      });
      if (handle === null) {
        process.exitCode = 1;
        return;
      }
      stopOnSignals(handle);
    });
}

function collectProperty(pair: string, into: Record<string, string> | undefined): Record<string, string> {
  try {
    return parseDynamicProperty(pair, into);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** TLS for the SQL endpoint from the certificate and key files: both or neither, readable. */
function tlsOptions(certFile: string | null, keyFile: string | null): { tls?: { cert: Buffer; key: Buffer } } {
  if (certFile === null && keyFile === null) return {};
  if (certFile === null || keyFile === null) {
    const missing = certFile === null ? 'sql.ssl.cert-file' : 'sql.ssl.key-file';
    throw new ConfigError(missing, null, 'in the configuration', 'TLS needs both sql.ssl.cert-file and sql.ssl.key-file');
  }
  const read = (key: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new ConfigError(key, file, 'in the configuration', `cannot read it: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return { tls: { cert: read('sql.ssl.cert-file', certFile), key: read('sql.ssl.key-file', keyFile) } };
}

/** Starts the standalone cluster; rejects with ConfigError or PortBindError when it cannot. */
export async function startStandalone(options: StandaloneOptions): Promise<StandaloneHandle> {
  const dynamic: Record<string, string> = { ...options.D };
  const flagNames: Record<string, string> = {};
  for (const [field, flag, key] of FLAG_KEYS) {
    const value = options[field];
    if (value === undefined) continue;
    dynamic[key] = value;
    flagNames[key] = `${flag} ${value}`;
  }
  const loaded = loadConfig({ confDir: options.config, dynamicProperties: dynamic, flagNames });
  const c = loaded.config;
  const logFile = join(c['env.log.dir'], logFileName(ROLE));
  const log = new Logger({ file: logFile, settings: loadLogSettings(loaded.confDir) }, ROLE);
  log.info(`Weir ${WEIR_VERSION} standalone starting, pid ${process.pid}, configuration ${loaded.configFile}`);
  for (const w of loaded.warnings) log.warn(w);

  const cluster = new MiniCluster();
  let engineRef: SqlEngine | null = null;
  // The REST API lists the SQL engine's jobs on slot threads (views, sinks) beside the cluster's.
  const view = new MiniClusterView(cluster, { slots: c['taskmanager.numberOfTaskSlots'], more: sqlJobs(() => engineRef, cluster) });
  // The SQL engine: catalog and tables under the data directory; materialized views run as
  // jobs on the same mini-cluster the REST API shows.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  mkdirSync(c['weir.data-dir'], { recursive: true });
  // Statements run on slot threads, each with its heap capped, away from this thread that
  // serves every connection.
  const slots = new SlotPool({ memoryLimitBytes: c['statement.memory.limit'], preload: [STATEMENT_PROGRAM] });
  // Views' jobs share a thread per core, away from this thread and from statements.
  const viewSlots = new SlotPool({ memoryLimitBytes: c['view.memory.limit'], preload: [VIEW_PROGRAM], ...VIEW_SLOTS });
  const engine = SqlEngine.open({ dataDir: c['weir.data-dir'], cluster, session: sessionWithTimeZone(timeZone), slots, viewSlots }, startViewJob, startSinkJob);
  engineRef = engine;
  const password = c['sql.password'];
  const pg = new PgServer({
    sessions: new EngineSessionFactory(engine),
    timeZone,
    logger: log.child('sql'),
    ...(password !== null && { auth: { method: c['sql.auth-method'], password } }),
    ...tlsOptions(c['sql.ssl.cert-file'], c['sql.ssl.key-file']),
  });
  const webLog = log.child('web');
  const rest = createRestServer({
    view,
    version: WEIR_VERSION,
    config: c,
    onError: (e, request) => webLog.error(`${request} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    onRequest: (method, path, status) => webLog.debug(`${method} ${path} ${status}`),
  });
  // The RPC port is held by a plain TCP listener until the gRPC control plane arrives with
  // the cluster issue. Holding it now makes a second cluster on the same port fail at
  // startup, not later.
  const rpc = placeholderServer();
  const sql = pg.server;
  const ports: Array<[Server, PortSpec]> = [
    [rpc, { host: c['jobmanager.bind-host'], port: c['jobmanager.rpc.port'], key: 'jobmanager.rpc.port', hostKey: 'jobmanager.bind-host', purpose: 'RPC' }],
    [rest, { host: c['rest.bind-address'], port: c['rest.port'], key: 'rest.port', hostKey: 'rest.bind-address', purpose: 'REST' }],
    [sql, { host: c['sql.bind-address'], port: c['sql.port'], key: 'sql.port', hostKey: 'sql.bind-address', purpose: 'SQL' }],
  ];
  const bound: Server[] = [];
  try {
    for (const [server, spec] of ports) {
      await listenOn(server, spec, c['env.pid.dir']);
      bound.push(server);
    }
  } catch (e) {
    await Promise.all(bound.map(close));
    await Promise.all([engine.close(), slots.close(), viewSlots.close()]);
    // Into the log file only: the caller reports the error on the terminal.
    new Logger({ file: logFile, stdout: false }, ROLE).error(e instanceof Error ? e.message : String(e));
    throw e;
  }

  const pidFile = writePidFile(c['env.pid.dir'], ROLE);
  setDefaultExecutor(view);
  log.info(`REST endpoint listening at http://${c['rest.address']}:${c['rest.port']} (bound to ${c['rest.bind-address']}); dashboard at /`);
  log.info(`RPC port ${c['jobmanager.bind-host']}:${c['jobmanager.rpc.port']} held (plain TCP until the gRPC control plane)`);
  log.info(`SQL endpoint (PostgreSQL protocol) listening at ${c['sql.bind-address']}:${c['sql.port']}: psql -h localhost -p ${c['sql.port']} -U weir dev`);
  log.info(`pid file ${pidFile}, log file ${logFile}, data directory ${c['weir.data-dir']}`);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      log.info('stopping: cancelling jobs and closing ports');
      await pg.close().catch(() => {});
      await Promise.race([engine.close(), new Promise((r) => setTimeout(r, 5000).unref())]);
      await Promise.all([slots.close(), viewSlots.close()]);
      await Promise.race([view.cancelAll(), new Promise((r) => setTimeout(r, 5000).unref())]);
      await Promise.all(bound.map(close));
      removePidFile(pidFile);
      log.info('stopped');
    })());
  return { loaded, view, pidFile, logFile, stop };
}

/** A listener that only holds its port: it closes every connection it accepts. */
function placeholderServer(): Server {
  return createServer((socket) => socket.destroy());
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close(() => resolve());
  });
}

function stopOnSignals(handle: StandaloneHandle): void {
  // Backstop: a crash still removes our pid from the pid file.
  process.once('exit', () => removePidFile(handle.pidFile));
  const onSignal = (signal: NodeJS.Signals): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // A second signal during shutdown takes the default action: exit at once.
    handle.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`weir standalone: error while stopping after ${signal}: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
