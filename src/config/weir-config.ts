/**
 * Every configuration key Weir reads, with its type, default and documentation, in one
 * table. Key names are Flink's wherever Flink has the same setting, so a Flink user finds
 * them where they expect. `conf/config.yaml` must list exactly these keys with these
 * defaults; test/config/config-file.test.ts checks it.
 */
import { join } from 'node:path';
import { totalmem } from 'node:os';
import {
  derivedMemoryOption,
  derivedPathOption,
  enumOption,
  intOption,
  optionalDurationOption,
  optionalStringOption,
  pathOption,
  portOption,
  stringOption,
  type ConfigOption,
} from './option.ts';

export type StateBackendType = 'hashmap';
export type SqlAuthMethod = 'scram-sha-256' | 'md5' | 'password';
export type HighAvailabilityType = 'NONE' | 'ZOOKEEPER';

/** The typed, validated configuration. Keys are the dotted keys of conf/config.yaml. */
export interface WeirConfig {
  readonly 'jobmanager.rpc.address': string;
  readonly 'jobmanager.rpc.port': number;
  readonly 'jobmanager.bind-host': string;
  readonly 'rest.address': string;
  readonly 'rest.port': number;
  readonly 'rest.bind-address': string;
  readonly 'sql.port': number;
  readonly 'sql.bind-address': string;
  /** The password every SQL client must give; null trusts loopback clients only. */
  readonly 'sql.password': string | null;
  readonly 'sql.auth-method': SqlAuthMethod;
  /** PEM certificate and key files for TLS; both or neither. */
  readonly 'sql.ssl.cert-file': string | null;
  readonly 'sql.ssl.key-file': string | null;
  readonly 'taskmanager.numberOfTaskSlots': number;
  /** Bytes one statement's slot may hold. */
  readonly 'statement.memory.limit': number;
  /** Bytes one materialized view's job may hold. */
  readonly 'view.memory.limit': number;
  readonly 'parallelism.default': number;
  /** -1 means derived from the parallelism, as Flink does. */
  readonly 'pipeline.max-parallelism': number;
  readonly 'execution.batch-size': number;
  readonly 'execution.channel-capacity': number;
  /** Milliseconds between checkpoints; null when checkpointing is off. */
  readonly 'execution.checkpointing.interval': number | null;
  readonly 'state.backend.type': StateBackendType;
  readonly 'state.checkpoints.dir': string | null;
  readonly 'state.savepoints.dir': string | null;
  readonly 'high-availability.type': HighAvailabilityType;
  readonly 'high-availability.zookeeper.quorum': string | null;
  readonly 'high-availability.storageDir': string | null;
  readonly 'env.pid.dir': string;
  readonly 'env.log.dir': string;
  readonly 'weir.data-dir': string;
}

export type ConfigKey = keyof WeirConfig;

