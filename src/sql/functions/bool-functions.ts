/**
 * PostgreSQL's boolean comparison functions that back `=`, `<>`, `<`, … on booleans, callable
 * by name (booleq, boolne, boollt, boolgt, boolle, boolge), with false < true.
 */
import { BOOLEAN } from '../types/index.ts';
import { fn, type FunctionSignature } from './function-signature.ts';

const compare = (name: string, test: (a: boolean, b: boolean) => boolean): FunctionSignature =>
  fn(name, [BOOLEAN, BOOLEAN], BOOLEAN, (a) => test(a[0] as boolean, a[1] as boolean));

export const BOOL_FUNCTIONS: readonly FunctionSignature[] = [
  compare('booleq', (a, b) => a === b),
  compare('boolne', (a, b) => a !== b),
  compare('boollt', (a, b) => !a && b),
  compare('boolgt', (a, b) => a && !b),
  compare('boolle', (a, b) => !a || b),
  compare('boolge', (a, b) => a || !b),
];
