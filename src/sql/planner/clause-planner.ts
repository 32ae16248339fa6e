/** What the clause planners (grouping, ordering, set operations) use of the query planner. */
import type { BindContext } from '../binder/bind-expr.ts';
import type { Scope } from '../binder/scope.ts';
import type { SessionContext } from '../types/index.ts';
import type { PlannedQuery } from './planned-query.ts';

export interface ClausePlanner {
  readonly session: SessionContext;
  /** A binding context over `scope` for the clause named (in error messages). */
  bindContext(scope: Scope, clause: string): BindContext;
  /** Plans a query of this query's level (a set operation's branch). */
  planQuery(select: Record<string, unknown>): PlannedQuery;
}
