/**
 * PostgreSQL's comparison functions (docs "Comparison Functions and Operators"):
 * num_nulls and num_nonnulls count their NULL and non-NULL arguments, of any types.
 */
import { INTEGER } from '../types/index.ts';
import { ANY, fn, type FunctionSignature } from './function-signature.ts';

const countNulls = (args: readonly unknown[]): number => args.reduce<number>((n, v) => (v === null ? n + 1 : n), 0);

export const COMPARISON_FUNCTIONS: readonly FunctionSignature[] = [
  fn('num_nulls', [], INTEGER, (args) => countNulls(args), { variadic: ANY, strict: false }),
  fn('num_nonnulls', [], INTEGER, (args) => args.length - countNulls(args), { variadic: ANY, strict: false }),
];
