/**
 * The UNIQUE and CHECK constraints of a CREATE TABLE, as PostgreSQL takes them: in the order
 * they are written (column constraints where their column is), unnamed ones named as
 * PostgreSQL names them (`t_a_key`, `t_b_c_key`, `t_a_check`, `t_check`, then `...1`, `...2`),
 * a UNIQUE on the primary key's columns (or repeated) merged into the one before, CHECK
 * expressions bound against the table's columns to refuse what PostgreSQL refuses.
 *
 * @see https://www.postgresql.org/docs/15/ddl-constraints.html
 */
import type { Catalog, CheckEntry, ColumnEntry } from '../../../catalog/index.ts';
import { asCondition, bindExpr, type BindContext } from '../../binder/bind-expr.ts';
import { columnsOf } from '../../binder/bound-expr.ts';
import { Scope } from '../../binder/scope.ts';
import type { CreateTableStatement, PgNode } from '../../parser/index.ts';
import { SqlError, type SessionContext } from '../../types/index.ts';
import { columnTypes } from '../column-types.ts';
import { chooseName, columnsPart, constraintNames, relationNameTaken } from '../constraint-names.ts';
import { checkText, firstLocation } from '../constraint-text.ts';
import { notSupported, SqlState, duplicateTable, duplicateConstraint } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;

/** A UNIQUE constraint, to be created as the index of the same name after the table. */
export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
}

export interface TableConstraints {
  readonly checks: CheckEntry[];
  readonly uniques: UniqueConstraint[];
}

/** A constraint as written: its node, the column it is written on (if any), where it starts. */
interface Written {
  readonly node: Obj;
  readonly column: string | null;
  readonly location: number;
}

/** The UNIQUE and CHECK constraints of `s`, in PostgreSQL's order; throws what PostgreSQL throws. */
export function writtenConstraints(s: CreateTableStatement): Written[] {
  const out: Written[] = [];
  const at = (n: Obj, fallback: number): number => (typeof n.location === 'number' && n.location >= 0 ? n.location : fallback);
  for (const c of s.columns) {
    for (const k of c.constraints) {
      const n = obj(obj(k).Constraint);
      if (n.contype === 'CONSTR_UNIQUE' || n.contype === 'CONSTR_CHECK') out.push({ node: n, column: c.name.name, location: at(n, c.span.start) });
    }
  }
  for (const k of s.constraints) {
    const n = obj(obj(k).Constraint);
    if (n.contype !== 'CONSTR_UNIQUE' && n.contype !== 'CONSTR_CHECK') {
      const what = n.contype === 'CONSTR_FOREIGN' ? 'FOREIGN KEY constraints' : n.contype === 'CONSTR_EXCLUSION' ? 'EXCLUDE constraints' : `table constraint ${String(n.contype).replace('CONSTR_', '')}`;
      throw notSupported(what);
    }
    out.push({ node: n, column: null, location: at(n, s.span.end) });
  }
  // Stable: equal locations (none known) keep the order above.
  return out.map((w, i) => ({ w, i })).sort((a, b) => a.w.location - b.w.location || a.i - b.i).map((x) => x.w);
}

/**
 * The key columns of a UNIQUE constraint node (written on `column`, or at table level),
 * checked as PostgreSQL's parse analysis checks them (42703, 42701).
 */
export function uniqueColumns(w: { readonly node: Obj; readonly column: string | null }, columns: readonly ColumnEntry[]): string[] {
  const n = w.node;
  if (n.deferrable === true) throw notSupported('DEFERRABLE constraints', 'Weir checks every constraint at once, as PostgreSQL does for constraints that are not deferrable.');
  if (Array.isArray(n.including) && n.including.length > 0) throw notSupported('INCLUDE in a UNIQUE constraint');
  if (n.indexname !== undefined) throw notSupported('UNIQUE ... USING INDEX');
  if (w.column !== null) return [w.column];
  const keys = (Array.isArray(n.keys) ? n.keys : []).map((k) => String(obj(obj(k).String).sval));
  keys.forEach((k, i) => {
    if (!columns.some((c) => c.name === k)) throw new SqlError(SqlState.undefinedColumn, `column "${k}" named in key does not exist`);
    if (keys.indexOf(k) !== i) throw new SqlError(SqlState.duplicateColumn, `column "${k}" appears twice in unique constraint`);
  });
  return keys;
}

/** Whether the parse tree holds a subquery (PostgreSQL refuses them in CHECK). */
function hasSubquery(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasSubquery);
  if (v === null || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => k === 'SubLink' || hasSubquery(x));
}

