/**
 * One error type for everything a client is told: `BackendError` carries the SQLSTATE and the
 * fields of an ErrorResponse. `toBackendError` is the one place where any thrown value becomes
 * one, so the SQL layer does not need to import pgwire: an error object with a five-character
 * `sqlState` (or `sqlstate`, or `code`) string, and optionally `detail`, `hint` and `position`, keeps them;
 * anything else is an internal error (XX000), which is a bug to report.
 *
 * @see https://www.postgresql.org/docs/15/protocol-error-fields.html
 */
import { SqlState } from '../errors/index.ts';

/** ERROR ends the statement; FATAL ends the connection too. */
export type ErrorSeverity = 'ERROR' | 'FATAL' | 'PANIC';
export type NoticeSeverity = 'WARNING' | 'NOTICE' | 'DEBUG' | 'INFO' | 'LOG';

export interface BackendErrorOptions {
  readonly severity?: ErrorSeverity;
  readonly detail?: string;
  readonly hint?: string;
  /** PostgreSQL's CONTEXT: where in the statement's work the error happened. */
  readonly context?: string;
  /** 1-based character (not byte) position in the statement text, as PostgreSQL reports it. */
  readonly position?: number;
  /** The schema, table, column and constraint an integrity violation is about (fields s, t, c, n). */
  readonly object?: { readonly schema: string; readonly table: string; readonly column?: string; readonly constraint?: string };
  readonly cause?: unknown;
}

/**
 * @example
 *   throw new BackendError(SqlState.undefinedTable, 'relation "bids" does not exist', { position: 15 });
 */
export class BackendError extends Error {
  readonly code: string;
  readonly severity: ErrorSeverity;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly position: number | undefined;
  readonly context: string | undefined;
  readonly object: BackendErrorOptions['object'];

  constructor(code: string, message: string, options: BackendErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackendError';
    this.code = code;
    this.severity = options.severity ?? 'ERROR';
    this.detail = options.detail;
    this.hint = options.hint;
    this.position = options.position;
    this.context = options.context;
    this.object = options.object;
  }

  /** The same error, ending the connection. */
  fatal(): BackendError {
    return new BackendError(this.code, this.message, { severity: 'FATAL', detail: this.detail, hint: this.hint, position: this.position, context: this.context, object: this.object, cause: this });
  }
}

/** A malformed or out-of-place message: the connection cannot be trusted to stay in sync. */
export class ProtocolViolation extends BackendError {
  constructor(message: string) {
    super(SqlState.protocolViolation, message, { severity: 'FATAL' });
    this.name = 'ProtocolViolation';
  }
}

const SQLSTATE_PATTERN = /^[0-9A-Z]{5}$/;

/** Maps any thrown value to the error the client sees. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (typeof e === 'object' && e !== null) {
    const o = e as { sqlState?: unknown; sqlstate?: unknown; code?: unknown; message?: unknown; detail?: unknown; hint?: unknown; position?: unknown; context?: unknown; object?: unknown };
    const object = o.object as BackendErrorOptions['object'] | undefined;
    const code = typeof o.sqlState === 'string' ? o.sqlState : typeof o.sqlstate === 'string' ? o.sqlstate : o.code;
    if (typeof code === 'string' && SQLSTATE_PATTERN.test(code)) {
      return new BackendError(code, typeof o.message === 'string' ? o.message : String(e), {
        detail: typeof o.detail === 'string' ? o.detail : undefined,
        hint: typeof o.hint === 'string' ? o.hint : undefined,
        context: typeof o.context === 'string' ? o.context : undefined,
        position: typeof o.position === 'number' && o.position > 0 ? o.position : undefined,
        object: object !== undefined && typeof object === 'object' && typeof object.table === 'string' ? object : undefined,
        cause: e,
      });
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  return new BackendError(SqlState.internalError, `internal error: ${message}`, {
    hint: 'This is a bug in Weir; please report it with the statement that caused it.',
    cause: e,
  });
}

export function queryCanceled(): BackendError {
  return new BackendError(SqlState.queryCanceled, 'canceling statement due to user request');
}
