/**
 * Functions and casts that read Weir's catalog, as PostgreSQL's system information functions
 * do (psql's \d commands, drivers' metadata queries): pg_get_indexdef, pg_get_constraintdef,
 * pg_get_viewdef, pg_get_function_result/arguments, and the object identifier casts
 * `'name'::regclass` / `::regtype` / `::regnamespace` / `::regproc`.
 *
 * An object identifier cast of a name gives the oid (so `attrelid = 't'::regclass` works);
 * of an oid it gives the name (so `oid::regclass::text` and a selected `oid::regclass` show
 * the name, as in PostgreSQL). Weir has no separate reg* types: the cast's result is an
 * integer or text by direction.
 */
import type { BindContext, ObjectIdType } from '../binder/bind-expr.ts';
import type { BoundExpr } from '../binder/bound-expr.ts';
import { coerce } from '../binder/bind-expr.ts';
import { BIGINT, BOOLEAN, INTEGER, SqlError, TEXT, arrayOf, formatTypeOfOid, type DataType, type SessionContext } from '../types/index.ts';
import { quoteIdent } from './constraint-text.ts';
import { currentSchema, functionNamed, isVisible, qualifiedName, searchPath, visibleName, type QualifiedName } from './names.ts';
import type { SqlEngine } from './engine.ts';
import {
  PKEY_OID_OFFSET, SYSTEM_FUNCTION_OIDS, SYSTEM_RELATION_OIDS, SystemOid, constraintDefinition, functionDefinition, functionSignatureText, indexDefinition, typeNameOfOid, typeOidOfName, viewDefinition,
} from './system-catalog.ts';
import { SqlState, undefinedTable, undefinedSchema } from '../../errors/index.ts';

const call = (name: string, args: readonly BoundExpr[], type: DataType, impl: (args: readonly unknown[]) => unknown): BoundExpr =>
  ({ kind: 'function', name, impl, strict: true, args, type, volatility: 'stable' });

const isText = (e: BoundExpr): boolean => e.type.kind === 'text' || e.type.kind === 'varchar' || e.type.kind === 'unknown';

/** The binder's hook for the catalog functions; undefined for other names. */
export function catalogFunction(engine: SqlEngine): (name: string, args: readonly BoundExpr[], ctx: BindContext) => BoundExpr | undefined {
  const catalog = engine.catalog;
  const oidOf = (v: unknown): number => Number(v);
  return (name, args, ctx) => {
    switch (name) {
      // The search path as the session has it (system-functions.ts has the fixed answers where there is no catalog).
      case 'current_schema':
        if (args.length !== 0) return undefined;
        return call(name, [], TEXT, () => currentSchema(catalog, ctx.session));
      case 'current_schemas': {
        const [implicit] = args;
        if (implicit === undefined || args.length !== 1) return undefined;
        const path = searchPath(catalog, ctx.session);
        const withImplicit = path.includes('pg_catalog') ? path : ['pg_catalog', ...path];
        return call(name, [coerce(implicit, BOOLEAN, ctx)], arrayOf(TEXT), ([i]) => (i === true ? withImplicit : path));
      }
      case 'pg_table_is_visible':
      case 'pg_function_is_visible':
        if (args.length !== 1) return undefined;
        return call(name, args, BOOLEAN, ([oid]) => relationVisible(oidOf(oid), engine, ctx.session));
      case 'pg_get_indexdef':
        // (index) or (index, column, pretty): the definition, or column `n`'s name.
        return call(name, args.slice(0, 2), TEXT, ([oid, column]) => indexDefinition(oidOf(oid), column === undefined ? 0 : Number(column), catalog));
      case 'pg_get_constraintdef':
        return call(name, args.slice(0, 2), TEXT, ([oid, pretty]) => constraintDefinition(oidOf(oid), catalog, pretty === true));
      case 'pg_get_viewdef': {
        const [view] = args;
        if (view === undefined) return undefined;
        return call(name, [view], TEXT, ([v]) => {
          const oid = isText(view) ? relationOid(String(v), engine, ctx.session) : oidOf(v);
          return oid === undefined ? null : viewDefinition(oid, catalog);
        });
      }
      case 'pg_get_functiondef':
        return call(name, args.slice(0, 1), TEXT, ([oid]) => functionDefinition(oidOf(oid), catalog));
      case 'pg_table_size':
      case 'pg_relation_size':
      case 'pg_total_relation_size':
        // The table's files; its indexes live in memory (rebuilt when it opens).
        return call(name, args.slice(0, 1), BIGINT, ([oid]) => {
          const e = catalog.getByOid(oidOf(oid));
          return e === undefined ? null : engine.diskBytes(e);
        });
      case 'pg_indexes_size':
        return call(name, args.slice(0, 1), BIGINT, () => 0);
      case 'pg_database_size':
        return call(name, args.slice(0, 1), BIGINT, ([db]) =>
          String(db) === engine.database || Number(db) === SystemOid.database ? catalog.list('table').reduce((n, e) => n + engine.diskBytes(e), 0) : null);
      case 'pg_get_function_result':
      case 'pg_get_function_arguments':
      case 'pg_get_function_identity_arguments': {
        const part = name === 'pg_get_function_result' ? 'result' : 'arguments';
        return call(name, args.slice(0, 1), TEXT, ([oid]) => functionSignatureText(oidOf(oid), part, catalog));
      }
      default:
        return undefined;
    }
  };
}

