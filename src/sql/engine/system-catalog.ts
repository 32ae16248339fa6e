/**
 * PostgreSQL's system catalogs and information_schema as clients read them (psql's \d
 * commands, drivers and BI tools listing tables and columns), computed from Weir's catalog
 * when a query reads them: bounded relations with PostgreSQL's column names and types, the
 * oids Weir's catalog assigns (stable across restarts), and the codes PostgreSQL uses (a
 * source shows as a foreign table, relkind 'f'; a table's primary key as an index
 * `<table>_pkey`). Columns a client may read but Weir has no notion of hold PostgreSQL's
 * value for "none" (0, false, null).
 */
import type { Catalog, CatalogEntry, CheckEntry, ColumnEntry, FunctionEntry, IndexEntry, TableEntry } from '../../catalog/index.ts';
import { quoteIdent } from './constraint-text.ts';
import {
  ARRAY_TYPE_OIDS, BIGINT, BOOLEAN, INTEGER, REAL, SMALLINT, TEXT, TypeOid, arrayOf, formatType, vectorOf,
  typeLength, typeModifier, typeOid, type DataType, type SessionContext, type TypeKind,
} from '../types/index.ts';
import { typeFromText } from './column-types.ts';
import { SERVER_SETTINGS, allSettings, settingValue } from '../functions/settings.ts';

export interface SystemRelation {
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: DataType }>;
  readonly rows: ReadonlyArray<readonly unknown[]>;
}

/** Well-known oids of PostgreSQL's bootstrap catalog. */
export const SystemOid = {
  pgCatalog: 11,
  /** PostgreSQL's schema of TOAST tables: listed, never holding anything. */
  pgToast: 99,
  public: 2200,
  informationSchema: 13_000,
  /** The bootstrap superuser: Weir's `weir`. */
  owner: 10,
  /** The role that owns `public` since PostgreSQL 15. */
  databaseOwner: 6171,
  database: 16_383,
  heap: 2,
  btree: 403,
  defaultCollation: 100,
  sqlLanguage: 14,
} as const;

/** The oid of a schema by name (pg_namespace.oid); 0 for none. */
export function namespaceOid(catalog: Catalog, schema: string): number {
  return catalog.schema(schema)?.oid ?? (schema === 'pg_catalog' ? SystemOid.pgCatalog : schema === 'information_schema' ? SystemOid.informationSchema : 0);
}

/** PostgreSQL's oids of the system catalogs Weir serves (for `'pg_class'::regclass`). */
export const SYSTEM_RELATION_OIDS: Readonly<Record<string, number>> = {
  pg_tablespace: 1213, pg_auth_members: 1261, pg_settings: 12_000, pg_stat_activity: 12_001, pg_type: 1247, pg_attribute: 1249, pg_proc: 1255, pg_class: 1259, pg_authid: 1260, pg_database: 1262, pg_shdescription: 2396,
  pg_am: 2601, pg_attrdef: 2604, pg_constraint: 2606, pg_depend: 2608, pg_description: 2609, pg_index: 2610, pg_inherits: 2611,
  pg_namespace: 2615, pg_rewrite: 2618, pg_trigger: 2620, pg_sequence: 2224, pg_extension: 3079, pg_foreign_table: 3118,
  pg_policy: 3256, pg_statistic_ext: 3381, pg_collation: 3456, pg_enum: 3501, pg_range: 3541, pg_publication: 6104,
  pg_publication_rel: 6106, pg_publication_namespace: 6237,
};

/** PostgreSQL's oids of the functions pg_type names as a type's input and output (regproc). */
export const SYSTEM_FUNCTION_OIDS: Readonly<Record<string, number>> = {
  boolin: 1242, boolout: 1243, int2in: 38, int2out: 39, int4in: 42, int4out: 43, int8in: 460, int8out: 461, float4in: 200, float4out: 201,
  float8in: 214, float8out: 215, numeric_in: 1701, numeric_out: 1702, varcharin: 1046, varcharout: 1047, bpcharin: 1044, bpcharout: 1045, byteain: 1244, byteaout: 31, textin: 46, textout: 47,
  timestamp_in: 1312, timestamp_out: 1313, timestamptz_in: 1150, timestamptz_out: 1151, date_in: 1084, date_out: 1085, time_in: 1143,
  time_out: 1144, interval_in: 1160, interval_out: 1161, jsonb_in: 3806, jsonb_out: 3805, json_in: 321, json_out: 322, unknownin: 109, unknownout: 110,
  array_in: 750, array_out: 751, anyarray_in: 2296, anyarray_out: 2297, record_in: 2290, record_out: 2291,
};

/** A table's primary key shows as an index (`t_pkey`) whose oid is the table's plus this. */
export const PKEY_OID_OFFSET = 1_000_000;

const OID = INTEGER;
const NAME = TEXT;
const CHAR = TEXT;
const INT2 = SMALLINT;

type Column = readonly [name: string, type: DataType];
type Row = Readonly<Record<string, unknown>>;

/** A relation from its columns and rows given by column name (absent = null). */
function relation(columns: readonly Column[], rows: readonly Row[]): SystemRelation {
  return {
    columns: columns.map(([name, type]) => ({ name, type })),
    rows: rows.map((r) => columns.map(([name]) => r[name] ?? null)),
  };
}

const RELKIND: Partial<Record<CatalogEntry['kind'], string>> = { table: 'r', view: 'v', 'materialized view': 'm', index: 'i', source: 'f' };

type Relation = Extract<CatalogEntry, { columns: readonly ColumnEntry[] }>;
const hasColumns = (e: CatalogEntry): e is Relation & { columns: readonly ColumnEntry[] } =>
  (e.kind === 'table' || e.kind === 'source' || e.kind === 'view' || e.kind === 'materialized view') && Array.isArray(e.columns);