/** The table of options, in the order conf/config.yaml lists them. */
export const CONFIG_OPTIONS: { readonly [K in ConfigKey]: ConfigOption<WeirConfig[K]> } = {
  'jobmanager.rpc.address': stringOption(
    'jobmanager.rpc.address',
    'localhost',
    'Host name or IP address clients and TaskManagers use to reach the JobManager. Change it when they run on other machines.',
  ),
  'jobmanager.rpc.port': portOption(
    'jobmanager.rpc.port',
    6123,
    'Port of the JobManager RPC endpoint. Change it when 6123 is taken or to run two clusters on one host.',
  ),
  'jobmanager.bind-host': stringOption(
    'jobmanager.bind-host',
    'localhost',
    'Local address the JobManager RPC endpoint binds to. Set 0.0.0.0 to accept connections from other machines.',
  ),
  'rest.address': stringOption(
    'rest.address',
    'localhost',
    'Address clients use to reach the REST API and dashboard. Change it when they connect from other machines.',
  ),
  'rest.port': portOption(
    'rest.port',
    8081,
    'Port of the REST API and the web dashboard. Change it when 8081 is taken or to run two clusters on one host.',
  ),
  'rest.bind-address': stringOption(
    'rest.bind-address',
    'localhost',
    'Local address the REST server binds to. localhost keeps it private to this machine; set 0.0.0.0 to expose it.',
  ),
  'sql.port': portOption(
    'sql.port',
    5433,
    'Port of the SQL endpoint (PostgreSQL wire protocol), for psql and drivers. 5433 avoids a local PostgreSQL on 5432.',
  ),
  'sql.bind-address': stringOption(
    'sql.bind-address',
    'localhost',
    'Local address the SQL endpoint binds to. Set 0.0.0.0 to let clients on other machines connect.',
  ),
  'sql.password': optionalStringOption(
    'sql.password',
    'Password every SQL client must give (user weir). Unset: only clients on this machine may connect, without a password.',
  ),
  'sql.auth-method': enumOption(
    'sql.auth-method',
    ['scram-sha-256', 'md5', 'password'] as const,
    'scram-sha-256',
    'How clients prove the password: scram-sha-256 (PostgreSQL\'s default; the password never crosses the wire), md5, or password (cleartext).',
  ),
  'sql.ssl.cert-file': optionalStringOption(
    'sql.ssl.cert-file',
    'PEM certificate for TLS on the SQL endpoint (with sql.ssl.key-file). Unset: clients asking for TLS are answered no and continue in the clear.',
  ),
  'sql.ssl.key-file': optionalStringOption(
    'sql.ssl.key-file',
    'PEM private key of sql.ssl.cert-file.',
  ),
  'taskmanager.numberOfTaskSlots': intOption(
    'taskmanager.numberOfTaskSlots',
    1,
    { min: 1, max: 65536 },
    'Parallel task slots each TaskManager offers. Raise it towards the number of CPU cores to run more subtasks per TaskManager.',
  ),
  'parallelism.default': intOption(
    'parallelism.default',
    1,
    { min: 1, max: 32768 },
    'Parallelism of jobs and operators that do not set their own. Raise it to spread work over more slots.',
  ),
  'statement.memory.limit': derivedMemoryOption(
    'statement.memory.limit',
    "an eighth of the machine's memory, at most 2 gb",
    () => Math.min(2 * 2 ** 30, Math.floor(totalmem() / 8)),
    "Memory one SQL statement may hold ('512 mb', '2 gb'): its join and aggregate state, sort buffers, generated rows and result. A statement over it fails with 53200 (out of memory) and frees what it held; the server and other sessions go on. Each statement runs on a slot thread whose heap this caps.",
  ),
  'view.memory.limit': derivedMemoryOption(
    'view.memory.limit',
    "an eighth of the machine's memory, at most 2 gb",
    () => Math.min(2 * 2 ** 30, Math.floor(totalmem() / 8)),
    "Memory one materialized view's job may hold ('512 mb', '2 gb'): its join and aggregate state. Each view's job runs on a slot thread of its own whose heap this caps; a view over it stops alone, and SELECT, SHOW JOBS and the dashboard show why.",
  ),
  'pipeline.max-parallelism': intOption(
    'pipeline.max-parallelism',
    -1,
    { min: 1, max: 32768, also: -1 },
    'Number of key groups, the upper bound for rescaling keyed state. -1 derives it from the parallelism (at least 128); fix it before the first savepoint of a job you will rescale.',
  ),
  'execution.batch-size': intOption(
    'execution.batch-size',
    1024,
    { min: 1, max: 1_048_576 },
    'Rows per batch that sources aim for. Larger batches raise throughput, smaller ones lower latency.',
  ),
  'execution.channel-capacity': intOption(
    'execution.channel-capacity',
    8,
    { min: 1, max: 65536 },
    'Batches an exchange channel buffers before its producer waits (backpressure). Raise it to absorb bursts at the cost of memory.',
  ),
  'execution.checkpointing.interval': optionalDurationOption(
    'execution.checkpointing.interval',
    "Time between checkpoints ('10 s', '3 min'). Unset turns checkpointing off.",
  ),
  'state.backend.type': enumOption(
    'state.backend.type',
    ['hashmap'] as const,
    'hashmap',
    'Where keyed state lives. hashmap keeps it on the JavaScript heap; an on-disk backend for state larger than memory comes later.',
  ),
  'state.checkpoints.dir': optionalStringOption(
    'state.checkpoints.dir',
    'Directory for checkpoint data and metadata. Set it to enable durable checkpoints; unset keeps them in memory.',
  ),
  'state.savepoints.dir': optionalStringOption(
    'state.savepoints.dir',
    'Default directory for savepoints when a savepoint command names none.',
  ),
  'high-availability.type': enumOption(
    'high-availability.type',
    ['NONE', 'ZOOKEEPER'] as const,
    'NONE',
    'NONE runs a single JobManager; ZOOKEEPER elects a leader among JobManagers and keeps job metadata in ZooKeeper.',
  ),
  'high-availability.zookeeper.quorum': optionalStringOption(
    'high-availability.zookeeper.quorum',
    "ZooKeeper servers as host:port pairs separated by commas; required when high-availability.type is ZOOKEEPER.",
  ),
  'high-availability.storageDir': optionalStringOption(
    'high-availability.storageDir',
    'Durable directory for job graphs and completed checkpoint metadata; ZooKeeper stores pointers to it. Required with ZOOKEEPER.',
  ),
  'env.pid.dir': pathOption(
    'env.pid.dir',
    '/tmp',
    'Directory of pid files (weir-<user>-<role>.pid). Change it when /tmp is cleaned or shared.',
  ),
  'env.log.dir': derivedPathOption(
    'env.log.dir',
    '<weir home>/log',
    (c) => join(c.weirHome, 'log'),
    'Directory of log files (weir-<user>-<role>-<pid>-<host>.log).',
  ),
  'weir.data-dir': derivedPathOption(
    'weir.data-dir',
    '<weir home>/data',
    (c) => join(c.weirHome, 'data'),
    "Directory of Weir's own durable data: catalog, tables, local job metadata.",
  ),
};

/** The keys in table order. */
export const CONFIG_KEYS = Object.keys(CONFIG_OPTIONS) as ConfigKey[];

export function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_OPTIONS, key);
}
