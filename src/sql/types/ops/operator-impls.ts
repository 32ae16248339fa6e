/**
 * The functions behind operator-catalog.ts's `impl` names, for the expression compiler:
 * it resolves an operator once, then emits a direct call `impl(a, b, session)` per row (after
 * its own NULL check: every function here takes non-null values). Comparisons are not listed;
 * they use compare.ts's comparatorFor on the operator's common argument type.
 */
import type { SqlValue, Int64 } from '../values.ts';
import type { SessionContext } from '../session.ts';
import { concatText } from '../resource-limits.ts';
import { concatBytea } from '../bytea/bytea-ops.ts';
import * as I from './integer-ops.ts';
import * as F from './float-ops.ts';
import * as N from '../numeric/numeric-arith.ts';
import * as D from './datetime-ops.ts';
import * as V from './interval-ops.ts';
import type { Decimal } from '../numeric/decimal.ts';
import type { Interval } from '../interval/interval.ts';
import { JSONB_NULL, JsonbObject, type Jsonb } from '../jsonb/jsonb-value.ts';
import { formatJsonb } from '../jsonb/jsonb-text.ts';
import { SqlError, SqlState } from '../sql-error.ts';

export type OperatorImpl = (a: any, b: any, session: SessionContext) => SqlValue | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- each impl fixes its own argument types

const n = (f: (a: number, b: number) => number): OperatorImpl => f;
const i8 = (f: (a: Int64, b: Int64) => Int64): OperatorImpl => f;
const dec = (f: (a: Decimal, b: Decimal) => Decimal): OperatorImpl => f;

function jsonbField(j: Jsonb, key: string): Jsonb | null {
  return j instanceof JsonbObject ? (j.get(key) ?? null) : null;
}
function jsonbElement(j: Jsonb, i: number): Jsonb | null {
  if (!Array.isArray(j)) return null;
  const arr = j as readonly Jsonb[];
  return arr[i < 0 ? arr.length + i : i] ?? null;
}
/** `->>`: strings unquoted, JSON null as SQL NULL, everything else as jsonb text. */
function asText(j: Jsonb | null): string | null {
  if (j === null || j === JSONB_NULL) return null;
  return typeof j === 'string' ? j : formatJsonb(j);
}

/** `jsonb - text`: drop a key (and, on an array, string elements equal to it). */
function jsonbDeleteKey(j: Jsonb, key: string): Jsonb {
  if (j instanceof JsonbObject) {
    const i = j.keys.indexOf(key);
    return i < 0 ? j : new JsonbObject(j.keys.filter((_, k) => k !== i), j.values.filter((_, k) => k !== i));
  }
  if (Array.isArray(j)) return (j as readonly Jsonb[]).filter((e) => e !== key);
  throw new SqlError(SqlState.invalidParameterValue, 'cannot delete from scalar');
}
/** `jsonb - integer`: drop an array element (negative counts from the end). */
function jsonbDeleteElement(j: Jsonb, i: number): Jsonb {
  if (j instanceof JsonbObject) throw new SqlError(SqlState.invalidParameterValue, 'cannot delete from object using integer index');
  if (!Array.isArray(j)) throw new SqlError(SqlState.invalidParameterValue, 'cannot delete from scalar');
  const arr = j as readonly Jsonb[];
  const at = i < 0 ? arr.length + i : i;
  return arr.filter((_, k) => k !== at);
}

/** int2 results wrap to 16 bits, as PostgreSQL's int2 operators cast the C result. */
const int16 = (x: number): number => (x << 16) >> 16;
const big = (v: Int64): bigint => BigInt(v);
const int64 = (v: bigint): Int64 => {
  const x = BigInt.asIntN(64, v);
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
};
const BITWISE: Record<string, OperatorImpl> = {
  int2BitAnd: n((a, b) => a & b), int2BitOr: n((a, b) => a | b), int2BitXor: n((a, b) => a ^ b), int2BitNot: (_a, b: number) => ~b,
  int2Shl: n((a, b) => int16(a << b)), int2Shr: n((a, b) => a >> b),
  int4BitAnd: n((a, b) => a & b), int4BitOr: n((a, b) => a | b), int4BitXor: n((a, b) => a ^ b), int4BitNot: (_a, b: number) => ~b,
  int4Shl: n((a, b) => a << b), int4Shr: n((a, b) => a >> b),
  int8BitAnd: i8((a, b) => int64(big(a) & big(b))), int8BitOr: i8((a, b) => int64(big(a) | big(b))), int8BitXor: i8((a, b) => int64(big(a) ^ big(b))),
  int8BitNot: (_a, b: Int64) => int64(~big(b)),
  // C shifts an int64 by the count modulo 64.
  int8Shl: (a: Int64, b: number) => int64(big(a) << BigInt(b & 63)), int8Shr: (a: Int64, b: number) => int64(big(a) >> BigInt(b & 63)),
};

