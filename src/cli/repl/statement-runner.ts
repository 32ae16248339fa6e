/**
 * Runs one statement and prints what came back the way psql does: result tables in the
 * aligned format, command tags for other statements (`CREATE TABLE`, `INSERT 0 3`), notices
 * and errors on stderr, and the duration when `\timing` is on.
 */
import { formatAlignedTable } from './aligned-table.ts';
import type { ReplContext } from './repl-context.ts';
import { formatServerMessage, formatTiming } from './server-message.ts';
import type { ServerMessage, StatementResult } from './statement-result.ts';

export type StatementOutcome = 'ok' | 'failed' | 'lost';

/** Statements whose tag psql prints after their RETURNING rows. */
const TAG_AFTER_ROWS = /^(INSERT|UPDATE|DELETE|MERGE)\b/;

export class StatementRunner {
  readonly context: ReplContext;
  /** Prefix of messages about the current input (`weir:script.sql:3: `), empty when interactive. */
  location = '';
  private current: string | null = null;

  constructor(context: ReplContext) {
    this.context = context;
  }

  /** For the session's notice callback: notices of the running statement, as psql prints them. */
  readonly printNotice = (notice: ServerMessage): void => {
    this.context.err(formatServerMessage(notice, this.context.settings.verbosity, this.current, this.location));
  };

  async run(sql: string): Promise<StatementOutcome> {
    const { session, settings, out, err } = this.context;
    const started = performance.now();
    this.current = sql;
    try {
      const results = await session.execute(sql);
      for (const result of results) out(formatResult(result));
      return 'ok';
    } catch (e) {
      if (isServerError(e)) {
        err(formatServerMessage(serverMessageOf(e), settings.verbosity, sql, this.location));
        return 'failed';
      }
      err(`${this.location}${describeLostConnection(e)}`);
      return 'lost';
    } finally {
      this.current = null;
      if (settings.timing) out(formatTiming(performance.now() - started));
    }
  }
}

export function formatResult(result: StatementResult): string {
  switch (result.kind) {
    case 'rows':
      return formatAlignedTable(result.columns, result.rows) + (TAG_AFTER_ROWS.test(result.tag) ? `${result.tag}\n` : '');
    case 'command':
      return `${result.tag}\n`;
    case 'empty':
      return '';
  }
}

/** An ErrorResponse from the server (node-postgres' DatabaseError), not a socket failure. */
function isServerError(e: unknown): e is Error & ServerMessage {
  return e instanceof Error && typeof (e as { severity?: unknown }).severity === 'string';
}

function serverMessageOf(e: Error & ServerMessage): ServerMessage {
  const { message, severity, code, detail, hint, position, where } = e;
  return { message, severity, code, detail, hint, position, where };
}

function describeLostConnection(e: unknown): string {
  const reason = e instanceof Error ? e.message : String(e);
  return `server closed the connection unexpectedly (${reason})\nThe connection to the server was lost.\n`;
}
