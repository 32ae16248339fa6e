/**
 * A temporal filter: `WHERE ts > now() - INTERVAL '1 hour'` in a view, where now() moves. The
 * operator keeps the rows of its input (a multiset), shows those the condition holds for at
 * the current processing time, and re-checks them as time passes (every `tickMs`): a row
 * that falls out of the window is retracted, one that comes into it is inserted. Each bound
 * is re-evaluated with now() = the processing time of the check.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import { rowText } from './rows.ts';

type Row = readonly unknown[];

export interface TemporalBound {
  /** The row's side of the comparison (null: the condition is unknown, the row hidden). */
  readonly valueOf: (row: Row) => unknown;
  /** The time side, for a processing time in ms (null: unknown). */
  readonly boundAt: (nowMs: number) => unknown;
  readonly compare: (a: unknown, b: unknown) => number;
  readonly op: '<' | '<=' | '>' | '>=' | '=' | '<>';
}

export interface TemporalFilterOptions {
  readonly bounds: readonly TemporalBound[];
  /** How often the condition is re-checked, in ms. */
  readonly tickMs: number;
}

interface Held {
  readonly row: Row;
  count: number;
  visible: boolean;
}

export class TemporalFilterOperator extends AbstractStreamOperator {
  private readonly o: TemporalFilterOptions;
  private readonly rows = new Map<string, Held>();
  private bounds: unknown[] = [];
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(options: TemporalFilterOptions) {
    super();
    this.o = options;
  }

  override open(): void {
    this.refresh(this.context.processingTime());
    this.context.requestWakeup(this.context.processingTime() + this.o.tickMs);
  }

  private refresh(now: number): void {
    this.bounds = this.o.bounds.map((b) => b.boundAt(now));
    this.checkedAt = now;
  }

  private holds(row: Row): boolean {
    const { bounds } = this;
    return this.o.bounds.every((b, i) => {
      const v = b.valueOf(row);
      const w = bounds[i];
      if (v === null || v === undefined || w === null || w === undefined) return false;
      const c = b.compare(v, w);
      switch (b.op) {
        case '<': return c < 0;
        case '<=': return c <= 0;
        case '>': return c > 0;
        case '>=': return c >= 0;
        case '=': return c === 0;
        case '<>': return c !== 0;
      }
    });
  }

  processBatch(batch: Batch): void {
    const rows = batch.values as Row[];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      const text = rowText(row);
      let held = this.rows.get(text);
      if (isAccumulate(batch.kindAt(i))) {
        if (held === undefined) {
          held = { row, count: 0, visible: this.holds(row) };
          this.rows.set(text, held);
        }
        held.count++;
        if (held.visible) this.out.add(row, NaN, RowKind.INSERT);
      } else if (held !== undefined) {
        held.count--;
        if (held.visible) this.out.add(held.row, NaN, RowKind.DELETE);
        if (held.count <= 0) this.rows.delete(text);
      }
    }
    this.flush();
  }

  override onProcessingTime(now: number): void {
    super.onProcessingTime(now);
    // The end of input (now = +∞) is no time to re-check at.
    if (!Number.isFinite(now)) return;
    // Another operator's timer may wake the task early: check again later, but keep ticking.
    if (now < this.checkedAt + this.o.tickMs / 2) {
      this.context.requestWakeup(this.checkedAt + this.o.tickMs);
      return;
    }
    this.refresh(now);
    for (const held of this.rows.values()) {
      const visible = this.holds(held.row);
      if (visible === held.visible) continue;
      held.visible = visible;
      for (let c = 0; c < held.count; c++) this.out.add(held.row, NaN, visible ? RowKind.INSERT : RowKind.DELETE);
    }
    this.flush();
    this.context.requestWakeup(now + this.o.tickMs);
  }

  protected override snapshotOperatorState(): unknown {
    return [...this.rows.values()].map((h) => [h.row, h.count, h.visible]);
  }

  protected override restoreOperatorState(states: unknown[]): void {
    for (const s of states) {
      for (const [row, count, visible] of (s as Array<[Row, number, boolean]> | null) ?? []) {
        this.rows.set(rowText(row), { row, count, visible });
      }
    }
  }
}