/** pg_type's facts for Weir's types: PostgreSQL's names, categories and storage. */
const TYPE_INFO: Record<Exclude<TypeKind, 'array'>, { name: string; input: string; output: string; category: string; storage: string; align: string; preferred?: boolean; collatable?: boolean }> = {
  boolean: { name: 'bool', input: 'boolin', output: 'boolout', category: 'B', storage: 'p', align: 'c', preferred: true },
  smallint: { name: 'int2', input: 'int2in', output: 'int2out', category: 'N', storage: 'p', align: 's' },
  integer: { name: 'int4', input: 'int4in', output: 'int4out', category: 'N', storage: 'p', align: 'i' },
  bigint: { name: 'int8', input: 'int8in', output: 'int8out', category: 'N', storage: 'p', align: 'd' },
  real: { name: 'float4', input: 'float4in', output: 'float4out', category: 'N', storage: 'p', align: 'i' },
  double: { name: 'float8', input: 'float8in', output: 'float8out', category: 'N', storage: 'p', align: 'd', preferred: true },
  numeric: { name: 'numeric', input: 'numeric_in', output: 'numeric_out', category: 'N', storage: 'm', align: 'i' },
  varchar: { name: 'varchar', input: 'varcharin', output: 'varcharout', category: 'S', storage: 'x', align: 'i', collatable: true },
  bpchar: { name: 'bpchar', input: 'bpcharin', output: 'bpcharout', category: 'S', storage: 'x', align: 'i', collatable: true },
  bytea: { name: 'bytea', input: 'byteain', output: 'byteaout', category: 'U', storage: 'x', align: 'i' },
  text: { name: 'text', input: 'textin', output: 'textout', category: 'S', storage: 'x', align: 'i', preferred: true, collatable: true },
  timestamp: { name: 'timestamp', input: 'timestamp_in', output: 'timestamp_out', category: 'D', storage: 'p', align: 'd' },
  timestamptz: { name: 'timestamptz', input: 'timestamptz_in', output: 'timestamptz_out', category: 'D', storage: 'p', align: 'd', preferred: true },
  date: { name: 'date', input: 'date_in', output: 'date_out', category: 'D', storage: 'p', align: 'i' },
  time: { name: 'time', input: 'time_in', output: 'time_out', category: 'D', storage: 'p', align: 'd' },
  interval: { name: 'interval', input: 'interval_in', output: 'interval_out', category: 'T', storage: 'p', align: 'd', preferred: true },
  jsonb: { name: 'jsonb', input: 'jsonb_in', output: 'jsonb_out', category: 'U', storage: 'x', align: 'i' },
  json: { name: 'json', input: 'json_in', output: 'json_out', category: 'U', storage: 'x', align: 'i' },
  record: { name: 'record', input: 'record_in', output: 'record_out', category: 'P', storage: 'x', align: 'd' },
  unknown: { name: 'unknown', input: 'unknownin', output: 'unknownout', category: 'X', storage: 'p', align: 'c' },
};

const storageOf = (t: DataType): string => (t.kind === 'array' ? 'x' : TYPE_INFO[t.kind].storage);
const collationOf = (t: DataType): number => (t.kind !== 'array' && TYPE_INFO[t.kind].collatable === true ? SystemOid.defaultCollation : 0);

/** pg_type's name of a type (`int4`, `_text`), as information_schema's udt_name shows it. */
export function typeName(t: DataType): string {
  return t.kind === 'array' ? `_${typeName(t.element)}` : TYPE_INFO[t.kind].name;
}

/** The name of the type with this oid (for regtype), or undefined. */
export function typeNameOfOid(oid: number): string | undefined {
  for (const [kind, o] of Object.entries(TypeOid)) if (o === oid && kind !== 'array') return TYPE_INFO[kind as Exclude<TypeKind, 'array'>].name;
  for (const [kind, o] of Object.entries(ARRAY_TYPE_OIDS)) if (o === oid) return `_${TYPE_INFO[kind as Exclude<TypeKind, 'array'>].name}`;
  if (oid === TypeOid.array) return 'anyarray';
  return Object.entries(PSEUDO_TYPES).find(([, o]) => o === oid)?.[0];
}

/** The oid of a type named as pg_type names it (`int4`, `pg_catalog.text`), or undefined. */
export function typeOidOfName(name: string): number | undefined {
  const n = name.replace(/^pg_catalog\./, '');
  for (const [kind, info] of Object.entries(TYPE_INFO)) {
    if (info.name === n) return TypeOid[kind as TypeKind];
    if (`_${info.name}` === n) return ARRAY_TYPE_OIDS[kind as TypeKind];
  }
  return n === 'anyarray' ? TypeOid.array : PSEUDO_TYPES[n];
}

/** Types of PostgreSQL's catalog that Weir has no values of, by oid (for regtype). */
const PSEUDO_TYPES: Record<string, number> = {
  char: 18, name: 19, int2vector: 22, regproc: 24, oid: 26, oidvector: 30, regclass: 2205, regtype: 2206,
  record: 2249, cstring: 2275, any: 2276, void: 2278, trigger: 2279, anyelement: 2283, event_trigger: 3838,
};

function pgType(): SystemRelation {
  const rows: Row[] = [];
  for (const [kind, info] of Object.entries(TYPE_INFO)) {
    const k = kind as Exclude<TypeKind, 'array'>;
    const array = ARRAY_TYPE_OIDS[k];
    const base = {
      typnamespace: SystemOid.pgCatalog, typowner: SystemOid.owner, typisdefined: true, typdelim: ',', typrelid: 0,
      typnotnull: false, typbasetype: 0, typtypmod: -1, typndims: 0,
    };
    rows.push({
      ...base, oid: TypeOid[k], typname: info.name, typlen: typeLength({ kind: k } as DataType), typbyval: typeLength({ kind: k } as DataType) > 0 && typeLength({ kind: k } as DataType) <= 8,
      typtype: k === 'unknown' || k === 'record' ? 'p' : 'b', typcategory: info.category, typispreferred: info.preferred === true, typelem: 0, typarray: array ?? 0,
      typalign: info.align, typstorage: info.storage, typcollation: info.collatable === true ? SystemOid.defaultCollation : 0,
      typinput: SYSTEM_FUNCTION_OIDS[info.input] ?? 0, typoutput: SYSTEM_FUNCTION_OIDS[info.output] ?? 0,
    });
    if (array !== undefined) {
      rows.push({
        ...base, oid: array, typname: `_${info.name}`, typlen: -1, typbyval: false, typtype: 'b', typcategory: 'A', typispreferred: false,
        typelem: TypeOid[k], typarray: 0, typalign: info.align === 'd' ? 'd' : 'i', typstorage: 'x',
        typcollation: info.collatable === true ? SystemOid.defaultCollation : 0, typinput: SYSTEM_FUNCTION_OIDS.array_in, typoutput: SYSTEM_FUNCTION_OIDS.array_out,
      });
    }
  }
  rows.push({ oid: TypeOid.array, typname: 'anyarray', typnamespace: SystemOid.pgCatalog, typowner: SystemOid.owner, typlen: -1, typbyval: false, typtype: 'p', typcategory: 'P', typispreferred: false, typisdefined: true, typdelim: ',', typrelid: 0, typelem: 0, typarray: 0, typalign: 'd', typstorage: 'x', typnotnull: false, typbasetype: 0, typtypmod: -1, typndims: 0, typcollation: 0, typinput: SYSTEM_FUNCTION_OIDS.anyarray_in, typoutput: SYSTEM_FUNCTION_OIDS.anyarray_out });
  return relation(
    [
      ['oid', OID], ['typname', NAME], ['typnamespace', OID], ['typowner', OID], ['typlen', INT2], ['typbyval', BOOLEAN], ['typtype', CHAR],
      ['typcategory', CHAR], ['typispreferred', BOOLEAN], ['typisdefined', BOOLEAN], ['typdelim', CHAR], ['typrelid', OID], ['typelem', OID],
      ['typarray', OID], ['typinput', OID], ['typoutput', OID], ['typalign', CHAR], ['typstorage', CHAR], ['typnotnull', BOOLEAN],
      ['typbasetype', OID], ['typtypmod', INTEGER], ['typndims', INTEGER], ['typcollation', OID], ['typdefault', TEXT],
    ],
    rows,
  );
}

