/**
 * One row of Weir's function catalogue, PostgreSQL's pg_proc reduced to what resolution and
 * evaluation need: name, parameter types (with `"any"` and a trailing VARIADIC element type),
 * result type, strictness, volatility and the implementation.
 */
import type { DataType, SessionContext } from '../types/index.ts';

/**
 * PostgreSQL's `"any"` pseudo-type: accepts every input type unchanged (concat, format,
 * jsonb_build_*); an untyped literal becomes text. `anyelement` is the polymorphic variant,
 * which refuses an untyped literal (42804), as to_jsonb('x') does.
 */
export interface AnyType { readonly kind: 'any'; readonly polymorphic: boolean }
export const ANY: AnyType = Object.freeze({ kind: 'any', polymorphic: false });
export const ANYELEMENT: AnyType = Object.freeze({ kind: 'any', polymorphic: true });
/**
 * A parameter type of another category Weir does not have (macaddr, xid, …), kept so that
 * resolution sees PostgreSQL's candidate set (it makes `trunc(unknown)` ambiguous as in
 * PostgreSQL); a call that resolves to it is refused.
 */
export interface PseudoType { readonly kind: 'other' }
export const OTHER: PseudoType = Object.freeze({ kind: 'other' });
export type ParamType = DataType | AnyType | PseudoType;

export type Volatility = 'immutable' | 'stable' | 'volatile';

/** Called with non-null arguments (for strict functions) already cast to the resolved argument types. */
export type FunctionImpl = (args: readonly unknown[], session: SessionContext) => unknown;

export interface FunctionSignature {
  readonly name: string;
  readonly params: readonly ParamType[];
  /** Element type of a trailing VARIADIC parameter; a call must pass at least one. */
  readonly variadic: ParamType | null;
  /** Fewer arguments than params are allowed down to this count (PostgreSQL's parameter defaults). */
  readonly minArgs: number;
  readonly result: DataType;
  /** Builds the implementation once per call site, for functions whose work depends on the argument types (`"any"`). */
  readonly bind: (argTypes: readonly DataType[]) => FunctionImpl;
  readonly strict: boolean;
  readonly volatility: Volatility;
  /** `"any"` parameters keep an untyped literal as unknown instead of text (pg_typeof('x') is unknown). */
  readonly keepsUnknown: boolean;
  /**
   * The result type from the resolved argument types, for polymorphic functions whose result
   * follows their input (array_min(anyarray) is the element type); `result` otherwise. Throws
   * 42883 when the arguments are not of the shape the function takes.
   */
  readonly resultFor: ((argTypes: readonly DataType[]) => DataType) | null;
}

export interface SignatureOptions {
  strict?: boolean;
  volatility?: Volatility;
  variadic?: ParamType;
  minArgs?: number;
  keepsUnknown?: boolean;
  resultFor?: (argTypes: readonly DataType[]) => DataType;
}

/** A function whose implementation does not depend on the argument types. */
export function fn(name: string, params: readonly ParamType[], result: DataType, impl: FunctionImpl, options: SignatureOptions = {}): FunctionSignature {
  return polyFn(name, params, result, () => impl, options);
}

/** A function whose implementation is built from the resolved argument types. */
export function polyFn(
  name: string, params: readonly ParamType[], result: DataType, bind: (argTypes: readonly DataType[]) => FunctionImpl,
  options: SignatureOptions = {},
): FunctionSignature {
  return Object.freeze({
    name, params, result, bind,
    variadic: options.variadic ?? null,
    minArgs: options.minArgs ?? params.length,
    strict: options.strict ?? true,
    volatility: options.volatility ?? 'immutable',
    keepsUnknown: options.keepsUnknown ?? false,
    resultFor: options.resultFor ?? null,
  });
}

/**
 * What the binder gets back from resolution: the argument types to cast to, the result type and
 * the implementation. See index.ts for the contract.
 */
export interface ResolvedFunction {
  readonly name: string;
  readonly argTypes: readonly DataType[];
  readonly returnType: DataType;
  readonly impl: FunctionImpl;
  readonly strict: boolean;
  readonly volatility: Volatility;
}
