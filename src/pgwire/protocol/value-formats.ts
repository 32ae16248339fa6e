/**
 * Binary format for the types whose binary form follows directly from the text form.
 * Values cross the SQL seam as text; a client that asks for binary results (pgJDBC does after
 * a statement has run a few times) gets them for these types, and a clear 0A000 for others.
 *
 * @see https://www.postgresql.org/docs/15/protocol-overview.html#PROTOCOL-FORMAT-CODES
 */
import { BackendError } from '../backend-error.ts';
import { TYPE_OID, typeName } from '../types.ts';
import { decodeUtf8 } from './utf8-text.ts';
import { isUtf8 } from 'node:buffer';
import { SqlState } from '../../errors/index.ts';

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
  TYPE_OID.numeric,
  TYPE_OID.date,
  TYPE_OID.timestamp,
  TYPE_OID.timestamptz,
  TYPE_OID.bytea,
]);

export function supportsBinary(typeOid: number): boolean {
  return BINARY_TYPES.has(typeOid);
}

export function binaryNotSupported(typeOid: number, what: string): BackendError {
  return new BackendError(SqlState.featureNotSupported, `binary format for ${what} of type ${typeName(typeOid)} is not supported yet`, {
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
    case TYPE_OID.numeric:
      return encodeNumeric(text);
    case TYPE_OID.bytea:
      // The raw bytes (bytearecv/byteasend); the text is byteaout's hex form.
      return Buffer.from(text.slice(2), 'hex');
    case TYPE_OID.date: {
      const days = daysFromText(text);
      if (days === null) break;
      b = Buffer.allocUnsafe(4);
      b.writeInt32BE(days);
      return b;
    }
    case TYPE_OID.timestamp:
    case TYPE_OID.timestamptz: {
      const micros = microsFromText(text);
      if (micros === null) break;
      b = Buffer.allocUnsafe(8);
      b.writeBigInt64BE(micros);
      return b;
    }
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

/**
 * A binary parameter the client gave no type (node-postgres sends a Buffer so): Weir has no
 * parameter type inference, so the bytes become bytea's hex text `\x...` unless they are
 * plain text (valid UTF-8 without NUL or backslash), which reads the same as text or bytea.
 */
export function decodeUntypedBinary(bytes: Buffer): string {
  if (isUtf8(bytes) && !bytes.includes(0) && !bytes.includes(0x5c)) return bytes.toString('utf8');
  return `\\x${bytes.toString('hex')}`;
}

/** The text form of a binary parameter value, in PostgreSQL's output format. */
export function decodeBinary(typeOid: number, bytes: Buffer, index: number): string {
  if (TEXT_LIKE.has(typeOid)) return decodeUtf8(bytes);
  const bad = (): BackendError => new BackendError(SqlState.invalidBinaryRepresentation, `incorrect binary data format in bind parameter ${index + 1}`);
  switch (typeOid) {
    case TYPE_OID.numeric:
      return decodeNumeric(bytes, bad);
    case TYPE_OID.bytea:
      return `\\x${bytes.toString('hex')}`;
    case TYPE_OID.date:
      if (bytes.length !== 4) throw bad();
      return dateText(bytes.readInt32BE(0));
    case TYPE_OID.timestamp:
    case TYPE_OID.timestamptz:
      if (bytes.length !== 8) throw bad();
      return timestampText(bytes.readBigInt64BE(0)) + (typeOid === TYPE_OID.timestamptz ? '+00' : '');
  }
  const expected = FIXED_LENGTH.get(typeOid);
  if (expected === undefined) throw binaryNotSupported(typeOid, `parameter $${index + 1}`);
  if (bytes.length !== expected) {
    throw new BackendError(SqlState.invalidBinaryRepresentation, `incorrect binary data format in bind parameter ${index + 1}`);
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

// PostgreSQL's binary numeric: int16 ndigits, int16 weight, uint16 sign, int16 dscale, then
// ndigits base-10000 digits; the value is sum(digit[i] * 10000^(weight - i)).
const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;

function decodeNumeric(bytes: Buffer, bad: () => BackendError): string {
  if (bytes.length < 8) throw bad();
  const ndigits = bytes.readInt16BE(0);
  const weight = bytes.readInt16BE(2);
  const sign = bytes.readUInt16BE(4);
  const dscale = bytes.readInt16BE(6);
  if (sign === NUMERIC_NAN) return 'NaN';
  if (sign === NUMERIC_PINF) return 'Infinity';
  if (sign === NUMERIC_NINF) return '-Infinity';
  if ((sign !== NUMERIC_POS && sign !== NUMERIC_NEG) || ndigits < 0 || dscale < 0 || bytes.length !== 8 + 2 * ndigits) throw bad();
  const digits: number[] = [];
  for (let i = 0; i < ndigits; i++) {
    const d = bytes.readInt16BE(8 + 2 * i);
    if (d < 0 || d > 9999) throw bad();
    digits.push(d);
  }
  // Integer part: groups 0..weight; fraction: the groups after, padded to dscale digits.
  let int = '';
  for (let g = 0; g <= weight; g++) int += String(digits[g] ?? 0).padStart(4, '0');
  int = int.replace(/^0+(?=\d)/, '') || '0';
  let frac = '';
  for (let g = weight + 1; frac.length < dscale; g++) frac += g < 0 ? '0000' : String(digits[g] ?? 0).padStart(4, '0');
  frac = frac.slice(0, dscale);
  const text = dscale > 0 ? `${int}.${frac}` : int;
  return sign === NUMERIC_NEG && /[1-9]/.test(text) ? `-${text}` : text;
}

function encodeNumeric(text: string): Buffer {
  const header = (ndigits: number, weight: number, sign: number, dscale: number): Buffer => {
    const b = Buffer.alloc(8 + 2 * ndigits);
    b.writeInt16BE(ndigits, 0);
    b.writeInt16BE(weight, 2);
    b.writeUInt16BE(sign, 4);
    b.writeInt16BE(dscale, 6);
    return b;
  };
  if (text === 'NaN') return header(0, 0, NUMERIC_NAN, 0);
  if (text === 'Infinity') return header(0, 0, NUMERIC_PINF, 0);
  if (text === '-Infinity') return header(0, 0, NUMERIC_NINF, 0);
  const negative = text.startsWith('-');
  const [intPart = '0', fracPart = ''] = text.replace(/^[-+]/, '').split('.');
  const dscale = fracPart.length;
  // Align on the decimal point in groups of four digits.
  const intPadded = intPart.padStart(Math.ceil(intPart.length / 4) * 4, '0');
  const fracPadded = fracPart.padEnd(Math.ceil(fracPart.length / 4) * 4, '0');
  let groups: number[] = [];
  for (let i = 0; i < intPadded.length; i += 4) groups.push(Number(intPadded.slice(i, i + 4)));
  let weight = groups.length - 1;
  for (let i = 0; i < fracPadded.length; i += 4) groups.push(Number(fracPadded.slice(i, i + 4)));
  while (groups.length > 0 && groups[0] === 0) {
    groups = groups.slice(1);
    weight--;
  }
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  if (groups.length === 0) weight = 0;
  const b = header(groups.length, weight, negative && groups.length > 0 ? NUMERIC_NEG : NUMERIC_POS, dscale);
  groups.forEach((g, i) => b.writeInt16BE(g, 8 + 2 * i));
  return b;
}

// Dates and timestamps count days / microseconds from 2000-01-01 (PostgreSQL's epoch).
const PG_EPOCH_DAYS = 10_957;
const DAY_MICROS = 86_400_000_000n;

function civil(days: number): string {
  const d = new Date((days + PG_EPOCH_DAYS) * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y <= 0 ? `${String(1 - y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}${y <= 0 ? ' BC' : ''}`;
}

function dateText(days: number): string {
  if (days === 0x7fffffff) return 'infinity';
  if (days === -0x80000000) return '-infinity';
  return civil(days);
}

function timestampText(micros: bigint): string {
  if (micros === 0x7fffffffffffffffn) return 'infinity';
  if (micros === -0x8000000000000000n) return '-infinity';
  let days = micros / DAY_MICROS;
  let rest = micros % DAY_MICROS;
  if (rest < 0n) {
    rest += DAY_MICROS;
    days -= 1n;
  }
  const date = civil(Number(days));
  const bc = date.endsWith(' BC');
  const s = Number(rest / 1_000_000n);
  const f = Number(rest % 1_000_000n);
  const time = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}${f === 0 ? '' : `.${String(f).padStart(6, '0').replace(/0+$/, '')}`}`;
  return `${bc ? date.slice(0, -3) : date} ${time}${bc ? ' BC' : ''}`;
}

/** Days since 2000-01-01 of PostgreSQL's ISO date output (`2024-03-01`, `0044-03-15 BC`). */
function daysFromText(text: string): number | null {
  if (text === 'infinity') return 0x7fffffff;
  if (text === '-infinity') return -0x80000000;
  const m = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/.exec(text);
  if (m === null) return null;
  const year = m[4] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  // Built in a leap year, then moved to its own (setUTCFullYear takes years below 100 as is).
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(year);
  return Math.round(d.getTime() / 86_400_000) - PG_EPOCH_DAYS;
}

/** Microseconds since 2000-01-01 of PostgreSQL's ISO timestamp output (with a zone offset for timestamptz). */
function microsFromText(text: string): bigint | null {
  if (text === 'infinity') return 0x7fffffffffffffffn;
  if (text === '-infinity') return -0x8000000000000000n;
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?( BC)?$/.exec(text);
  if (m === null) return null;
  const days = daysFromText(m[1]! + (m[10] ?? ''));
  if (days === null) return null;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  const offset = m[6] === undefined ? 0 : (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 3600 + Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0));
  return BigInt(days) * DAY_MICROS + BigInt(seconds - offset) * 1_000_000n + BigInt((m[5] ?? '').padEnd(6, '0') || '0');
}