/** The relations of the catalog in pg_class's terms (with primary keys as indexes). */
function classRows(catalog: Catalog): Row[] {
  const indexes = catalog.list('index');
  return catalog.list().flatMap((e): Row[] => {
    const relkind = RELKIND[e.kind];
    if (relkind === undefined) return [];
    const stored = relkind === 'r' || relkind === 'm';
    const pk = e.kind === 'table' ? e.primaryKey : null;
    const row: Row = {
      oid: e.oid, relname: e.name, relnamespace: namespaceOid(catalog, e.schema), reltype: 0, reloftype: 0, relowner: SystemOid.owner,
      relam: relkind === 'i' ? SystemOid.btree : stored ? SystemOid.heap : 0, relfilenode: stored || relkind === 'i' ? e.oid : 0,
      reltablespace: 0, relpages: 0, reltuples: -1, relallvisible: 0, reltoastrelid: 0,
      relhasindex: pk !== null || indexes.some((i) => i.kind === 'index' && i.schema === e.schema && i.table === e.name), relisshared: false, relpersistence: 'p',
      relkind, relnatts: hasColumns(e) ? e.columns.length : e.kind === 'index' ? e.columns.length : 0, relchecks: e.kind === 'table' ? (e.checks?.length ?? 0) : 0, relhasrules: relkind === 'v',
      relhastriggers: false, relhassubclass: false, relrowsecurity: false, relforcerowsecurity: false, relispopulated: true,
      relreplident: stored ? 'd' : 'n', relispartition: false, relrewrite: 0,
    };
    if (pk === null || pk === undefined) return [row];
    return [row, { ...row, oid: e.oid + PKEY_OID_OFFSET, relname: `${e.name}_pkey`, relkind: 'i', relam: SystemOid.btree, relfilenode: e.oid + PKEY_OID_OFFSET, relhasindex: false, relnatts: pk.length, relhasrules: false, relreplident: 'n' }];
  });
}

const PG_CLASS: readonly Column[] = [
  ['oid', OID], ['relname', NAME], ['relnamespace', OID], ['reltype', OID], ['reloftype', OID], ['relowner', OID], ['relam', OID],
  ['relfilenode', OID], ['reltablespace', OID], ['relpages', INTEGER], ['reltuples', REAL], ['relallvisible', INTEGER], ['reltoastrelid', OID],
  ['relhasindex', BOOLEAN], ['relisshared', BOOLEAN], ['relpersistence', CHAR], ['relkind', CHAR], ['relnatts', INT2], ['relchecks', INT2],
  ['relhasrules', BOOLEAN], ['relhastriggers', BOOLEAN], ['relhassubclass', BOOLEAN], ['relrowsecurity', BOOLEAN], ['relforcerowsecurity', BOOLEAN],
  ['relispopulated', BOOLEAN], ['relreplident', CHAR], ['relispartition', BOOLEAN], ['relrewrite', OID], ['relfrozenxid', INTEGER],
  ['relminmxid', INTEGER], ['relacl', arrayOf(TEXT)], ['reloptions', arrayOf(TEXT)], ['relpartbound', TEXT],
];

/** Each index's key columns (a table's primary key included), with the indexed table. */
interface IndexInfo {
  oid: number;
  name: string;
  table: Relation;
  columns: readonly string[];
  primary: boolean;
  unique: boolean;
  nullsNotDistinct: boolean;
  /** The index of a UNIQUE constraint (pg_constraint contype 'u', of the same oid and name). */
  constraint: boolean;
  order: IndexEntry['order'];
}
function indexes(catalog: Catalog): IndexInfo[] {
  return catalog.list().flatMap((e): IndexInfo[] => {
    if (e.kind === 'table' && e.primaryKey !== null) {
      return [{ oid: e.oid + PKEY_OID_OFFSET, name: `${e.name}_pkey`, table: e, columns: e.primaryKey, primary: true, unique: true, nullsNotDistinct: false, constraint: true, order: undefined }];
    }
    if (e.kind !== 'index') return [];
    const table = catalog.get(e.schema, e.table);
    if (table === undefined || !hasColumns(table)) return [];
    return [{
      oid: e.oid, name: e.name, table, columns: e.columns, primary: false, unique: e.unique === true, nullsNotDistinct: e.nullsNotDistinct === true,
      constraint: e.constraint === true, order: e.order,
    }];
  });
}

/**
 * A CHECK constraint's oid in pg_constraint: derived from its table's, as the primary key's
 * index is ({@link PKEY_OID_OFFSET}), so it is stable across restarts without a counter.
 */
export const checkOid = (table: TableEntry, i: number): number => table.oid * 1000 + 500 + i;

/** Every CHECK constraint, with its table and oid. */
function checks(catalog: Catalog): Array<{ oid: number; table: TableEntry; check: CheckEntry }> {
  return catalog.list('table').flatMap((e) => (e.kind === 'table' ? (e.checks ?? []).map((check, i) => ({ oid: checkOid(e, i), table: e, check })) : []));
}

/** pg_index.indoption of an index column: INDOPTION_DESC (1), INDOPTION_NULLS_FIRST (2). */
function indexOption(o: { desc: boolean; nullsFirst: boolean | null } | undefined): number {
  if (o === undefined) return 0;
  return (o.desc ? 1 : 0) | ((o.nullsFirst ?? o.desc) ? 2 : 0);
}

