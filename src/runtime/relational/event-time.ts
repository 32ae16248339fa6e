/**
 * Event time for relational (SQL) pipelines, in RisingWave's and Materialize's sense of a
 * watermark over a column: a watermark `w` says that no row whose time column is below `w`
 * will come any more (rows at exactly `w` still may). Flink's DataStream watermarks say
 * "nothing at or below"; SQL jobs only ever meet these two operators' watermarks, which carry
 * column values (microseconds for timestamps), never Flink-style ones.
 *
 * - `WatermarkFilterOperator` sits behind a source or table declared with `WATERMARK FOR col
 *   AS expr`: it drops rows that arrive below the current watermark and, after each batch,
 *   raises the watermark to the largest `expr` seen.
 * - `EmitOnWindowCloseOperator` ends a view declared `EMIT ON WINDOW CLOSE`: it holds the
 *   view's changes back and emits the final rows, as inserts ordered by their time column,
 *   once the watermark closes them. Its output is append-only.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import { rowText } from './rows.ts';

type Row = readonly unknown[];

export type WatermarkFilterOptions =
  /**
   * Over a connector: drops late rows and raises the watermark after each batch to the
   * largest watermark a row allows.
   */
  | {
      readonly mode: 'generate';
      /** The row's event time (the watermark column), or null. */
      readonly timeOf: (row: Row) => number | null;
      /** The watermark a row allows (`expr` of `WATERMARK FOR col AS expr`), or null. */
      readonly watermarkOf: (row: Row) => number | null;
    }
  /**
   * Over a table, which drops late rows itself when they are inserted: each row's record
   * timestamp is the watermark that is safe once it has been read (see TableSource).
   */
  | { readonly mode: 'stamped' };

export class WatermarkFilterOperator extends AbstractStreamOperator {
  private readonly o: WatermarkFilterOptions;
  private watermark = Number.NEGATIVE_INFINITY;
  /** Rows dropped for arriving below the watermark (a metric for EXPLAIN ANALYZE and tests). */
  dropped = 0;

  constructor(options: WatermarkFilterOptions) {
    super();
    this.o = options;
  }

  processBatch(batch: Batch): void {
    const rows = batch.values as Row[];
    let next = this.watermark;
    if (this.o.mode === 'stamped') {
      for (let i = 0; i < rows.length; i++) {
        const stamp = batch.timestampAt(i);
        if (stamp > next) next = stamp;
        this.out.add(rows[i], NaN, batch.kindAt(i));
      }
      this.flush();
      this.advance(next);
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      const t = this.o.timeOf(row);
      // Late rows (and rows without a time) cannot be placed in event time: they are dropped.
      if (t === null || t < this.watermark) {
        this.dropped++;
        continue;
      }
      this.out.add(row, batch.timestampAt(i), batch.kindAt(i));
      const w = this.o.watermarkOf(row);
      if (w !== null && w > next) next = w;
    }
    this.flush();
    this.advance(next);
  }

  private advance(next: number): void {
    if (next > this.watermark) {
      this.watermark = next;
      this.output.emitWatermark(next);
    }
  }

  /** Upstream watermarks mean nothing here, except the end of a bounded input. */
  override processWatermark(timestamp: number): void {
    if (timestamp === Number.POSITIVE_INFINITY && this.watermark !== timestamp) {
      this.watermark = timestamp;
      this.output.emitWatermark(timestamp);
    }
  }

  protected override snapshotOperatorState(): unknown {
    return { watermark: this.watermark };
  }

  protected override restoreOperatorState(states: unknown[]): void {
    for (const s of states) {
      const w = (s as { watermark?: number } | null)?.watermark;
      // Restored in parallel, each subtask resumes from the lowest watermark any had.
      if (typeof w === 'number') this.watermark = this.watermark === Number.NEGATIVE_INFINITY ? w : Math.min(this.watermark, w);
    }
  }
}

export interface EmitOnWindowCloseOptions {
  /** The output column that closes rows. */
  readonly column: number;
  /** The lowest value of `column` any future row can have, given the input watermark. */
  readonly bound: (watermark: number) => number;
  /** Orders values of `column` (ascending). */
  readonly compare: (a: unknown, b: unknown) => number;
}

interface Pending {
  readonly value: unknown;
  /** Net count per distinct row (by text) and the row itself. */
  readonly rows: Map<string, { row: Row; count: number }>;
}

export class EmitOnWindowCloseOperator extends AbstractStreamOperator {
  private readonly o: EmitOnWindowCloseOptions;
  /** Pending rows grouped by their closing value, ascending. */
  private pending: Pending[] = [];
  /** Everything below this value has been emitted; changes below it come too late. */
  private closed: number = Number.NEGATIVE_INFINITY;
  lateChanges = 0;

  constructor(options: EmitOnWindowCloseOptions) {
    super();
    this.o = options;
  }

  processBatch(batch: Batch): void {
    const rows = batch.values as Row[];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      const value = row[this.o.column];
      if (value === null || value === undefined) continue; // never closes
      if ((value as number) < this.closed) {
        this.lateChanges++;
        continue;
      }
      const group = this.groupFor(value);
      const text = rowText(row);
      const entry = group.rows.get(text) ?? { row, count: 0 };
      entry.count += isAccumulate(batch.kindAt(i)) ? 1 : -1;
      if (entry.count === 0) group.rows.delete(text);
      else group.rows.set(text, entry);
    }
  }

  private groupFor(value: unknown): Pending {
    const p = this.pending;
    let lo = 0;
    let hi = p.length;
    // Most rows are newer than all pending ones: check the end first.
    if (hi > 0 && this.o.compare((p[hi - 1] as Pending).value, value) < 0) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.o.compare((p[mid] as Pending).value, value) < 0) lo = mid + 1;
      else hi = mid;
    }
    const at = p[lo];
    if (at !== undefined && this.o.compare(at.value, value) === 0) return at;
    const group: Pending = { value, rows: new Map() };
    p.splice(lo, 0, group);
    return group;
  }

  protected override onEventTime(watermark: number): void {
    const bound = Number.isFinite(watermark) ? this.o.bound(watermark) : watermark;
    if (!(bound > this.closed)) return;
    let n = 0;
    for (const group of this.pending) {
      if (!((group.value as number) < bound)) break;
      n++;
      for (const { row, count } of group.rows.values()) {
        // A net retraction of a row never emitted cannot be shown; drop it.
        for (let c = 0; c < count; c++) this.out.add(row, NaN, RowKind.INSERT);
      }
    }
    this.pending.splice(0, n);
    this.closed = bound;
  }

  override finish(): void {
    // End of input closes every window.
    this.onEventTime(Number.POSITIVE_INFINITY);
    super.finish();
  }

  protected override snapshotOperatorState(): unknown {
    return {
      closed: this.closed,
      pending: this.pending.map((g) => ({ value: g.value, rows: [...g.rows.values()].map((e) => [e.row, e.count]) })),
    };
  }

  protected override restoreOperatorState(states: unknown[]): void {
    for (const s of states) {
      if (s === null || typeof s !== 'object') continue;
      const st = s as { closed: number; pending: Array<{ value: unknown; rows: Array<[Row, number]> }> };
      this.closed = Math.max(this.closed, st.closed);
      for (const g of st.pending) {
        const group = this.groupFor(g.value);
        for (const [row, count] of g.rows) {
          const text = rowText(row);
          const e = group.rows.get(text) ?? { row, count: 0 };
          e.count += count;
          group.rows.set(text, e);
        }
      }
    }
  }
}
