/**
 * The statement clock for now(): PostgreSQL returns one value per statement (transaction, in
 * fact; Weir's statements are their own transactions), so now() is `stable` and constant folding
 * and streaming re-evaluation stay consistent. The types' SessionContext has no clock, so the
 * binder/executor wraps it with `withStatementTimestamp` when a statement starts.
 */
import type { Int64, SessionContext } from '../types/index.ts';

export interface FunctionSession extends SessionContext {
  /** Microseconds since 1970-01-01 UTC when the statement started. */
  readonly statementTimestamp?: Int64;
}

/** The session with the statement's start time fixed (default: now, at microsecond resolution). */
export function withStatementTimestamp(session: SessionContext, micros: Int64 = currentMicros()): FunctionSession {
  return { ...session, statementTimestamp: micros };
}

/** The statement's start time; without one (a caller that did not wrap the session) the clock. */
export function statementTimestamp(session: SessionContext): Int64 {
  return (session as FunctionSession).statementTimestamp ?? currentMicros();
}

/** Wall-clock micros (millisecond resolution: Date is the only wall clock JS has). */
export function currentMicros(): number {
  return Date.now() * 1000;
}
