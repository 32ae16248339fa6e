/**
 * Where `weir sql` connects: flags first, then the PostgreSQL client environment variables
 * (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, as libpq reads them), then Weir's defaults
 * (`weir standalone` listens on localhost:5433, database `dev`, user `weir`).
 * @see https://www.postgresql.org/docs/current/libpq-envars.html
 */

export interface ConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password?: string | undefined;
}

export interface ConnectionFlags {
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly user?: string | undefined;
  readonly database?: string | undefined;
}

export const DEFAULT_CONNECTION = { host: 'localhost', port: 5433, user: 'weir', database: 'dev' } as const;

/** Resolves the settings; throws with a message for the user when the port is not a port. */
export function resolveConnectionSettings(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const portText = flags.port ?? nonEmpty(env.PGPORT) ?? String(DEFAULT_CONNECTION.port);
  const port = Number(portText);
  if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new Error(`invalid port "${portText}"`);
  return {
    host: flags.host ?? nonEmpty(env.PGHOST) ?? DEFAULT_CONNECTION.host,
    port,
    user: flags.user ?? nonEmpty(env.PGUSER) ?? DEFAULT_CONNECTION.user,
    database: flags.database ?? nonEmpty(env.PGDATABASE) ?? DEFAULT_CONNECTION.database,
    password: nonEmpty(env.PGPASSWORD),
  };
}

/** libpq treats an empty variable as unset. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
