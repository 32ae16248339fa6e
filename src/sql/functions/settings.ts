/**
 * Run-time settings as clients read them: SHOW, current_setting(), set_config() and
 * pg_settings. A session's own values (SET) are in its `settings` map; the rest are
 * PostgreSQL's values that Weir holds fixed (what a PostgreSQL 15 with UTF8 shows).
 */
import { SqlError, TEXT, BOOLEAN, type SessionContext } from '../types/index.ts';
import { fn, type FunctionSignature } from './function-signature.ts';
import { SqlState } from '../../errors/index.ts';

/** Settings PostgreSQL clients read and Weir holds fixed, with pg_settings' description. */
export const SERVER_SETTINGS: Readonly<Record<string, { value: string; description: string; category: string }>> = {
  server_version: { value: '15.0', description: 'Shows the server version.', category: 'Preset Options' },
  server_version_num: { value: '150000', description: 'Shows the server version as an integer.', category: 'Preset Options' },
  server_encoding: { value: 'UTF8', description: 'Shows the server (database) character set encoding.', category: 'Preset Options' },
  client_encoding: { value: 'UTF8', description: 'Sets the client\'s character set encoding.', category: 'Client Connection Defaults / Locale and Formatting' },
  datestyle: { value: 'ISO, MDY', description: 'Sets the display format for date and time values.', category: 'Client Connection Defaults / Locale and Formatting' },
  intervalstyle: { value: 'postgres', description: 'Sets the display format for interval values.', category: 'Client Connection Defaults / Locale and Formatting' },
  integer_datetimes: { value: 'on', description: 'Shows whether datetimes are integer based.', category: 'Preset Options' },
  standard_conforming_strings: { value: 'on', description: 'Causes \'...\' strings to treat backslashes literally.', category: 'Version and Platform Compatibility' },
  search_path: { value: '"$user", public', description: 'Sets the schema search order for names that are not schema-qualified.', category: 'Client Connection Defaults / Statement Behavior' },
  transaction_isolation: { value: 'read committed', description: 'Sets the current transaction\'s isolation level.', category: 'Client Connection Defaults / Statement Behavior' },
  default_transaction_isolation: { value: 'read committed', description: 'Sets the transaction isolation level of each new transaction.', category: 'Client Connection Defaults / Statement Behavior' },
  default_transaction_read_only: { value: 'off', description: 'Sets the default read-only status of new transactions.', category: 'Client Connection Defaults / Statement Behavior' },
  transaction_read_only: { value: 'off', description: 'Sets the current transaction\'s read-only status.', category: 'Client Connection Defaults / Statement Behavior' },
  max_identifier_length: { value: '63', description: 'Shows the maximum identifier length.', category: 'Preset Options' },
  max_connections: { value: '100', description: 'Sets the maximum number of concurrent connections.', category: 'Connections and Authentication / Connection Settings' },
  application_name: { value: '', description: 'Sets the application name to be reported in statistics and logs.', category: 'Reporting and Logging / What to Log' },
  extra_float_digits: { value: '1', description: 'Sets the number of digits displayed for floating-point values.', category: 'Client Connection Defaults / Locale and Formatting' },
  lc_collate: { value: 'C', description: 'Shows the collation order locale.', category: 'Preset Options' },
  lc_ctype: { value: 'C', description: 'Shows the character classification and case conversion locale.', category: 'Preset Options' },
  is_superuser: { value: 'on', description: 'Shows whether the current user is a superuser.', category: 'Preset Options' },
  block_size: { value: '8192', description: 'Shows the size of a disk block.', category: 'Preset Options' },
  idle_in_transaction_session_timeout: { value: '0', description: 'Sets the maximum allowed idle time between queries, when in a transaction.', category: 'Client Connection Defaults / Statement Behavior' },
  'parallelism.default': { value: 'default', description: 'Sets the parallelism of new materialized views that do not set their own (WITH (parallelism = n)); default: one per view slot.', category: 'Weir / Streaming' },
  idle_session_timeout: { value: '0', description: 'Sets the maximum allowed idle time between queries, when not in a transaction.', category: 'Client Connection Defaults / Statement Behavior' },
};

/** parallelism.default's value until a session sets it: the server's default. */
export const PARALLELISM_DEFAULT_SETTING = 'default';