function attributeRows(catalog: Catalog): Row[] {
  const attribute = (relid: number, c: ColumnEntry, num: number, notNull: boolean, hasDefault: boolean): Row => {
    const type = typeFromText(c.type);
    return {
      attrelid: relid, attname: c.name, atttypid: typeOid(type), attstattarget: -1, attlen: typeLength(type), attnum: num,
      attndims: type.kind === 'array' ? 1 : 0, attcacheoff: -1, atttypmod: typeModifier(type), attbyval: typeLength(type) > 0 && typeLength(type) <= 8,
      attalign: 'i', attstorage: storageOf(type), attcompression: '', attnotnull: notNull, atthasdef: hasDefault, atthasmissing: false,
      attidentity: '', attgenerated: '', attisdropped: false, attislocal: true, attinhcount: 0, attcollation: collationOf(type),
    };
  };
  const rows = catalog.list().flatMap((e) =>
    hasColumns(e) ? e.columns.map((c, i) => attribute(e.oid, c, i + 1, !c.nullable, e.kind === 'table' && c.defaultExpr !== undefined)) : [],
  );
  for (const ix of indexes(catalog)) {
    ix.columns.forEach((name, i) => {
      const c = ix.table.columns.find((x) => x.name === name);
      if (c !== undefined) rows.push({ ...attribute(ix.oid, c, i + 1, false, false), attnotnull: false });
    });
  }
  return rows;
}

const PG_ATTRIBUTE: readonly Column[] = [
  ['attrelid', OID], ['attname', NAME], ['atttypid', OID], ['attstattarget', INTEGER], ['attlen', INT2], ['attnum', INT2], ['attndims', INTEGER],
  ['attcacheoff', INTEGER], ['atttypmod', INTEGER], ['attbyval', BOOLEAN], ['attalign', CHAR], ['attstorage', CHAR], ['attcompression', CHAR],
  ['attnotnull', BOOLEAN], ['atthasdef', BOOLEAN], ['atthasmissing', BOOLEAN], ['attidentity', CHAR], ['attgenerated', CHAR],
  ['attisdropped', BOOLEAN], ['attislocal', BOOLEAN], ['attinhcount', INTEGER], ['attcollation', OID], ['attacl', arrayOf(TEXT)],
  ['attoptions', arrayOf(TEXT)], ['attfdwoptions', arrayOf(TEXT)],
];

function proRows(catalog: Catalog): Row[] {
  return catalog.list('function').map((e) => {
    const f = e as FunctionEntry;
    const args = f.args.map((a) => typeOid(typeFromText(a.type)));
    return {
      oid: f.oid, proname: f.name, pronamespace: namespaceOid(catalog, f.schema), proowner: SystemOid.owner, prolang: SystemOid.sqlLanguage, procost: 100,
      prorows: 0, provariadic: 0, prosupport: 0, prokind: 'f', prosecdef: false, proleakproof: false, proisstrict: false, proretset: false,
      provolatile: 'v', proparallel: 'u', pronargs: args.length, pronargdefaults: 0, prorettype: typeOid(typeFromText(f.returns)),
      proargtypes: args, proargnames: f.args.every((a) => a.name === null) ? null : f.args.map((a) => a.name ?? ''), prosrc: f.bodySql,
    };
  });
}

const PG_PROC: readonly Column[] = [
  ['oid', OID], ['proname', NAME], ['pronamespace', OID], ['proowner', OID], ['prolang', OID], ['procost', REAL], ['prorows', REAL],
  ['provariadic', OID], ['prosupport', OID], ['prokind', CHAR], ['prosecdef', BOOLEAN], ['proleakproof', BOOLEAN], ['proisstrict', BOOLEAN],
  ['proretset', BOOLEAN], ['provolatile', CHAR], ['proparallel', CHAR], ['pronargs', INT2], ['pronargdefaults', INT2], ['prorettype', OID],
  ['proargtypes', vectorOf('oidvector')], ['proallargtypes', arrayOf(OID)], ['proargmodes', arrayOf(CHAR)], ['proargnames', arrayOf(TEXT)],
  ['proargdefaults', TEXT], ['protrftypes', arrayOf(OID)], ['prosrc', TEXT], ['probin', TEXT], ['prosqlbody', TEXT],
  ['proconfig', arrayOf(TEXT)], ['proacl', arrayOf(TEXT)],
];

/** information_schema's description of a column's type (data_type, lengths, precisions, udt_name). */
function columnTypeFacts(type: DataType): Row {
  const facts: Record<string, unknown> = { data_type: type.kind === 'array' ? 'ARRAY' : formatType(stripModifiers(type)), udt_name: typeName(type) };
  switch (type.kind) {
    case 'smallint': return { ...facts, numeric_precision: 16, numeric_precision_radix: 2, numeric_scale: 0 };
    case 'integer': return { ...facts, numeric_precision: 32, numeric_precision_radix: 2, numeric_scale: 0 };
    case 'bigint': return { ...facts, numeric_precision: 64, numeric_precision_radix: 2, numeric_scale: 0 };
    case 'real': return { ...facts, numeric_precision: 24, numeric_precision_radix: 2 };
    case 'double': return { ...facts, numeric_precision: 53, numeric_precision_radix: 2 };
    case 'numeric': return { ...facts, numeric_precision: type.precision, numeric_precision_radix: 10, numeric_scale: type.precision === null ? null : (type.scale ?? 0) };
    case 'varchar': return { ...facts, character_maximum_length: type.length, character_octet_length: type.length === null ? 1_073_741_824 : type.length * 4 };
    case 'bpchar': return { ...facts, data_type: 'character', character_maximum_length: type.length, character_octet_length: type.length === null ? 1_073_741_824 : type.length * 4 };
    case 'text': return { ...facts, character_octet_length: 1_073_741_824 };
    case 'timestamp': case 'timestamptz': case 'time': return { ...facts, datetime_precision: type.precision ?? 6 };
    case 'interval': return { ...facts, datetime_precision: type.precision ?? 6 };
    case 'date': return { ...facts, datetime_precision: 0 };
    default: return facts;
  }
}

function stripModifiers(t: DataType): DataType {
  switch (t.kind) {
    case 'numeric': return { kind: 'numeric', precision: null, scale: null } as DataType;
    case 'varchar': return { kind: 'varchar', length: null } as DataType;
    case 'bpchar': return { kind: 'bpchar', length: null } as DataType;
    case 'timestamp': case 'timestamptz': case 'time': return { ...t, precision: null } as DataType;
    case 'interval': return { kind: 'interval', fields: null, precision: null } as DataType;
    default: return t;
  }
}

const TABLE_TYPE: Partial<Record<CatalogEntry['kind'], string>> = { table: 'BASE TABLE', view: 'VIEW', 'materialized view': 'MATERIALIZED VIEW', source: 'FOREIGN' };

/**
 * A relation of pg_catalog or information_schema by name (`pg_class`,
 * `information_schema.tables`), computed from the catalog now; undefined for other names.
 */
