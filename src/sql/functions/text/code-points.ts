/**
 * PostgreSQL counts text in characters (code points, in a UTF-8 database); JS strings count
 * UTF-16 units. These helpers count and cut by code point, with a fast path for the common
 * string that has no surrogate pair (then units and code points coincide).
 */
const SURROGATE = /[\uD800-\uDFFF]/;

export const isBmp = (s: string): boolean => !SURROGATE.test(s);

export function cpLength(s: string): number {
  if (isBmp(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Code points [from, to) (0-based, clamped), like String.prototype.slice on characters. */
export function cpSlice(s: string, from: number, to: number = Infinity): string {
  if (isBmp(s)) return s.slice(Math.max(0, from), to === Infinity ? undefined : Math.max(0, to));
  const cps = Array.from(s);
  return cps.slice(Math.max(0, from), to === Infinity ? undefined : Math.max(0, to)).join('');
}

/** UTF-16 index → code-point index, for positions found by indexOf. */
export function cpIndex(s: string, unitIndex: number): number {
  return isBmp(s) ? unitIndex : cpLength(s.slice(0, unitIndex));
}

const encoder = new TextEncoder();
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
export const utf8Bytes = (s: string): Uint8Array => encoder.encode(s);
