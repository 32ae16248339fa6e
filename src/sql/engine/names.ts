/**
 * Names as PostgreSQL resolves them: `[[database.]schema.]name`, an unqualified name looked up
 * along the session's search_path (the schemas of it that exist, in order), and new objects
 * made in the first schema of that path (or the one named).
 *
 * pg_catalog's relations are looked up apart (system-catalog.ts), after the user's: a table of
 * the user's named `pg_class` hides pg_catalog's where PostgreSQL would not, a difference kept
 * from before schemas existed.
 *
 * @see https://www.postgresql.org/docs/15/ddl-schemas.html#DDL-SCHEMAS-PATH
 * @see https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/catalog/namespace.c
 */
import type { Catalog, CatalogEntry, FunctionEntry, RelationEntry } from '../../catalog/index.ts';
import { settingValue, withSettings } from '../functions/settings.ts';
import { qualifiedRelation } from '../binder/scope.ts';
import { SqlError, type SessionContext } from '../types/index.ts';
import { quoteIdent } from './constraint-text.ts';
import { SqlState, undefinedTable, undefinedSchema, syntaxError } from '../../errors/index.ts';

/** The role `$user` in search_path stands for: Weir's one user. */
export const SESSION_USER = 'weir';

/** Schemas that exist without being in the catalog, and hold no user objects. */
export const SYSTEM_SCHEMAS: readonly string[] = ['pg_catalog', 'information_schema'];

/** A name as written: its schema when qualified, and the object's own name. */
export interface QualifiedName {
  readonly schema: string | null;
  readonly name: string;
}

/**
 * The schemas search_path names, in order, `$user` as the session's user: PostgreSQL's
 * SplitIdentifierString (quoted names kept as written, unquoted ones lower-cased).
 */
export function searchPathNames(session: SessionContext): string[] {
  const text = settingValue(session, 'search_path') ?? '"$user", public';
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,]*?))\s*(?:,|$)/gy;
  for (let m = re.exec(text); m !== null && m.index < text.length; m = re.exec(text)) {
    const name = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase();
    if (name !== '') out.push(name === '$user' ? SESSION_USER : name);
  }
  return out;
}

/** The schemas of search_path that exist, in order (current_schemas(false)). */
export function searchPath(catalog: Catalog, session: SessionContext): string[] {
  return [...new Set(searchPathNames(session))].filter((s) => catalog.schema(s) !== undefined || SYSTEM_SCHEMAS.includes(s));
}

/** current_schema(): the first schema of the path that exists, or null. */
export function currentSchema(catalog: Catalog, session: SessionContext): string | null {
  return searchPath(catalog, session)[0] ?? null;
}

/**
 * A name's parts as a qualified name: `t`, `s.t`, `db.s.t` (where `db` must be this database:
 * PostgreSQL's 0A000 for another); more parts are a syntax error (42601).
 */
export function qualifiedName(parts: readonly string[], database: string): QualifiedName {
  const text = parts.join('.');
  if (parts.length > 3 || parts.length === 0) throw syntaxError(`improper qualified name (too many dotted names): ${text}`);
  if (parts.length === 3 && parts[0] !== database) throw new SqlError(SqlState.featureNotSupported, `cross-database references are not implemented: "${text}"`);
  return parts.length === 1 ? { schema: null, name: parts[0]! } : { schema: parts[parts.length - 2]!, name: parts[parts.length - 1]! };
}

/** The parts of a RangeVar of the parse tree (`catalogname.schemaname.relname`). */
export function rangeVarParts(rv: unknown): string[] {
  const r = (rv ?? {}) as { catalogname?: string; schemaname?: string; relname?: string };
  return [r.catalogname, r.schemaname, String(r.relname)].filter((p): p is string => p !== undefined);
}

/** The name as PostgreSQL's messages quote it: `s.t` when written qualified, else `t`. */
export function nameText(q: QualifiedName): string {
  return q.schema === null ? q.name : `${q.schema}.${q.name}`;
}

