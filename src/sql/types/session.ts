/**
 * The session settings that change how values are read and printed. Weir fixes DateStyle to
 * ISO, MDY and IntervalStyle to postgres (PostgreSQL's defaults); TimeZone is per session.
 */
import { UTC, timeZone, type TimeZone } from './datetime/timezone.ts';

export interface SessionContext {
  readonly timeZone: TimeZone;
}

export const DEFAULT_SESSION: SessionContext = { timeZone: UTC };

export function sessionWithTimeZone(name: string): SessionContext {
  return { timeZone: timeZone(name) };
}