export function systemRelation(name: string, catalog: Catalog, database: string, session: SessionContext): SystemRelation | undefined {
  const withCatalog = (schema: string, r: Row): Row => ({ table_catalog: database, table_schema: schema, ...r });
  switch (name) {
    case 'pg_namespace':
      return relation([['oid', OID], ['nspname', NAME], ['nspowner', OID], ['nspacl', arrayOf(TEXT)]], [
        { oid: SystemOid.pgCatalog, nspname: 'pg_catalog', nspowner: SystemOid.owner },
        { oid: SystemOid.pgToast, nspname: 'pg_toast', nspowner: SystemOid.owner },
        { oid: SystemOid.informationSchema, nspname: 'information_schema', nspowner: SystemOid.owner },
        ...catalog.schemas().map((s) => ({ oid: s.oid, nspname: s.name, nspowner: s.owner === 'pg_database_owner' ? SystemOid.databaseOwner : SystemOid.owner })),
      ]);
    case 'pg_database':
      return relation(
        [['oid', OID], ['datname', NAME], ['datdba', OID], ['encoding', INTEGER], ['datlocprovider', CHAR], ['datistemplate', BOOLEAN], ['datallowconn', BOOLEAN],
          ['datconnlimit', INTEGER], ['dattablespace', OID], ['datcollate', TEXT], ['datctype', TEXT], ['daticulocale', TEXT], ['datcollversion', TEXT], ['datacl', arrayOf(TEXT)]],
        [{ oid: SystemOid.database, datname: database, datdba: SystemOid.owner, encoding: 6, datlocprovider: 'c', datistemplate: false, datallowconn: true, datconnlimit: -1, dattablespace: 1663, datcollate: 'C', datctype: 'C' }],
      );
    case 'pg_am':
      return relation([['oid', OID], ['amname', NAME], ['amhandler', TEXT], ['amtype', CHAR]], [
        { oid: SystemOid.heap, amname: 'heap', amhandler: 'heap_tableam_handler', amtype: 't' },
        { oid: SystemOid.btree, amname: 'btree', amhandler: 'bthandler', amtype: 'i' },
      ]);
    case 'pg_class':
      return relation(PG_CLASS, classRows(catalog));
    case 'pg_index':
      return relation(
        [['indexrelid', OID], ['indrelid', OID], ['indnatts', INT2], ['indnkeyatts', INT2], ['indisunique', BOOLEAN], ['indnullsnotdistinct', BOOLEAN],
          ['indisprimary', BOOLEAN], ['indisexclusion', BOOLEAN], ['indimmediate', BOOLEAN], ['indisclustered', BOOLEAN], ['indisvalid', BOOLEAN],
          ['indcheckxmin', BOOLEAN], ['indisready', BOOLEAN], ['indislive', BOOLEAN], ['indisreplident', BOOLEAN], ['indkey', vectorOf('int2vector')], ['indoption', vectorOf('int2vector')], ['indclass', vectorOf('oidvector')], ['indcollation', vectorOf('oidvector')], ['indexprs', TEXT], ['indpred', TEXT]],
        indexes(catalog).map((ix) => ({
          indexrelid: ix.oid, indrelid: ix.table.oid, indnatts: ix.columns.length, indnkeyatts: ix.columns.length, indisunique: ix.unique,
          indnullsnotdistinct: ix.nullsNotDistinct, indisprimary: ix.primary, indisexclusion: false, indimmediate: true, indisclustered: false, indisvalid: true,
          indcheckxmin: false, indisready: true, indislive: true, indisreplident: false,
          indkey: ix.columns.map((c) => ix.table.columns.findIndex((x) => x.name === c) + 1),
          indoption: ix.columns.map((_, i) => indexOption(ix.order?.[i])),
          indclass: ix.columns.map(() => 0),
          indcollation: ix.columns.map(() => 0),
        })),
      );
    case 'pg_constraint':
      return relation(
        [['oid', OID], ['conname', NAME], ['connamespace', OID], ['contype', CHAR], ['condeferrable', BOOLEAN], ['condeferred', BOOLEAN], ['convalidated', BOOLEAN],
          ['conrelid', OID], ['contypid', OID], ['conindid', OID], ['conparentid', OID], ['confrelid', OID], ['conislocal', BOOLEAN], ['coninhcount', INTEGER],
          ['connoinherit', BOOLEAN], ['conkey', arrayOf(INT2)], ['confkey', arrayOf(INT2)], ['conbin', TEXT]],
        [
          ...indexes(catalog).filter((ix) => ix.constraint).map((ix) => ({
            oid: ix.oid, conname: ix.name, connamespace: namespaceOid(catalog, ix.table.schema), contype: ix.primary ? 'p' : 'u', condeferrable: false, condeferred: false, convalidated: true,
            conrelid: ix.table.oid, contypid: 0, conindid: ix.oid, conparentid: 0, confrelid: 0, conislocal: true, coninhcount: 0, connoinherit: true,
            conkey: ix.columns.map((c) => ix.table.columns.findIndex((x) => x.name === c) + 1),
          })),
          ...checks(catalog).map(({ oid, table, check }) => ({
            oid, conname: check.name, connamespace: namespaceOid(catalog, table.schema), contype: 'c', condeferrable: false, condeferred: false, convalidated: true,
            conrelid: table.oid, contypid: 0, conindid: 0, conparentid: 0, confrelid: 0, conislocal: true, coninhcount: 0, connoinherit: false,
            conkey: check.columns.map((c) => table.columns.findIndex((x) => x.name === c) + 1), conbin: check.exprSqlPlain,
          })),
        ],
      );
    case 'pg_attribute':
      return relation(PG_ATTRIBUTE, attributeRows(catalog));
    case 'pg_attrdef':
      return relation(
        [['oid', OID], ['adrelid', OID], ['adnum', INT2], ['adbin', TEXT]],
        catalog.list('table').flatMap((e) =>
          hasColumns(e) ? e.columns.flatMap((c, i) => (c.defaultExpr === undefined ? [] : [{ oid: e.oid * 1000 + i + 1, adrelid: e.oid, adnum: i + 1, adbin: c.defaultSql ?? null }])) : [],
        ),
      );
    case 'pg_type':
      return pgType();
    case 'pg_proc':
      return relation(PG_PROC, proRows(catalog));
    case 'pg_collation':
      return relation([['oid', OID], ['collname', NAME], ['collnamespace', OID], ['collprovider', CHAR], ['collencoding', INTEGER]], [
        { oid: SystemOid.defaultCollation, collname: 'default', collnamespace: SystemOid.pgCatalog, collprovider: 'd', collencoding: -1 },
        { oid: 950, collname: 'C', collnamespace: SystemOid.pgCatalog, collprovider: 'c', collencoding: -1 },
        { oid: 951, collname: 'POSIX', collnamespace: SystemOid.pgCatalog, collprovider: 'c', collencoding: -1 },
      ]);
    case 'pg_roles':
    case 'pg_authid':
    case 'pg_user': {
      const columns: Column[] = name === 'pg_user'
        ? [['usename', NAME], ['usesysid', OID], ['usecreatedb', BOOLEAN], ['usesuper', BOOLEAN], ['userepl', BOOLEAN], ['usebypassrls', BOOLEAN], ['passwd', TEXT], ['valuntil', TEXT], ['useconfig', arrayOf(TEXT)]]
        : [['oid', OID], ['rolname', NAME], ['rolsuper', BOOLEAN], ['rolinherit', BOOLEAN], ['rolcreaterole', BOOLEAN], ['rolcreatedb', BOOLEAN], ['rolcanlogin', BOOLEAN],
            ['rolreplication', BOOLEAN], ['rolconnlimit', INTEGER], ['rolpassword', TEXT], ['rolvaliduntil', TEXT], ['rolbypassrls', BOOLEAN], ['rolconfig', arrayOf(TEXT)]];
      return relation(columns, [
        { oid: SystemOid.owner, rolname: 'weir', rolsuper: true, rolinherit: true, rolcreaterole: true, rolcreatedb: true, rolcanlogin: true, rolreplication: true, rolconnlimit: -1, rolpassword: '********', rolbypassrls: true,
          usename: 'weir', usesysid: SystemOid.owner, usecreatedb: true, usesuper: true, userepl: true, usebypassrls: true, passwd: '********' },
      ]);
    }
    case 'pg_tables':
      return relation(
        [['schemaname', NAME], ['tablename', NAME], ['tableowner', NAME], ['tablespace', NAME], ['hasindexes', BOOLEAN], ['hasrules', BOOLEAN], ['hastriggers', BOOLEAN], ['rowsecurity', BOOLEAN]],
        classRows(catalog).filter((r) => r.relkind === 'r').map((r) => ({ schemaname: catalog.schemaByOid(Number(r.relnamespace))?.name, tablename: r.relname, tableowner: 'weir', hasindexes: r.relhasindex, hasrules: false, hastriggers: false, rowsecurity: false })),
      );
    case 'pg_views':
    case 'pg_matviews': {
      const kind = name === 'pg_views' ? 'view' : 'materialized view';
      const rows = catalog.list(kind).map((e) => ({
        schemaname: e.schema, viewname: e.name, matviewname: e.name, viewowner: 'weir', matviewowner: 'weir', definition: 'querySql' in e ? ` ${e.querySql};` : null,
        hasindexes: false, ispopulated: true,
      }));
      return name === 'pg_views'
        ? relation([['schemaname', NAME], ['viewname', NAME], ['viewowner', NAME], ['definition', TEXT]], rows)
        : relation([['schemaname', NAME], ['matviewname', NAME], ['matviewowner', NAME], ['tablespace', NAME], ['hasindexes', BOOLEAN], ['ispopulated', BOOLEAN], ['definition', TEXT]], rows);
    }
    case 'pg_settings':
      return relation(
        [['name', TEXT], ['setting', TEXT], ['unit', TEXT], ['category', TEXT], ['short_desc', TEXT], ['extra_desc', TEXT], ['context', TEXT], ['vartype', TEXT],
          ['source', TEXT], ['min_val', TEXT], ['max_val', TEXT], ['enumvals', arrayOf(TEXT)], ['boot_val', TEXT], ['reset_val', TEXT], ['sourcefile', TEXT],
          ['sourceline', INTEGER], ['pending_restart', BOOLEAN]],
        allSettings(session).map((x) => ({
          name: x.name, setting: x.value, category: x.category, short_desc: x.description, context: SERVER_SETTINGS[x.name]?.category === 'Preset Options' ? 'internal' : 'user',
          vartype: 'string', source: 'default', boot_val: SERVER_SETTINGS[x.name.toLowerCase()]?.value ?? x.value, reset_val: SERVER_SETTINGS[x.name.toLowerCase()]?.value ?? x.value, pending_restart: false,
        })),
      );
    case 'pg_stat_activity':
      // The asking session only: Weir does not share other sessions' activity yet.
      return relation(
        [['datid', OID], ['datname', NAME], ['pid', INTEGER], ['leader_pid', INTEGER], ['usesysid', OID], ['usename', NAME], ['application_name', TEXT],
          ['client_addr', TEXT], ['client_hostname', TEXT], ['client_port', INTEGER], ['backend_start', TEXT], ['xact_start', TEXT], ['query_start', TEXT],
          ['state_change', TEXT], ['wait_event_type', TEXT], ['wait_event', TEXT], ['state', TEXT], ['backend_xid', TEXT], ['backend_xmin', TEXT],
          ['query_id', BIGINT], ['query', TEXT], ['backend_type', TEXT]],
        [{ datid: SystemOid.database, datname: database, pid: process.pid, usesysid: SystemOid.owner, usename: 'weir', application_name: settingValue(session, 'application_name') ?? '', state: 'active', backend_type: 'client backend' }],
      );
    case 'pg_tablespace':
      return relation([['oid', OID], ['spcname', NAME], ['spcowner', OID], ['spcacl', arrayOf(TEXT)], ['spcoptions', arrayOf(TEXT)]], [
        { oid: 1663, spcname: 'pg_default', spcowner: SystemOid.owner },
        { oid: 1664, spcname: 'pg_global', spcowner: SystemOid.owner },
      ]);
    case 'information_schema.schemata':
      return relation(
        [['catalog_name', NAME], ['schema_name', NAME], ['schema_owner', NAME], ['default_character_set_catalog', NAME], ['default_character_set_schema', NAME], ['default_character_set_name', NAME], ['sql_path', TEXT]],
        [
          ...['information_schema', 'pg_catalog', 'pg_toast'].map((s) => ({ catalog_name: database, schema_name: s, schema_owner: 'weir' })),
          ...catalog.schemas().map((s) => ({ catalog_name: database, schema_name: s.name, schema_owner: s.owner })),
        ],
      );
    case 'information_schema.tables':
      return relation(
        [['table_catalog', NAME], ['table_schema', NAME], ['table_name', NAME], ['table_type', TEXT], ['self_referencing_column_name', NAME], ['reference_generation', TEXT],
          ['user_defined_type_catalog', NAME], ['user_defined_type_schema', NAME], ['user_defined_type_name', NAME], ['is_insertable_into', TEXT], ['is_typed', TEXT], ['commit_action', TEXT]],
        catalog.list().flatMap((e) => {
          const type = TABLE_TYPE[e.kind];
          return type === undefined ? [] : [withCatalog(e.schema, { table_name: e.name, table_type: type, is_insertable_into: e.kind === 'table' && !(Object.keys(e.options).length > 0) ? 'YES' : 'NO', is_typed: 'NO' })];
        }),
      );
    case 'information_schema.views':
      return relation(
        [['table_catalog', NAME], ['table_schema', NAME], ['table_name', NAME], ['view_definition', TEXT], ['check_option', TEXT], ['is_updatable', TEXT],
          ['is_insertable_into', TEXT], ['is_trigger_updatable', TEXT], ['is_trigger_deletable', TEXT], ['is_trigger_insertable_into', TEXT]],
        catalog.list('view').map((e) => withCatalog(e.schema, {
          table_name: e.name, view_definition: 'querySql' in e ? ` ${e.querySql};` : null, check_option: 'NONE', is_updatable: 'NO', is_insertable_into: 'NO',
          is_trigger_updatable: 'NO', is_trigger_deletable: 'NO', is_trigger_insertable_into: 'NO',
        })),
      );
    case 'information_schema.columns':
      return relation(
        [['table_catalog', NAME], ['table_schema', NAME], ['table_name', NAME], ['column_name', NAME], ['ordinal_position', INTEGER], ['column_default', TEXT],
          ['is_nullable', TEXT], ['data_type', TEXT], ['character_maximum_length', INTEGER], ['character_octet_length', INTEGER], ['numeric_precision', INTEGER],
          ['numeric_precision_radix', INTEGER], ['numeric_scale', INTEGER], ['datetime_precision', INTEGER], ['interval_type', TEXT], ['interval_precision', INTEGER],
          ['collation_name', NAME], ['domain_name', NAME], ['udt_catalog', NAME], ['udt_schema', NAME], ['udt_name', NAME], ['dtd_identifier', NAME], ['is_self_referencing', TEXT],
          ['is_identity', TEXT], ['identity_generation', TEXT], ['is_generated', TEXT], ['generation_expression', TEXT], ['is_updatable', TEXT]],
        catalog.list().flatMap((e) =>
          hasColumns(e)
            ? e.columns.map((c, i) => withCatalog(e.schema, {
              table_name: e.name, column_name: c.name, ordinal_position: i + 1, column_default: e.kind === 'table' ? (c.defaultSql ?? null) : null,
              is_nullable: c.nullable ? 'YES' : 'NO', ...columnTypeFacts(typeFromText(c.type)), udt_catalog: database, udt_schema: 'pg_catalog',
              dtd_identifier: String(i + 1), is_self_referencing: 'NO', is_identity: 'NO', is_generated: c.generatedSql === undefined ? 'NEVER' : 'ALWAYS',
              generation_expression: c.generatedSql ?? null, is_updatable: e.kind === 'table' ? 'YES' : 'NO',
            }))
            : [],
        ),
      );
    case 'information_schema.table_constraints':
      return relation(
        [['constraint_catalog', NAME], ['constraint_schema', NAME], ['constraint_name', NAME], ['table_catalog', NAME], ['table_schema', NAME], ['table_name', NAME],
          ['constraint_type', TEXT], ['is_deferrable', TEXT], ['initially_deferred', TEXT], ['enforced', TEXT], ['nulls_distinct', TEXT]],
        [
          ...indexes(catalog).filter((ix) => ix.constraint).map((ix) => withCatalog(ix.table.schema, {
            constraint_catalog: database, constraint_schema: ix.table.schema, constraint_name: ix.name, table_name: ix.table.name, constraint_type: ix.primary ? 'PRIMARY KEY' : 'UNIQUE',
            is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES', nulls_distinct: ix.primary ? null : ix.nullsNotDistinct ? 'NO' : 'YES',
          })),
          ...checkConstraints(catalog).map((c) => withCatalog(c.schema, {
            constraint_catalog: database, constraint_schema: c.schema, constraint_name: c.name, table_name: c.table, constraint_type: 'CHECK',
            is_deferrable: 'NO', initially_deferred: 'NO', enforced: 'YES',
          })),
        ],
      );
    case 'information_schema.check_constraints':
      return relation(
        [['constraint_catalog', NAME], ['constraint_schema', NAME], ['constraint_name', NAME], ['check_clause', TEXT]],
        checkConstraints(catalog).map((c) => ({ constraint_catalog: database, constraint_schema: c.schema, constraint_name: c.name, check_clause: c.clause })),
      );
    case 'information_schema.key_column_usage':
      return relation(
        [['constraint_catalog', NAME], ['constraint_schema', NAME], ['constraint_name', NAME], ['table_catalog', NAME], ['table_schema', NAME], ['table_name', NAME],
          ['column_name', NAME], ['ordinal_position', INTEGER], ['position_in_unique_constraint', INTEGER]],
        indexes(catalog).filter((ix) => ix.constraint).flatMap((ix) => ix.columns.map((c, i) => withCatalog(ix.table.schema, {
          constraint_catalog: database, constraint_schema: ix.table.schema, constraint_name: ix.name, table_name: ix.table.name, column_name: c, ordinal_position: i + 1,
        }))),
      );
    default: {
      const columns = EMPTY[name];
      return columns === undefined ? undefined : relation(columns, []);
    }
  }
}

