/**
 * The functions PostgreSQL defines on character(n) itself (bpchar.c); every other string
 * function takes it as text, without its trailing spaces. length/char_length/character_length
 * do not count the padding, octet_length does (the value is kept padded), and bpchar(x,
 * typmod, explicit) is the length coercion a cast to character(n) applies.
 */
import { BOOLEAN, BPCHAR, INTEGER, bpcharLength, bpcharType, castFunction } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { utf8Length } from './code-points.ts';

const str = (a: readonly unknown[]): string => a[0] as string;

export const BPCHAR_FUNCTIONS: readonly FunctionSignature[] = [
  fn('length', [BPCHAR], INTEGER, (a) => bpcharLength(str(a))),
  fn('char_length', [BPCHAR], INTEGER, (a) => bpcharLength(str(a))),
  fn('character_length', [BPCHAR], INTEGER, (a) => bpcharLength(str(a))),
  fn('octet_length', [BPCHAR], INTEGER, (a) => utf8Length(str(a))),
  fn('bpchar', [BPCHAR, INTEGER, BOOLEAN], BPCHAR, ([v, m, explicit]) => {
    const typmod = m as number;
    if (typmod < 5) return v;
    return (castFunction(BPCHAR, bpcharType(typmod - 4), explicit === true ? 'e' : 'a') as (x: unknown) => unknown)(v);
  }),
];