/** Binds a CHECK expression over the table's columns: the columns it reads. */
function bindCheck(expr: PgNode, table: string, columns: readonly ColumnEntry[], session: SessionContext, catalog: Catalog): number[] {
  if (hasSubquery(expr)) throw new SqlError(SqlState.featureNotSupported, 'cannot use subquery in check constraint');
  const types = columnTypes(columns);
  const bind: BindContext = {
    scope: new Scope(columns.map((c, i) => ({ name: c.name, relation: table, type: types[i]! }))), session, clause: 'check constraints',
    // A CHECK would have to keep its function from being dropped or replaced: not yet.
    userFunction: (name) => {
      if (catalog.list('function').some((f) => f.name === name)) throw notSupported('functions made by CREATE FUNCTION in CHECK constraints');
      return undefined;
    },
  };
  const bound = asCondition(bindExpr(expr, bind), bind, 'CHECK');
  return [...columnsOf(bound)].sort((a, b) => a - b);
}

/**
 * A CHECK constraint node of table `table` as the catalog keeps it: bound over the columns
 * (refusing what PostgreSQL refuses), its name as written or as PostgreSQL chooses it past
 * `taken` (`tab_col_check` when it reads one column, `tab_check` otherwise), its columns and
 * its text as PostgreSQL prints it. `text` is the statement's text.
 */
export function checkEntry(
  text: string, node: Obj, table: string, columns: readonly ColumnEntry[], session: SessionContext, catalog: Catalog, taken: (name: string) => boolean,
): CheckEntry {
  if (node.is_no_inherit === true) throw notSupported('NO INHERIT');
  const expr = node.raw_expr as PgNode;
  const read = bindCheck(expr, table, columns, session, catalog);
  const name = typeof node.conname === 'string' ? node.conname : chooseName(table, read.length === 1 ? columns[read[0]!]!.name : null, 'check', taken);
  const shown = checkText(expr, writtenText(text, expr), table, columns, session);
  return { name, exprSql: shown.pretty, exprSqlPlain: shown.plain, expr, columns: read.map((i) => columns[i]!.name) };
}

/** The text of an expression as written: from its first token to where its parentheses close. */
function writtenText(text: string, expr: unknown): string | undefined {
  const start = firstLocation(expr);
  if (start === undefined) return undefined;
  // Back to the opening parenthesis of CHECK (the first token may be inside more of them).
  let open = text.lastIndexOf('(', start);
  while (open > 0 && /\(\s*$/.test(text.slice(0, open))) open = text.lastIndexOf('(', open - 1);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") i = text.indexOf("'", i + 1) < 0 ? text.length : text.indexOf("'", i + 1);
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return text.slice(open + 1, i).trim();
  }
  return undefined;
}

/**
 * Checks and names the constraints (`written`, from {@link writtenConstraints}) of table
 * `table` with the given columns and primary key, against the names already in `catalog`.
 */
export function tableConstraints(
  text: string, written: readonly Written[], table: string, columns: readonly ColumnEntry[], primaryKey: readonly string[] | null, catalog: Catalog, session: SessionContext, schema: string,
): TableConstraints {
  // Parse analysis: UNIQUE keys, merged with the primary key or an earlier UNIQUE on the same columns.
  const declared: Array<{ name: string | null; columns: string[]; nullsNotDistinct: boolean }> = [];
  for (const w of written) {
    if (w.node.contype !== 'CONSTR_UNIQUE') continue;
    const cols = uniqueColumns(w, columns);
    const nullsNotDistinct = w.node.nulls_not_distinct === true;
    const name = typeof w.node.conname === 'string' ? w.node.conname : null;
    const same = (a: readonly string[]): boolean => a.length === cols.length && a.every((c, i) => c === cols[i]);
    if (primaryKey !== null && !nullsNotDistinct && same(primaryKey)) continue;
    const prior = declared.find((d) => d.nullsNotDistinct === nullsNotDistinct && same(d.columns));
    if (prior !== undefined) {
      if (prior.name === null) prior.name = name;
      continue;
    }
    declared.push({ name, columns: cols, nullsNotDistinct });
  }
  // CHECKs are named as the table is made, before its indexes.
  const existing = constraintNames(catalog, schema);
  const checks: CheckEntry[] = [];
  for (const w of written) {
    if (w.node.contype !== 'CONSTR_CHECK') continue;
    const check = checkEntry(text, w.node, table, columns, session, catalog, (n) => existing.has(n) || checks.some((c) => c.name === n));
    if (checks.some((c) => c.name === check.name)) throw new SqlError(SqlState.duplicateObject, `check constraint "${check.name}" already exists`);
    checks.push(check);
  }
  // Then the indexes, each name a relation name.
  const relations = new Set<string>(primaryKey === null ? [] : [`${table}_pkey`]);
  const taken = (n: string): boolean => relations.has(n) || n === table || relationNameTaken(catalog, schema, n);
  const uniques: UniqueConstraint[] = [];
  for (const d of declared) {
    let name = d.name;
    if (name === null) name = chooseName(table, columnsPart(d.columns), 'key', (n) => taken(n) || existing.has(n) || checks.some((c) => c.name === n));
    else if (taken(name)) throw duplicateTable(name);
    else if (checks.some((c) => c.name === name)) throw duplicateConstraint(name, table);
    relations.add(name);
    uniques.push({ name, columns: d.columns, nullsNotDistinct: d.nullsNotDistinct });
  }
  return { checks, uniques };
}
