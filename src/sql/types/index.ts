/**
 * Weir's SQL type system: data types, runtime values (see values.ts for the representation),
 * PostgreSQL-exact text I/O, arithmetic, casts and operator resolution.
 * This file names the public surface; import from here outside src/sql/types.
 */
export * from './data-type.ts';
export { formatType, formatTypeName, formatTypeOfOid, parseTypeName, parseIntervalFields } from './type-names.ts';
export type { Int64, SqlValue } from './values.ts';
export { SqlError, SqlState } from './sql-error.ts';
export { MAX_TEXT_LENGTH, checkArrayLength, checkTextLength, concatText, joinText, outOfMemory, requestedLengthTooLarge, resourceLimitError, stackDepthExceeded, textAppendCheck } from './resource-limits.ts';
export { DEFAULT_SESSION, sessionWithTimeZone, type SessionContext } from './session.ts';
export { timeZone, UTC, type TimeZone } from './datetime/timezone.ts';
export { formatValue, formatterFor, parseValue, parserFor, type Formatter, type Parser } from './text-io.ts';
export * as int64 from './int64.ts';
export { Decimal, DECIMAL_NAN, DECIMAL_PINF, DECIMAL_NINF, decimalCmp, decimalKey, decimalFromInt } from './numeric/decimal.ts';
export { parseNumeric, applyNumericTypmod } from './numeric/numeric-text.ts';
export * as numeric from './numeric/numeric-arith.ts';
export { makeInterval, intervalCmp, type Interval } from './interval/interval.ts';
export { parseInterval, applyIntervalTypmod } from './interval/interval-parse.ts';
export { JSONB_NULL, JsonbObject, type Jsonb } from './jsonb/jsonb-value.ts';
export { bpcharFit, bpcharLength, bpcharTrim } from './bpchar/bpchar.ts';
export { concatBytea } from './bytea/bytea-ops.ts';
export { decodeEscape, decodeHex, formatBytea, hexDigits, ownBytes, parseBytea } from './bytea/bytea-text.ts';
export { parseJsonb, formatJsonb } from './jsonb/jsonb-text.ts';
export { resolveBinaryOperator } from './ops/resolve-operator.ts';
export { commonType, commonTypeOf } from './ops/common-type.ts';
export { castContext, canCast, canCoerceImplicitly, type CastContext } from './ops/cast-rules.ts';
export { castFunction, type CastFn } from './ops/casts.ts';
export { OPERATORS, type OperatorSignature } from './ops/operator-catalog.ts';
export { OPERATOR_IMPLS, type OperatorImpl } from './ops/operator-impls.ts';
export { comparatorFor, hashKeyFor, and3, or3, not3, compare3, isDistinctFrom, type Comparator } from './ops/compare.ts';
export * as integerOps from './ops/integer-ops.ts';
export * as floatOps from './ops/float-ops.ts';
export * as datetimeOps from './ops/datetime-ops.ts';
export * as intervalOps from './ops/interval-ops.ts';
