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
import { BIGINT, INTEGER, SqlError, TEXT, arrayOf, formatTypeOfOid, type DataType } from '../types/index.ts';
import type { SqlEngine } from './engine.ts';
import {
  PKEY_OID_OFFSET, SYSTEM_FUNCTION_OIDS, SYSTEM_RELATION_OIDS, SystemOid, constraintDefinition, functionDefinition, functionSignatureText, indexDefinition, typeNameOfOid, typeOidOfName, viewDefinition,
} from './system-catalog.ts';

const call = (name: string, args: readonly BoundExpr[], type: DataType, impl: (args: readonly unknown[]) => unknown): BoundExpr =>
  ({ kind: 'function', name, impl, strict: true, args, type, volatility: 'stable' });

const isText = (e: BoundExpr): boolean => e.type.kind === 'text' || e.type.kind === 'varchar' || e.type.kind === 'unknown';

/** The binder's hook for the catalog functions; undefined for other names. */
export function catalogFunction(engine: SqlEngine): (name: string, args: readonly BoundExpr[], ctx: BindContext) => BoundExpr | undefined {
  const catalog = engine.catalog;
  const oidOf = (v: unknown): number => Number(v);
  return (name, args) => {
    switch (name) {
      case 'pg_get_indexdef':
        // (index) or (index, column, pretty): the definition, or column `n`'s name.
        return call(name, args.slice(0, 2), TEXT, ([oid, column]) => indexDefinition(oidOf(oid), column === undefined ? 0 : Number(column), catalog));
      case 'pg_get_constraintdef':
        return call(name, args.slice(0, 2), TEXT, ([oid, pretty]) => constraintDefinition(oidOf(oid), catalog, pretty === true));
      case 'pg_get_viewdef': {
        const [view] = args;
        if (view === undefined) return undefined;
        return call(name, [view], TEXT, ([v]) => {
          const oid = isText(view) ? relationOid(String(v), engine) : oidOf(v);
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

/** The oid of a relation named `name`, `public.name` or `"Name"`, or undefined. */
function relationOid(name: string, engine: SqlEngine): number | undefined {
  const { schema, object } = splitName(name);
  if (schema === 'pg_catalog') return own(SYSTEM_RELATION_OIDS, object);
  if (schema !== 'public') return undefined;
  const entry = engine.catalog.get('public', object);
  if (entry !== undefined) return entry.oid;
  // A primary key's index, `t_pkey`.
  if (object.endsWith('_pkey')) {
    const table = engine.catalog.get('public', object.slice(0, -5));
    if (table?.kind === 'table' && table.primaryKey !== null) return table.oid + PKEY_OID_OFFSET;
  }
  return own(SYSTEM_RELATION_OIDS, object);
}

function splitName(name: string): { schema: string; object: string } {
  const parts = name.match(/"(?:[^"]|"")*"|[^.]+/g)?.map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase())) ?? [];
  return parts.length === 2 ? { schema: parts[0]!, object: parts[1]! } : { schema: 'public', object: parts[0] ?? '' };
}

/** The binder's hook for `expr::regclass` and the other object identifier casts (see BindContext.objectIdCast). */
export function objectIdCast(engine: SqlEngine): NonNullable<BindContext['objectIdCast']> {
  const catalog = engine.catalog;
  const lookup = (type: ObjectIdType) => (v: unknown): number => {
    const name = String(v);
    const oid = oidOfName(type, name, engine);
    if (oid !== undefined) return oid;
    if (type === 'regclass') throw new SqlError('42P01', `relation "${name}" does not exist`);
    if (type === 'regtype') throw new SqlError('42704', `type "${name}" does not exist`);
    if (type === 'regnamespace') throw new SqlError('3F000', `schema "${name}" does not exist`);
    if (type === 'regrole') throw new SqlError('42704', `role "${name}" does not exist`);
    throw new SqlError('42883', `function "${name}" does not exist`);
  };
  const nameOf = (type: ObjectIdType) => (v: unknown): string => {
    const oid = Number(v);
    switch (type) {
      case 'regclass': {
        const e = catalog.getByOid(oid) ?? catalog.getByOid(oid - PKEY_OID_OFFSET);
        if (e === undefined) return Object.entries(SYSTEM_RELATION_OIDS).find(([, o]) => o === oid)?.[0] ?? String(oid);
        return e.oid === oid ? e.name : `${e.name}_pkey`;
      }
      case 'regtype':
        return formatTypeOfOid(oid, -1) ?? typeNameOfOid(oid) ?? String(oid);
      case 'regnamespace':
        return oid === SystemOid.public ? 'public' : oid === SystemOid.pgCatalog ? 'pg_catalog' : oid === SystemOid.informationSchema ? 'information_schema' : String(oid);
      case 'regrole':
        return oid === SystemOid.owner ? 'weir' : String(oid);
      default: {
        const f = catalog.getByOid(oid);
        if (f?.kind === 'function') return f.name;
        return oid === 0 ? '-' : (Object.entries(SYSTEM_FUNCTION_OIDS).find(([, o]) => o === oid)?.[0] ?? String(oid));
      }
    }
  };
  return (type, arg, { as, array }) => {
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

function oidOfName(type: ObjectIdType, name: string, engine: SqlEngine): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  switch (type) {
    case 'regclass':
      return relationOid(name, engine);
    case 'regtype': {
      const n = name.trim().toLowerCase().replace(/\(.*\)/, '');
      if (n.endsWith('[]')) {
        const element = typeOidOfName(pgTypeNameOf(n.slice(0, -2).trim()));
        const kind = element === undefined ? undefined : typeNameOfOid(element);
        return kind === undefined ? undefined : typeOidOfName(`_${kind}`);
      }
      return typeOidOfName(pgTypeNameOf(n));
    }
    case 'regnamespace':
      return { public: SystemOid.public, pg_catalog: SystemOid.pgCatalog, information_schema: SystemOid.informationSchema }[name.toLowerCase()];
    case 'regrole':
      return name === 'weir' ? SystemOid.owner : undefined;
    default: {
      const { schema, object } = splitName(name.replace(/\(.*\)$/, ''));
      if (schema === 'public') {
        const oid = engine.catalog.getFunction('public', object)?.oid;
        if (oid !== undefined) return oid;
      }
      return schema === 'public' || schema === 'pg_catalog' ? own(SYSTEM_FUNCTION_OIDS, object) : undefined;
    }
  }
}

/** SQL's spellings of the types regtype accepts beside pg_type's names. */
function pgTypeNameOf(name: string): string {
  const n = name.replace(/^pg_catalog\./, '');
  const aliases: Record<string, string> = {
    integer: 'int4', int: 'int4', character: 'bpchar', 'char': 'char', varchar: 'varchar', text: 'text', smallint: 'int2', bigint: 'int8', real: 'float4', 'double precision': 'float8', boolean: 'bool',
    'character varying': 'varchar', 'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
    'time without time zone': 'time', decimal: 'numeric',
  };
  return aliases[n] ?? n;
}
