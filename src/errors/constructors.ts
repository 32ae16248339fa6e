/**
 * The errors Weir raises often, each worded as PostgreSQL words it (tests compare messages
 * with a real PostgreSQL's, so a constructor's text must not drift). The rest are
 * `new SqlError(SqlState.name, message)` at their one call site.
 */
import { SqlError } from './sql-error.ts';
import { SqlState } from './sqlstate.ts';

/** `FILTER on window functions is not supported yet`: a form Weir knows and refuses, 0A000. */
export function notSupported(what: string, hint?: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${what} is not supported yet`, hint === undefined ? {} : { hint });
}

/** 42601 with a message of its own (`subquery must return only one column`). */
export function syntaxError(message: string, options?: { detail?: string; hint?: string }): SqlError {
  return new SqlError(SqlState.syntaxError, message, options);
}

/** `column "prise" does not exist`, with PostgreSQL's hint when a column of a near name is in scope. */
export function undefinedColumn(name: string, nearest?: string | null): SqlError {
  return new SqlError(SqlState.undefinedColumn, `column "${name}" does not exist`, nearest == null ? {} : { hint: `Perhaps you meant to reference the column "${nearest}".` });
}

/** `column "x" of relation "t" does not exist`: a target column of INSERT, UPDATE or COPY. */
export function undefinedColumnOf(name: string, relation: string): SqlError {
  return new SqlError(SqlState.undefinedColumn, `column "${name}" of relation "${relation}" does not exist`);
}

/** `column reference "a" is ambiguous`. */
export function ambiguousColumn(name: string): SqlError {
  return new SqlError(SqlState.ambiguousColumn, `column reference "${name}" is ambiguous`);
}

/** `column "a" specified more than once`. */
export function duplicateColumn(name: string): SqlError {
  return new SqlError(SqlState.duplicateColumn, `column "${name}" specified more than once`);
}

/** `relation "t" does not exist` (PostgreSQL's ERRCODE_UNDEFINED_TABLE). */
export function undefinedTable(name: string): SqlError {
  return new SqlError(SqlState.undefinedTable, `relation "${name}" does not exist`);
}

/** `relation "t" already exists`. */
export function duplicateTable(name: string): SqlError {
  return new SqlError(SqlState.duplicateTable, `relation "${name}" already exists`);
}

/** `schema "s" does not exist` (3F000, PostgreSQL's ERRCODE_UNDEFINED_SCHEMA). */
export function undefinedSchema(name: string): SqlError {
  return new SqlError(SqlState.invalidSchemaName, `schema "${name}" does not exist`);
}

/** `schema "s" already exists`. */
export function duplicateSchema(name: string): SqlError {
  return new SqlError(SqlState.duplicateSchema, `schema "${name}" already exists`);
}

/** PostgreSQL's hint when no function of a name takes the argument types given. */
export const FUNCTION_CAST_HINT = 'No function matches the given name and argument types. You might need to add explicit type casts.';

/** `function f(integer, text) does not exist`: `argTypes` as PostgreSQL formats them. */
export function undefinedFunction(name: string, argTypes: readonly string[], hint?: string): SqlError {
  return new SqlError(SqlState.undefinedFunction, `function ${name}(${argTypes.join(', ')}) does not exist`, hint === undefined ? {} : { hint });
}

/** `constraint "c" for relation "t" already exists` (42710 duplicate_object). */
export function duplicateConstraint(name: string, relation: string): SqlError {
  return new SqlError(SqlState.duplicateObject, `constraint "${name}" for relation "${relation}" already exists`);
}

/** `cursor "c" does not exist` (34000, PostgreSQL's ERRCODE_UNDEFINED_CURSOR). */
export function undefinedCursor(name: string): SqlError {
  return new SqlError(SqlState.invalidCursorName, `cursor "${name}" does not exist`);
}

/** `cursor "c" already exists`. */
export function duplicateCursor(name: string): SqlError {
  return new SqlError(SqlState.duplicateCursor, `cursor "${name}" already exists`);
}

/** `there is no parameter $3`: `n` is 1-based, as written in the statement. */
export function undefinedParameter(n: number): SqlError {
  return new SqlError(SqlState.undefinedParameter, `there is no parameter $${n}`);
}

/** A cancel request (or a closed cursor or subscription) ended the statement. */
export function queryCanceled(): SqlError {
  return new SqlError(SqlState.queryCanceled, 'canceling statement due to user request');
}

/** `invalid input syntax for type integer: "abc"` — PostgreSQL's wording for every input function. */
export function invalidInput(typeName: string, text: string): SqlError {
  return new SqlError(SqlState.invalidTextRepresentation, `invalid input syntax for type ${typeName}: "${text}"`);
}

/** `integer out of range` and friends. */
export function outOfRange(typeName: string): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, `${typeName} out of range`);
}

export function divisionByZero(): SqlError {
  return new SqlError(SqlState.divisionByZero, 'division by zero');
}
