/**
 * Backend messages of the query cycles, simple and extended.
 *
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
import type { ColumnDescription, TextRow, TransactionStatus } from '../../session.ts';
import { typeSize } from '../../types.ts';
import type { FormatCode } from '../frontend/messages.ts';
import type { MessageWriter } from '../message-writer.ts';
import { encodeBinary } from '../value-formats.ts';
import { commandTag } from './command-tag.ts';

const STATUS_BYTE: Record<TransactionStatus, string> = { idle: 'I', 'in-transaction': 'T', failed: 'E' };

export function writeReadyForQuery(w: MessageWriter, status: TransactionStatus): void {
  w.begin('Z').rawByte(STATUS_BYTE[status]).end();
}

/** `formats` has one code per column (all 0 for simple queries and statement Describe). */
export function writeRowDescription(w: MessageWriter, columns: readonly ColumnDescription[], formats: readonly FormatCode[] | null): void {
  w.begin('T').int16(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    w.cstring(c.name)
      .int32((c.tableOid ?? 0) | 0)
      .int16(c.columnNumber ?? 0)
      .int32(c.typeOid | 0)
      .int16(typeSize(c.typeOid))
      .int32(c.typeModifier ?? -1)
      .int16(formats?.[i] ?? 0);
  }
  w.end();
}

/** A row in text format. */
export function writeDataRow(w: MessageWriter, row: TextRow): void {
  w.begin('D').int16(row.length);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) w.int32(-1);
    else w.lengthPrefixedString(v);
  }
  w.end();
}

/** A row with per-column formats; binary columns were checked at Bind to be encodable. */
export function writeDataRowWithFormats(w: MessageWriter, row: TextRow, columns: readonly ColumnDescription[], formats: readonly FormatCode[]): void {
  w.begin('D').int16(row.length);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) w.int32(-1);
    else if (formats[i] === 1) {
      const bytes = encodeBinary(columns[i]!.typeOid, v);
      w.int32(bytes.length).bytes(bytes);
    } else w.lengthPrefixedString(v);
  }
  w.end();
}

export function writeCommandComplete(w: MessageWriter, command: string, rowCount: number | undefined): void {
  w.begin('C').cstring(commandTag(command, rowCount)).end();
}

export function writeEmptyQueryResponse(w: MessageWriter): void {
  w.begin('I').end();
}

export function writeParseComplete(w: MessageWriter): void {
  w.begin('1').end();
}

export function writeBindComplete(w: MessageWriter): void {
  w.begin('2').end();
}

export function writeCloseComplete(w: MessageWriter): void {
  w.begin('3').end();
}

export function writeParameterDescription(w: MessageWriter, types: readonly number[]): void {
  w.begin('t').int16(types.length);
  for (const t of types) w.int32(t | 0);
  w.end();
}

export function writeNoData(w: MessageWriter): void {
  w.begin('n').end();
}

export function writePortalSuspended(w: MessageWriter): void {
  w.begin('s').end();
}

/** CopyInResponse / CopyOutResponse in text format (0) for `columns` columns. */
export function writeCopyResponse(w: MessageWriter, direction: 'in' | 'out', columns: number): void {
  w.begin(direction === 'in' ? 'G' : 'H').byte(0).int16(columns);
  for (let i = 0; i < columns; i++) w.int16(0);
  w.end();
}

export function writeCopyData(w: MessageWriter, data: Uint8Array): void {
  w.begin('d').bytes(data).end();
}

export function writeCopyDone(w: MessageWriter): void {
  w.begin('c').end();
}
