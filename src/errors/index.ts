/**
 * Errors with a SQLSTATE: the one table of codes (`SqlState`), the `SqlError` class and the
 * named constructors for the frequent ones.
 *
 * This folder imports nothing and every folder may import it (test/architecture.test.ts):
 * `sql/`, `catalog/` and `pgwire/` raise SQL errors, and so do `connectors/` (a table's
 * unique violation, 23505) and whatever in `runtime/` reports a coded limit, which cannot
 * import `sql/` without an arrow running back up. A SQLSTATE is PostgreSQL's protocol for
 * telling a client what went wrong, not SQL planning knowledge, so knowing the table does not
 * make a lower layer know SQL.
 */
export { SqlState, type SqlStateCode, type SqlStateName } from './sqlstate.ts';
export { SqlError, type SqlErrorObject, type SqlErrorOptions } from './sql-error.ts';
export {
  FUNCTION_CAST_HINT,
  ambiguousColumn,
  divisionByZero,
  duplicateColumn,
  duplicateConstraint,
  duplicateCursor,
  duplicateSchema,
  duplicateTable,
  invalidInput,
  notSupported,
  outOfRange,
  queryCanceled,
  syntaxError,
  undefinedColumn,
  undefinedColumnOf,
  undefinedCursor,
  undefinedFunction,
  undefinedParameter,
  undefinedSchema,
  undefinedTable,
} from './constructors.ts';
