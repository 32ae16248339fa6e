/**
 * Configuration: `conf/config.yaml` + flags + environment into one typed, validated
 * `WeirConfig`, and the daemon helpers (pid files, log files, ports) every server uses.
 */
export { CONFIG_KEYS, CONFIG_OPTIONS, isConfigKey } from './weir-config.ts';
export type { ConfigKey, HighAvailabilityType, StateBackendType, WeirConfig } from './weir-config.ts';
export type { ConfigOption, DefaultContext } from './option.ts';
export { parseDuration } from './option.ts';
export { ConfigError } from './config-error.ts';
export { CONFIG_FILE_NAME, WEIR_HOME, loadConfig, resolveConfDir } from './load-config.ts';
export type { LoadConfigOptions, LoadedConfig, ValueOrigin } from './load-config.ts';
export { parseDynamicProperty } from './dynamic-properties.ts';
export {
  PortBindError,
  currentUser,
  findPortHolder,
  isProcessAlive,
  listWeirProcesses,
  listenOn,
  logFileName,
  pidFilePath,
  readPidFile,
  removePidFile,
  writePidFile,
} from './process.ts';
export type { PortSpec, ProcessRole, WeirProcess } from './process.ts';
export { DEFAULT_LOG_SETTINGS, LOG_LEVELS, Logger, loadLogSettings } from './logging.ts';
export type { LogLevel, LogSettings, LoggerOptions } from './logging.ts';
export { WEIR_VERSION } from './version.ts';
