/**
 * Operators over partitions and time: window functions (`OverWindowOperator`), ranks and
 * Top-N (`TopNOperator`), window assignment (a `flatMap`) and sessions (`SessionWindowOperator`).
 */
import type { DataStream } from '../../api/datastream.ts';
import type { Collector } from '../../runtime/functions.ts';
import { OverWindowOperator, type Frame, type WindowFunctionSpec } from '../../runtime/relational/over-window.ts';
import { SessionWindowOperator } from '../../runtime/relational/session-window.ts';
import { TopNOperator } from '../../runtime/relational/top-n.ts';
import { compileExpr, compileProjection } from '../codegen/compile-expr.ts';
import type { SortKey, StreamOverWindow } from '../physical/stream-over-window.ts';
import type { StreamSessionWindow } from '../physical/stream-session-window.ts';
import type { StreamTopN } from '../physical/stream-top-n.ts';
import type { StreamWindow } from '../physical/stream-window.ts';
import { comparatorFor } from '../types/index.ts';
import type { Row, TranslateContext } from './context.ts';
import { inputKey, placed } from './keys.ts';

/** Orders rows by ORDER BY keys, with each key's direction and NULLS FIRST/LAST; peers compare 0. */
function orderComparator(orderBy: readonly SortKey[], ctx: TranslateContext): (a: Row, b: Row) => number {
  const order = compileProjection(orderBy.map((o) => o.expr), ctx.session).fn;
  const cmps = orderBy.map((o) => comparatorFor(o.expr.type));
  // [direction of values, sign of "NULL comes first"]
  const dirs = orderBy.map((o) => [o.descending ? -1 : 1, o.nullsFirst ? 1 : -1] as const);
  return (a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) {
      const u = x[i];
      const v = y[i];
      if (u === null || v === null) {
        if (u === v) continue;
        return (u === null ? -1 : 1) * dirs[i]![1];
      }
      const c = cmps[i]!(u as never, v as never);
      if (c !== 0) return c * dirs[i]![0];
    }
    return 0;
  };
}

export function overWindow(p: StreamOverWindow, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const compare = orderComparator(p.orderBy, ctx);
  const first = p.orderBy[0];
  const key = first === undefined ? null : compileExpr(first.expr, ctx.session).fn;
  // RANGE offsets compare the one ORDER BY value as a number.
  const withKey = (frame: Frame): Frame =>
    key === null || (frame.start.type !== 'range' && frame.end.type !== 'range')
      ? frame
      : { ...frame, rangeKey: (row) => { const v = key(row); return v === null ? null : Number(v); }, descending: first!.descending };
  const functions = p.calls.map((c): WindowFunctionSpec => {
    switch (c.kind) {
      case 'rank':
        return { kind: 'rank', rank: c.name };
      case 'offset':
        return { kind: 'offset', arg: compileExpr(c.arg, ctx.session).fn, offset: c.offset, fallback: compileExpr(c.fallback, ctx.session).fn };
      case 'value':
        return {
          kind: 'value',
          which: c.name === 'first_value' ? 'first' : c.name === 'last_value' ? 'last' : 'nth',
          ...(c.nth !== undefined && { nth: c.nth }),
          arg: compileExpr(c.arg, ctx.session).fn,
          frame: withKey(c.frame),
        };
      case 'distribution':
        return { kind: 'distribution', which: c.name, ...(c.buckets !== undefined && { buckets: c.buckets }) };
      case 'aggregate':
        return { kind: 'aggregate', fn: c.aggregate.fn, arg: compileExpr(c.arg, ctx.session).fn, frame: withKey(c.frame) };
    }
  });
  const out = input
    .keyBy(inputKey(p.distribution, 0, ctx.session))
    .keyedOperator<Row>('OverWindow', 'over-window', () => new OverWindowOperator({ compare, functions }));
  return placed(out, p.distribution);
}

export function topN(p: StreamTopN, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const compare = orderComparator(p.orderBy, ctx);
  const limit = p.limit ?? Number.POSITIVE_INFINITY;
  const c = p.cleanup;
  const cleanup = c === null ? undefined : { valueOf: (row: Row) => row[c.column], bound: c.bound };
  const out = input
    .keyBy(inputKey(p.distribution, 0, ctx.session))
    .keyedOperator<Row>(p.limit === null ? 'Rank' : 'TopN', 'top-n', () =>
      new TopNOperator({ compare, rank: p.rank, limit, emitRank: true, ...(cleanup !== undefined && { cleanup }) }),
    );
  return placed(out, p.distribution);
}

export function sessionWindow(p: StreamSessionWindow, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const { timeColumn, gap } = p;
  const timeOf = (row: Row): number | null => (row[timeColumn] === null ? null : Number(row[timeColumn]));
  const out = input
    .keyBy(inputKey(p.distribution, 0, ctx.session))
    .keyedOperator<Row>('SessionWindow', 'session-window', () => new SessionWindowOperator({ timeOf, gap }));
  return placed(out, p.distribution);
}

export function windowAssign(p: StreamWindow, input: DataStream<Row>): DataStream<Row> {
  const { timeColumn, size, slide } = p;
  if (p.function === 'cumulate') {
    // Windows [start, start + k * step) for k = 1 .. size / step that contain t, where
    // start is the beginning of t's window of the full size.
    return input
      .flatMap((row: Row, out: Collector<Row>) => {
        const t = row[timeColumn];
        if (t === null) return;
        const ts = Number(t);
        const start = ts - (((ts % size) + size) % size);
        for (let end = start + slide; end <= start + size; end += slide) if (end > ts) out.collect([...row, start, end]);
      })
      .name('Cumulate');
  }
  // Every window [start, start + size) that contains t, for starts on multiples of the slide.
  return input
    .flatMap((row: Row, out: Collector<Row>) => {
      const t = row[timeColumn];
      if (t === null) return;
      const ts = Number(t);
      const last = ts - (((ts % slide) + slide) % slide);
      for (let start = last; start > ts - size; start -= slide) out.collect([...row, start, start + size]);
    })
    .name(p.function === 'tumble' ? 'Tumble' : 'Hop');
}
