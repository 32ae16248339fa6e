/**
 * The seam between the wire protocol and SQL: what a pgwire connection needs from the engine.
 * The SQL layer implements `SqlSessionFactory` and `SqlSession`; pgwire owns everything about
 * bytes, message order, portals, formats, authentication and cancel keys.
 *
 * Values cross this seam as text, already formatted the way PostgreSQL prints them
 * (`2024-01-02 03:04:05.123`, `t`, `1.50`); pgwire converts to binary format where a client
 * asks for it and the type allows.
 *
 * @example A session answering one statement:
 *   const session: SqlSession = {
 *     async *execute(sql) {
 *       yield { kind: 'columns', columns: [{ name: 'one', typeOid: TYPE_OID.int4 }] };
 *       yield { kind: 'rows', rows: [['1']] };
 *       yield { kind: 'complete', command: 'SELECT' };
 *     },
 *     async describe() { return { parameterTypes: [], columns: [{ name: 'one', typeOid: 23 }] }; },
 *     transactionStatus: () => 'idle',
 *     cancel() {},
 *     async close() {},
 *   };
 */
import type { NoticeSeverity } from './backend-error.ts';

/** Who connected, from the startup message, for `SqlSessionFactory.open`. */
export interface SessionParams {
  readonly user: string;
  readonly database: string;
  /** `application_name` from the startup message, or ''. */
  readonly applicationName: string;
  /**
   * Run-time settings the client asked for at startup: `-c name=value` words of `options`,
   * and every other startup parameter (e.g. `DateStyle`, `extra_float_digits`, `search_path`).
   */
  readonly settings: ReadonlyMap<string, string>;
  /** The client's address, for logs and future host-based rules. */
  readonly remoteAddress: string;
  /** This connection's process id in BackendKeyData (`pg_backend_pid()`). */
  readonly processId: number;
}

export interface SqlSessionFactory {
  /**
   * Opens a session after authentication. Throwing a SQLSTATE-carrying error (e.g. 3D000,
   * database does not exist) refuses the connection with that error.
   */
  open(params: SessionParams): Promise<SqlSession>;
}

/** One result column, as RowDescription announces it. */
export interface ColumnDescription {
  readonly name: string;
  /** PostgreSQL's type OID, see `TYPE_OID`. */
  readonly typeOid: number;
  /** pg_attribute.atttypmod, e.g. varchar(10) → 14; -1 (the default) when none. */
  readonly typeModifier?: number;
  /** OID of the table the column comes from, or 0 (the default). */
  readonly tableOid?: number;
  /** The column's attribute number in that table, or 0 (the default). */
  readonly columnNumber?: number;
}

/** What Parse/Describe learn about a statement without running it. */
export interface StatementDescription {
  /** Type OIDs of `$1..$n`, with the client's unspecified (0) types resolved. */
  readonly parameterTypes: readonly number[];
  /** The columns it returns, or null when it returns no rows (INSERT, CREATE, SET...). */
  readonly columns: readonly ColumnDescription[] | null;
}

/** A value in text format; null is SQL NULL. */
export type TextValue = string | null;
export type TextRow = readonly TextValue[];

export interface Notice {
  readonly severity: NoticeSeverity;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
}

/**
 * What executing SQL produces, in order. A statement that returns rows yields `columns`, then
 * any number of `rows` batches, then `complete`; one that does not yields only `complete`.
 * Errors are thrown from the iterator (see `toBackendError` for how they are mapped); a
 * failure stops the remaining statements, as in PostgreSQL.
 */
export type ExecuteEvent =
  | { readonly kind: 'columns'; readonly columns: readonly ColumnDescription[] }
  | { readonly kind: 'rows'; readonly rows: readonly TextRow[] }
  /**
   * The statement finished. `command` is the tag's verb as PostgreSQL spells it (`SELECT`,
   * `INSERT`, `CREATE TABLE`, `SET`, ...); `rowCount` is the rows it affected, for commands
   * whose tag carries a count. For row-returning statements pgwire counts the rows it sent.
   */
  | { readonly kind: 'complete'; readonly command: string; readonly rowCount?: number }
  /** The statement text held no statement (only comments). */
  | { readonly kind: 'empty' }
  | { readonly kind: 'notice'; readonly notice: Notice }
  /** COPY ... TO STDOUT begins: `copy-data` events follow, then `complete` (tag COPY n). */
  | { readonly kind: 'copy-out'; readonly columns: number }
  /** Lines of COPY data in the statement's format, each ending in a newline. */
  | { readonly kind: 'copy-data'; readonly lines: readonly string[] }
  /** What was produced so far should reach the client now: the session is about to wait (SUBSCRIBE). */
  | { readonly kind: 'flush' }
  /** A reported setting changed (SET application_name, TimeZone, ...): sent as ParameterStatus. */
  | { readonly kind: 'parameter'; readonly name: string; readonly value: string };

export interface ExecuteOptions {
  /** Values of `$1..$n` in text format (binary ones were converted by pgwire). */
  readonly parameters?: readonly TextValue[];
  /** Their type OIDs, as the statement's description resolved them. */
  readonly parameterTypes?: readonly number[];
  /**
   * For COPY ... FROM STDIN: sends CopyInResponse for `columns` text columns and yields the
   * client's CopyData bytes until CopyDone; throws 57014 at CopyFail. Given for simple queries.
   */
  readonly copyIn?: (columns: number) => AsyncIterable<Uint8Array>;
}

/** See `SqlSession.idleTimeouts`. */
export interface IdleTimeouts {
  readonly inTransactionMs: number;
  readonly sessionMs: number;
}

/** Transaction status for ReadyForQuery: idle, in a transaction block, or in a failed one. */
export type TransactionStatus = 'idle' | 'in-transaction' | 'failed';

export interface SqlSession {
  /**
   * Runs SQL text: a simple Query message may hold several statements, run in order; an
   * extended-protocol Execute holds one (with parameters).
   */
  execute(sql: string, options?: ExecuteOptions): AsyncIterable<ExecuteEvent>;
  /**
   * Parses and analyses one statement without running it, for Parse and Describe.
   * `parameterTypes` are the types the client specified (0 = unspecified; may be shorter
   * than the number of parameters). Rejects more than one statement (42601).
   */
  describe(sql: string, parameterTypes: readonly number[]): Promise<StatementDescription>;
  /** Reported in every ReadyForQuery. */
  transactionStatus(): TransactionStatus;
  /**
   * How long the session may wait for the client after ReadyForQuery, in ms (0 = forever):
   * `idle_in_transaction_session_timeout` inside a transaction block, `idle_session_timeout`
   * outside one. pgwire ends the connection when one expires. Optional: none means no limit.
   */
  idleTimeouts?(): IdleTimeouts;
  /**
   * A cancel request for this session arrived while a statement ran: make the running
   * `execute` throw 57014. pgwire reports 57014 to the client either way.
   */
  cancel(): void;
  /** The connection ended (Terminate, error or network loss). */
  close(): Promise<void>;
}
