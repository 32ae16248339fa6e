/**
 * Operator resolution, a port of PostgreSQL's oper_select_candidate / func_select_candidate
 * (parse_oper.c, parse_func.c; docs "Type Conversion › Operators") over operator-catalog.ts:
 *   1. an exact match (an unknown literal opposite a known type counts as that type);
 *   2. else the candidates whose arguments the inputs reach by implicit casts;
 *   3. keep those with the most exact matches, then the most preferred types where a cast is
 *      needed, then resolve unknown inputs by type category (string wins), then assume an
 *      unknown is the same type as the known argument;
 *   4. one left → it; none → 42883; several → 42725.
 */
import { SqlError, SqlState } from '../sql-error.ts';
import { UNKNOWN, baseType, isPreferredType, typeCategory, type DataType, type TypeCategory } from '../data-type.ts';
import { formatTypeName } from '../type-names.ts';
import { canCoerceImplicitly } from './cast-rules.ts';
import { operatorsNamed, type OperatorSignature } from './operator-catalog.ts';

/**
 * Resolves `left <op> right` (left null for a prefix operator) to an operator signature; the
 * binder then casts each input to the signature's argument type.
 *
 * @example resolveBinaryOperator('+', INTEGER, NUMERIC).result // numeric
 * @throws SqlError 42883 `operator does not exist: integer + boolean`, 42725 when ambiguous
 */
export function resolveBinaryOperator(op: string, left: DataType | null, right: DataType): OperatorSignature {
  const inputs = (left === null ? [right] : [left, right]).map(baseType);
  const candidates = operatorsNamed(op, left === null);
  const argsOf = (o: OperatorSignature): DataType[] => (o.left === null ? [o.right] : [o.left, o.right]);
  const same = (a: DataType, b: DataType): boolean => a.kind === b.kind;

  // 1. Exact match, with an unknown beside a known type taken as that type (binary_oper_exact).
  let probe = inputs;
  if (inputs.length === 2) {
    const [l, r] = inputs as [DataType, DataType];
    if (l.kind === 'unknown' && r.kind !== 'unknown') probe = [r, r];
    else if (r.kind === 'unknown' && l.kind !== 'unknown') probe = [l, l];
  }
  for (const c of candidates) if (argsOf(c).every((a, i) => same(a, probe[i]!))) return c;

  // 2. Candidates reachable by implicit coercion.
  let cands = candidates.filter((c) => argsOf(c).every((a, i) => canCoerceImplicitly(inputs[i]!, a)));
  const fail = (): never => {
    throw new SqlError(SqlState.undefinedFunction, `operator does not exist: ${describe(op, left, right)}`, {
      hint: 'No operator matches the given name and argument types. You might need to add explicit type casts.',
    });
  };
  if (cands.length === 0) fail();
  if (cands.length === 1) return cands[0]!;

  const isUnknown = inputs.map((t) => t.kind === 'unknown');
  // 3a. Most exact matches on known inputs.
  cands = keepMax(cands, (c) => argsOf(c).filter((a, i) => !isUnknown[i] && same(a, inputs[i]!)).length);
  if (cands.length === 1) return cands[0]!;
  // 3b. Most known inputs matched exactly or by a preferred type of the input's category.
  cands = keepMax(cands, (c) => argsOf(c).filter((a, i) => !isUnknown[i]
    && (same(a, inputs[i]!) || (isPreferredType(a) && typeCategory(a) === typeCategory(inputs[i]!)))).length);
  if (cands.length === 1) return cands[0]!;

  // 3c. Unknown inputs: choose a category per position (string if any candidate takes one);
  // if any position has no single answer, PostgreSQL skips this step altogether.
  if (isUnknown.some(Boolean)) {
    const chosen: Array<{ cat: TypeCategory; preferred: boolean } | undefined> = [];
    let resolved = true;
    for (let i = 0; i < inputs.length && resolved; i++) {
      if (!isUnknown[i]) continue;
      const cats = new Set<TypeCategory>(cands.map((c) => typeCategory(argsOf(c)[i]!)));
      const cat = cats.has('S') ? 'S' : cats.size === 1 ? [...cats][0]! : undefined;
      if (cat === undefined) resolved = false;
      else chosen[i] = { cat, preferred: cands.some((c) => typeCategory(argsOf(c)[i]!) === cat && isPreferredType(argsOf(c)[i]!)) };
    }
    if (resolved) {
      const kept = cands.filter((c) => argsOf(c).every((a, i) => {
        const ch = chosen[i];
        return ch === undefined || (typeCategory(a) === ch.cat && (!ch.preferred || isPreferredType(a)));
      }));
      if (kept.length > 0) cands = kept;
    }
    if (cands.length === 1) return cands[0]!;
    // 3d. Unknowns assumed to be the type of the known inputs, if those agree.
    const known = inputs.filter((t, i) => !isUnknown[i]);
    if (known.length > 0 && known.every((t) => same(t, known[0]!))) {
      const k = known[0]!;
      const fit = cands.filter((c) => argsOf(c).every((a, i) => !isUnknown[i] || canCoerceImplicitly(k, a)));
      if (fit.length === 1) return fit[0]!;
    }
  }
  throw new SqlError(SqlState.ambiguousFunction, `operator is not unique: ${describe(op, left, right)}`, {
    hint: 'Could not choose a best candidate operator. You might need to add explicit type casts.',
  });
}

function keepMax<T>(xs: T[], score: (x: T) => number): T[] {
  let best = -1;
  let out: T[] = [];
  for (const x of xs) {
    const s = score(x);
    if (s > best) { best = s; out = [x]; } else if (s === best) out.push(x);
  }
  return out;
}

function describe(op: string, left: DataType | null, right: DataType): string {
  return left === null ? `${op} ${formatTypeName(right)}` : `${formatTypeName(left)} ${op} ${formatTypeName(right)}`;
}

export { UNKNOWN };