/** 3F000 when a name's schema does not exist. */
function checkSchema(catalog: Catalog, schema: string): void {
  if (catalog.schema(schema) === undefined && !SYSTEM_SCHEMAS.includes(schema)) throw undefinedSchema(schema);
}

/**
 * How a name of a schema that does not exist is answered: as PostgreSQL's DDL does (ALTER,
 * DROP, COPY, TRUNCATE, regclass: 3F000), or as its queries do (SELECT, INSERT, UPDATE,
 * DELETE: the relation does not exist, 42P01).
 */
export interface LookupOptions {
  readonly missingSchema?: 'error' | 'no relation';
}

/**
 * The relation a name stands for: in its schema, or the first schema of the path that has
 * one by that name; undefined when there is none. 3F000 when a named schema does not exist
 * (unless `missingSchema` is 'no relation').
 */
export function lookupRelation(catalog: Catalog, session: SessionContext, q: QualifiedName, options: LookupOptions = {}): RelationEntry | undefined {
  if (q.schema !== null) {
    if (options.missingSchema !== 'no relation') checkSchema(catalog, q.schema);
    return catalog.get(q.schema, q.name);
  }
  for (const s of searchPath(catalog, session)) {
    const e = catalog.get(s, q.name);
    if (e !== undefined) return e;
  }
  return undefined;
}

/** {@link lookupRelation}, or 42P01 `relation "..." does not exist`. */
export function findRelation(catalog: Catalog, session: SessionContext, q: QualifiedName, options: LookupOptions = {}): RelationEntry {
  const e = lookupRelation(catalog, session, q, options);
  if (e === undefined) throw undefinedTable(nameText(q));
  return e;
}

/**
 * The schema a new object named `q` goes to: the one named, else the first schema of the
 * path that exists (3F000 `no schema has been selected to create in` when none does).
 */
export function creationSchema(catalog: Catalog, session: SessionContext, q: QualifiedName): string {
  const schema = q.schema ?? currentSchema(catalog, session);
  if (schema === null) throw new SqlError(SqlState.invalidSchemaName, 'no schema has been selected to create in');
  checkSchema(catalog, schema);
  if (schema === 'pg_catalog') throw new SqlError(SqlState.reservedName, `permission denied to create "${schema}.${q.name}"`, { detail: 'System catalog modifications are currently disallowed.' });
  if (schema === 'information_schema') throw new SqlError(SqlState.featureNotSupported, 'creating objects in information_schema is not supported');
  return schema;
}

/** Whether the unqualified name of `e` finds `e` (pg_table_is_visible, pg_function_is_visible). */
export function isVisible(catalog: Catalog, session: SessionContext, e: CatalogEntry): boolean {
  for (const s of searchPath(catalog, session)) {
    const found = e.kind === 'function' ? catalog.getFunction(s, e.name) : catalog.get(s, e.name);
    if (found !== undefined) return found.oid === e.oid;
  }
  return false;
}

/** `e`'s name as PostgreSQL prints it in messages and regclass: qualified unless visible. */
export function visibleName(catalog: Catalog, session: SessionContext, e: CatalogEntry): string {
  return isVisible(catalog, session, e) ? quoteIdent(e.name) : `${quoteIdent(e.schema)}.${quoteIdent(e.name)}`;
}

/**
 * search_path's value as SET stores it (PostgreSQL's flatten_set_variable_args with
 * GUC_LIST_QUOTE): each item quoted as an identifier where needed, joined by `, `.
 *
 * @example searchPathText(['s', 'Ab', '$user']) // 's, "Ab", "$user"'
 */
export function searchPathText(items: readonly string[]): string {
  return items.map(quoteIdent).join(', ');
}

type Obj = Record<string, unknown>;

/**
 * The query with each column reference through a schema-qualified relation (`s.t.col`,
 * `s.t.*`, `db.s.t.col`) written with one relation field, the key {@link qualifiedRelation}
 * makes (so every part of the planner that reads a reference as `relation.column` matches
 * the schema too). 0A000 for another database. Returns `tree` itself when it has none.
 */
