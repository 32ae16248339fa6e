/**
 * Loads the configuration as Flink's GlobalConfiguration does: `config.yaml` from the
 * configuration directory, nested YAML or flat dotted keys (or a mix), then dynamic
 * properties from the command line (`-D key=value`, `--rest-port`) on top.
 *
 * Precedence: defaults < config file < environment < flags. The only environment variable
 * is `WEIR_CONF_DIR`, which chooses the configuration directory (a `--config` flag wins).
 *
 * @example
 * const { config, warnings } = loadConfig({ dynamicProperties: { 'rest.port': '8082' } });
 * config['rest.port']; // 8082, a number
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { ConfigError, nearest } from './config-error.ts';
import { InvalidValue, type RawValue } from './option.ts';
import { CONFIG_KEYS, CONFIG_OPTIONS, isConfigKey, type ConfigKey, type WeirConfig } from './weir-config.ts';

/** The repository root: Weir's home, as FLINK_HOME. */
export const WEIR_HOME = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFIG_FILE_NAME = 'config.yaml';

export interface LoadConfigOptions {
  /** The configuration directory (`--config`); else `$WEIR_CONF_DIR`, else `<weir home>/conf`. */
  readonly confDir?: string | undefined;
  /** Dynamic properties (`-D key=value` and dedicated flags), highest precedence. */
  readonly dynamicProperties?: Readonly<Record<string, string>>;
  /**
   * How each dynamic property was given, for error messages ("--rest-port"); keys not
   * listed are reported as "-D key=value".
   */
  readonly flagNames?: Readonly<Record<string, string>>;
  /** The environment to read `WEIR_CONF_DIR` from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Weir's home for derived defaults; default the repository root. */
  readonly weirHome?: string;
}

export type ValueOrigin = 'default' | 'file' | 'flag';

export interface LoadedConfig {
  readonly config: WeirConfig;
  /** Unknown keys and similar non-fatal findings, one sentence each. */
  readonly warnings: readonly string[];
  readonly confDir: string;
  readonly configFile: string;
  /** Where each key's value came from. */
  readonly origins: Readonly<Record<ConfigKey, ValueOrigin>>;
}

interface Setting {
  readonly raw: RawValue | object;
  readonly origin: ValueOrigin;
  /** "in /conf/config.yaml" or "from --rest-port". */
  readonly where: string;
}

export function resolveConfDir(confDir: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env['WEIR_CONF_DIR'];
  if (confDir !== undefined && confDir !== '') return resolve(confDir);
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(WEIR_HOME, 'conf');
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const confDir = resolveConfDir(options.confDir, options.env ?? process.env);
  const configFile = join(confDir, CONFIG_FILE_NAME);
  const warnings: string[] = [];
  const settings = new Map<string, Setting>();

  for (const [key, raw] of readConfigFile(configFile)) {
    settings.set(key, { raw, origin: 'file', where: `in ${configFile}` });
  }
  for (const [key, raw] of Object.entries(options.dynamicProperties ?? {})) {
    const flag = options.flagNames?.[key] ?? `-D ${key}=${raw}`;
    settings.set(key, { raw, origin: 'flag', where: `from ${flag}` });
  }

  for (const [key, s] of settings) {
    if (!isConfigKey(key)) {
      const hint = nearest(key, CONFIG_KEYS);
      warnings.push(`unknown configuration key '${key}' ${s.where}; it is ignored${hint === null ? '' : `; did you mean '${hint}'?`}`);
    }
  }

  const context = { weirHome: options.weirHome ?? WEIR_HOME };
  const values: Record<string, unknown> = {};
  const origins: Record<string, ValueOrigin> = {};
  for (const key of CONFIG_KEYS) {
    const option = CONFIG_OPTIONS[key];
    const s = settings.get(key);
    if (s === undefined || s.raw === null || s.raw === '') {
      values[key] = option.defaultValue(context);
      origins[key] = 'default';
      continue;
    }
    if (typeof s.raw === 'object') throw new ConfigError(key, s.raw, s.where, 'expected a single value, not a list or map');
    try {
      values[key] = option.parse(s.raw);
    } catch (e) {
      if (!(e instanceof InvalidValue)) throw e;
      throw new ConfigError(key, s.raw, s.where, e.message);
    }
    origins[key] = s.origin;
  }
  const config = values as unknown as WeirConfig;
  checkConsistency(config, (key) => settings.get(key)?.where ?? '(default)');
  return { config, warnings, confDir, configFile, origins: origins as Record<ConfigKey, ValueOrigin> };
}

/** Reads and flattens config.yaml; a missing file is an error, as in Flink. */
function readConfigFile(file: string): Map<string, RawValue | object> {
  if (!existsSync(file)) {
    throw new ConfigError(null, null, file, `the configuration file ${file} does not exist; set --config or WEIR_CONF_DIR to a directory holding ${CONFIG_FILE_NAME}`);
  }
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error !== undefined) throw new ConfigError(null, null, file, `${file} is not valid YAML: ${error.message}`);
  const root: unknown = doc.toJS();
  const out = new Map<string, RawValue | object>();
  if (root === null || root === undefined) return out;
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw new ConfigError(null, null, file, `${file} must hold a map of keys to values`);
  }
  flatten(root as Record<string, unknown>, '', out, file);
  return out;
}

/** `{rest: {port: 8081}}` and `{'rest.port': 8081}` both become `rest.port`. */
function flatten(node: Record<string, unknown>, prefix: string, out: Map<string, RawValue | object>, file: string): void {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      flatten(v as Record<string, unknown>, key, out, file);
      continue;
    }
    if (out.has(key)) {
      throw new ConfigError(key, v as RawValue, `in ${file}`, 'the key is set twice (once nested, once as a dotted key)');
    }
    out.set(key, v instanceof Date ? v.toISOString() : (v as RawValue | object));
  }
}

/** Rules between keys. */
function checkConsistency(c: WeirConfig, where: (key: ConfigKey) => string): void {
  if (c['high-availability.type'] === 'ZOOKEEPER') {
    for (const key of ['high-availability.zookeeper.quorum', 'high-availability.storageDir'] as const) {
      if (c[key] === null) {
        throw new ConfigError(key, null, where('high-availability.type'), 'it must be set when high-availability.type is ZOOKEEPER');
      }
    }
  }
  const maxP = c['pipeline.max-parallelism'];
  if (maxP !== -1 && maxP < c['parallelism.default']) {
    throw new ConfigError(
      'pipeline.max-parallelism',
      maxP,
      where('pipeline.max-parallelism'),
      `it must be at least parallelism.default (${c['parallelism.default']})`,
    );
  }
  const ports = ['jobmanager.rpc.port', 'rest.port', 'sql.port'] as const;
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      const a = ports[i]!;
      const b = ports[j]!;
      if (c[a] === c[b]) throw new ConfigError(b, c[b], where(b), `it is the same port as ${a}; each endpoint needs its own port`);
    }
  }
}
