/** What executing one statement produces, before it is turned into wire messages. */
import type { DataType } from '../types/index.ts';
import type { Subscription } from './subscription.ts';

export interface ResultColumn {
  readonly name: string;
  readonly type: DataType;
  /** The table (or materialized view) column it is, unchanged: oid and 1-based column number. */
  readonly origin?: { readonly relation: number; readonly column: number } | null;
}

export interface Notice {
  readonly severity: 'NOTICE' | 'WARNING' | 'INFO';
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
}

export interface StatementResult {
  /** PostgreSQL's command tag word(s): `SELECT`, `INSERT`, `CREATE TABLE`, ... */
  readonly command: string;
  readonly rowCount?: number;
  /** Present for statements that return rows. */
  readonly columns?: readonly ResultColumn[];
  readonly rows?: ReadonlyArray<readonly unknown[]>;
  readonly notices?: readonly Notice[];
  /**
   * SUBSCRIBE: rows that keep coming until the client cancels, sent as rows (with `columns`)
   * or as COPY data. The session closes the subscription when the statement ends.
   */
  readonly subscription?: { readonly source: Subscription; readonly as: 'rows' | 'copy' };
  /** COPY ... TO STDOUT: the data lines (each ending in a newline) of `columns` columns. */
  readonly copyOut?: { readonly columns: number; readonly lines: readonly string[] };
}
