/**
 * Weir's SQL data types: an immutable tagged union, one member per PostgreSQL type Weir
 * supports, carrying the type modifier (precision, scale, length) where PostgreSQL has one.
 *
 * Each type knows PostgreSQL's OID, typlen and typmod encoding, because RowDescription sends
 * them to clients and clients decode values by them. `unknown` is the type of an untyped
 * string literal before the binder resolves it (PostgreSQL's `unknown`, OID 705).
 * Arrays are `{ kind: 'array', element }` (one dimension, lower bound 1; values are JS
 * arrays with null for NULL elements); records will be `{ kind: 'record', fields }`. The
 * exhaustive switches below make the compiler point at every place that must handle them.
 */
export type DataType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  /** precision/scale null means unconstrained `numeric`. */
  | { readonly kind: 'numeric'; readonly precision: number | null; readonly scale: number | null }
  /** length null means `varchar` without a limit. */
  | { readonly kind: 'varchar'; readonly length: number | null }
  /** `character(n)` (blank-padded); length null means `bpchar` without a limit. */
  | { readonly kind: 'bpchar'; readonly length: number | null }
  | { readonly kind: 'text' }
  | { readonly kind: 'bytea' }
  /** precision = fractional-second digits kept (0..6); null = 6 without a typmod. */
  | { readonly kind: 'timestamp'; readonly precision: number | null }
  | { readonly kind: 'timestamptz'; readonly precision: number | null }
  | { readonly kind: 'date' }
  | { readonly kind: 'time'; readonly precision: number | null }
  /** fields = PostgreSQL's INTERVAL_MASK bits (e.g. DAY TO SECOND), null = full range. */
  | { readonly kind: 'interval'; readonly fields: number | null; readonly precision: number | null }
  | { readonly kind: 'jsonb' }
  /** `json`: the value is its text as given, checked to be JSON (types/json/json-text.ts). */
  | { readonly kind: 'json' }
  /**
   * `vector`: PostgreSQL's int2vector / oidvector (pg_index.indkey, pg_proc.proargtypes), a
   * one-dimensional array whose text form is its elements separated by spaces.
   */
  | { readonly kind: 'array'; readonly element: DataType; readonly vector?: 'int2vector' | 'oidvector' }
  /** A row value (PostgreSQL's composite / record), e.g. what _pg_expandarray returns. */
  | { readonly kind: 'record'; readonly fields: ReadonlyArray<{ readonly name: string; readonly type: DataType }> }
  | { readonly kind: 'unknown' };

export type TypeKind = DataType['kind'];

// Singletons for types without modifiers, so equality checks and allocation stay cheap.
export const BOOLEAN: DataType = Object.freeze({ kind: 'boolean' });
export const SMALLINT: DataType = Object.freeze({ kind: 'smallint' });
export const INTEGER: DataType = Object.freeze({ kind: 'integer' });
export const BIGINT: DataType = Object.freeze({ kind: 'bigint' });
export const REAL: DataType = Object.freeze({ kind: 'real' });
export const DOUBLE: DataType = Object.freeze({ kind: 'double' });
export const NUMERIC: DataType = Object.freeze({ kind: 'numeric', precision: null, scale: null });
export const VARCHAR: DataType = Object.freeze({ kind: 'varchar', length: null });
export const TEXT: DataType = Object.freeze({ kind: 'text' });
export const BPCHAR: DataType = Object.freeze({ kind: 'bpchar', length: null });
export const BYTEA: DataType = Object.freeze({ kind: 'bytea' });
export const TIMESTAMP: DataType = Object.freeze({ kind: 'timestamp', precision: null });
export const TIMESTAMPTZ: DataType = Object.freeze({ kind: 'timestamptz', precision: null });
export const DATE: DataType = Object.freeze({ kind: 'date' });
export const TIME: DataType = Object.freeze({ kind: 'time', precision: null });
export const INTERVAL: DataType = Object.freeze({ kind: 'interval', fields: null, precision: null });
export const JSONB: DataType = Object.freeze({ kind: 'jsonb' });
export const JSON_TYPE: DataType = Object.freeze({ kind: 'json' });
export const UNKNOWN: DataType = Object.freeze({ kind: 'unknown' });

