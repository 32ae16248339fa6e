/** C's rint() in the default rounding mode: to nearest, ties to even. PostgreSQL uses it for float→int casts and interval fractions. */
export function rint(x: number): number {
  const r = Math.round(x); // ties toward +Infinity
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
