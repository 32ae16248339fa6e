/**
 * Function-call resolution as PostgreSQL's func_get_detail: candidates by name and argument
 * count (VARIADIC parameters expand to the call's length, defaulted trailing parameters may be
 * left out), an exact match on the argument types first, then a function-style cast
 * (`text(5)`, cast-functions.ts), else select-candidate.ts's rules.
 */
import { DEFAULT_SESSION, SqlError, SqlState, UNKNOWN, baseType, formatTypeName, type DataType, type SessionContext } from '../types/index.ts';
import { functionStyleCast } from './cast-functions.ts';
import type { FunctionSignature, ParamType, ResolvedFunction } from './function-signature.ts';
import { functionsNamed } from './function-catalog.ts';
import { argTypeFor, sameParam, selectCandidate } from './select-candidate.ts';
import { undefinedFunction, FUNCTION_CAST_HINT } from '../../errors/index.ts';

interface Expanded { readonly sig: FunctionSignature; readonly params: readonly ParamType[] }

/** The signature's parameter list for a call with `n` arguments, or undefined if it cannot take n. */
function expand(sig: FunctionSignature, n: number): Expanded | undefined {
  const fixed = sig.params.length;
  if (sig.variadic !== null) {
    if (n < fixed + 1) return undefined;
    const params = sig.params.slice();
    while (params.length < n) params.push(sig.variadic);
    return { sig, params };
  }
  if (n > fixed || n < sig.minArgs) return undefined;
  return { sig, params: n === fixed ? sig.params : sig.params.slice(0, n) };
}

/**
 * Resolves `name(args…)`. `null` in argTypes is an untyped literal (PostgreSQL's unknown).
 *
 * @example resolveFunction('round', [NUMERIC, INTEGER]).returnType // numeric
 * @throws SqlError 42883 `function f(integer) does not exist`, 42725 when ambiguous
 */
export function resolveFunction(name: string, argTypes: readonly (DataType | null)[], session: SessionContext = DEFAULT_SESSION): ResolvedFunction {
  const canonical = name.startsWith('pg_catalog.') ? name.slice(11) : name;
  const inputs = argTypes.map((t) => (t === null ? UNKNOWN : baseType(t)));
  const cands: Expanded[] = [];
  for (const sig of functionsNamed(canonical)) {
    const e = expand(sig, inputs.length);
    if (e !== undefined) cands.push(e);
  }
  const exact = cands.find((c) => c.params.every((p, i) => sameParam(p, inputs[i]!)));
  if (exact !== undefined) return bindCandidate(exact, inputs);
  const coercion = functionStyleCast(canonical, inputs, session);
  if (coercion !== undefined) return coercion;
  const s = selectCandidate(inputs, cands, (c) => c.params);
  if (s.kind === 'one') return bindCandidate(s.candidate, inputs);
  const call = `${canonical}(${inputs.map(formatTypeName).join(', ')})`;
  if (s.kind === 'none') {
    throw undefinedFunction(canonical, inputs.map(formatTypeName), FUNCTION_CAST_HINT);
  }
  throw new SqlError(SqlState.ambiguousFunction, `function ${call} is not unique`, {
    hint: 'Could not choose a best candidate function. You might need to add explicit type casts.',
  });
}

/** `"any"` parameters take the input's own type (an unknown literal becomes text). */
function bindCandidate(c: Expanded, inputs: readonly DataType[]): ResolvedFunction {
  if (c.params.some((p) => p.kind === 'other')) {
    throw new SqlError(SqlState.featureNotSupported, `function ${c.sig.name}(${inputs.map(formatTypeName).join(', ')}) resolves to an argument type Weir does not support`, {
      hint: 'Add an explicit cast to a supported type.',
    });
  }
  if (c.params.some((p, i) => p.kind === 'any' && p.polymorphic && inputs[i]!.kind === 'unknown')) {
    throw new SqlError(SqlState.datatypeMismatch, 'could not determine polymorphic type because input has type unknown');
  }
  const { sig } = c;
  const argTypes = c.params.map((p, i) => (sig.keepsUnknown && p.kind === 'any' ? inputs[i]! : argTypeFor(p, inputs[i]!)));
  const returnType = sig.resultFor === null ? sig.result : sig.resultFor(argTypes);
  return Object.freeze({
    name: sig.name, argTypes, returnType, impl: sig.bind(argTypes), strict: sig.strict, volatility: sig.volatility,
  });
}