export function qualifyColumnRefs<T>(tree: T, database: string): T {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      v.forEach((x, i) => {
        const y = visit(x);
        if (y !== x) (out ??= [...v])[i] = y;
      });
      return out ?? v;
    }
    if (v === null || typeof v !== 'object') return v;
    const o = v as Obj;
    const ref = o.ColumnRef as Obj | undefined;
    if (ref !== undefined && Array.isArray(ref.fields) && ref.fields.length >= 3) {
      const fields = ref.fields as Obj[];
      const text = (f: Obj): string => ('A_Star' in f ? '*' : String((f.String as Obj | undefined)?.sval));
      if (fields.length > 4) throw syntaxError(`improper qualified name (too many dotted names): ${fields.map(text).join('.')}`);
      if (fields.length === 4 && text(fields[0]!) !== database) throw new SqlError(SqlState.featureNotSupported, `cross-database references are not implemented: ${fields.map(text).join('.')}`);
      const n = fields.length;
      const relation = { String: { sval: qualifiedRelation(text(fields[n - 3]!), text(fields[n - 2]!)) } };
      return { ColumnRef: { ...ref, fields: [relation, fields[n - 1]] } };
    }
    let out: Obj | null = null;
    for (const [k, x] of Object.entries(o)) {
      const y = visit(x);
      if (y !== x) (out ??= { ...o })[k] = y;
    }
    return out ?? o;
  };
  return visit(tree) as T;
}

/**
 * The session with another search_path (a view's, as it was when the view was created), or
 * the session itself when `searchPath` is undefined (an object made before schemas existed:
 * the default path).
 */
export function withSearchPath<S extends SessionContext>(session: S, searchPath: string | undefined): S {
  const settings = new Map((session as { settings?: Map<string, string> }).settings ?? []);
  if (searchPath === undefined) settings.delete('search_path');
  else settings.set('search_path', searchPath);
  return withSettings(session, settings);
}

/** The session's search_path as SET left it (what a view created now keeps). */
export function searchPathOf(session: SessionContext): string {
  return settingValue(session, 'search_path') ?? '"$user", public';
}

/** What name resolution needs of the engine: its catalog and the database it serves. */
export interface Namespaces {
  readonly catalog: Catalog;
  readonly database: string;
}

/** The relation `parts` name (`[[db.]schema.]name`, unqualified along the path), or undefined; 3F000 for a missing schema. */
export function relationNamed(ns: Namespaces, session: SessionContext, parts: readonly string[], options: LookupOptions = {}): RelationEntry | undefined {
  return lookupRelation(ns.catalog, session, qualifiedName(parts, ns.database), options);
}

/** {@link relationNamed}, or 42P01. */
export function relationOrError(ns: Namespaces, session: SessionContext, parts: readonly string[], options: LookupOptions = {}): RelationEntry {
  return findRelation(ns.catalog, session, qualifiedName(parts, ns.database), options);
}

/** Where a new object named `parts` goes: its schema (see {@link creationSchema}) and name. */
export function newObjectName(ns: Namespaces, session: SessionContext, parts: readonly string[]): { readonly schema: string; readonly name: string } {
  const q = qualifiedName(parts, ns.database);
  return { schema: creationSchema(ns.catalog, session, q), name: q.name };
}

/** The function (CREATE FUNCTION) a name stands for: in its schema, or the first of the path that has it. */
export function functionNamed(catalog: Catalog, session: SessionContext, q: QualifiedName): FunctionEntry | undefined {
  if (q.schema !== null) {
    checkSchema(catalog, q.schema);
    return catalog.getFunction(q.schema, q.name);
  }
  for (const s of searchPath(catalog, session)) {
    const f = catalog.getFunction(s, q.name);
    if (f !== undefined) return f;
  }
  return undefined;
}
