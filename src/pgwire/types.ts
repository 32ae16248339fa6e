/**
 * PostgreSQL type OIDs (pg_type.oid, stable since forever) and their fixed sizes
 * (pg_type.typlen; -1 for variable length), for RowDescription and ParameterDescription.
 * The SQL layer fills column metadata with these numbers.
 */
export const TYPE_OID = {
  bool: 16,
  bytea: 17,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  unknown: 705,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  numeric: 1700,
  jsonb: 3802,
} as const;

export type TypeName = keyof typeof TYPE_OID;

const TYPE_SIZE: ReadonlyMap<number, number> = new Map([
  [TYPE_OID.bool, 1],
  [TYPE_OID.name, 64],
  [TYPE_OID.int8, 8],
  [TYPE_OID.int2, 2],
  [TYPE_OID.int4, 4],
  [TYPE_OID.oid, 4],
  [TYPE_OID.float4, 4],
  [TYPE_OID.float8, 8],
  [TYPE_OID.unknown, -2],
  [TYPE_OID.date, 4],
  [TYPE_OID.time, 8],
  [TYPE_OID.timestamp, 8],
  [TYPE_OID.timestamptz, 8],
  [TYPE_OID.interval, 16],
]);

/** pg_type.typlen for a type OID: a fixed size, -1 for variable length, -2 for C strings. */
export function typeSize(typeOid: number): number {
  return TYPE_SIZE.get(typeOid) ?? -1;
}

const NAMES: ReadonlyMap<number, string> = new Map(Object.entries(TYPE_OID).map(([name, oid]) => [oid, name]));

/** The type's name for messages, e.g. "int4", or "type 1234". */
export function typeName(typeOid: number): string {
  return NAMES.get(typeOid) ?? `type ${typeOid}`;
}