const own = (map: Readonly<Record<string, number>>, key: string): number | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** A relation of `schema` by name, with the primary keys' indexes (`t_pkey`) pg_class shows: its oid. */
function relationOidIn(engine: SqlEngine, schema: string, object: string): number | undefined {
  const entry = engine.catalog.get(schema, object);
  if (entry !== undefined) return entry.oid;
  if (object.endsWith('_pkey')) {
    const table = engine.catalog.get(schema, object.slice(0, -5));
    if (table?.kind === 'table' && table.primaryKey !== null) return table.oid + PKEY_OID_OFFSET;
  }
  return undefined;
}

/**
 * The oid of a relation named `name`, `s.name` or `"Name"` (an unqualified name along the
 * search path, pg_catalog's relations after the user's), or undefined; 3F000 when the schema
 * named does not exist.
 */
function relationOid(name: string, engine: SqlEngine, session: SessionContext): number | undefined {
  const q = splitName(name, engine.database);
  if (q.schema === 'pg_catalog') return own(SYSTEM_RELATION_OIDS, q.name);
  if (q.schema !== null) {
    if (engine.catalog.schema(q.schema) === undefined && q.schema !== 'information_schema') throw undefinedSchema(q.schema);
    return relationOidIn(engine, q.schema, q.name);
  }
  for (const s of searchPath(engine.catalog, session)) {
    const oid = relationOidIn(engine, s, q.name);
    if (oid !== undefined) return oid;
  }
  return own(SYSTEM_RELATION_OIDS, q.name);
}

/** A name as regclass reads it: dotted parts, quoted ones kept, the rest lower-cased. */
function splitName(name: string, database: string): QualifiedName {
  const parts = name.match(/"(?:[^"]|"")*"|[^.]+/g)?.map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.trim().toLowerCase())) ?? [];
  return qualifiedName(parts.length === 0 ? [''] : parts, database);
}

/** pg_table_is_visible: whether the search path finds the relation by its bare name (pg_catalog's always). */
function relationVisible(oid: number, engine: SqlEngine, session: SessionContext): boolean | null {
  const e = engine.catalog.getByOid(oid);
  if (e !== undefined) return isVisible(engine.catalog, session, e);
  const table = engine.catalog.getByOid(oid - PKEY_OID_OFFSET);
  if (table?.kind === 'table' && table.primaryKey !== null) {
    for (const s of searchPath(engine.catalog, session)) {
      const found = relationOidIn(engine, s, `${table.name}_pkey`);
      if (found !== undefined) return found === oid;
    }
    return false;
  }
  return oid < 16384 ? true : null;
}

/** A relation's name as regclass prints it: qualified when the search path would not find it. */
function relationName(oid: number, engine: SqlEngine, session: SessionContext): string | undefined {
  const e = engine.catalog.getByOid(oid);
  if (e !== undefined) return visibleName(engine.catalog, session, e);
  const table = engine.catalog.getByOid(oid - PKEY_OID_OFFSET);
  if (table === undefined) return undefined;
  const name = quoteIdent(`${table.name}_pkey`);
  return relationVisible(oid, engine, session) === true ? name : `${quoteIdent(table.schema)}.${name}`;
}

/** The binder's hook for `expr::regclass` and the other object identifier casts (see BindContext.objectIdCast). */
export function objectIdCast(engine: SqlEngine): NonNullable<BindContext['objectIdCast']> {
  return (type, arg, { as, array }, ctx) => {
    const lookup = oidLookup(engine, ctx.session);
    const nameOf = oidName(engine, ctx.session);
    if (array) {
      // `::regtype[]`: element by element (a NULL array stays NULL).
      const toOid = isText({ ...arg, type: arg.type.kind === 'array' ? arg.type.element : arg.type } as BoundExpr) ? lookup(type) : (v: unknown) => Number(v);
      const each = as === 'oid' ? toOid : (v: unknown) => nameOf(type)(toOid(v));
      return call(`to_${type}_array`, [arg], arrayOf(as === 'oid' ? INTEGER : TEXT), ([a]) => (a as unknown[]).map((v) => (v === null ? null : each(v))));
    }
    if (isText(arg)) {
      // A name: its oid (resolved now when it is a constant), or the name as the catalog spells it.
      if (as === 'name') return call(`${type}_name`, [arg], TEXT, ([v]) => nameOf(type)(lookup(type)(v)));
      if (arg.kind === 'literal') return arg.value === null ? { kind: 'literal', value: null, type: INTEGER } : { kind: 'literal', value: lookup(type)(arg.value), type: INTEGER };
      return call(`to_${type}`, [arg], INTEGER, ([v]) => lookup(type)(v));
    }
    if (as === 'name') return call(type, [arg], TEXT, ([v]) => nameOf(type)(v));
    // An oid stays the number it is.
    return arg.type.kind === 'integer' ? arg : call(type, [arg], INTEGER, ([v]) => Number(v));
  };
}

