/**
 * The SQL error class, the SQLSTATE table and the type system's constructors live in
 * `src/errors/` (which every layer may import); they are named here too because the type
 * system and much of `sql/` import them from this path.
 */
export { SqlError, SqlState, divisionByZero, invalidInput, outOfRange, type SqlErrorObject } from '../../errors/index.ts';
