/**
 * Reads file splits in chunks with asynchronous reads, one file at a time, keeping one read
 * ahead so that polls rarely find the buffer empty. Each emitted record advances its split's
 * offset to the byte after the record, which is what a checkpoint stores.
 */
import { Buffer } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { InputStatus, ReaderOutput, SourceReader, SourceReaderContext } from '../source.ts';
import { Availability } from '../internal/availability.ts';
import { copyFileSplit } from './file-split.ts';
import type { FileSplit } from './file-split.ts';
import { listFiles, ownerOf } from './list-files.ts';
import type { RecordFormat } from './record-format.ts';
import { finalRecord, scanRecords } from './record-scanner.ts';
import type { ScannedRecords } from './record-scanner.ts';

const CHUNK_SIZE = 1 << 18;
/** Start the next read when fewer records than this are buffered. */
const LOW_WATER = 256;

class OpenFile {
  readonly split: FileSplit;
  handle: FileHandle | null = null;
  readPos: number;
  /** Bytes of a record not yet terminated, starting at file offset carryStart. */
  carry: Buffer = Buffer.alloc(0);
  carryStart: number;
  /** File size at open: files are taken as immutable once found, as Flink does. */
  size = -1;
  eof = false;
  loading = false;
  records: ScannedRecords = { texts: [], ends: [], starts: [] };
  head = 0;

  constructor(split: FileSplit) {
    this.split = split;
    this.readPos = split.offset;
    this.carryStart = split.offset;
  }

  get buffered(): number {
    return this.records.texts.length - this.head;
  }
}

export class FileSourceReader<T> implements SourceReader<T, FileSplit> {
  private readonly format: RecordFormat<T>;
  private readonly batchSize: number;
  private readonly subtaskIndex: number;
  private readonly parallelism: number;
  private readonly monitor: { readonly root: string; readonly intervalMs: number } | null;
  private readonly queue: FileSplit[] = [];
  private current: OpenFile | null = null;
  /** Every path this reader has been given or found (monitoring skips them). */
  private readonly known = new Set<string>();
  private readonly finished: FileSplit[] = [];
  private noMore = false;
  private failure: Error | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly available = new Availability();

  constructor(
    format: RecordFormat<T>,
    context: SourceReaderContext,
    monitor: { readonly root: string; readonly intervalMs: number } | null,
  ) {
    this.format = format;
    this.batchSize = Math.max(1, context.batchSize);
    this.subtaskIndex = context.subtaskIndex;
    this.parallelism = Math.max(1, context.parallelism);
    this.monitor = monitor;
  }

  start(): void {
    if (this.monitor !== null) this.scheduleScan();
  }

  addSplits(splits: readonly FileSplit[]): void {
    for (const split of splits) {
      this.known.add(split.path);
      if (split.done) this.finished.push(copyFileSplit(split));
      else this.queue.push(copyFileSplit(split));
    }
    this.available.notify();
  }

  noMoreSplits(): void {
    this.noMore = true;
    this.available.notify();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    if (this.failure !== null) throw this.failure;
    let emitted = 0;
    while (emitted < this.batchSize) {
      const file = this.current;
      if (file === null) {
        const next = this.queue.shift();
        if (next === undefined) break;
        this.current = new OpenFile(next);
        continue;
      }
      if (file.head < file.records.texts.length) {
        emitted += this.emitBuffered(file, output, this.batchSize - emitted);
        continue;
      }
      if (file.eof) {
        this.finishFile(file);
        continue;
      }
      if (!file.loading) void this.load(file);
      break;
    }
    const file = this.current;
    if (file !== null && !file.eof && !file.loading && file.buffered < LOW_WATER) void this.load(file);
    if (emitted > 0) return 'more';
    if (this.current === null && this.queue.length === 0 && this.noMore && this.monitor === null) return 'end';
    return 'nothing';
  }

