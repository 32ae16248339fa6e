/**
 * One statement sent with the simple query protocol through node-postgres, keeping what
 * the server sent as it was sent: the command tag verbatim (node-postgres' own `Result` keeps
 * only its first word, `CREATE` for `CREATE TABLE`) and every value as the server's text
 * (node-postgres' type parsers never run, so numerics, timestamps and intervals print exactly
 * as PostgreSQL would print them).
 *
 * It is a node-postgres "submittable": an object with `submit(connection)` to which the
 * client delegates the protocol messages of the query (the interface pg-cursor uses).
 * @see https://node-postgres.com/apis/client#clientquery (Submittable)
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY
 */
import type { Connection, Submittable } from 'pg';
import type { ResultColumn, ResultRow, StatementResult } from './statement-result.ts';

interface RowDescriptionMessage {
  readonly fields: ReadonlyArray<{ readonly name: string; readonly dataTypeID: number }>;
}
interface DataRowMessage {
  readonly fields: ReadonlyArray<string | null>;
}
interface CommandCompleteMessage {
  readonly text: string;
}

/** The connection methods used here, beyond the typed `query(text)`. */
type CopyCapableConnection = Connection & { sendCopyFail(message: string): void };

export class RawTextQuery implements Submittable {
  readonly text: string;
  /** Resolves with one result per statement the server ran; rejects with the server's error. */
  readonly done: Promise<StatementResult[]>;
  private resolve!: (results: StatementResult[]) => void;
  private reject!: (error: Error) => void;
  private readonly results: StatementResult[] = [];
  private columns: ResultColumn[] | null = null;
  private rows: ResultRow[] = [];

  constructor(text: string) {
    this.text = text;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleRowDescription(message: RowDescriptionMessage): void {
    this.columns = message.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID }));
    this.rows = [];
  }

  handleDataRow(message: DataRowMessage): void {
    this.rows.push(message.fields);
  }

  handleCommandComplete(message: CommandCompleteMessage): void {
    if (this.columns !== null) this.results.push({ kind: 'rows', columns: this.columns, rows: this.rows, tag: message.text });
    else this.results.push({ kind: 'command', tag: message.text });
    this.columns = null;
    this.rows = [];
  }

  handleEmptyQuery(): void {
    this.results.push({ kind: 'empty' });
  }

  /** An ErrorResponse, or the connection failing: node-postgres ends the query here. */
  handleError(error: Error): void {
    this.reject(error);
  }

  handleReadyForQuery(): void {
    this.resolve(this.results);
  }

  handlePortalSuspended(): void {}

  /** `COPY ... FROM STDIN` would wait for data the REPL does not send: refuse it. */
  handleCopyInResponse(connection: Connection): void {
    (connection as CopyCapableConnection).sendCopyFail('weir sql does not support COPY FROM STDIN');
  }

  handleCopyData(): void {}
}
