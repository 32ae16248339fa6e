/**
 * What one SQL statement returned, in the server's own text: column names with type OIDs,
 * rows as the text the server sent (never parsed into JavaScript values), and the command
 * tag exactly as sent (`INSERT 0 3`, `CREATE TABLE`).
 */

export interface ResultColumn {
  readonly name: string;
  readonly typeOid: number;
}

export type ResultRow = ReadonlyArray<string | null>;

export type StatementResult =
  | { readonly kind: 'rows'; readonly columns: readonly ResultColumn[]; readonly rows: readonly ResultRow[]; readonly tag: string }
  | { readonly kind: 'command'; readonly tag: string }
  | { readonly kind: 'empty' };

/** The fields of an ErrorResponse or NoticeResponse the REPL shows. */
export interface ServerMessage {
  readonly message: string;
  readonly severity?: string | undefined;
  readonly code?: string | undefined;
  readonly detail?: string | undefined;
  readonly hint?: string | undefined;
  /** 1-based character offset into the statement text, as a decimal string. */
  readonly position?: string | undefined;
  readonly where?: string | undefined;
}
