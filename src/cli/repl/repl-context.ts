/**
 * What the REPL's parts share: the session, the user's settings (`\timing`, `\set`) and the
 * two output streams — results to stdout; errors, notices and messages to stderr, as psql.
 */
import type { Verbosity } from './server-message.ts';
import type { SqlSession } from './sql-session.ts';

export interface ReplSettings {
  /** `\timing`: print each statement's duration. */
  timing: boolean;
  /** `\set VERBOSITY`: how much of an error to show. */
  verbosity: Verbosity;
  /** `\set NAME VALUE` variables, kept for `\set` to list. */
  readonly variables: Map<string, string>;
}

export interface ReplContext {
  readonly session: SqlSession;
  readonly settings: ReplSettings;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * How a run of input ended: `eof` (input exhausted), `quit` (`\q`), `failed` (a statement
 * failed where errors stop the run), `lost` (the connection to the server is gone).
 */
export type RunOutcome = 'eof' | 'quit' | 'failed' | 'lost';

export function defaultSettings(): ReplSettings {
  return { timing: false, verbosity: 'default', variables: new Map([['VERBOSITY', 'default']]) };
}