/** Catalogs of what Weir does not have (row security, extended statistics, publications, inheritance, triggers, rules, comments): empty. */
const EMPTY: Record<string, readonly Column[]> = {
  pg_policy: [['oid', OID], ['polname', NAME], ['polrelid', OID], ['polcmd', CHAR], ['polpermissive', BOOLEAN], ['polroles', arrayOf(OID)], ['polqual', TEXT], ['polwithcheck', TEXT]],
  pg_statistic_ext: [['oid', OID], ['stxrelid', OID], ['stxname', NAME], ['stxnamespace', OID], ['stxowner', OID], ['stxstattarget', INTEGER], ['stxkeys', arrayOf(INT2)], ['stxkind', arrayOf(CHAR)], ['stxexprs', TEXT]],
  pg_publication: [['oid', OID], ['pubname', NAME], ['pubowner', OID], ['puballtables', BOOLEAN], ['pubinsert', BOOLEAN], ['pubupdate', BOOLEAN], ['pubdelete', BOOLEAN], ['pubtruncate', BOOLEAN], ['pubviaroot', BOOLEAN]],
  pg_publication_rel: [['oid', OID], ['prpubid', OID], ['prrelid', OID], ['prqual', TEXT], ['prattrs', arrayOf(INT2)]],
  pg_publication_namespace: [['oid', OID], ['pnpubid', OID], ['pnnspid', OID]],
  pg_inherits: [['inhrelid', OID], ['inhparent', OID], ['inhseqno', INTEGER], ['inhdetachpending', BOOLEAN]],
  pg_trigger: [['oid', OID], ['tgrelid', OID], ['tgparentid', OID], ['tgname', NAME], ['tgfoid', OID], ['tgtype', INT2], ['tgenabled', CHAR], ['tgisinternal', BOOLEAN], ['tgconstraint', OID]],
  pg_rewrite: [['oid', OID], ['rulename', NAME], ['ev_class', OID], ['ev_type', CHAR], ['ev_enabled', CHAR], ['is_instead', BOOLEAN]],
  pg_description: [['objoid', OID], ['classoid', OID], ['objsubid', INTEGER], ['description', TEXT]],
  pg_shdescription: [['objoid', OID], ['classoid', OID], ['description', TEXT]],
  pg_extension: [['oid', OID], ['extname', NAME], ['extowner', OID], ['extnamespace', OID], ['extrelocatable', BOOLEAN], ['extversion', TEXT]],
  pg_foreign_table: [['ftrelid', OID], ['ftserver', OID], ['ftoptions', arrayOf(TEXT)]],
  pg_sequence: [['seqrelid', OID], ['seqtypid', OID], ['seqstart', BIGINT], ['seqincrement', BIGINT], ['seqmax', BIGINT], ['seqmin', BIGINT], ['seqcache', BIGINT], ['seqcycle', BOOLEAN]],
  pg_depend: [['classid', OID], ['objid', OID], ['objsubid', INTEGER], ['refclassid', OID], ['refobjid', OID], ['refobjsubid', INTEGER], ['deptype', CHAR]],
  pg_enum: [['oid', OID], ['enumtypid', OID], ['enumsortorder', REAL], ['enumlabel', NAME]],
  pg_auth_members: [['oid', OID], ['roleid', OID], ['member', OID], ['grantor', OID], ['admin_option', BOOLEAN]],
  pg_range: [['rngtypid', OID], ['rngsubtype', OID]],
};

