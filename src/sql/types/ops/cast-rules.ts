/**
 * Which casts exist and where they may be applied, as PostgreSQL's pg_cast (castcontext):
 * 'i' implicitly in expressions, 'a' on assignment (INSERT/UPDATE targets), 'e' only by an
 * explicit CAST or `::`. The binder uses this for operator resolution, common types and
 * INSERT coercion. Casts to and from text through the I/O functions follow PostgreSQL:
 * any type → string types on assignment, string types → any type explicitly.
 */
import type { DataType, TypeKind } from '../data-type.ts';

export type CastContext = 'i' | 'a' | 'e';

const CASTS: Partial<Record<TypeKind, Partial<Record<TypeKind, CastContext>>>> = {
  smallint: { integer: 'i', bigint: 'i', real: 'i', double: 'i', numeric: 'i' },
  integer: { smallint: 'a', bigint: 'i', real: 'i', double: 'i', numeric: 'i', boolean: 'e' },
  bigint: { smallint: 'a', integer: 'a', real: 'i', double: 'i', numeric: 'i' },
  real: { smallint: 'a', integer: 'a', bigint: 'a', double: 'i', numeric: 'a' },
  double: { smallint: 'a', integer: 'a', bigint: 'a', real: 'a', numeric: 'a' },
  numeric: { smallint: 'a', integer: 'a', bigint: 'a', real: 'i', double: 'i' },
  boolean: { integer: 'e' },
  text: { varchar: 'i', bpchar: 'i' },
  varchar: { text: 'i', bpchar: 'i' },
  bpchar: { text: 'i', varchar: 'i' },
  date: { timestamp: 'i', timestamptz: 'i' },
  timestamp: { date: 'a', time: 'a', timestamptz: 'i' },
  timestamptz: { date: 'a', time: 'a', timestamp: 'a' },
  time: { interval: 'i' },
  interval: { time: 'a' },
  jsonb: { boolean: 'e', numeric: 'e', smallint: 'e', integer: 'e', bigint: 'e', real: 'e', double: 'e', json: 'a' },
  json: { jsonb: 'a' },
};

const RANK: Record<CastContext, number> = { i: 0, a: 1, e: 2 };

/** The least context in which `from` can be cast to `to`, or null if no cast exists. */
export function castContext(from: DataType, to: DataType): CastContext | null {
  // Arrays cast as their elements do (int[] → bigint[] implicitly, text[] → int[] explicitly).
  if (from.kind === 'array' && to.kind === 'array') return castContext(from.element, to.element);
  if (from.kind === to.kind) return 'i'; // length/precision coercion is implicit
  if (from.kind === 'unknown') return 'i';
  const direct = CASTS[from.kind]?.[to.kind];
  if (direct !== undefined) return direct;
  if (to.kind === 'text' || to.kind === 'varchar' || to.kind === 'bpchar') return 'a'; // I/O conversion cast
  if (from.kind === 'text' || from.kind === 'varchar' || from.kind === 'bpchar') return to.kind === 'unknown' ? null : 'e';
  return null;
}

/** Whether `from` may be cast to `to` in context `ctx` ('i' ⊂ 'a' ⊂ 'e'). */
export function canCast(from: DataType, to: DataType, ctx: CastContext): boolean {
  const c = castContext(from, to);
  return c !== null && RANK[c] <= RANK[ctx];
}

export const canCoerceImplicitly = (from: DataType, to: DataType): boolean => canCast(from, to, 'i');
