/** What a statement handler gets: the engine, the session's state, and the statement's text. */
import type { BindContext } from '../../binder/bind-expr.ts';
import type { SessionContext } from '../../types/index.ts';
import type { SqlEngine } from '../engine.ts';

export interface HandlerContext {
  readonly engine: SqlEngine;
  readonly session: SessionContext;
  /** The whole text the statement came from (spans point into it). */
  readonly text: string;
  readonly params?: readonly (string | null)[];
  readonly scalarFunction?: BindContext['scalarFunction'];
}
