/**
 * Binary format for the types whose binary form follows directly from the text form.
 * Values cross the SQL seam as text; a client that asks for binary results (pgJDBC does after
 * a statement has run a few times) gets them for these types, and a clear 0A000 for others.
 *
 * @see https://www.postgresql.org/docs/15/protocol-overview.html#PROTOCOL-FORMAT-CODES
 */
import { BackendError } from '../backend-error.ts';
import { SQLSTATE } from '../sqlstate.ts';
import { TYPE_OID, typeName } from '../types.ts';

const TEXT_LIKE: ReadonlySet<number> = new Set([TYPE_OID.text, TYPE_OID.varchar, TYPE_OID.bpchar, TYPE_OID.name, TYPE_OID.unknown, TYPE_OID.json]);

const BINARY_TYPES: ReadonlySet<number> = new Set([
  ...TEXT_LIKE,
  TYPE_OID.bool,
  TYPE_OID.int2,
  TYPE_OID.int4,
  TYPE_OID.int8,
  TYPE_OID.oid,
  TYPE_OID.float4,
  TYPE_OID.float8,
]);

export function supportsBinary(typeOid: number): boolean {
  return BINARY_TYPES.has(typeOid);
}

export function binaryNotSupported(typeOid: number, what: string): BackendError {
  return new BackendError(SQLSTATE.featureNotSupported, `binary format for ${what} of type ${typeName(typeOid)} is not supported yet`, {
    hint: 'Use text format (format code 0) for this value.',
  });
}

/** The binary form of a text value; the caller checked `supportsBinary`. */
export function encodeBinary(typeOid: number, text: string): Buffer {
  if (TEXT_LIKE.has(typeOid)) return Buffer.from(text, 'utf8');
  let b: Buffer;
  switch (typeOid) {
    case TYPE_OID.bool:
      return Buffer.from([text === 't' || text === 'true' ? 1 : 0]);
    case TYPE_OID.int2:
      b = Buffer.allocUnsafe(2);
      b.writeInt16BE(Number(text));
      return b;
    case TYPE_OID.int4:
      b = Buffer.allocUnsafe(4);
      b.writeInt32BE(Number(text));
      return b;
    case TYPE_OID.oid:
      b = Buffer.allocUnsafe(4);
      b.writeUInt32BE(Number(text));
      return b;
    case TYPE_OID.int8:
      b = Buffer.allocUnsafe(8);
      b.writeBigInt64BE(BigInt(text));
      return b;
    case TYPE_OID.float4:
      b = Buffer.allocUnsafe(4);
      b.writeFloatBE(Number(text));
      return b;
    case TYPE_OID.float8:
      b = Buffer.allocUnsafe(8);
      b.writeDoubleBE(Number(text));
      return b;
  }
  throw binaryNotSupported(typeOid, 'result column');
}

const FIXED_LENGTH: ReadonlyMap<number, number> = new Map([
  [TYPE_OID.bool, 1],
  [TYPE_OID.int2, 2],
  [TYPE_OID.int4, 4],
  [TYPE_OID.oid, 4],
  [TYPE_OID.int8, 8],
  [TYPE_OID.float4, 4],
  [TYPE_OID.float8, 8],
]);

/** The text form of a binary parameter value, in PostgreSQL's output format. */
export function decodeBinary(typeOid: number, bytes: Buffer, index: number): string {
  if (TEXT_LIKE.has(typeOid)) return bytes.toString('utf8');
  const expected = FIXED_LENGTH.get(typeOid);
  if (expected === undefined) throw binaryNotSupported(typeOid, `parameter $${index + 1}`);
  if (bytes.length !== expected) {
    throw new BackendError(SQLSTATE.invalidBinaryRepresentation, `incorrect binary data format in bind parameter ${index + 1}`);
  }
  switch (typeOid) {
    case TYPE_OID.bool:
      return bytes[0] === 0 ? 'f' : 't';
    case TYPE_OID.int2:
      return String(bytes.readInt16BE(0));
    case TYPE_OID.int4:
      return String(bytes.readInt32BE(0));
    case TYPE_OID.oid:
      return String(bytes.readUInt32BE(0));
    case TYPE_OID.int8:
      return bytes.readBigInt64BE(0).toString();
    case TYPE_OID.float4:
      return formatFloat(bytes.readFloatBE(0));
    default:
      return formatFloat(bytes.readDoubleBE(0));
  }
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}
