/**
 * LIKE over bytea (bytealike, byteanlike and like_escape(bytea, bytea) in like.c): `_` is one
 * byte, `%` any run, backslash escapes. Both sides are read as Latin-1 text, one character per
 * byte, so text's matcher (no backtracking) decides. There is no ILIKE on bytea.
 */
import { BOOLEAN, BYTEA } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { like, likeEscape } from '../text/like.ts';

const latin1 = (v: Uint8Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
const fromLatin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

export const byteaLike = (v: Uint8Array, pattern: Uint8Array): boolean => like(latin1(v), latin1(pattern));

export const BYTEA_LIKE_FUNCTIONS: readonly FunctionSignature[] = [
  fn('like', [BYTEA, BYTEA], BOOLEAN, (a) => byteaLike(a[0] as Uint8Array, a[1] as Uint8Array)),
  fn('notlike', [BYTEA, BYTEA], BOOLEAN, (a) => !byteaLike(a[0] as Uint8Array, a[1] as Uint8Array)),
  fn('like_escape', [BYTEA, BYTEA], BYTEA, (a) => fromLatin1(likeEscape(latin1(a[0] as Uint8Array), latin1(a[1] as Uint8Array)))),
];

/** `~~` and `!~~` on (bytea, bytea), by operator symbol: [PostgreSQL's function name, test]. */
export const BYTEA_LIKE_OPERATORS: Readonly<Record<string, readonly [string, (v: Uint8Array, p: Uint8Array) => boolean]>> = {
  '~~': ['bytealike', byteaLike],
  '!~~': ['byteanlike', (v, p) => !byteaLike(v, p)],
};
