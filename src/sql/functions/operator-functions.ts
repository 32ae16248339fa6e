/**
 * Operators in the same shape as functions. The type system's catalogue (types/ops) has the
 * arithmetic, comparison, `->`/`->>` and `text || text` operators; this file adds what it
 * lacks — `||` with a non-text side (anytextcat/textanycat) and on jsonb, json's `->` and
 * `->>`, `#>`, `#>>`, `#-`, `@>`,
 * `<@`, `?`, `?|`, `?&`, LIKE/ILIKE (`~~` …) and regex matches (`~` …) — and resolves the
 * extended operator names over both sets together with PostgreSQL's rules, so nothing is
 * duplicated. Other operators go to the type system's resolveBinaryOperator unchanged.
 */
import {
  BPCHAR, BYTEA, BIGINT, BOOLEAN, DEFAULT_SESSION, DOUBLE, INTEGER, JSONB, JSON_TYPE, NUMERIC, OPERATORS, REAL, SMALLINT, arrayOf, OPERATOR_IMPLS, SqlError, SqlState, TEXT, UNKNOWN, baseType, castFunction,
  commonType, compare3, concatText, comparatorFor, formatTypeName, resolveBinaryOperator, sameType,
  type DataType, type Jsonb, type OperatorSignature, type SessionContext,
} from '../types/index.ts';
import { ANY, OTHER, type FunctionImpl, type ParamType, type ResolvedFunction, type Volatility } from './function-signature.ts';
import { argTypeFor, sameParam, selectCandidate } from './select-candidate.ts';
import { resolveFunction } from './resolve-function.ts';
import { castToText } from './text/text-output.ts';
import { LIKE_OPERATORS } from './text/like.ts';
import { REGEX_MATCH_OPERATORS } from './text/regexp-functions.ts';
import { BYTEA_LIKE_OPERATORS } from './bytea/bytea-like.ts';
import { extractPath, jsonbConcat, jsonbContains, jsonbExists, jsonbText } from './json/jsonb-path.ts';
import { jsonbDeleteKeys, jsonbDeletePath } from './json/jsonb-modify.ts';
import { jsonField, jsonFieldText, jsonPath, jsonPathText } from './json/json-functions.ts';
import { dcbrt, dpow, dsqrt } from './math/float-math.ts';
import { numericPower } from './math/numeric-transcendental.ts';

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

const TEXTS = arrayOf(TEXT);
/** The text[] operand of `#>`, `#>>`, `#-`, `?|`, `?&`, `-`. */
const path = (v: unknown): readonly (string | null)[] => v as readonly (string | null)[];
/** text_pattern_lt and friends: byte order, which is Weir's text order (C collation) already. */
const pattern = (name: string, test: (c: number) => boolean): OperatorCandidate => {
  const cmp = comparatorFor(TEXT) as (a: string, b: string) => number;
  return op(name, TEXT, TEXT, BOOLEAN, (a) => test(cmp(a[0] as string, a[1] as string)));
};

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
  // json's `->`/`->>` beside the type system's jsonb ones, which resolution sees too.
  '->': [op('json_object_field', JSON_TYPE, TEXT, JSON_TYPE, (a) => jsonField(a[0] as string, a[1] as string)),
    op('json_array_element', JSON_TYPE, INTEGER, JSON_TYPE, (a) => jsonField(a[0] as string, a[1] as number))],
  '->>': [op('json_object_field_text', JSON_TYPE, TEXT, TEXT, (a) => jsonFieldText(a[0] as string, a[1] as string)),
    op('json_array_element_text', JSON_TYPE, INTEGER, TEXT, (a) => jsonFieldText(a[0] as string, a[1] as number))],
  '#>': [op('json_extract_path', JSON_TYPE, TEXTS, JSON_TYPE, (a) => jsonPath(a[0] as string, path(a[1]))),
    op('jsonb_extract_path', JSONB, TEXTS, JSONB, (a) => extractPath(a[0] as Jsonb, path(a[1])))],
  '#>>': [op('json_extract_path_text', JSON_TYPE, TEXTS, TEXT, (a) => jsonPathText(a[0] as string, path(a[1]))),
    op('jsonb_extract_path_text', JSONB, TEXTS, TEXT, (a) => jsonbText(extractPath(a[0] as Jsonb, path(a[1]))))],
  '#-': [op('jsonb_delete_path', JSONB, TEXTS, JSONB, (a) => jsonbDeletePath(a[0] as Jsonb, path(a[1])))],
  // `jsonb - text[]`; the type system has the other `-` operators, and resolution sees them all.
  '-': [op('jsonb_delete_array', JSONB, TEXTS, JSONB, (a) => jsonbDeleteKeys(a[0] as Jsonb, path(a[1])))],
  '^': [op('dpow', DOUBLE, DOUBLE, DOUBLE, binary(dpow)), op('numeric_power', NUMERIC, NUMERIC, NUMERIC, binary(numericPower))],
  '^@': [op('starts_with', TEXT, TEXT, BOOLEAN, (a) => (a[0] as string).startsWith(a[1] as string))],
  '~<~': [pattern('text_pattern_lt', (c) => c < 0)],
  '~<=~': [pattern('text_pattern_le', (c) => c <= 0)],
  '~>=~': [pattern('text_pattern_ge', (c) => c >= 0)],
  '~>~': [pattern('text_pattern_gt', (c) => c > 0)],
  '@>': [op('jsonb_contains', JSONB, JSONB, BOOLEAN, binary(jsonbContains))],
  '<@': [op('jsonb_contained', JSONB, JSONB, BOOLEAN, (a) => jsonbContains(a[1] as Jsonb, a[0] as Jsonb))],
  '?': [op('jsonb_exists', JSONB, TEXT, BOOLEAN, binary(jsonbExists))],
  '?|': [phantom('point_vert'), op('jsonb_exists_any', JSONB, TEXTS, BOOLEAN,
    (a) => path(a[1]).some((k) => k !== null && jsonbExists(a[0] as Jsonb, k)))],
  '?&': [op('jsonb_exists_all', JSONB, TEXTS, BOOLEAN,
    (a) => path(a[1]).every((k) => k !== null && jsonbExists(a[0] as Jsonb, k)))],
  // character(n) matches with its padding (bpcharlike, bpcharregexeq, ...); bytea LIKE by bytes.
  ...Object.fromEntries([...LIKE_OPERATORS, ...REGEX_MATCH_OPERATORS].map(([sym, name, f]) => [sym, [
    op(name, TEXT, TEXT, BOOLEAN, binary(f)), op(name, BPCHAR, TEXT, BOOLEAN, binary(f)),
    ...(BYTEA_LIKE_OPERATORS[sym] === undefined ? [] : [op(BYTEA_LIKE_OPERATORS[sym][0], BYTEA, BYTEA, BOOLEAN, binary(BYTEA_LIKE_OPERATORS[sym][1]))]),
  ]])),
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
  if (f === undefined) throw new SqlError(SqlState.internalError, `operator implementation ${sig.impl} is missing (this is a bug)`);
  if (sig.left === null) return (a, s) => f(null, a[0], s);
  return (a, s) => f(a[0], a[1], s);
}