/** Settings whose value is a duration in milliseconds (PostgreSQL's GUC_UNIT_MS integers). */
export const MILLISECOND_SETTINGS: ReadonlySet<string> = new Set(['idle_in_transaction_session_timeout', 'idle_session_timeout']);

const MS_PER_UNIT: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A millisecond setting's value as PostgreSQL's parse_int reads it: a number of ms, or a
 * number with a unit (`'5s'`, `'1.5 min'`), rounded to whole ms, from 0 to INT_MAX.
 *
 * @example millisecondSetting('idle_session_timeout', '2min') // 120000
 */
export function millisecondSetting(name: string, value: string): number {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const invalid = (hint?: string): SqlError => new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "${name}": "${value}"`, hint === undefined ? undefined : { hint });
  if (m === null) throw invalid();
  const unit = m[2]!;
  const scale = unit === '' ? 1 : MS_PER_UNIT[unit];
  if (scale === undefined) throw invalid('Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".');
  const ms = Math.round(Number(m[1]) * scale);
  if (!(ms >= 0 && ms <= 0x7fffffff)) {
    throw new SqlError(SqlState.invalidParameterValue, `${ms} ms is outside the valid range for parameter "${name}" (0 .. 2147483647)`);
  }
  return ms;
}

/** A session's settings: what it SET, by lower-case name (see the engine's session). */
export interface SettingsSession extends SessionContext {
  readonly settings?: Map<string, string>;
}

/** The session with its SET values attached. */
export function withSettings<S extends SessionContext>(session: S, settings: Map<string, string>): S & SettingsSession {
  return { ...session, settings };
}

/** The value of a setting in this session, or undefined for a name Weir does not know. */
export function settingValue(session: SessionContext, name: string): string | undefined {
  const key = name.toLowerCase();
  if (key === 'timezone') return session.timeZone.name;
  return (session as SettingsSession).settings?.get(key) ?? SERVER_SETTINGS[key]?.value;
}

/** Every setting with its value in this session, sorted by name: SHOW ALL and pg_settings. */
export function allSettings(session: SessionContext): Array<{ name: string; value: string; description: string; category: string }> {
  const names = new Set([...Object.keys(SERVER_SETTINGS), 'timezone', ...((session as SettingsSession).settings?.keys() ?? [])]);
  return [...names]
    .sort()
    .map((name) => ({
      name: name === 'timezone' ? 'TimeZone' : name === 'datestyle' ? 'DateStyle' : name === 'intervalstyle' ? 'IntervalStyle' : name,
      value: settingValue(session, name) ?? '',
      description: name === 'timezone' ? 'Sets the time zone for displaying and interpreting time stamps.' : (SERVER_SETTINGS[name]?.description ?? 'Set in this session.'),
      category: name === 'timezone' ? 'Client Connection Defaults / Locale and Formatting' : (SERVER_SETTINGS[name]?.category ?? 'Customized Options'),
    }));
}

const unknownSetting = (name: string): SqlError => new SqlError(SqlState.undefinedObject, `unrecognized configuration parameter "${name}"`);

export const SETTINGS_FUNCTIONS: readonly FunctionSignature[] = [
  fn('current_setting', [TEXT], TEXT, ([name], session) => {
    const v = settingValue(session, name as string);
    if (v === undefined) throw unknownSetting(name as string);
    return v;
  }, { volatility: 'stable' }),
  fn('current_setting', [TEXT, BOOLEAN], TEXT, ([name, missingOk], session) => {
    const v = settingValue(session, name as string);
    if (v === undefined && missingOk !== true) throw unknownSetting(name as string);
    return v ?? null;
  }, { volatility: 'stable' }),
  // Sets the session's value (as SET does; `is_local` is moot: each statement is its own transaction).
  // A NULL value resets the setting (and returns what it is then).
  fn('set_config', [TEXT, TEXT, BOOLEAN], TEXT, ([name, value], session) => {
    if (name === null) throw new SqlError(SqlState.nullValueNotAllowed, 'SET requires parameter name');
    const settings = (session as SettingsSession).settings;
    if (settings === undefined) throw new SqlError(SqlState.featureNotSupported, 'set_config needs a client session');
    const key = (name as string).toLowerCase();
    if (value === null) settings.delete(key);
    else settings.set(key, value as string);
    return settingValue(session, key) ?? '';
  }, { volatility: 'volatile', strict: false }),
];
