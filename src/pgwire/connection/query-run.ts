/**
 * One execution of SQL text by the session, pulled event by event, that a cancel request can
 * interrupt. Cancel asks the session to stop (`SqlSession.cancel`) and also ends the wait on
 * the session at once, so the client gets 57014 even if the engine is slow to notice.
 */
import { queryCanceled } from '../backend-error.ts';
import type { ExecuteEvent, SqlSession } from '../session.ts';

export class QueryRun {
  private readonly iterator: AsyncIterator<ExecuteEvent>;
  private readonly session: SqlSession;
  private canceled = false;
  private rejectWait: ((e: Error) => void) | null = null;
  private finished = false;

  constructor(session: SqlSession, events: AsyncIterable<ExecuteEvent>) {
    this.session = session;
    this.iterator = events[Symbol.asyncIterator]();
  }

  get isCanceled(): boolean {
    return this.canceled;
  }

  /** The next event, or null at the end; rejects with 57014 once canceled. */
  async next(): Promise<ExecuteEvent | null> {
    if (this.canceled) throw queryCanceled();
    const canceled = new Promise<never>((_, reject) => {
      this.rejectWait = reject;
    });
    try {
      const r = await Promise.race([this.iterator.next(), canceled]);
      if (r.done === true) {
        this.finished = true;
        return null;
      }
      return r.value;
    } finally {
      this.rejectWait = null;
    }
  }

  cancel(): void {
    if (this.canceled || this.finished) return;
    this.canceled = true;
    try {
      this.session.cancel();
    } finally {
      this.rejectWait?.(queryCanceled());
    }
  }

  /** Lets the session release what the execution holds (the iterator's `finally` blocks). */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    // Not awaited: a generator still blocked in its body finishes its return when it resumes.
    this.iterator.return?.().catch(() => {});
  }
}
