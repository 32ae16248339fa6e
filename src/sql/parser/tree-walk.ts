/** Walking a PostgreSQL parse tree (libpg-query's JSON) for the parser's extension rewrites. */
export type Obj = Record<string, unknown>;

/** Calls `f` on every object node of `tree`, parents before their children. */
export function forEachNode(tree: unknown, f: (node: Obj) => void): void {
  if (Array.isArray(tree)) {
    for (const x of tree) forEachNode(x, f);
    return;
  }
  if (tree === null || typeof tree !== 'object') return;
  f(tree as Obj);
  for (const v of Object.values(tree)) forEachNode(v, f);
}
