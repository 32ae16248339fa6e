/**
 * Reads a Weir table as a stream: in 'snapshot' mode its rows as they are (a bounded
 * source, for ad-hoc SELECT), in 'changelog' mode its rows as they are and then every
 * change committed after (an unbounded source, for materialized views: backfill, then
 * live). One reader: the table's changes stay in commit order.
 *
 * The split's position is the table offset reached, reported for checkpoints. Resuming from
 * it needs the log kept since that offset, which comes with the fault-tolerance work; for
 * now a reader always starts with a snapshot.
 */
import { Availability } from '../internal/availability.ts';
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceReaderContext, SourceSplit, SplitEnumerator } from '../source.ts';
import { INSERT, type Change, type TableStore } from './table-store.ts';

export interface TableSplit extends SourceSplit {
  /** Table offset up to which changes have been emitted; -1 before the snapshot. */
  readonly offset: number;
}

export type TableReadMode = 'snapshot' | 'changelog';

export class TableSource implements Source<readonly unknown[], TableSplit> {
  readonly boundedness: 'bounded' | 'unbounded';
  readonly name: string;
  readonly nonParallel = true;
  private readonly store: TableStore;
  private readonly mode: TableReadMode;

  constructor(store: TableStore, mode: TableReadMode) {
    this.store = store;
    this.mode = mode;
    this.boundedness = mode === 'snapshot' ? 'bounded' : 'unbounded';
    this.name = `Table ${store.name}`;
  }

  createEnumerator(): SplitEnumerator<TableSplit> {
    return { assignSplits: (subtask) => (subtask === 0 ? [{ splitId: this.store.name, offset: -1 }] : []) };
  }

  createReader(context: SourceReaderContext): SourceReader<readonly unknown[], TableSplit> {
    return new TableReader(this.store, this.mode, context.batchSize);
  }
}

class TableReader implements SourceReader<readonly unknown[], TableSplit> {
  private readonly store: TableStore;
  private readonly mode: TableReadMode;
  private readonly batchSize: number;
  private split: TableSplit | null = null;
  private snapshot: Iterator<readonly unknown[]> | null = null;
  /** Changes committed after the snapshot, waiting to be emitted. */
  private pending: Change[] = [];
  private pendingHead = 0;
  private offset = -1;
  private unsubscribe: (() => void) | null = null;
  private readonly available = new Availability();

  constructor(store: TableStore, mode: TableReadMode, batchSize: number) {
    this.store = store;
    this.mode = mode;
    this.batchSize = batchSize;
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
        output.collect(r.value, undefined, INSERT);
      }
      if (this.snapshot !== null) return 'more';
    }
    if (this.mode === 'snapshot') return emitted > 0 ? 'more' : 'end';
    for (; emitted < this.batchSize && this.pendingHead < this.pending.length; emitted++) {
      const [kind, row] = this.pending[this.pendingHead++] as Change;
      output.collect(row, undefined, kind);
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
    this.snapshot = [...this.store.scan()][Symbol.iterator]();
    this.offset = this.store.offset;
    if (this.mode === 'changelog') {
      this.unsubscribe = this.store.subscribe((_offset, changes) => {
        for (const c of changes) this.pending.push(c);
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
