/**
 * CREATE SCHEMA, DROP SCHEMA and ALTER SCHEMA ... RENAME TO, as PostgreSQL has them; CREATE
 * and DROP DATABASE are refused (Weir serves one database).
 *
 * @see https://www.postgresql.org/docs/15/sql-createschema.html
 * @see https://www.postgresql.org/docs/15/sql-dropschema.html
 */
import type { CatalogEntry } from '../../../catalog/index.ts';
import { SqlError } from '../../types/index.ts';
import { quoteIdent } from '../constraint-text.ts';
import { SESSION_USER, SYSTEM_SCHEMAS, visibleName } from '../names.ts';
import type { Notice, StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { catalogSqlError, removeDropped } from './drop.ts';
import { SqlState, undefinedSchema, duplicateSchema } from '../../../errors/index.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v ?? {}) as Obj;
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

/** The role AUTHORIZATION names: Weir's one user (CURRENT_USER, SESSION_USER too), else 42704. */
function owner(role: unknown): string {
  const r = obj(role);
  if (r.roletype !== undefined && r.roletype !== 'ROLESPEC_CSTRING') return SESSION_USER;
  const name = String(r.rolename);
  if (name !== SESSION_USER) throw new SqlError(SqlState.undefinedObject, `role "${name}" does not exist`);
  return name;
}

/** PostgreSQL's IsReservedName: `pg_` names are the system's. */
function checkName(name: string): void {
  if (name.startsWith('pg_')) {
    throw new SqlError(SqlState.reservedName, `unacceptable schema name "${name}"`, { detail: 'The prefix "pg_" is reserved for system schemas.' });
  }
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role], CREATE SCHEMA AUTHORIZATION role (named after the role). */
export function createSchema(n: Obj, h: HandlerContext): StatementResult {
  const role = n.authrole === undefined ? SESSION_USER : owner(n.authrole);
  const name = n.schemaname === undefined ? role : String(n.schemaname);
  const catalog = h.engine.catalog;
  // As PostgreSQL 15 checks: the reserved prefix first (IF NOT EXISTS or not), then the name.
  checkName(name);
  const exists = catalog.schema(name) !== undefined || SYSTEM_SCHEMAS.includes(name);
  if (exists && n.if_not_exists === true) {
    return { command: 'CREATE SCHEMA', notices: [{ severity: 'NOTICE', code: SqlState.duplicateSchema, message: `schema "${name}" already exists, skipping` }] };
  }
  if (exists) throw duplicateSchema(name);
  if (Array.isArray(n.schemaElts) && n.schemaElts.length > 0) {
    throw new SqlError(SqlState.featureNotSupported, 'CREATE SCHEMA with the objects to create in it is not supported yet', { hint: `Create the schema, then each object in it by its qualified name (CREATE TABLE ${name}.t ...).` });
  }
  catalog.createSchema(name, role, `CREATE SCHEMA ${quoteIdent(name)} AUTHORIZATION ${quoteIdent(role)}`);
  return { command: 'CREATE SCHEMA' };
}

/** How PostgreSQL names an object in DROP's messages: qualified unless the search path finds it, a function with its argument types. */
function describe(h: HandlerContext): (e: CatalogEntry) => string {
  // Named as the catalog is before the drop (after it, nothing dropped is visible).
  const names = new Map<number, string>();
  for (const e of h.engine.catalog.list()) {
    const name = visibleName(h.engine.catalog, h.session, e);
    names.set(e.oid, e.kind === 'function' ? `${name}(${e.args.map((a) => a.type).join(', ')})` : name);
  }
  return (e) => names.get(e.oid) ?? e.name;
}

/** PostgreSQL's NOTICE for what CASCADE dropped besides the schema (indexes go unsaid). */
function cascadeNotice(dropped: readonly CatalogEntry[], label: (e: CatalogEntry) => string): Notice | null {
  const shown = dropped.filter((e) => e.kind !== 'index');
  if (shown.length === 0) return null;
  const kind = (e: CatalogEntry): string => (e.kind === 'source' ? 'foreign table' : e.kind);
  const lines = shown.map((e) => `drop cascades to ${kind(e)} ${label(e)}`);
  if (lines.length === 1) return { severity: 'NOTICE', code: SqlState.successfulCompletion, message: lines[0]! };
  return { severity: 'NOTICE', code: SqlState.successfulCompletion, message: `drop cascades to ${lines.length} other objects`, detail: lines.join('\n') };
}

/** DROP SCHEMA [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
export async function dropSchema(n: Obj, h: HandlerContext): Promise<StatementResult> {
  const notices: Notice[] = [];
  const cascade = n.behavior === 'DROP_CASCADE';
  const names = ((n.objects as unknown[] | undefined) ?? []).map(sval);
  for (const name of names) {
    if (SYSTEM_SCHEMAS.includes(name)) throw new SqlError(SqlState.dependentObjectsStillExist, `cannot drop schema ${name} because it is required by the database system`);
    if (h.engine.catalog.schema(name) === undefined && n.missing_ok !== true) throw undefinedSchema(name);
  }
  for (const name of names) {
    const label = describe(h);
    let outcome;
    try {
      outcome = h.engine.catalog.dropSchema(name, { ifExists: n.missing_ok === true, cascade, label });
    } catch (e) {
      throw catalogSqlError(e);
    }
    if (outcome.notice !== undefined) notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message: outcome.notice });
    const notice = cascadeNotice(outcome.dropped, label);
    if (notice !== null) notices.push(notice);
    await removeDropped(h, outcome.dropped);
  }
  return { command: 'DROP SCHEMA', ...(notices.length > 0 && { notices }) };
}

/**
 * ALTER SCHEMA name RENAME TO new_name: its objects move with it. Refused while a view,
 * materialized view or sink reads an object of it: Weir plans those again from their text
 * (at restart), which names the schema.
 */
export function renameSchema(n: Obj, h: HandlerContext): StatementResult {
  const from = String(n.subname);
  const to = String(n.newname);
  const catalog = h.engine.catalog;
  if (SYSTEM_SCHEMAS.includes(from)) throw new SqlError(SqlState.featureNotSupported, `renaming the system schema ${from} is not supported`);
  if (catalog.schema(from) === undefined) throw undefinedSchema(from);
  if (catalog.schema(to) !== undefined || SYSTEM_SCHEMAS.includes(to)) throw duplicateSchema(to);
  checkName(to);
  const inside = new Set(catalog.inSchema(from).map((e) => e.oid));
  const reader = catalog.list().find((e) => (e.kind === 'view' || e.kind === 'materialized view' || e.kind === 'sink') && e.dependsOn.some((d) => inside.has(d)));
  if (reader !== undefined) {
    throw new SqlError(SqlState.featureNotSupported, `renaming schema ${from} is not supported while ${reader.kind} ${visibleName(catalog, h.session, reader)} reads objects in it`, {
      hint: `Drop the ${reader.kind} first, rename the schema, then create it again.`,
    });
  }
  try {
    catalog.renameSchema(from, to);
  } catch (e) {
    throw catalogSqlError(e);
  }
  return { command: 'ALTER SCHEMA' };
}

/** CREATE DATABASE, DROP DATABASE, ALTER DATABASE: refused, with what to do instead. */
export function database(statement: string, h: HandlerContext): never {
  throw new SqlError(SqlState.featureNotSupported, `${statement} is not supported: Weir serves one database, "${h.engine.database}"`, {
    hint: 'Keep objects apart with schemas: CREATE SCHEMA name, then CREATE TABLE name.t ....',
  });
}
