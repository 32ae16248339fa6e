/**
 * Operators in the same shape as functions. The type system's catalogue (types/ops) has the
 * arithmetic, comparison, `->`/`->>` and `text || text` operators; this file adds what it
 * lacks — `||` with a non-text side (anytextcat/textanycat) and on jsonb, `#>`, `#>>`, `@>`,
 * `<@`, `?`, `?|`, `?&`, LIKE/ILIKE (`~~` …) and regex matches (`~` …) — and resolves the
 * extended operator names over both sets together with PostgreSQL's rules, so nothing is
 * duplicated. Other operators go to the type system's resolveBinaryOperator unchanged.
 */
import {
  BOOLEAN, DEFAULT_SESSION, JSONB, OPERATORS, OPERATOR_IMPLS, SqlError, SqlState, TEXT, UNKNOWN, baseType, castFunction,
  commonType, compare3, concatText, comparatorFor, formatType, resolveBinaryOperator, sameType,
  type DataType, type Jsonb, type OperatorSignature, type SessionContext,
} from '../types/index.ts';
import { ANY, OTHER, TEXT_ARRAY, type FunctionImpl, type ParamType, type ResolvedFunction, type Volatility } from './function-signature.ts';
import { argTypeFor, sameParam, selectCandidate } from './select-candidate.ts';
import { castToText } from './text/text-output.ts';
import { LIKE_OPERATORS } from './text/like.ts';
import { REGEX_MATCH_OPERATORS } from './text/regexp-functions.ts';
import { extractPath, jsonbConcat, jsonbContains, jsonbExists, jsonbText, parseTextArray } from './json/jsonb-path.ts';

interface OperatorCandidate {
  readonly name: string;
  readonly left: ParamType;
  readonly right: ParamType;
  readonly result: DataType;
  readonly bind: (argTypes: readonly DataType[], session: SessionContext) => FunctionImpl;
  readonly volatility: Volatility;
}

const binary = (f: (a: never, b: never) => unknown): FunctionImpl => (a) => f(a[0] as never, a[1] as never);
const op = (name: string, left: ParamType, right: ParamType, result: DataType, impl: FunctionImpl, volatility: Volatility = 'immutable'): OperatorCandidate =>
  ({ name, left, right, result, bind: () => impl, volatility });

function phantom(name: string): OperatorCandidate {
  return op(name, OTHER, OTHER, BOOLEAN, () => {
    throw new SqlError(SqlState.featureNotSupported, `operator ${name} needs a type Weir does not support`);
  });
}

/** The text[] literal of `#>`, `#>>`, `?|`, `?&` (Weir has no arrays yet; see TEXT_ARRAY). */
const path = (text: string): (string | null)[] => parseTextArray(text);

const EXTRA: Readonly<Record<string, readonly OperatorCandidate[]>> = {
  // anytextcat/textanycat are `$1::text || $2`: booleans as true/false.
  '||': [
    { name: 'anytextcat', left: ANY, right: TEXT, result: TEXT, volatility: 'stable',
      bind: (t) => { const out = castToText(t[0]!); return (a, s) => concatText(out(a[0], s), a[1] as string); } },
    { name: 'textanycat', left: TEXT, right: ANY, result: TEXT, volatility: 'stable',
      bind: (t) => { const out = castToText(t[1]!); return (a, s) => concatText(a[0] as string, out(a[1], s)); } },
    op('jsonb_concat', JSONB, JSONB, JSONB, binary(jsonbConcat)),
  ],
  // `other` rows stand for PostgreSQL's json (#>, #>>) and point (?|) operators Weir lacks,
  // so that two untyped operands are ambiguous here too.
  '#>': [phantom('json_extract_path'), op('jsonb_extract_path', JSONB, TEXT_ARRAY, JSONB, (a) => extractPath(a[0] as Jsonb, path(a[1] as string)))],
  '#>>': [phantom('json_extract_path_text'), op('jsonb_extract_path_text', JSONB, TEXT_ARRAY, TEXT, (a) => jsonbText(extractPath(a[0] as Jsonb, path(a[1] as string))))],
  '@>': [op('jsonb_contains', JSONB, JSONB, BOOLEAN, binary(jsonbContains))],
  '<@': [op('jsonb_contained', JSONB, JSONB, BOOLEAN, (a) => jsonbContains(a[1] as Jsonb, a[0] as Jsonb))],
  '?': [op('jsonb_exists', JSONB, TEXT, BOOLEAN, binary(jsonbExists))],
  '?|': [phantom('point_vert'), op('jsonb_exists_any', JSONB, TEXT_ARRAY, BOOLEAN,
    (a) => path(a[1] as string).some((k) => k !== null && jsonbExists(a[0] as Jsonb, k)))],
  '?&': [op('jsonb_exists_all', JSONB, TEXT_ARRAY, BOOLEAN,
    (a) => path(a[1] as string).every((k) => k !== null && jsonbExists(a[0] as Jsonb, k)))],
  ...Object.fromEntries([...LIKE_OPERATORS, ...REGEX_MATCH_OPERATORS].map(([sym, name, f]) => [sym, [op(name, TEXT, TEXT, BOOLEAN, binary(f))]])),
};

