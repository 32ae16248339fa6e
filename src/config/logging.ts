/**
 * Daemon logging: one line per event, to the process's log file and (optionally) stdout.
 * Levels come from `conf/log.yaml` (`level`, and `loggers` for per-component levels), the
 * way Flink's log4j properties set `rootLogger.level` and per-package loggers.
 *
 * Writes are synchronous so nothing logged before a crash or `process.exit` is lost; daemon
 * logs are low-volume, record traffic never goes through here.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from './config-error.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSettings {
  readonly level: LogLevel;
  /** Per-component levels, e.g. `{ web: 'debug' }`. */
  readonly loggers: Readonly<Record<string, LogLevel>>;
}

export const DEFAULT_LOG_SETTINGS: LogSettings = { level: 'info', loggers: {} };
export const LOG_SETTINGS_FILE = 'log.yaml';

function asLevel(value: unknown, key: string, file: string): LogLevel {
  const s = String(value).toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(s)) return s as LogLevel;
  throw new ConfigError(key, value, `in ${file}`, `expected one of ${LOG_LEVELS.join(', ')}`);
}

/** Reads `<confDir>/log.yaml`; defaults when the file is absent. */
export function loadLogSettings(confDir: string): LogSettings {
  const file = join(confDir, LOG_SETTINGS_FILE);
  if (!existsSync(file)) return DEFAULT_LOG_SETTINGS;
  const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as { level?: unknown; loggers?: unknown };
  const loggers: Record<string, LogLevel> = {};
  if (doc.loggers !== undefined && doc.loggers !== null) {
    if (typeof doc.loggers !== 'object') throw new ConfigError('loggers', doc.loggers, `in ${file}`, 'expected a map of component to level');
    for (const [name, level] of Object.entries(doc.loggers)) loggers[name] = asLevel(level, `loggers.${name}`, file);
  }
  return { level: doc.level === undefined ? DEFAULT_LOG_SETTINGS.level : asLevel(doc.level, 'level', file), loggers };
}

export interface LoggerOptions {
  /** The log file; its directory is created. Null logs to stdout only. */
  readonly file: string | null;
  readonly settings?: LogSettings;
  /** Also print to the terminal (foreground daemons do): warnings and errors to stderr, the rest to stdout. */
  readonly stdout?: boolean;
}

export class Logger {
  readonly file: string | null;
  private readonly settings: LogSettings;
  private readonly stdout: boolean;
  private readonly component: string;

  constructor(options: LoggerOptions, component = 'weir') {
    this.file = options.file;
    this.settings = options.settings ?? DEFAULT_LOG_SETTINGS;
    this.stdout = options.stdout ?? true;
    this.component = component;
    if (this.file !== null) mkdirSync(dirname(this.file), { recursive: true });
  }

  /** A logger for one component, sharing this one's file. */
  child(component: string): Logger {
    return new Logger({ file: this.file, settings: this.settings, stdout: this.stdout }, component);
  }

  debug(message: string): void {
    this.log('debug', message);
  }
  info(message: string): void {
    this.log('info', message);
  }
  warn(message: string): void {
    this.log('warn', message);
  }
  error(message: string): void {
    this.log('error', message);
  }

  log(level: Exclude<LogLevel, 'off'>, message: string): void {
    const threshold = this.settings.loggers[this.component] ?? this.settings.level;
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(threshold)) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${this.component}] ${message}\n`;
    if (this.file !== null) appendFileSync(this.file, line);
    if (this.stdout) (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(line);
  }
}
