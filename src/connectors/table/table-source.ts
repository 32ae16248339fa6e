/**
 * Reads a Weir table as a stream: in 'snapshot' mode its rows as they are (a bounded
 * source, for ad-hoc SELECT), in 'changelog' mode its rows as they are and then every
 * change committed after (an unbounded source, for materialized views: backfill, then
 * live). One reader: the table's changes stay in commit order. For a table with a watermark,
 * each row's record timestamp is a watermark that may be announced once the row is read.
 *
 * The split's position is the table offset reached, reported for checkpoints. Resuming from
 * it needs the log kept since that offset, which comes with the fault-tolerance work; for
 * now a reader always starts with a snapshot.
 */
import { Availability } from '../internal/availability.ts';
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SourceSplit, SplitEnumerator } from '../source.ts';
import { INSERT, type TableReadable } from './table-store.ts';

export interface TableSplit extends SourceSplit {
  /** Table offset up to which changes have been emitted; -1 before the snapshot. */
  readonly offset: number;
}

export type TableReadMode = 'snapshot' | 'changelog';

export class TableSource implements Source<readonly unknown[], TableSplit> {
  readonly boundedness: 'bounded' | 'unbounded';
  readonly name: string;
  readonly nonParallel = true;
  private readonly store: TableReadable;
  private readonly mode: TableReadMode;

  private readonly rows: (() => Iterable<readonly unknown[]>) | null;

  private readonly columns: readonly number[] | undefined;

  /**
   * `rows` (snapshot mode) reads a subset the caller found, e.g. through an index. `columns`: the
   * only positions the job reads (see TableReadable.scan).
   */
  constructor(store: TableReadable, mode: TableReadMode, rows: (() => Iterable<readonly unknown[]>) | null = null, columns?: readonly number[]) {
    this.store = store;
    this.mode = mode;
    this.rows = rows;
    this.columns = columns;
    this.boundedness = mode === 'snapshot' ? 'bounded' : 'unbounded';
    this.name = `Table ${store.name}`;
  }

  createEnumerator(): SplitEnumerator<TableSplit> {
    return { assignSplits: (subtask) => (subtask === 0 ? [{ splitId: this.store.name, offset: -1 }] : []) };
  }

  createReader(context: SourceReaderContext): SourceReader<readonly unknown[], TableSplit> {
    return new TableReader(this.store, this.mode, context.batchSize, this.rows, this.columns);
  }
}

/** No stamp (NaN) while there is no watermark. */
const stampOf = (w: number): number | undefined => (w === Number.NEGATIVE_INFINITY ? undefined : w);

class TableReader implements SourceReader<readonly unknown[], TableSplit> {
  private readonly store: TableReadable;
  private readonly mode: TableReadMode;
  private readonly batchSize: number;
  private split: TableSplit | null = null;
  private snapshot: Iterator<readonly unknown[]> | null = null;
  private snapshotLeft = 0;
  /** Changes committed after the snapshot, waiting to be emitted, each with its stamp. */
  private pending: Array<[number, readonly unknown[], number]> = [];
  /** The table's watermark as of the last commit seen. */
  private watermark = Number.NEGATIVE_INFINITY;
  private pendingHead = 0;
  private offset = -1;
  private unsubscribe: (() => void) | null = null;
  private readonly available = new Availability();

  private readonly subset: (() => Iterable<readonly unknown[]>) | null;

  private readonly columns: readonly number[] | undefined;

  constructor(store: TableReadable, mode: TableReadMode, batchSize: number, subset: (() => Iterable<readonly unknown[]>) | null = null, columns?: readonly number[]) {
    this.store = store;
    this.mode = mode;
    this.batchSize = batchSize;
    this.subset = subset;
    this.columns = columns;
  }

  start(): void {}

  addSplits(splits: readonly TableSplit[]): void {
    for (const s of splits) this.split = s;
  }

  noMoreSplits(): void {}

  pollNext(output: ReaderOutput<readonly unknown[]>): InputStatus {
    if (this.split === null) return 'end';
    if (this.offset < 0) this.beginSnapshot();
    let emitted = 0;
    if (this.snapshot !== null) {
      for (; emitted < this.batchSize; emitted++) {
        const r = this.snapshot.next();
        if (r.done === true) {
          this.snapshot = null;
          break;
        }
        // Only once the whole snapshot is out is the table's watermark safe to announce.
        output.collect(r.value, this.snapshotLeft-- === 1 ? stampOf(this.watermark) : undefined, INSERT);
      }
      if (this.snapshot !== null) return 'more';
    }
    if (this.mode === 'snapshot') return emitted > 0 ? 'more' : 'end';
    for (; emitted < this.batchSize && this.pendingHead < this.pending.length; emitted++) {
      const [kind, row, stamp] = this.pending[this.pendingHead++]!;
      output.collect(row, stampOf(stamp), kind);
      this.offset++;
    }
    if (this.pendingHead === this.pending.length) {
      this.pending = [];
      this.pendingHead = 0;
    }
    return emitted > 0 || this.pendingHead < this.pending.length ? 'more' : 'nothing';
  }

  /** Takes the table's rows and starts listening for changes after them, in one step. */
  private beginSnapshot(): void {
    // Copy the row references now: later commits must not show through the iterator.
    const rows = [...(this.subset === null || this.mode !== 'snapshot' ? this.store.scan(this.columns) : this.subset())];
    this.snapshot = rows[Symbol.iterator]();
    this.snapshotLeft = rows.length;
    this.offset = this.store.offset;
    this.watermark = this.store.watermark;
    if (this.mode === 'changelog') {
      this.unsubscribe = this.store.subscribe((_offset, changes, watermark) => {
        // Each row carries the watermark that is safe once it has been read: the one before
        // its commit (rows of a commit were checked against it), and for the commit's last
        // row the one after it. So the stamps hold however the changes are cut into batches.
        const before = this.watermark;
        changes.forEach(([kind, row], i) => this.pending.push([kind, row, i === changes.length - 1 ? watermark : before]));
        this.watermark = watermark;
        this.available.notify();
      });
    }
  }

  isAvailable(): Promise<void> {
    return this.available.wait();
  }

  snapshotState(): TableSplit[] {
    return this.split === null ? [] : [{ splitId: this.split.splitId, offset: this.offset }];
  }

  close(): void {
    this.unsubscribe?.();
  }
}
