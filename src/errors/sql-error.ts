/**
 * The one error class SQL code throws. It carries PostgreSQL's SQLSTATE so the wire protocol
 * can send an ErrorResponse that clients (psql, JDBC, psycopg2) classify the way they would for
 * PostgreSQL itself. Messages follow PostgreSQL's wording, because tests compare them with it.
 *
 * @example
 *   throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero');
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
/** What an integrity violation is about: PostgreSQL's schema_name, table_name, column_name, constraint_name. */
export interface SqlErrorObject {
  readonly schema: string;
  readonly table: string;
  readonly column?: string;
  readonly constraint?: string;
}

export interface SqlErrorOptions {
  readonly detail?: string;
  readonly hint?: string;
  readonly context?: string;
  readonly object?: SqlErrorObject;
}

export class SqlError extends Error {
  /** A code of `SqlState` (a string, so a code passed through from another thread keeps its type). */
  readonly code: string;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  /** Where it happened (PostgreSQL's CONTEXT), e.g. `COPY t, line 2, column a: "x"`. */
  readonly context: string | undefined;
  /**
   * The object the error is about, as PostgreSQL names it in an integrity violation (the
   * ErrorResponse's schema, table, column and constraint fields, which drivers expose).
   */
  readonly object: SqlErrorObject | undefined;

  constructor(code: string, message: string, options?: SqlErrorOptions) {
    super(message);
    this.name = 'SqlError';
    this.code = code;
    this.detail = options?.detail;
    this.hint = options?.hint;
    this.context = options?.context;
    this.object = options?.object;
  }
}
