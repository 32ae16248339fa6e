/**
 * Semi and anti joins over changelogs (`x IN (subquery)`, `NOT IN`, `[NOT] EXISTS`): the
 * left rows that have at least one match on the right (semi) or none (anti), each emitted
 * as itself. Every stored left row counts its matches, so a right row arriving or leaving
 * flips exactly the left rows whose count crosses zero.
 */
import { RowKind, isAccumulate, type Batch } from '../batch.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import type { ValueState } from '../state/state.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import { rowText } from './rows.ts';

export interface SemiJoinOptions {
  readonly anti: boolean;
  /** Join keys; a null key matches nothing. The operator's key selectors return the same. */
  readonly leftKey: (row: readonly unknown[]) => unknown;
  readonly rightKey: (row: readonly unknown[]) => unknown;
  /** Further conditions on a (left, right) pair; true when they match. */
  readonly condition?: (left: readonly unknown[], right: readonly unknown[]) => boolean;
}

interface Stored {
  row: readonly unknown[];
  copies: number;
  /** Left rows: how many right rows match. */
  matches: number;
}

type Side = Map<string, Stored>;

const LEFT = new ValueStateDescriptor<Side>('semi-left');
const RIGHT = new ValueStateDescriptor<Side>('semi-right');

export class SemiJoinOperator extends AbstractStreamOperator {
  private readonly o: SemiJoinOptions;
  private left!: ValueState<Side>;
  private right!: ValueState<Side>;

  constructor(options: SemiJoinOptions) {
    super();
    this.o = options;
    this.numInputs = 2;
  }

  override open(): void {
    this.left = this.keyedBackend().getState(LEFT);
    this.right = this.keyedBackend().getState(RIGHT);
  }

  /** Whether a left row with `matches` matching right rows is in the result. */
  private shown(matches: number): boolean {
    return this.o.anti ? matches === 0 : matches > 0;
  }

  private pairs(l: readonly unknown[], r: readonly unknown[]): boolean {
    return this.o.condition === undefined || this.o.condition(l, r) === true;
  }

  processBatch(batch: Batch, input: number): void {
    const backend = this.keyedBackend();
    const rows = batch.values as Array<readonly unknown[]>;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as readonly unknown[];
      const add = isAccumulate(batch.kindAt(i));
      const key = (input === 0 ? this.o.leftKey : this.o.rightKey)(row);
      if (key === null || key === undefined) {
        // A left row that can match nothing is in an anti join's result, never in a semi join's.
        if (input === 0 && this.o.anti) this.out.add(row, NaN, add ? RowKind.INSERT : RowKind.DELETE);
        continue;
      }
      backend.setCurrentKey(key);
      if (input === 0) this.onLeft(row, add);
      else this.onRight(row, add);
    }
    this.flush();
  }

  private onLeft(row: readonly unknown[], add: boolean): void {
    const lefts = this.left.value() ?? new Map<string, Stored>();
    const t = rowText(row);
    let e = lefts.get(t);
    if (add) {
      if (e === undefined) {
        let matches = 0;
        for (const r of (this.right.value() ?? new Map<string, Stored>()).values()) if (this.pairs(row, r.row)) matches += r.copies;
        lefts.set(t, (e = { row, copies: 0, matches }));
      }
      e.copies++;
      if (this.shown(e.matches)) this.out.add(e.row, NaN, RowKind.INSERT);
    } else {
      if (e === undefined) return;
      if (this.shown(e.matches)) this.out.add(e.row, NaN, RowKind.DELETE);
      if (--e.copies === 0) lefts.delete(t);
    }
    if (lefts.size === 0) this.left.clear();
    else this.left.update(lefts);
  }

  private onRight(row: readonly unknown[], add: boolean): void {
    const rights = this.right.value() ?? new Map<string, Stored>();
    const t = rowText(row);
    const e = rights.get(t);
    if (!add && e === undefined) return;
    const delta = add ? 1 : -1;
    const lefts = this.left.value();
    if (lefts !== undefined) {
      for (const l of lefts.values()) {
        if (!this.pairs(l.row, row)) continue;
        const before = this.shown(l.matches);
        l.matches += delta;
        const after = this.shown(l.matches);
        if (before !== after) for (let c = 0; c < l.copies; c++) this.out.add(l.row, NaN, after ? RowKind.INSERT : RowKind.DELETE);
      }
      this.left.update(lefts);
    }
    if (add) {
      if (e === undefined) rights.set(t, { row, copies: 1, matches: 0 });
      else e.copies++;
    } else if (--(e as Stored).copies === 0) rights.delete(t);
    if (rights.size === 0) this.right.clear();
    else this.right.update(rights);
  }
}
