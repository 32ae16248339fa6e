/**
 * Weir's built-in scalar functions and the operators the type system's catalogue lacks, with
 * PostgreSQL's overload resolution. This is the surface the binder uses.
 *
 * ## Contract
 * ```ts
 * const f = resolveFunction('date_trunc', [null, TIMESTAMPTZ], session); // null = untyped literal
 * f.argTypes    // [text, timestamp with time zone]: cast each argument to these (castFunction, 'i')
 * f.returnType  // timestamp with time zone
 * f.strict      // true: if any argument is NULL the result is NULL and impl is not called
 * f.volatility  // 'stable': constant-fold only within one statement
 * f.impl([unit, ts], withStatementTimestamp(session))
 * ```
 * - `impl(args, session)` receives values already cast to `argTypes`, in the runtime
 *   representation of src/sql/types/values.ts, and returns one (or null). Non-strict functions
 *   (concat, concat_ws, format, quote_nullable, jsonb_build_*, jsonb_extract_path*) handle NULLs
 *   themselves. `"any"` parameters (concat, format, to_jsonb, jsonb_build_*) take the argument's
 *   own type, an untyped literal becoming text.
 * - now()/current_timestamp/statement_timestamp read `statementTimestamp` from the session:
 *   wrap the session once per statement with `withStatementTimestamp`.
 * - Errors are SqlError with PostgreSQL's SQLSTATE: 42883 `function f(integer) does not exist`
 *   (HINT as PostgreSQL's), 42725 when ambiguous; run-time errors as each function documents.
 * - Syntax forms reach the catalogue under PostgreSQL's rewritten names: TRIM → btrim/ltrim/rtrim,
 *   POSITION(a IN b) → position(b, a), SUBSTRING(x FROM a FOR b) → substring(x, a, b),
 *   EXTRACT(f FROM x) → extract('f', x), x AT TIME ZONE z → timezone(z, x), CURRENT_TIMESTAMP →
 *   now(), CURRENT_DATE → current_date(), LOCALTIMESTAMP → localtimestamp(), LIKE → `~~`,
 *   `LIKE p ESCAPE e` → `~~` with like_escape(p, e). A `pg_catalog.` prefix is accepted.
 * - COALESCE, NULLIF, GREATEST, LEAST are expressions the binder owns; conditional.ts gives their
 *   typing and evaluation. Aggregates are classified by isAggregateName and not resolved here.
 * - make_interval's named arguments: MAKE_INTERVAL_PARAMS gives the positions.
 */
export type { ResolvedFunction, FunctionImpl, Volatility, FunctionSignature } from './function-signature.ts';
export { resolveFunction } from './resolve-function.ts';
export { resolveOperatorFunction, resolvePrefixOperatorFunction, EXTENDED_OPERATORS } from './operator-functions.ts';
export { isAggregateName } from './aggregate-names.ts';
export { FUNCTIONS, functionNames } from './function-catalog.ts';
export { withStatementTimestamp, statementTimestamp, type FunctionSession } from './session-clock.ts';
export { coalesce, coalesceType, greatestType, leastType, minMaxImpl, nullifImpl, nullifTyping } from './conditional.ts';
export { MAKE_INTERVAL_PARAMS } from './datetime/datetime-functions.ts';
export { isSetReturningName, resolveSetReturning, setReturningFunctionsNamed, type SetReturningFunction, type SetReturningColumn } from './set-returning/set-returning-functions.ts';
