/**
 * Casts called as functions, as PostgreSQL resolves them (func_get_detail):
 *
 * - The casts PostgreSQL implements with a function are pg_proc rows named after the target
 *   type (`date(timestamptz)`, `int4(numeric)`, `float8(jsonb)`, but `text(boolean)` for
 *   boolean → varchar): CAST_FUNCTIONS lists them, and they resolve like any function.
 * - `typename(x)` with one argument and no exact overload is `x::typename` when the cast is a
 *   relabelling or goes through text (to or from a string type, json ↔ jsonb), or when x is an
 *   untyped literal: functionStyleCast. So `text(5)`, `int4('7')` and `date('2024-01-02')`
 *   work and `varchar(true)` does not, as in PostgreSQL.
 */
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, JSONB, JSON_TYPE, NUMERIC, REAL, SMALLINT, TEXT, TIME, TIMESTAMP, TIMESTAMPTZ, VARCHAR,
  canCast, castFunction, typeCategory, type DataType, type SessionContext,
} from '../types/index.ts';
import { fn, type FunctionSignature, type ResolvedFunction } from './function-signature.ts';

/** [function name, source, target] of pg_cast's function casts between Weir's types. */
const FUNCTION_CASTS: ReadonlyArray<readonly [string, DataType, DataType]> = [
  ['bool', INTEGER, BOOLEAN], ['bool', JSONB, BOOLEAN],
  ['date', TIMESTAMP, DATE], ['date', TIMESTAMPTZ, DATE],
  ...[BIGINT, SMALLINT, INTEGER, DOUBLE, NUMERIC, JSONB].map((t) => ['float4', t, REAL] as const),
  ...[BIGINT, SMALLINT, INTEGER, REAL, NUMERIC, JSONB].map((t) => ['float8', t, DOUBLE] as const),
  ...[BIGINT, INTEGER, REAL, DOUBLE, NUMERIC, JSONB].map((t) => ['int2', t, SMALLINT] as const),
  ...[BOOLEAN, BIGINT, SMALLINT, REAL, DOUBLE, NUMERIC, JSONB].map((t) => ['int4', t, INTEGER] as const),
  ...[SMALLINT, INTEGER, REAL, DOUBLE, NUMERIC, JSONB].map((t) => ['int8', t, BIGINT] as const),
  ['interval', TIME, INTERVAL],
  ...[BIGINT, SMALLINT, INTEGER, REAL, DOUBLE, JSONB].map((t) => ['numeric', t, NUMERIC] as const),
  ['text', BOOLEAN, TEXT],
  ['time', TIMESTAMP, TIME], ['time', TIMESTAMPTZ, TIME], ['time', INTERVAL, TIME],
  ['timestamp', DATE, TIMESTAMP], ['timestamp', TIMESTAMPTZ, TIMESTAMP],
  ['timestamptz', DATE, TIMESTAMPTZ], ['timestamptz', TIMESTAMP, TIMESTAMPTZ],
];

const zoned = (from: DataType, to: DataType): boolean => from.kind === 'timestamptz' || to.kind === 'timestamptz';

export const CAST_FUNCTIONS: readonly FunctionSignature[] = FUNCTION_CASTS.map(([name, from, to]) =>
  fn(name, [from], to, ([v], s) => (castFunction(from, to, 'e', s) as (x: unknown) => unknown)(v), zoned(from, to) ? { volatility: 'stable' } : {}));

/** The pg_type names a one-argument call may use as a cast (FuncNameAsType: `int4('5')`, not `integer('5')`). */
const TYPE_NAMED: Readonly<Record<string, DataType>> = {
  bool: BOOLEAN, int2: SMALLINT, int4: INTEGER, int8: BIGINT, float4: REAL, float8: DOUBLE, numeric: NUMERIC, text: TEXT, varchar: VARCHAR,
  date: DATE, time: TIME, timestamp: TIMESTAMP, timestamptz: TIMESTAMPTZ, interval: INTERVAL, jsonb: JSONB, json: JSON_TYPE,
};

/** Source > target of every function cast: those above, and boolean → varchar, which PostgreSQL does with text(boolean). */
const FUNCTION_PATH = new Set([...FUNCTION_CASTS.map(([, from, to]) => `${from.kind}>${to.kind}`), 'boolean>varchar']);
const isString = (t: DataType): boolean => typeCategory(t) === 'S';

/** `typename(x)` as `x::typename`, or undefined when PostgreSQL would not read it as a cast. */
export function functionStyleCast(name: string, inputs: readonly DataType[], session: SessionContext): ResolvedFunction | undefined {
  const target = Object.hasOwn(TYPE_NAMED, name) ? TYPE_NAMED[name] : undefined;
  const from = inputs[0];
  if (target === undefined || inputs.length !== 1 || from === undefined) return undefined;
  if (from.kind !== 'unknown') {
    // Relabelling (the same type, text ↔ varchar) or I/O conversion; a function cast has its own row.
    if (FUNCTION_PATH.has(`${from.kind}>${target.kind}`) || !canCast(from, target, 'e')) return undefined;
    const viaText = isString(from) || (isString(target) && from.kind !== 'record') || (from.kind === 'json' && target.kind === 'jsonb') || (from.kind === 'jsonb' && target.kind === 'json');
    if (from.kind !== target.kind && !viaText) return undefined;
  }
  const cast = castFunction(from, target, 'e', session) as (v: unknown) => unknown;
  return Object.freeze({
    name, argTypes: [from], returnType: target, impl: (args: readonly unknown[]) => cast(args[0]), strict: true,
    volatility: zoned(from, target) ? 'stable' as const : 'immutable' as const,
  });
}