const describe = (o: string, l: DataType | null, r: DataType): string =>
  l === null ? `${o} ${formatTypeName(r)}` : `${formatTypeName(l)} ${o} ${formatTypeName(r)}`;

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
  const extra = PREFIX_EXTRA[o];
  const t = baseType(operand ?? UNKNOWN);
  if (extra === undefined) return wrapTypeSystem(resolveBinaryOperator(o, null, t), session);
  const chosen = extra.find((c) => sameParam(c.right, t)) ?? pickPrefix(o, t, extra);
  const argTypes = [argTypeFor(chosen.right, t)];
  return Object.freeze({ name: chosen.name, argTypes, returnType: chosen.result, impl: chosen.bind(argTypes, session), strict: true, volatility: chosen.volatility });
}

function pickPrefix(o: string, t: DataType, cands: readonly OperatorCandidate[]): OperatorCandidate {
  const s = selectCandidate([t], cands, (c) => [c.right]);
  if (s.kind === 'one') return s.candidate;
  const what = `${o} ${formatTypeName(t)}`;
  if (s.kind === 'none') {
    throw new SqlError(SqlState.undefinedFunction, `operator does not exist: ${what}`, {
      hint: 'No operator matches the given name and argument type. You might need to add an explicit type cast.',
    });
  }
  throw new SqlError(SqlState.ambiguousFunction, `operator is not unique: ${what}`, {
    hint: 'Could not choose a best candidate operator. You might need to add an explicit type cast.',
  });
}

/** Prefix operators the type system lacks: `@ x` (absolute value), `|/ x` (square root), `||/ x` (cube root). */
const prefix = (name: string, operand: DataType, result: DataType, f: (x: never) => unknown): OperatorCandidate =>
  op(name, ANY, operand, result, (a) => f(a[0] as never));
const PREFIX_EXTRA: Readonly<Record<string, readonly OperatorCandidate[]>> = {
  '@': [SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC].map((t) => {
    const abs = resolveFunction('abs', [t]);
    return prefix(`${t.kind}abs`, t, t, (x) => abs.impl([x], DEFAULT_SESSION));
  }),
  '|/': [prefix('dsqrt', DOUBLE, DOUBLE, dsqrt)],
  '||/': [prefix('dcbrt', DOUBLE, DOUBLE, dcbrt)],
};

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
/** Prefix operator names resolvePrefixOperatorFunction adds. */
export const EXTENDED_PREFIX_OPERATORS: readonly string[] = Object.keys(PREFIX_EXTRA);
