/** GROUP BY and global aggregates: `GroupAggregateOperator`, keyed as the node's distribution says. */
import type { DataStream } from '../../api/datastream.ts';
import type { AggregateCall } from '../../runtime/relational/aggregate-function.ts';
import { GLOBAL_GROUP_KEY, GroupAggregateOperator } from '../../runtime/relational/group-aggregate.ts';
import { compileExpr, compilePredicate, compileProjection } from '../codegen/compile-expr.ts';
import type { LogicalAggregateCall } from '../plan/logical.ts';
import type { StreamHashAgg } from '../physical/stream-hash-agg.ts';
import type { StreamSimpleAgg } from '../physical/stream-simple-agg.ts';
import { hashKeyFor, type SessionContext } from '../types/index.ts';
import type { Row, TranslateContext } from './context.ts';
import { inputKey, placed } from './keys.ts';

/** `growing`: the input never takes a row back, so an aggregate's append-only form serves. */
function aggregateCall(c: LogicalAggregateCall, session: SessionContext, growing: boolean): AggregateCall {
  const fn = growing && c.aggregate.growing !== undefined ? c.aggregate.growing : c.aggregate.fn;
  const arg = c.arg === null ? () => 1 : compileExpr(c.arg, session).fn;
  const extra = c.extra === null ? null : compileExpr(c.extra, session).fn;
  const filter = c.filter === null ? null : compilePredicate(c.filter, session).fn;
  if (c.orderBy !== undefined && c.orderBy.length > 0) {
    // Ordered aggregates get [value (with its delimiter), sort keys] and drop NULLs themselves.
    const keys = compileProjection(c.orderBy, session).fn;
    return {
      fn,
      arg: (row: Row) => {
        const v = arg(row);
        return [extra === null || v === null ? v : [v, extra(row)], keys(row)];
      },
      ...(filter !== null && { filter }),
      distinct: c.distinct,
    };
  }
  return {
    fn,
    arg: extra === null ? arg : (row: Row) => {
      const v = arg(row);
      return v === null ? null : [v, extra(row)];
    },
    ...(filter !== null && { filter }),
    distinct: c.distinct,
    // DISTINCT counts values SQL's = finds equal once (1.0 and 1.00, 'a' and 'a  '::char(3)).
    ...(c.distinct && extra === null && c.arg !== null && { distinctKey: hashKeyFor(c.arg.type) as (v: unknown) => unknown }),
  };
}

export function aggregate(p: StreamHashAgg | StreamSimpleAgg, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const calls = p.calls.map((c) => aggregateCall(c, ctx.session, p.input.changelog === 'append-only'));
  const global = p.kind === 'simple-agg';
  const groupValues = compileProjection(p.groupKeys, ctx.session).fn;
  const key = inputKey(p.distribution, 0, ctx.session, GLOBAL_GROUP_KEY);
  const c = p.cleanup;
  const cleanup = c === null ? undefined : { valueOf: (row: Row) => groupValues(row)[c.column], bound: c.bound };
  const out = input
    .keyBy(key)
    .keyedOperator<Row>(global ? 'Aggregate' : 'HashAggregate', 'group-aggregate', () =>
      new GroupAggregateOperator({ groupValues, calls, global, ...(cleanup !== undefined && { cleanup }), ...(p.emitAtEnd && { emitAtEnd: true }) }),
    );
  return placed(out, p.distribution);
}