/** A reg* type's oid of a name, or PostgreSQL's error for a name that names nothing. */
function oidLookup(engine: SqlEngine, session: SessionContext): (type: ObjectIdType) => (v: unknown) => number {
  return (type) => (v) => {
    const name = String(v);
    const oid = oidOfName(type, name, engine, session);
    if (oid !== undefined) return oid;
    if (type === 'regclass') throw undefinedTable(name);
    if (type === 'regtype') throw new SqlError(SqlState.undefinedObject, `type "${name}" does not exist`);
    if (type === 'regnamespace') throw undefinedSchema(name);
    if (type === 'regrole') throw new SqlError(SqlState.undefinedObject, `role "${name}" does not exist`);
    throw new SqlError(SqlState.undefinedFunction, `function "${name}" does not exist`);
  };
}

/** The name a reg* type prints for an oid (qualified where the search path would not find it). */
function oidName(engine: SqlEngine, session: SessionContext): (type: ObjectIdType) => (v: unknown) => string {
  const catalog = engine.catalog;
  return (type) => (v) => {
    const oid = Number(v);
    switch (type) {
      case 'regclass':
        return relationName(oid, engine, session) ?? Object.entries(SYSTEM_RELATION_OIDS).find(([, o]) => o === oid)?.[0] ?? String(oid);
      case 'regtype':
        return formatTypeOfOid(oid, null) ?? typeNameOfOid(oid) ?? String(oid);
      case 'regnamespace':
        return catalog.schemaByOid(oid)?.name ?? (oid === SystemOid.pgCatalog ? 'pg_catalog' : oid === SystemOid.informationSchema ? 'information_schema' : String(oid));
      case 'regrole':
        return oid === SystemOid.owner ? 'weir' : String(oid);
      default: {
        const f = catalog.getByOid(oid);
        if (f?.kind === 'function') return visibleName(catalog, session, f);
        return oid === 0 ? '-' : (Object.entries(SYSTEM_FUNCTION_OIDS).find(([, o]) => o === oid)?.[0] ?? String(oid));
      }
    }
  };
}

/** The oid of schema `name` (the catalog's, or pg_catalog's and information_schema's), or undefined. */
export function schemaOid(catalog: SqlEngine['catalog'], name: string): number | undefined {
  return catalog.schema(name)?.oid ?? (name === 'pg_catalog' ? SystemOid.pgCatalog : name === 'information_schema' ? SystemOid.informationSchema : undefined);
}

function oidOfName(type: ObjectIdType, name: string, engine: SqlEngine, session: SessionContext): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  switch (type) {
    case 'regclass':
      return relationOid(name, engine, session);
    case 'regtype': {
      const n = name.trim().toLowerCase().replace(/\(.*\)/, '');
      if (n.endsWith('[]')) {
        const element = typeOidOfName(pgTypeNameOf(n.slice(0, -2).trim()));
        const kind = element === undefined ? undefined : typeNameOfOid(element);
        return kind === undefined ? undefined : typeOidOfName(`_${kind}`);
      }
      return typeOidOfName(pgTypeNameOf(n));
    }
    case 'regnamespace': {
      const [schema] = name.match(/^\s*"((?:[^"]|"")*)"\s*$/)?.slice(1).map((x) => x.replace(/""/g, '"')) ?? [name.trim().toLowerCase()];
      return schemaOid(engine.catalog, schema!);
    }
    case 'regrole':
      return name === 'weir' ? SystemOid.owner : undefined;
    default: {
      const q = splitName(name.replace(/\(.*\)$/, ''), engine.database);
      if (q.schema === 'pg_catalog') return own(SYSTEM_FUNCTION_OIDS, q.name);
      return functionNamed(engine.catalog, session, q)?.oid ?? (q.schema === null ? own(SYSTEM_FUNCTION_OIDS, q.name) : undefined);
    }
  }
}

/** SQL's spellings of the types regtype accepts beside pg_type's names. */
function pgTypeNameOf(name: string): string {
  const n = name.replace(/^pg_catalog\./, '');
  const aliases: Record<string, string> = {
    integer: 'int4', int: 'int4', character: 'bpchar', 'char': 'bpchar', '"char"': 'char', varchar: 'varchar', text: 'text', smallint: 'int2', bigint: 'int8', real: 'float4', 'double precision': 'float8', boolean: 'bool',
    'character varying': 'varchar', 'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
    'time without time zone': 'time', decimal: 'numeric',
  };
  return aliases[n] ?? n;
}
