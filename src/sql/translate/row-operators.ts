/** Operators on one row at a time: filters, temporal filters, projections. Change kinds pass through. */
import type { DataStream } from '../../api/datastream.ts';
import { EvaluateOperator } from '../../runtime/relational/evaluate.ts';
import { TemporalFilterOperator, type TemporalBound } from '../../runtime/relational/temporal-filter.ts';
import { compileExpr, compilePredicate, compileProjection } from '../codegen/compile-expr.ts';
import { withStatementTimestamp } from '../functions/session-clock.ts';
import type { StreamFilter } from '../physical/stream-filter.ts';
import type { StreamProject } from '../physical/stream-project.ts';
import type { StreamTemporalFilter, TemporalCondition } from '../physical/stream-temporal-filter.ts';
import type { Row, TranslateContext } from './context.ts';
import { placed } from './keys.ts';

export function filter(p: StreamFilter, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const pred = compilePredicate(p.predicate, ctx.session).fn;
  const errors = ctx.errors;
  if (errors !== undefined) return input.transform<Row>('Filter', 'filter', () => new EvaluateOperator({ fn: (row) => (pred(row) ? row : null), errors }));
  return input.filter(pred).name('Filter');
}

export function project(p: StreamProject, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const proj = compileProjection(p.exprs, ctx.session).fn;
  const errors = ctx.errors;
  if (errors !== undefined) return input.transform<Row>('Project', 'project', () => new EvaluateOperator({ fn: proj, errors }));
  return input.map<Row>(proj).name('Project');
}

export function temporalFilter(p: StreamTemporalFilter, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  const bounds = p.conditions.map((c) => temporalBound(c, ctx));
  return placed(input.transform<Row>('TemporalFilter', 'temporal-filter', () => new TemporalFilterOperator({ bounds, tickMs: 1000 })), p.distribution);
}

function temporalBound(c: TemporalCondition, ctx: TranslateContext): TemporalBound {
  const valueOf = compileExpr(c.value, ctx.session).fn;
  return {
    valueOf: (row) => valueOf(row),
    // now() is read from the session's statement time: set it to the check's processing time.
    boundAt: (nowMs) => compileExpr(c.time, withStatementTimestamp(ctx.session, nowMs * 1000)).fn([]),
    compare: c.cmp as (a: unknown, b: unknown) => number,
    op: c.op,
  };
}
