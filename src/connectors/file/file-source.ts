/**
 * A source of the records of a file or of every file in a directory (one split per file,
 * sorted names, hidden files skipped), after Flink's FileSource. Records are text lines,
 * CSV records or JSON lines; the position of a split is the byte offset of its next unread
 * record. `monitorContinuously` makes the source unbounded: readers rescan the directory
 * and read files that appear.
 *
 * @example
 * const lines = FileSource.forTextLines('/data/logs');
 * const rows = FileSource.forCsv('/data/bids.csv', { header: true });
 * const events = FileSource.forJsonLines<Event>('/data/in').monitorContinuously(1000);
 */
import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator } from '../source.ts';
import { assignRoundRobin } from '../internal/sequence-split.ts';
import { copyFileSplit, parseFileSplit } from './file-split.ts';
import type { FileSplit } from './file-split.ts';
import { FileSourceReader } from './file-source-reader.ts';
import { listFilesSync, ownerOf } from './list-files.ts';
import { CsvFormat, JsonLinesFormat, TextLineFormat } from './record-format.ts';
import type { CsvOptions, RecordFormat } from './record-format.ts';
import { resolve } from 'node:path';

export class FileSource<T> implements Source<T, FileSplit> {
  readonly boundedness: Boundedness;
  readonly name: string;
  readonly path: string;
  /** Rescan interval in ms when monitoring, else null. */
  readonly monitorIntervalMs: number | null;
  private readonly format: RecordFormat<T>;

  private constructor(path: string, format: RecordFormat<T>, monitorIntervalMs: number | null) {
    this.path = resolve(path);
    this.format = format;
    this.monitorIntervalMs = monitorIntervalMs;
    this.boundedness = monitorIntervalMs === null ? 'bounded' : 'unbounded';
    this.name = `FileSource(${this.path})`;
  }

  /** Each line (without '\n' or '\r\n') as a string. */
  static forTextLines(path: string): FileSource<string> {
    return new FileSource(path, new TextLineFormat(), null);
  }

  /** CSV records (RFC 4180): objects when column names are known, else string arrays. */
  static forCsv(path: string, options: CsvOptions & ({ header: true } | { columns: readonly string[] })): FileSource<Record<string, string>>;
  static forCsv(path: string, options?: CsvOptions): FileSource<string[]>;
  static forCsv(path: string, options: CsvOptions = {}): FileSource<string[] | Record<string, string>> {
    return new FileSource(path, new CsvFormat(options), null);
  }

  /** Each non-blank line parsed as JSON. */
  static forJsonLines<T = unknown>(path: string): FileSource<T> {
    return new FileSource<T>(path, new JsonLinesFormat<T>(), null);
  }

  /** The same source, unbounded, picking up new files every `intervalMs`. */
  monitorContinuously(intervalMs: number): FileSource<T> {
    if (!(intervalMs > 0)) throw new Error(`monitor interval must be > 0 ms, got ${intervalMs}`);
    return new FileSource(this.path, this.format, intervalMs);
  }

  createEnumerator(): SplitEnumerator<FileSplit> {
    const root = this.path;
    const monitoring = this.monitorIntervalMs !== null;
    return {
      assignSplits(subtaskIndex: number, parallelism: number): FileSplit[] {
        const splits = listFilesSync(root).map(
          (path): FileSplit => ({ splitId: path, path, offset: 0, header: null, done: false }),
        );
        // Monitoring readers discover files by hash of the path; the first listing must agree.
        if (monitoring) return splits.filter((s) => ownerOf(s.path, parallelism) === subtaskIndex);
        return assignRoundRobin(splits, subtaskIndex, parallelism);
      },
    };
  }

  createReader(context: SourceReaderContext): SourceReader<T, FileSplit> {
    const monitor = this.monitorIntervalMs === null ? null : { root: this.path, intervalMs: this.monitorIntervalMs };
    return new FileSourceReader(this.format, context, monitor);
  }

  serializeSplit(split: FileSplit): unknown {
    return copyFileSplit(split);
  }

  deserializeSplit(data: unknown): FileSplit {
    return parseFileSplit(data);
  }
}