// Constructors return the shared singleton when there is no modifier, so `===` works for those.
export const numericType = (precision: number | null, scale: number | null = precision === null ? null : 0): DataType =>
  precision === null && scale === null ? NUMERIC : Object.freeze({ kind: 'numeric', precision, scale });
export const varcharType = (length: number | null): DataType =>
  length === null ? VARCHAR : Object.freeze({ kind: 'varchar', length });
export const bpcharType = (length: number | null): DataType =>
  length === null ? BPCHAR : Object.freeze({ kind: 'bpchar', length });
export const timestampType = (precision: number | null): DataType =>
  precision === null ? TIMESTAMP : Object.freeze({ kind: 'timestamp', precision });
export const timestamptzType = (precision: number | null): DataType =>
  precision === null ? TIMESTAMPTZ : Object.freeze({ kind: 'timestamptz', precision });
export const timeType = (precision: number | null): DataType =>
  precision === null ? TIME : Object.freeze({ kind: 'time', precision });
/** `element[]`. */
export const arrayOf = (element: DataType): DataType => Object.freeze({ kind: 'array', element });
/** int2vector / oidvector: see DataType. */
export const vectorOf = (vector: 'int2vector' | 'oidvector'): DataType =>
  Object.freeze({ kind: 'array', element: vector === 'int2vector' ? SMALLINT : INTEGER, vector });

export const intervalType = (fields: number | null, precision: number | null): DataType =>
  fields === null && precision === null ? INTERVAL : Object.freeze({ kind: 'interval', fields, precision });

/** PostgreSQL's type OIDs (pg_type.oid), sent in RowDescription. */
export const TypeOid = {
  boolean: 16, smallint: 21, integer: 23, bigint: 20, real: 700, double: 701, numeric: 1700,
  varchar: 1043, bpchar: 1042, text: 25, bytea: 17, timestamp: 1114, timestamptz: 1184, date: 1082, time: 1083,
  interval: 1186, jsonb: 3802, json: 114, array: 2277, record: 2249, unknown: 705,
} as const satisfies Record<TypeKind, number>;

/** pg_type.typarray: the OID of `element[]`. */
export const ARRAY_TYPE_OIDS: Partial<Record<TypeKind, number>> = {
  boolean: 1000, smallint: 1005, integer: 1007, bigint: 1016, real: 1021, double: 1022, numeric: 1231,
  varchar: 1015, bpchar: 1014, text: 1009, bytea: 1001, timestamp: 1115, timestamptz: 1185, date: 1182, time: 1183, interval: 1187,
  jsonb: 3807, json: 199,
};

/** pg_type.typlen: bytes of the fixed-width binary form, -1 for varlena, -2 for C strings. */
const TYPLEN: Record<TypeKind, number> = {
  boolean: 1, smallint: 2, integer: 4, bigint: 8, real: 4, double: 8, numeric: -1, varchar: -1, bpchar: -1,
  text: -1, bytea: -1, timestamp: 8, timestamptz: 8, date: 4, time: 8, interval: 16, jsonb: -1, json: -1, array: -1, record: -1, unknown: -2,
};

const VECTOR_OIDS = { int2vector: 22, oidvector: 30 } as const;

export const typeOid = (t: DataType): number =>
  t.kind === 'array' ? (t.vector !== undefined ? VECTOR_OIDS[t.vector] : (ARRAY_TYPE_OIDS[t.element.kind] ?? TypeOid.array)) : TypeOid[t.kind];
export const typeLength = (t: DataType): number => TYPLEN[t.kind];