/**
 * information_schema's CHECK constraints: the CHECKs, and PostgreSQL 15's NOT NULL ones
 * (`<schema oid>_<table oid>_<attnum>_not_null`, clause `col IS NOT NULL`).
 */
function checkConstraints(catalog: Catalog): Array<{ name: string; schema: string; table: string; clause: string }> {
  const out: Array<{ name: string; schema: string; table: string; clause: string }> = [];
  for (const e of catalog.list('table')) {
    if (e.kind !== 'table') continue;
    for (const c of e.checks ?? []) out.push({ name: c.name, schema: e.schema, table: e.name, clause: `(${c.exprSqlPlain})` });
    e.columns.forEach((c, i) => {
      if (!c.nullable) out.push({ name: `${namespaceOid(catalog, e.schema)}_${e.oid}_${i + 1}_not_null`, schema: e.schema, table: e.name, clause: `${quoteIdent(c.name)} IS NOT NULL` });
    });
  }
  return out;
}

/** An index column with its ordering, as pg_get_indexdef writes it (`b DESC NULLS LAST`). */
function indexColumn(name: string, o: { desc: boolean; nullsFirst: boolean | null } | undefined): string {
  if (o === undefined) return quoteIdent(name);
  if (o.desc) return `${quoteIdent(name)} DESC${o.nullsFirst === false ? ' NULLS LAST' : ''}`;
  return `${quoteIdent(name)}${o.nullsFirst === true ? ' NULLS FIRST' : ''}`;
}

