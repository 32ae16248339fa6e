/**
 * Finds record boundaries in bytes read from a file, so that each record's end is known as
 * a byte offset (the reader's replay position). A record ends at '\n'; with `quoted` (CSV)
 * a '\n' inside double quotes does not end it. A '\r' before the '\n' is dropped.
 */
import { Buffer } from 'node:buffer';

export interface ScannedRecords {
  /** Record texts, decoded as UTF-8, without terminators. */
  readonly texts: string[];
  /** File offset just past each record (the start of the next one). */
  readonly ends: number[];
  /** File offset of each record's first byte. */
  readonly starts: number[];
}

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Scans `data` (whose first byte is at file offset `base`) for complete records, appending
 * them to `out`; returns how many bytes were consumed (the rest is a partial record).
 */
export function scanRecords(data: Buffer, base: number, quoted: boolean, out: ScannedRecords): number {
  let start = 0;
  const n = data.length;
  while (start < n) {
    const nl = quoted ? quotedLineEnd(data, start) : data.indexOf(NL, start);
    if (nl < 0) break;
    pushRecord(data, base, start, nl, nl + 1, out);
    start = nl + 1;
  }
  return start;
}

/** The last record of a file, which has no terminator. */
export function finalRecord(data: Buffer, base: number, out: ScannedRecords): void {
  if (data.length > 0) pushRecord(data, base, 0, data.length, data.length, out);
}

function pushRecord(data: Buffer, base: number, start: number, stop: number, next: number, out: ScannedRecords): void {
  let end = stop;
  if (end > start && data[end - 1] === CR) end--;
  out.texts.push(data.toString('utf8', start, end));
  out.starts.push(base + start);
  out.ends.push(base + next);
}

function quotedLineEnd(data: Buffer, from: number): number {
  let inQuotes = false;
  for (let i = from; i < data.length; i++) {
    const b = data[i];
    if (b === QUOTE) inQuotes = !inQuotes; // "" inside quotes toggles twice: still inside
    else if (b === NL && !inQuotes) return i;
  }
  return -1;
}
