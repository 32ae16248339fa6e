/** Relations and constants: table scans and index lookups, sources, watermark filters, VALUES. */
import type { DataStream } from '../../api/datastream.ts';
import { WatermarkStrategy } from '../../api/watermark-strategy.ts';
import { TableSource } from '../../connectors/table/table-source.ts';
import { WatermarkFilterOperator } from '../../runtime/relational/event-time.ts';
import { compileExpr, compileProjection } from '../codegen/compile-expr.ts';
import type { StreamIndexScan } from '../physical/stream-index-scan.ts';
import type { StreamSource } from '../physical/stream-source.ts';
import type { StreamTableScan } from '../physical/stream-table-scan.ts';
import type { StreamValues } from '../physical/stream-values.ts';
import type { StreamWatermarkFilter } from '../physical/stream-watermark-filter.ts';
import type { Row, TranslateContext } from './context.ts';

export function tableScan(p: StreamTableScan, ctx: TranslateContext): DataStream<Row> {
  return ctx.env.fromSource(new TableSource(ctx.storeOf(p.relation), p.read, null, p.reads ?? undefined), WatermarkStrategy.noWatermarks<Row>(), p.relation.name);
}

export function indexScan(p: StreamIndexScan, ctx: TranslateContext): DataStream<Row> {
  const store = ctx.storeOf(p.relation);
  const columns = p.lookup.map((l) => l.column);
  const values = p.lookup.map((l) => l.value.value);
  const source = new TableSource(store, 'snapshot', () => store.lookupWhere(columns, values) ?? []);
  return ctx.env.fromSource(source, WatermarkStrategy.noWatermarks<Row>(), `${p.relation.name} (key lookup)`);
}

export function source(p: StreamSource, ctx: TranslateContext): DataStream<Row> {
  return ctx.env.fromSource(ctx.sourceOf(p.relation), WatermarkStrategy.noWatermarks<Row>(), p.relation.name);
}

export function watermarkFilter(p: StreamWatermarkFilter, input: DataStream<Row>, ctx: TranslateContext): DataStream<Row> {
  if (p.how === 'stamped') return input.transform<Row>('WatermarkFilter', 'watermark-filter', () => new WatermarkFilterOperator({ mode: 'stamped' }));
  const column = p.column;
  const expr = compileExpr(p.expr, ctx.session).fn;
  const asNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return input.transform<Row>('WatermarkFilter', 'watermark-filter', () =>
    new WatermarkFilterOperator({ mode: 'generate', timeOf: (row) => asNumber(row[column]), watermarkOf: (row) => asNumber(expr(row)) }),
  );
}

export function values(p: StreamValues, ctx: TranslateContext): DataStream<Row> {
  const rows = p.rows.map((r) => compileProjection(r, ctx.session).fn([]));
  return ctx.env.fromCollection<Row>(rows).name('Values');
}
