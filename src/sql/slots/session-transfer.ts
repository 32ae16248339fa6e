/** A statement's session context as plain data, for a slot thread, and back. */
import { withSettings } from '../functions/settings.ts';
import { statementTimestamp, withStatementTimestamp } from '../functions/session-clock.ts';
import { sessionWithTimeZone, type SessionContext } from '../types/index.ts';

export interface SessionData {
  readonly timeZone: string;
  /** Microseconds: now() of the statement. */
  readonly statementTimestamp: ReturnType<typeof statementTimestamp>;
  readonly settings: ReadonlyArray<readonly [string, string]>;
}

export function sessionData(s: SessionContext): SessionData {
  const settings = (s as { settings?: Map<string, string> }).settings;
  return { timeZone: s.timeZone.name, statementTimestamp: statementTimestamp(s), settings: settings === undefined ? [] : [...settings] };
}

/** The context, and the settings map a statement's set_config() writes to. */
export function sessionFrom(d: SessionData): { session: SessionContext; settings: Map<string, string> } {
  const settings = new Map(d.settings);
  return { session: withSettings(withStatementTimestamp(sessionWithTimeZone(d.timeZone), d.statementTimestamp), settings), settings };
}