  isAvailable(): Promise<void> {
    if (this.failure !== null) return Promise.resolve();
    const file = this.current;
    if (file !== null && (file.buffered > 0 || (file.eof && !file.loading))) return Promise.resolve();
    if (file === null && (this.queue.length > 0 || (this.noMore && this.monitor === null))) return Promise.resolve();
    return this.available.wait();
  }

  snapshotState(): FileSplit[] {
    const out: FileSplit[] = [];
    if (this.current !== null) out.push(copyFileSplit(this.current.split));
    for (const split of this.queue) out.push(copyFileSplit(split));
    // A monitoring reader must remember finished files, or a restore would read them again.
    if (this.monitor !== null) for (const split of this.finished) out.push(copyFileSplit(split));
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const file = this.current;
    this.current = null;
    // A file with a read in flight is closed by that read when it returns.
    if (file !== null && !file.loading) await this.closeFile(file);
  }

  private async closeFile(file: OpenFile): Promise<void> {
    const handle = file.handle;
    file.handle = null;
    if (handle !== null) await handle.close();
  }

  private emitBuffered(file: OpenFile, output: ReaderOutput<T>, max: number): number {
    const { texts, ends, starts } = file.records;
    const split = file.split;
    const format = this.format;
    let emitted = 0;
    let i = file.head;
    while (i < texts.length && emitted < max) {
      const value = format.decode(texts[i] as string, split, starts[i] === 0);
      split.offset = ends[i] as number;
      i++;
      if (value !== undefined) {
        output.collect(value);
        emitted++;
      }
    }
    if (i === texts.length) {
      file.records = { texts: [], ends: [], starts: [] };
      file.head = 0;
    } else {
      file.head = i;
    }
    return emitted;
  }

  private finishFile(file: OpenFile): void {
    this.current = null;
    this.closeFile(file).catch((error: unknown) => this.fail(error));
    file.split.done = true;
    if (this.monitor !== null) this.finished.push(file.split);
  }

  private async load(file: OpenFile): Promise<void> {
    file.loading = true;
    try {
      if (file.handle === null) {
        file.handle = await open(file.split.path, 'r');
        file.size = (await file.handle.stat()).size;
      }
      const length = Math.min(CHUNK_SIZE, Math.max(0, file.size - file.readPos));
      const chunk = Buffer.allocUnsafe(length);
      const { bytesRead } = length === 0 ? { bytesRead: 0 } : await file.handle.read(chunk, 0, length, file.readPos);
      if (this.closed) return;
      file.readPos += bytesRead;
      if (bytesRead > 0) {
        const read = chunk.subarray(0, bytesRead);
        const data = file.carry.length === 0 ? read : Buffer.concat([file.carry, read]);
        const consumed = scanRecords(data, file.carryStart, this.format.quoted, file.records);
        // Copy the partial tail so the chunk is not kept alive by it.
        file.carry = Buffer.from(data.subarray(consumed));
        file.carryStart += consumed;
      }
      if (bytesRead === 0 || file.readPos >= file.size) {
        finalRecord(file.carry, file.carryStart, file.records);
        file.carry = Buffer.alloc(0);
        file.eof = true;
      }
    } catch (error) {
      this.fail(error);
    } finally {
      file.loading = false;
      if (this.closed) await this.closeFile(file).catch(() => undefined);
      this.available.notify();
    }
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.available.notify();
  }

  private scheduleScan(): void {
    const monitor = this.monitor;
    if (monitor === null || this.closed) return;
    this.timer = setTimeout(() => {
      this.scan(monitor.root)
        .catch((error: unknown) => this.fail(error))
        .finally(() => this.scheduleScan());
    }, monitor.intervalMs);
  }

  /** Picks up new files this reader owns (by a stable hash of the path). */
  private async scan(root: string): Promise<void> {
    const files = await listFiles(root);
    let found = false;
    for (const path of files) {
      if (this.known.has(path) || ownerOf(path, this.parallelism) !== this.subtaskIndex) continue;
      this.known.add(path);
      this.queue.push({ splitId: path, path, offset: 0, header: null, done: false });
      found = true;
    }
    if (found) this.available.notify();
  }
}