/** Bits of an interval's field restriction, as PostgreSQL's INTERVAL_MASK(DTK_*) (datetime.h). */
export const IntervalField = {
  MONTH: 1 << 1, YEAR: 1 << 2, DAY: 1 << 3, HOUR: 1 << 10, MINUTE: 1 << 11, SECOND: 1 << 12,
} as const;
const INTERVAL_FULL_RANGE = 0x7fff;
const INTERVAL_FULL_PRECISION = 0xffff;

/**
 * pg_attribute.atttypmod as PostgreSQL computes it (-1 = no modifier):
 * numeric `((p << 16) | (s & 0x7ff)) + 4`, varchar and char `n + 4`, timestamp/time `p`,
 * interval `(range << 16) | precision`.
 */
export function typeModifier(t: DataType): number {
  switch (t.kind) {
    case 'numeric':
      return t.precision === null ? -1 : ((t.precision << 16) | ((t.scale ?? 0) & 0x7ff)) + 4;
    case 'varchar':
    case 'bpchar':
      return t.length === null ? -1 : t.length + 4;
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return t.precision === null ? -1 : t.precision;
    case 'interval':
      if (t.fields === null && t.precision === null) return -1;
      return ((t.fields ?? INTERVAL_FULL_RANGE) << 16) | (t.precision ?? INTERVAL_FULL_PRECISION);
    case 'array':
      return typeModifier(t.element);
    case 'bytea':
      return -1;
    case 'boolean': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'text': case 'date': case 'jsonb': case 'json': case 'record': case 'unknown':
      return -1;
  }
}

/** Same type including modifiers. */
export function sameType(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'numeric': return b.kind === 'numeric' && a.precision === b.precision && a.scale === b.scale;
    case 'varchar': return b.kind === 'varchar' && a.length === b.length;
    case 'bpchar': return b.kind === 'bpchar' && a.length === b.length;
    case 'timestamp': case 'timestamptz': case 'time':
      return (b as { precision: number | null }).precision === a.precision;
    case 'interval': return b.kind === 'interval' && a.fields === b.fields && a.precision === b.precision;
    case 'array': return b.kind === 'array' && sameType(a.element, b.element);
    default: return true;
  }
}

/** The type without its modifier (`numeric(10,2)` → `numeric`): what operators and functions see. */
export function baseType(t: DataType): DataType {
  switch (t.kind) {
    case 'numeric': return NUMERIC;
    case 'varchar': return VARCHAR;
    case 'bpchar': return BPCHAR;
    case 'timestamp': return TIMESTAMP;
    case 'timestamptz': return TIMESTAMPTZ;
    case 'time': return TIME;
    case 'interval': return INTERVAL;
    case 'array': return arrayOf(baseType(t.element));
    default: return t;
  }
}

/** PostgreSQL's pg_type.typcategory, used by implicit-cast resolution. */
export type TypeCategory = 'A' | 'B' | 'N' | 'S' | 'D' | 'T' | 'U' | 'P' | 'X';
export function typeCategory(t: DataType): TypeCategory {
  switch (t.kind) {
    case 'boolean': return 'B';
    case 'smallint': case 'integer': case 'bigint': case 'real': case 'double': case 'numeric': return 'N';
    case 'varchar': case 'bpchar': case 'text': return 'S';
    case 'timestamp': case 'timestamptz': case 'date': case 'time': return 'D';
    case 'interval': return 'T';
    case 'jsonb': case 'json': return 'U';
    case 'bytea': return 'U';
    case 'array': return 'A';
    case 'record': return 'P';
    case 'unknown': return 'X';
  }
}

/** pg_type.typispreferred: the type a category resolves to when candidates tie. */
export function isPreferredType(t: DataType): boolean {
  return t.kind === 'boolean' || t.kind === 'double' || t.kind === 'text' || t.kind === 'timestamptz' || t.kind === 'interval';
}
