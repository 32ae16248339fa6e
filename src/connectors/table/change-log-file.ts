/**
 * The durable part of a table: a snapshot file plus an append-only log of change batches.
 * A commit is written and fsynced before it is acknowledged, so acknowledged changes survive
 * `kill -9`. Records are length-prefixed v8-serialized values (bigints, nested arrays and
 * objects survive; a torn last record from a crash is detected and dropped on open).
 *
 * Layout in the table's directory:
 *   snapshot   [offset, rows] of the table as of `offset` changes (optional)
 *   log        change batches committed after the snapshot, each [firstOffset, changes]
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** One change: the row kind (RowKind numbers) and the full row. */
export type Change = readonly [kind: number, row: readonly unknown[]];

export interface RecoveredLog {
  /** Rows as of the snapshot (empty when there is none). */
  readonly snapshotRows: unknown[][];
  /** Changes count the snapshot covers. */
  readonly snapshotOffset: number;
  /** Batches committed after the snapshot, in order. */
  readonly batches: Array<{ readonly offset: number; readonly changes: Change[] }>;
}

export class ChangeLogFile {
  private readonly dir: string;
  private fd: number | null = null;
  private logBytes = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  get logSize(): number {
    return this.logBytes;
  }

  /** Reads what is on disk and opens the log for appending. */
  open(): RecoveredLog {
    mkdirSync(this.dir, { recursive: true });
    let snapshotRows: unknown[][] = [];
    let snapshotOffset = 0;
    const snapshotPath = join(this.dir, 'snapshot');
    if (existsSync(snapshotPath)) {
      const [offset, rows] = deserialize(readFileSync(snapshotPath)) as [number, unknown[][]];
      snapshotOffset = offset;
      snapshotRows = rows;
    }
    const logPath = join(this.dir, 'log');
    const batches: Array<{ offset: number; changes: Change[] }> = [];
    let valid = 0;
    if (existsSync(logPath)) {
      const buf = readFileSync(logPath);
      let pos = 0;
      while (pos + 4 <= buf.length) {
        const len = buf.readUInt32LE(pos);
        if (pos + 4 + len > buf.length) break; // torn write at a crash: not acknowledged
        const [offset, changes] = deserialize(buf.subarray(pos + 4, pos + 4 + len)) as [number, Change[]];
        pos += 4 + len;
        // Batches the snapshot already covers were left behind by an interrupted compaction.
        if (offset >= snapshotOffset) batches.push({ offset, changes });
        valid = pos;
      }
    }
    this.fd = openSync(logPath, 'a+');
    ftruncateSync(this.fd, valid);
    this.logBytes = valid;
    return { snapshotRows, snapshotOffset, batches };
  }

  /** Appends one committed batch durably. */
  append(offset: number, changes: readonly Change[]): void {
    if (this.fd === null) throw new Error('change log is not open');
    const body = serialize([offset, changes]);
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(body.length, 0);
    writeSync(this.fd, Buffer.concat([head, body]));
    fsyncSync(this.fd);
    this.logBytes += 4 + body.length;
  }

  /** Replaces snapshot + log by a snapshot of `rows` at `offset` (crash-safe order). */
  compact(offset: number, rows: readonly (readonly unknown[])[]): void {
    if (this.fd === null) throw new Error('change log is not open');
    const tmp = join(this.dir, 'snapshot.tmp');
    const fd = openSync(tmp, 'w');
    writeSync(fd, serialize([offset, rows]));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, 'snapshot'));
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.logBytes = 0;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
