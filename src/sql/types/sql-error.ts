/**
 * The one error class SQL code throws. It carries PostgreSQL's SQLSTATE so the wire protocol
 * can send an ErrorResponse that clients (psql, JDBC, psycopg2) classify the way they would for
 * PostgreSQL itself. Messages follow PostgreSQL's wording, because tests compare them with it.
 *
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
/** What an integrity violation is about: PostgreSQL's schema_name, table_name, column_name, constraint_name. */
export interface SqlErrorObject {
  readonly schema: string;
  readonly table: string;
  readonly column?: string;
  readonly constraint?: string;
}

export class SqlError extends Error {
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

  constructor(code: string, message: string, options?: { detail?: string; hint?: string; context?: string; object?: SqlErrorObject }) {
    super(message);
    this.name = 'SqlError';
    this.code = code;
    this.detail = options?.detail;
    this.hint = options?.hint;
    this.context = options?.context;
    this.object = options?.object;
  }
}

/** SQLSTATEs used by the type system (names as in PostgreSQL's errcodes.txt). */
export const SqlState = {
  invalidTextRepresentation: '22P02',
  numericValueOutOfRange: '22003',
  divisionByZero: '22012',
  datetimeFieldOverflow: '22008',
  invalidDatetimeFormat: '22007',
  intervalFieldOverflow: '22015',
  invalidParameterValue: '22023',
  stringDataRightTruncation: '22001',
  untranslatableCharacter: '22P05',
  characterNotInRepertoire: '22021',
  substringError: '22011',
  arraySubscriptError: '2202E',
  featureNotSupported: '0A000',
  undefinedFunction: '42883',
  ambiguousFunction: '42725',
  datatypeMismatch: '42804',
  cannotCoerce: '42846',
  undefinedObject: '42704',
  syntaxError: '42601',
  invalidParameterValueTz: '22023',
} as const;

/** `invalid input syntax for type integer: "abc"` — PostgreSQL's wording for every input function. */
export function invalidInput(typeName: string, text: string): SqlError {
  return new SqlError(SqlState.invalidTextRepresentation, `invalid input syntax for type ${typeName}: "${text}"`);
}

/** `integer out of range` and friends. */
export function outOfRange(typeName: string): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, `${typeName} out of range`);
}

export function divisionByZero(): SqlError {
  return new SqlError(SqlState.divisionByZero, 'division by zero');
}
