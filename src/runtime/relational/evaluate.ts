/**
 * Projection and filter over a changelog where an error is data, as Materialize keeps it: a
 * row whose expression fails (division by zero, overflow, a bad cast) produces no output,
 * and the error is counted +1 when the row arrives and -1 when it is retracted (evaluating
 * the same row fails the same way). A view shows an error while its count is above zero, and
 * recovers when the rows behind it change — so an intermediate state (an empty global
 * aggregate's 0 / 0 before the data arrives) is no lasting failure.
 */
import { isAccumulate, type Batch } from '../batch.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';

type Row = readonly unknown[];

/** Receives each error with +1 (a row that arrived) or -1 (a row that was retracted). */
export type ErrorLedger = (error: unknown, delta: 1 | -1) => void;

export interface EvaluateOptions {
  /** The output row, or null to drop the row (a filter's false or NULL). Throws on error. */
  readonly fn: (row: Row) => Row | null;
  readonly errors: ErrorLedger;
}

export class EvaluateOperator extends AbstractStreamOperator {
  private readonly o: EvaluateOptions;

  constructor(options: EvaluateOptions) {
    super();
    this.o = options;
  }

  processBatch(batch: Batch): void {
    const rows = batch.values as Row[];
    const { fn, errors } = this.o;
    for (let i = 0; i < rows.length; i++) {
      const kind = batch.kindAt(i);
      let out: Row | null;
      try {
        out = fn(rows[i] as Row);
      } catch (e) {
        errors(e, isAccumulate(kind) ? 1 : -1);
        continue;
      }
      if (out !== null) this.out.add(out, batch.timestampAt(i), kind);
    }
    this.flush();
  }
}
