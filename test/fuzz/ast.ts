/**
 * The fuzzer's own small SQL tree: what it generates, prints, and shrinks. Nodes are immutable
 * tagged unions, so the shrinker can rebuild a query with one node replaced and keep the rest.
 *
 * Types are tracked only as families (numbers, text, ...): enough to generate SQL that
 * PostgreSQL accepts; PostgreSQL itself decides the exact result types.
 */

/** A column type of a generated table. */
export type ColumnType = 'int' | 'bigint' | 'numeric' | 'text' | 'varchar' | 'bool' | 'date' | 'timestamp';

/** The types an expression may have, as far as the generator cares. */
export type Family = 'num' | 'text' | 'bool' | 'date' | 'ts';

export const familyOf = (t: ColumnType): Family =>
  t === 'int' || t === 'bigint' || t === 'numeric' ? 'num' : t === 'text' || t === 'varchar' ? 'text' : t === 'bool' ? 'bool' : t === 'date' ? 'date' : 'ts';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** As written in CREATE TABLE: `numeric(8,2)`, `varchar(6)`, ... */
  readonly sqlType: string;
  readonly notNull: boolean;
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** The primary key column (always an int named `id`), or null for a multiset table. */
  readonly pk: string | null;
}

/** A cell as PostgreSQL prints it, or null for NULL. */
export type Cell = string | null;

/** Each table's rows, cells in column order. */
export type Data = Readonly<Record<string, readonly (readonly Cell[])[]>>;

export type Expr =
  | { readonly k: 'col'; readonly q: string | null; readonly name: string; readonly t: Family }
  | { readonly k: 'lit'; readonly sql: string; readonly t: Family }
  | { readonly k: 'op'; readonly op: string; readonly l: Expr; readonly r: Expr; readonly t: Family }
  | { readonly k: 'not'; readonly e: Expr; readonly t: 'bool' }
  | { readonly k: 'isnull'; readonly e: Expr; readonly neg: boolean; readonly t: 'bool' }
  | { readonly k: 'in'; readonly e: Expr; readonly list: readonly Expr[]; readonly neg: boolean; readonly t: 'bool' }
  | { readonly k: 'between'; readonly e: Expr; readonly lo: Expr; readonly hi: Expr; readonly neg: boolean; readonly t: 'bool' }
  | { readonly k: 'like'; readonly e: Expr; readonly pattern: string; readonly neg: boolean; readonly ci: boolean; readonly t: 'bool' }
  | { readonly k: 'case'; readonly whens: readonly { readonly c: Expr; readonly v: Expr }[]; readonly else: Expr | null; readonly t: Family }
  /** name(args); `raw` names syntax that is not a call: `extract(day FROM x)`, `CAST(x AS t)`. */
  | { readonly k: 'fn'; readonly name: string; readonly args: readonly Expr[]; readonly t: Family; readonly raw?: 'extract' | 'cast' }
  | {
      readonly k: 'agg'; readonly name: string; readonly args: readonly Expr[]; readonly star: boolean; readonly distinct: boolean;
      readonly filter: Expr | null; readonly order: Expr | null; readonly t: Family;
    }
  | {
      readonly k: 'win'; readonly name: string; readonly args: readonly Expr[]; readonly partition: readonly Expr[];
      readonly order: readonly OrderKey[]; readonly t: Family;
    }
  /** (q), EXISTS (q), e IN (q): `neg` for NOT EXISTS / NOT IN. */
  | { readonly k: 'sub'; readonly mode: 'scalar' | 'exists' | 'in'; readonly q: Query; readonly e: Expr | null; readonly neg: boolean; readonly t: Family };

export interface OrderKey {
  readonly e: Expr;
  readonly desc: boolean;
}

export interface SelectItem {
  readonly e: Expr;
  readonly as: string;
}

/** ORDER BY by output position (1-based), so that it survives any rewriting of the items. */
export interface OrderItem {
  readonly pos: number;
  readonly desc: boolean;
  readonly nulls: 'FIRST' | 'LAST' | null;
}

export type From =
  | { readonly k: 'table'; readonly name: string; readonly as: string }
  | { readonly k: 'join'; readonly type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL'; readonly l: From; readonly r: From; readonly on: Expr }
  | { readonly k: 'derived'; readonly q: Query; readonly as: string };

export interface Select {
  readonly k: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: readonly From[];
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  readonly having: Expr | null;
  readonly order: readonly OrderItem[];
  readonly limit: number | null;
}

export interface SetOp {
  readonly k: 'setop';
  readonly op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  readonly all: boolean;
  readonly l: Query;
  readonly r: Query;
  readonly order: readonly OrderItem[];
  readonly limit: number | null;
}

export type Query = Select | SetOp;

/** The output columns' families of a query (the left branch's, for a set operation). */
export function outputFamilies(q: Query): Family[] {
  return q.k === 'select' ? q.items.map((i) => i.e.t) : outputFamilies(q.l);
}

export function outputNames(q: Query): string[] {
  return q.k === 'select' ? q.items.map((i) => i.as) : outputNames(q.l);
}

/** An ORDER BY is total when it names every output column: ties are then equal rows. */
export function isTotalOrder(q: Query): boolean {
  const n = outputFamilies(q).length;
  return q.order.length > 0 && new Set(q.order.map((o) => o.pos)).size === n;
}

export type Dml =
  | { readonly k: 'insert'; readonly table: string; readonly rows: readonly (readonly Cell[])[] }
  | { readonly k: 'update'; readonly table: string; readonly set: readonly { readonly col: string; readonly e: Expr }[]; readonly where: Expr | null }
  | { readonly k: 'delete'; readonly table: string; readonly where: Expr | null };
