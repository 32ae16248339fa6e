/** What a statement handler gets: the engine, the session's state, and the statement's text. */
import type { BindContext } from '../../binder/bind-expr.ts';
import type { SessionContext } from '../../types/index.ts';
import type { SqlEngine } from '../engine.ts';
import type { Cursor } from './cursors.ts';

export interface HandlerContext {
  readonly engine: SqlEngine;
  readonly session: SessionContext;
  /** The whole text the statement came from (spans point into it). */
  readonly text: string;
  readonly params?: readonly (string | null)[];
  readonly scalarFunction?: BindContext['scalarFunction'];
  /** The session's settings (SET name = value), lower-case names. */
  readonly settings?: Map<string, string>;
  /**
   * COPY ... FROM STDIN: asks the client for the data (`columns` columns) and gives its bytes
   * as they arrive; ends at the client's CopyDone, throws at its CopyFail. Absent where the
   * connection cannot carry COPY data (the extended protocol).
   */
  readonly copyIn?: (columns: number) => AsyncIterable<Uint8Array>;
  /**
   * Aborted when the statement must stop (a cancel request, statement_timeout, the client
   * leaving); its reason is the error to report.
   */
  readonly signal?: AbortSignal;
  /** The session's open cursors (DECLARE ... CURSOR), by name. */
  readonly cursors?: Map<string, Cursor>;
}

/** `SET implicit_flush = true` (RisingWave's RW_IMPLICIT_FLUSH): every write waits for the views. */
export function implicitFlush(h: HandlerContext): boolean {
  const v = h.settings?.get('rw_implicit_flush') ?? h.settings?.get('implicit_flush');
  return v !== undefined && ['true', 'on', '1', 't', 'yes'].includes(v.toLowerCase());
}