/** pg_get_indexdef(index oid[, column, pretty]): the CREATE INDEX text, or one key column's name. */
export function indexDefinition(oid: number, column: number, catalog: Catalog): string | null {
  const ix = indexes(catalog).find((i) => i.oid === oid);
  if (ix === undefined) return null;
  if (column > 0) return ix.columns[column - 1] ?? null;
  const columns = ix.columns.map((c, i) => indexColumn(c, ix.order?.[i])).join(', ');
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${quoteIdent(ix.table.schema)}.${quoteIdent(ix.table.name)} USING btree (${columns})${ix.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`;
}

/** pg_get_constraintdef(constraint oid[, pretty]): a primary key, UNIQUE or CHECK constraint as PostgreSQL writes it. */
export function constraintDefinition(oid: number, catalog: Catalog, pretty = false): string | null {
  const ix = indexes(catalog).find((i) => i.oid === oid && i.constraint);
  if (ix !== undefined) {
    const columns = ix.columns.map(quoteIdent).join(', ');
    return ix.primary ? `PRIMARY KEY (${columns})` : `UNIQUE ${ix.nullsNotDistinct ? 'NULLS NOT DISTINCT ' : ''}(${columns})`;
  }
  const c = checks(catalog).find((x) => x.oid === oid);
  return c === undefined ? null : `CHECK (${pretty ? c.check.exprSql : c.check.exprSqlPlain})`;
}

/** pg_get_viewdef(view oid): the view's query as it was written. */
export function viewDefinition(oid: number, catalog: Catalog): string | null {
  const e = catalog.getByOid(oid);
  return e !== undefined && (e.kind === 'view' || e.kind === 'materialized view') ? ` ${e.querySql.trim().replace(/;$/, '')};` : null;
}

/** pg_get_function_result / pg_get_function_arguments of a SQL function. */
export function functionSignatureText(oid: number, part: 'result' | 'arguments', catalog: Catalog): string | null {
  const f = catalog.getByOid(oid);
  if (f?.kind !== 'function') return null;
  if (part === 'result') return f.returns;
  return f.args.map((a) => (a.name === null ? a.type : `${a.name} ${a.type}`)).join(', ');
}

/** pg_get_functiondef(oid): the CREATE FUNCTION statement of a SQL function, as PostgreSQL writes it. */
export function functionDefinition(oid: number, catalog: Catalog): string | null {
  const f = catalog.getByOid(oid);
  if (f?.kind !== 'function') return null;
  const args = f.args.map((a) => (a.name === null ? a.type : `${a.name} ${a.type}`)).join(', ');
  return `CREATE OR REPLACE FUNCTION ${quoteIdent(f.schema)}.${quoteIdent(f.name)}(${args})\n RETURNS ${f.returns}\n LANGUAGE sql\nAS $function$${f.bodySql}$function$\n`;
}
