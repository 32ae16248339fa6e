/** Well-formed UTF-8, as PostgreSQL's pg_utf8_islegal checks it (Unicode's table 3-7; NUL is refused too). */

/**
 * The length of the well-formed character at `i`; -1 if it is not one; 0 if it is one so far
 * but the bytes end before it does.
 */
export function utf8SequenceLength(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  if (lead === 0) return -1;
  if (lead < 0x80) return 1;
  let n: number, lo = 0x80, hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) n = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    n = 3;
    if (lead === 0xe0) lo = 0xa0;
    else if (lead === 0xed) hi = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    n = 4;
    if (lead === 0xf0) lo = 0x90;
    else if (lead === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k < n; k++) {
    if (i + k >= b.length) return 0;
    const c = b[i + k]!;
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return -1;
  }
  return n;
}