export const OPERATOR_IMPLS: Readonly<Record<string, OperatorImpl>> = {
  ...BITWISE,
  int2Add: n(I.int2Add), int2Sub: n(I.int2Sub), int2Mul: n(I.int2Mul), int2Div: n(I.int2Div), int2Mod: n(I.int2Mod),
  int4Add: n(I.int4Add), int4Sub: n(I.int4Sub), int4Mul: n(I.int4Mul), int4Div: n(I.int4Div), int4Mod: n(I.int4Mod),
  int8Add: i8(I.int8Add), int8Sub: i8(I.int8Sub), int8Mul: i8(I.int8Mul), int8Div: i8(I.int8Div), int8Mod: i8(I.int8Mod),
  int2Neg: (_a, b) => I.int2Neg(b), int4Neg: (_a, b) => I.int4Neg(b), int8Neg: (_a, b) => I.int8Neg(b),
  float4Add: n(F.float4Add), float4Sub: n(F.float4Sub), float4Mul: n(F.float4Mul), float4Div: n(F.float4Div),
  float8Add: n(F.float8Add), float8Sub: n(F.float8Sub), float8Mul: n(F.float8Mul), float8Div: n(F.float8Div),
  floatNeg: (_a, b: number) => -b,
  identity: (_a, b) => b,
  decimalAdd: dec(N.decimalAdd), decimalSub: dec(N.decimalSub), decimalMul: dec(N.decimalMul),
  decimalDiv: dec(N.decimalDiv), decimalMod: dec(N.decimalMod), decimalNeg: (_a, b) => N.decimalNeg(b),
  intervalNeg: (_a, b) => V.intervalNeg(b),
  datePlusDays: D.datePlusDays, daysPlusDate: (a, b) => D.datePlusDays(b, a), dateMinusDays: D.dateMinusDays,
  dateMinusDate: D.dateMinusDate, datePlusInterval: D.datePlusInterval, intervalPlusDate: (a, b) => D.datePlusInterval(b, a),
  dateMinusInterval: D.dateMinusInterval, datePlusTime: D.datePlusTime, timePlusDate: (a, b) => D.datePlusTime(b, a),
  timestampPlusInterval: D.timestampPlusInterval, intervalPlusTimestamp: (a, b) => D.timestampPlusInterval(b, a),
  timestampMinusInterval: D.timestampMinusInterval, timestampMinusTimestamp: D.timestampMinusTimestamp,
  timestamptzPlusInterval: (a, b, s) => D.timestamptzPlusInterval(a, b, s.timeZone),
  intervalPlusTimestamptz: (a, b, s) => D.timestamptzPlusInterval(b, a, s.timeZone),
  timestamptzMinusInterval: (a, b, s) => D.timestamptzMinusInterval(a, b, s.timeZone),
  timePlusInterval: D.timePlusInterval, intervalPlusTime: (a, b) => D.timePlusInterval(b, a),
  timeMinusInterval: D.timeMinusInterval, timeMinusTime: D.timeMinusTime,
  intervalAdd: V.intervalAdd, intervalSub: V.intervalSub, intervalMul: V.intervalMul,
  doubleMulInterval: (a: number, b: Interval) => V.intervalMul(b, a), intervalDiv: V.intervalDiv,
  textConcat: concatText,
  byteaConcat: concatBytea,
  jsonbField, jsonbElement, jsonbDeleteKey, jsonbDeleteElement,
  jsonbFieldText: (a: Jsonb, b: string) => asText(jsonbField(a, b)),
  jsonbElementText: (a: Jsonb, b: number) => asText(jsonbElement(a, b)),
};
