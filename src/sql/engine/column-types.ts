/** Column types as the catalog stores them (PostgreSQL's type text) and back; row codecs for table logs. */
import type { ColumnEntry } from '../../catalog/index.ts';
import type { RowCodec } from '../../connectors/table/table-store.ts';
import { formatType, formatterFor, ownBytes, parseTypeName, parserFor, type DataType, type SessionContext } from '../types/index.ts';

/** The type of `numeric(10,2)`, `timestamp(3) without time zone`, `character varying(20)`, ... */
export function typeFromText(text: string): DataType {
  const m = /\(([\d,\s]+)\)/.exec(text);
  const mods = m === null ? [] : (m[1] as string).split(',').map((x) => Number(x.trim()));
  const name = m === null ? text : text.replace(m[0], '').replace(/\s+/g, ' ').trim();
  return parseTypeName(name, mods);
}

export function typeText(t: DataType): string {
  return formatType(t);
}

export function columnTypes(columns: readonly ColumnEntry[]): DataType[] {
  return columns.map((c) => typeFromText(c.type));
}

/**
 * Stores exact numerics, jsonb values and arrays as their text in a table's log (the log keeps
 * structure, not class prototypes); other values are plain data already.
 */
export function rowCodec(types: readonly DataType[], session: SessionContext): RowCodec | undefined {
  const textual = types.map((t) => t.kind === 'numeric' || t.kind === 'jsonb' || t.kind === 'array');
  // v8.deserialize gives a bytea value as a view into the whole record it read: copied, so that
  // no value keeps that buffer alive (nor drags it along when a row is cloned to a slot thread).
  const bytes = types.map((t) => t.kind === 'bytea');
  if (!textual.some(Boolean) && !bytes.some(Boolean)) return undefined;
  const format = types.map((t) => formatterFor(t, session));
  const parse = types.map((t) => parserFor(t, session));
  return {
    encode: (row) => row.map((v, i) => (v === null || !textual[i] ? v : format[i]!(v as never))),
    decode: (row) => row.map((v, i) => (v === null ? v : textual[i] ? parse[i]!(v as string) : bytes[i] ? ownBytes(v as Uint8Array) : v)),
  };
}
