/** `WATERMARK FOR col AS expr` in CREATE TABLE and CREATE SOURCE: checked, then kept as text. */
import type { ColumnEntry, WatermarkEntry } from '../../../catalog/index.ts';
import type { WatermarkDefinition } from '../../parser/index.ts';
import { bindWatermark } from '../../planner/watermarks.ts';
import { SqlError } from '../../types/index.ts';
import { columnTypes } from '../column-types.ts';
import type { HandlerContext } from './context.ts';
import { SqlState } from '../../../errors/index.ts';

export function watermarkEntry(
  defs: readonly WatermarkDefinition[],
  columns: readonly ColumnEntry[],
  relation: string,
  h: HandlerContext,
): WatermarkEntry | null {
  if (defs.length === 0) return null;
  if (defs.length > 1) throw new SqlError(SqlState.featureNotSupported, `relation "${relation}" declares more than one WATERMARK; Weir supports one per table or source`);
  const def = defs[0]!;
  const entry: WatermarkEntry = { column: def.column.name, expressionSql: h.text.slice(def.expressionSpan.start, def.expressionSpan.end).trim() };
  // Binding now reports a wrong column or expression at CREATE, not when a view reads it.
  const types = columnTypes(columns);
  bindWatermark(
    columns.map((c, i) => ({ name: c.name, type: types[i]! })),
    relation,
    entry,
    { session: h.session, ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) },
  );
  return entry;
}
