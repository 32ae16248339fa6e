/** Catalog errors, with PostgreSQL's SQLSTATEs (the SQL layer maps them to the wire). */
export class CatalogError extends Error {
  readonly sqlState: string;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  constructor(sqlState: string, message: string, options: { detail?: string; hint?: string } = {}) {
    super(message);
    this.name = 'CatalogError';
    this.sqlState = sqlState;
    this.detail = options.detail;
    this.hint = options.hint;
  }
}
