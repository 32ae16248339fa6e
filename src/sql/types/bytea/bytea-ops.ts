/** bytea's operators: `||` (byteacat). Comparison is compare.ts's, byte by byte. */

/** `a || b`: a new array owning its bytes. */
export function concatBytea(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
