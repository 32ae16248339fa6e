/**
 * Prepared statements and portals of the extended query protocol.
 *
 * A statement is the parsed and described SQL (Parse). A portal is a statement with its
 * parameter values and result formats (Bind), executed in steps of at most `maxRows` rows
 * (Execute); rows left over from a batch wait in the portal for the next Execute.
 *
 * @see https://www.postgresql.org/docs/15/protocol-overview.html#PROTOCOL-QUERY-CONCEPTS
 */
import type { FormatCode } from '../protocol/frontend/messages.ts';
import type { ColumnDescription, TextRow, TextValue } from '../session.ts';
import type { QueryRun } from './query-run.ts';

export interface PreparedStatement {
  readonly name: string;
  readonly sql: string;
  readonly parameterTypes: readonly number[];
  /** The types Parse gave (0 = unspecified): a binary parameter of no given type is read as bytes. */
  readonly declaredTypes?: readonly number[];
  readonly columns: readonly ColumnDescription[] | null;
}

export class Portal {
  readonly name: string;
  readonly statement: PreparedStatement;
  readonly parameters: readonly TextValue[];
  /** One format per result column. */
  readonly resultFormats: readonly FormatCode[];
  readonly anyBinary: boolean;
  run: QueryRun | null = null;
  /** Rows of the current batch not sent yet, from `pendingIndex` on. */
  pending: readonly TextRow[] = [];
  pendingIndex = 0;
  /** The statement finished; another Execute reports `completedCommand` with no rows. */
  completedCommand: string | null = null;

  constructor(name: string, statement: PreparedStatement, parameters: readonly TextValue[], resultFormats: readonly FormatCode[]) {
    this.name = name;
    this.statement = statement;
    this.parameters = parameters;
    this.resultFormats = resultFormats;
    this.anyBinary = resultFormats.includes(1);
  }

  close(): void {
    this.run?.close();
    this.run = null;
    this.pending = [];
  }
}

/** Names as PostgreSQL prints them in errors: the unnamed statement has no quotes. */
export function statementLabel(name: string): string {
  return name === '' ? 'unnamed prepared statement' : `prepared statement "${name}"`;
}

export function portalLabel(name: string): string {
  return name === '' ? 'unnamed portal' : `portal "${name}"`;
}
