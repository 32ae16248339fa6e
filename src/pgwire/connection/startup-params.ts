/**
 * The startup message, checked and normalized: user, database (defaulting to the user),
 * application name and the settings the client asked for.
 */
import { BackendError } from '../backend-error.ts';
import { parseOptionsParameter } from '../protocol/frontend/startup-packets.ts';
import { SqlState } from '../../errors/index.ts';

export interface StartupParams {
  readonly user: string;
  readonly database: string;
  readonly applicationName: string;
  readonly settings: ReadonlyMap<string, string>;
}

/** Startup parameters that are not settings. */
const NOT_SETTINGS = new Set(['user', 'database', 'options', 'application_name', 'replication']);

/** Encodings that need no conversion from UTF-8 (SQL_ASCII: libpq's answer under LANG=C). */
const ACCEPTED_ENCODINGS = new Set(['UTF8', 'UTF-8', 'UNICODE', 'SQL_ASCII']);

export function checkStartupParams(parameters: ReadonlyMap<string, string>): StartupParams {
  const user = parameters.get('user') ?? '';
  if (user === '') {
    throw new BackendError(SqlState.invalidAuthorizationSpecification, 'no PostgreSQL user name specified in startup packet', { severity: 'FATAL' });
  }
  const replication = parameters.get('replication');
  if (replication !== undefined && !['false', 'off', 'no', '0'].includes(replication.toLowerCase())) {
    throw new BackendError(SqlState.featureNotSupported, 'replication connections are not supported by Weir', { severity: 'FATAL' });
  }
  const settings = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (!NOT_SETTINGS.has(name) && !name.startsWith('_pq_.')) settings.set(name, value);
  }
  const options = parameters.get('options');
  if (options !== undefined) {
    try {
      for (const [name, value] of parseOptionsParameter(options)) settings.set(name, value);
    } catch (e) {
      throw new BackendError(SqlState.invalidParameterValue, (e as Error).message, { severity: 'FATAL', hint: 'options accepts only "-c name=value" words.' });
    }
  }
  const encoding = settings.get('client_encoding');
  if (encoding !== undefined && !ACCEPTED_ENCODINGS.has(encoding.toUpperCase())) {
    throw new BackendError(SqlState.featureNotSupported, `client_encoding "${encoding}" is not supported`, {
      severity: 'FATAL',
      hint: 'Weir speaks UTF8 only; set PGCLIENTENCODING=UTF8.',
    });
  }
  settings.delete('client_encoding');
  const database = parameters.get('database');
  return { user, database: database === undefined || database === '' ? user : database, applicationName: parameters.get('application_name') ?? '', settings };
}
