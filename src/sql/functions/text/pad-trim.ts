/**
 * btrim/ltrim/rtrim and lpad/rpad (oracle_compat.c). TRIM([BOTH|LEADING|TRAILING] chars FROM s)
 * reaches the catalogue as btrim/ltrim/rtrim(s, chars), as PostgreSQL's grammar rewrites it.
 */
import { INTEGER, TEXT, checkTextLength, requestedLengthTooLarge } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';
import { cpLength, cpSlice, isBmp } from './code-points.ts';

/** Removes characters in `chars` from the start (mode & 1) and/or end (mode & 2). */
export function trimChars(s: string, chars: string, mode: 1 | 2 | 3): string {
  if (s.length === 0 || chars.length === 0) return s;
  if (isBmp(s) && isBmp(chars)) {
    let i = 0, j = s.length;
    if (mode & 1) while (i < j && chars.includes(s[i]!)) i++;
    if (mode & 2) while (j > i && chars.includes(s[j - 1]!)) j--;
    return s.slice(i, j);
  }
  const cps = Array.from(s), set = new Set(Array.from(chars));
  let i = 0, j = cps.length;
  if (mode & 1) while (i < j && set.has(cps[i]!)) i++;
  if (mode & 2) while (j > i && set.has(cps[j - 1]!)) j--;
  return cps.slice(i, j).join('');
}

/** lpad/rpad: truncate to `len` characters, then fill with repetitions of `fill` (none if empty). */
export function pad(s: string, len: number, fill: string, leftSide: boolean): string {
  if (len <= 0) return '';
  // PostgreSQL sizes the result for `len` characters of up to 4 bytes each, within 1 GB.
  if (len * 4 + 4 > 0x3fffffff) throw requestedLengthTooLarge();
  const n = cpLength(s);
  if (n >= len) return n === len ? s : cpSlice(s, 0, len);
  if (fill.length === 0) return s;
  const need = len - n;
  const fillLen = cpLength(fill);
  checkTextLength(s.length + fill.length * Math.ceil(need / fillLen));
  const reps = fill.repeat(Math.ceil(need / fillLen));
  const padding = fillLen === fill.length ? reps.slice(0, need) : cpSlice(reps, 0, need);
  return leftSide ? padding + s : s + padding;
}

const s0 = (a: readonly unknown[]): string => a[0] as string;
const s1 = (a: readonly unknown[]): string => a[1] as string;

export const PAD_TRIM_FUNCTIONS: readonly FunctionSignature[] = [
  fn('btrim', [TEXT], TEXT, (a) => trimChars(s0(a), ' ', 3)),
  fn('btrim', [TEXT, TEXT], TEXT, (a) => trimChars(s0(a), s1(a), 3)),
  fn('ltrim', [TEXT], TEXT, (a) => trimChars(s0(a), ' ', 1)),
  fn('ltrim', [TEXT, TEXT], TEXT, (a) => trimChars(s0(a), s1(a), 1)),
  fn('rtrim', [TEXT], TEXT, (a) => trimChars(s0(a), ' ', 2)),
  fn('rtrim', [TEXT, TEXT], TEXT, (a) => trimChars(s0(a), s1(a), 2)),
  fn('lpad', [TEXT, INTEGER], TEXT, (a) => pad(s0(a), a[1] as number, ' ', true)),
  fn('lpad', [TEXT, INTEGER, TEXT], TEXT, (a) => pad(s0(a), a[1] as number, a[2] as string, true)),
  fn('rpad', [TEXT, INTEGER], TEXT, (a) => pad(s0(a), a[1] as number, ' ', false)),
  fn('rpad', [TEXT, INTEGER, TEXT], TEXT, (a) => pad(s0(a), a[1] as number, a[2] as string, false)),
];