const usesZone = (...ts: (DataType | null)[]): boolean => ts.some((t) => t !== null && t.kind === 'timestamptz');

/** A type-system operator as a candidate (its implementation comes from OPERATOR_IMPLS). */
function fromTypeSystem(sig: OperatorSignature): OperatorCandidate {
  return {
    name: sig.impl, left: sig.left ?? ANY, right: sig.right, result: sig.result, bind: (_t, s) => implOf(sig, s),
    volatility: usesZone(sig.left, sig.right, sig.result) ? 'stable' : 'immutable',
  };
}

function implOf(sig: OperatorSignature, session: SessionContext): FunctionImpl {
  if (sig.impl === 'compare') {
    const l = sig.left!, r = sig.right;
    const ct = sameType(baseType(l), baseType(r)) ? baseType(l) : commonType(l, r);
    const cl = l.kind === ct.kind ? null : castFunction(l, ct, 'i', session);
    const cr = r.kind === ct.kind ? null : castFunction(r, ct, 'i', session);
    const cmp = comparatorFor(ct);
    const name = sig.name;
    return (a) => compare3(cmp, name, (cl === null ? a[0] : cl(a[0] as never)) as never, (cr === null ? a[1] : cr(a[1] as never)) as never);
  }
  const f = OPERATOR_IMPLS[sig.impl];
  if (f === undefined) throw new SqlError('XX000', `operator implementation ${sig.impl} is missing (this is a bug)`);
  if (sig.left === null) return (a, s) => f(null, a[0], s);
  return (a, s) => f(a[0], a[1], s);
}

const describe = (o: string, l: DataType | null, r: DataType): string =>
  l === null ? `${o} ${formatType(r)}` : `${formatType(l)} ${o} ${formatType(r)}`;

function wrapTypeSystem(sig: OperatorSignature, session: SessionContext): ResolvedFunction {
  const c = fromTypeSystem(sig);
  const argTypes = sig.left === null ? [sig.right] : [sig.left, sig.right];
  return Object.freeze({ name: c.name, argTypes, returnType: sig.result, impl: implOf(sig, session), strict: true, volatility: c.volatility });
}

/**
 * Resolves a prefix operator (`- x`, `+ x`) in the shape of a function; `null` = untyped literal.
 *
 * @example resolvePrefixOperatorFunction('-', INTEGER).returnType // integer
 */
export function resolvePrefixOperatorFunction(o: string, operand: DataType | null, session: SessionContext = DEFAULT_SESSION): ResolvedFunction {
  return wrapTypeSystem(resolveBinaryOperator(o, null, baseType(operand ?? UNKNOWN)), session);
}

/**
 * Resolves `left op right` in the shape of a function. `null` for an operand type is an
 * untyped literal (PostgreSQL's unknown). The implementation takes `[left, right]`.
 *
 * @example resolveOperatorFunction('||', TEXT, INTEGER).name // 'textanycat'
 * @throws SqlError 42883 `operator does not exist: integer || integer`, 42725 when ambiguous
 */
export function resolveOperatorFunction(
  o: string, left: DataType | null, right: DataType | null, session: SessionContext = DEFAULT_SESSION,
): ResolvedFunction {
  const l = baseType(left ?? UNKNOWN);
  const r = baseType(right ?? UNKNOWN);
  const extra = EXTRA[o];
  if (extra === undefined) return wrapTypeSystem(resolveBinaryOperator(o, l, r), session);
  const cands = [...OPERATORS.filter((s) => s.name === o && s.left !== null).map(fromTypeSystem), ...extra];
  const inputs = [l, r];
  const params = (c: OperatorCandidate): ParamType[] => [c.left, c.right];
  // binary_oper_exact: an unknown literal opposite a known type is taken to be that type.
  const probe = l.kind === 'unknown' && r.kind !== 'unknown' ? [r, r] : r.kind === 'unknown' && l.kind !== 'unknown' ? [l, l] : inputs;
  let chosen = cands.find((c) => params(c).every((p, i) => sameParam(p, probe[i]!)));
  if (chosen === undefined) {
    const s = selectCandidate(inputs, cands, params);
    if (s.kind === 'none') {
      throw new SqlError(SqlState.undefinedFunction, `operator does not exist: ${describe(o, l, r)}`, {
        hint: 'No operator matches the given name and argument types. You might need to add explicit type casts.',
      });
    }
    if (s.kind === 'ambiguous') {
      throw new SqlError(SqlState.ambiguousFunction, `operator is not unique: ${describe(o, l, r)}`, {
        hint: 'Could not choose a best candidate operator. You might need to add explicit type casts.',
      });
    }
    chosen = s.candidate;
  }
  const argTypes = params(chosen).map((p, i) => argTypeFor(p, inputs[i]!));
  return Object.freeze({
    name: chosen.name, argTypes, returnType: chosen.result, impl: chosen.bind(argTypes, session), strict: true, volatility: chosen.volatility,
  });
}

/** Operator names resolveOperatorFunction adds to the type system's catalogue. */
export const EXTENDED_OPERATORS: readonly string[] = Object.keys(EXTRA);
