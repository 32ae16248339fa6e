/**
 * The CommandComplete tag for a finished statement. PostgreSQL's tags: `INSERT 0 n` (the 0 is
 * the old OID field), `SELECT n`, `UPDATE n`, `DELETE n`, `MERGE n`, `FETCH n`, `MOVE n`,
 * `COPY n`; every other command is its name alone (`CREATE TABLE`, `SET`, `BEGIN`).
 *
 * @see https://www.postgresql.org/docs/15/protocol-message-formats.html (CommandComplete)
 */
const COUNTED = new Set(['SELECT', 'UPDATE', 'DELETE', 'MERGE', 'FETCH', 'MOVE', 'COPY']);

export function commandTag(command: string, rowCount: number | undefined): string {
  const verb = command.toUpperCase();
  if (verb === 'INSERT') return `INSERT 0 ${rowCount ?? 0}`;
  // CREATE TABLE AS and SELECT INTO report `SELECT n` in PostgreSQL.
  if (COUNTED.has(verb)) return `${verb} ${rowCount ?? 0}`;
  return verb;
}
