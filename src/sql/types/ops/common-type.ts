/**
 * The common type of several expressions (CASE/COALESCE branches, UNION columns, VALUES rows,
 * IN lists), a port of PostgreSQL's select_common_type (parse_coerce.c): all unknown → text;
 * otherwise every known input must be in the first one's category; the preferred type of that
 * category wins, else a type every other input casts to implicitly.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import { TEXT, baseType, isPreferredType, sameType, typeCategory, type DataType } from '../data-type.ts';
import { formatTypeName } from '../type-names.ts';
import { canCoerceImplicitly } from './cast-rules.ts';

/**
 * @param context names the construct in errors, as PostgreSQL does: `CASE`, `UNION`, `COALESCE`.
 * @throws SqlError 42804 `CASE types integer and boolean cannot be matched`
 */
export function commonTypeOf(types: readonly DataType[], context = 'CASE'): DataType {
  const first = types[0];
  if (first === undefined) return TEXT;
  // Identical inputs keep their modifier (numeric(10,2) stays numeric(10,2)).
  if (types.every((t) => sameType(t, first))) return first.kind === 'unknown' ? TEXT : first;
  const known = types.filter((t) => t.kind !== 'unknown');
  if (known.length === 0) return TEXT;
  let pick = baseType(known[0]!);
  const cat = typeCategory(pick);
  for (const t0 of known.slice(1)) {
    const t = baseType(t0);
    if (t.kind === pick.kind) continue;
    if (typeCategory(t) !== cat) {
      throw new SqlError(SqlState.datatypeMismatch, `${context} types ${formatTypeName(pick)} and ${formatTypeName(t)} cannot be matched`);
    }
    // Move to t if pick casts implicitly to t and not back, or t is preferred (PostgreSQL's rule).
    if (!isPreferredType(pick) && canCoerceImplicitly(pick, t) && !canCoerceImplicitly(t, pick)) pick = t;
  }
  for (const t of known) {
    if (!canCoerceImplicitly(t, pick)) {
      throw new SqlError(SqlState.cannotCoerce, `${context} could not convert type ${formatTypeName(t)} to ${formatTypeName(pick)}`);
    }
  }
  return pick;
}

/** Two-input form for the binder: `commonType(INTEGER, NUMERIC)` → numeric. */
export const commonType = (a: DataType, b: DataType, context = 'CASE'): DataType => commonTypeOf([a, b], context);
