/**
 * A query level's window calls: the `window-call` nodes the binder left in its select list,
 * collected in the order they were bound, each replaced by a marker column until
 * place-windows.ts appends its `over` (or `rank`) node.
 */
import type { BoundExpr } from '../binder/bound-expr.ts';
import { mapWindowFunction } from '../binder/bound-expr.ts';
import type { DataType } from '../types/index.ts';
import type { LogicalWindowCall } from '../plan/logical.ts';
import { rewrite } from './expr-utils.ts';

/** The column index that stands for a window function's result until its rank node exists. */
export const RANK_MARKER = -1_000_000;

/** A window call with its expressions re-pointed (over an aggregate's output). */
export const mapWindowCall: (c: LogicalWindowCall, f: (e: BoundExpr) => BoundExpr) => LogicalWindowCall = mapWindowFunction;

export type RankFunctionName = 'row_number' | 'rank' | 'dense_rank';

/** A bound window function call, until its node exists; `marker` stands for its column. */
export interface WindowBinding {
  readonly call: LogicalWindowCall;
  readonly type: DataType;
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: ReadonlyArray<{ readonly expr: BoundExpr; readonly descending: boolean; readonly nullsFirst: boolean }>;
  readonly marker: number;
}

/** A level's window calls as they are collected: each bound node's marker, in the order met. */
export class LevelWindows {
  readonly windows: WindowBinding[] = [];
  private readonly markers = new Map<BoundExpr, BoundExpr>();

  /**
   * `e` with its window calls registered, each replaced by its marker column; `inner` is
   * applied to each call's expressions first (the aggregate calls in its arguments), and
   * `other` to the nodes that are not window calls (marker or undefined, as `rewrite`'s).
   */
  collect(e: BoundExpr, inner: (x: BoundExpr) => BoundExpr, other: (x: BoundExpr) => BoundExpr | undefined): BoundExpr {
    return rewrite(e, (x) => (x.kind === 'window-call' ? this.register(x, inner) : other(x)));
  }

  private register(x: Extract<BoundExpr, { kind: 'window-call' }>, inner: (x: BoundExpr) => BoundExpr): BoundExpr {
    let marker = this.markers.get(x);
    if (marker === undefined) {
      // Its expressions in the order they were bound: PARTITION BY, ORDER BY, arguments.
      const partitionBy = x.partitionBy.map(inner);
      const orderBy = x.orderBy.map((o) => ({ ...o, expr: inner(o.expr) }));
      const call = mapWindowCall(x.call, inner);
      const index = RANK_MARKER - this.windows.length;
      this.windows.push({ call, type: x.type, partitionBy, orderBy, marker: index });
      marker = { kind: 'column', index, type: x.type, name: x.call.name };
      this.markers.set(x, marker);
    }
    return marker;
  }
}
