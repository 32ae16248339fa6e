/** Row identity for relational operators: equality of rows and a text that identifies one. */

/** JSON with bigints kept apart from numbers, for values inside rows. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? 'undefined';
}

/** A text equal for equal rows (column by column, nested values by content). */
export function rowText(row: readonly unknown[]): string {
  return canonical(row);
}

/** Column-wise equality: primitives by value, nested values (arrays, objects) by content. */
export function rowEquals(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && canonical(x) === canonical(y)) continue;
    return false;
  }
  return true;
}
