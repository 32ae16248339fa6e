/** SELECT: planned, run as a bounded job over the current rows, ordered and limited. */
import { plannerFor, resultColumns, runQuery } from '../query.ts';
import type { StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { notSupported } from '../../../errors/index.ts';

export async function select(n: Record<string, unknown>, h: HandlerContext): Promise<StatementResult> {
  if (n.intoClause !== undefined) throw notSupported('SELECT INTO', 'Use CREATE TABLE, then INSERT INTO ... SELECT.');
  const planned = plannerFor(h.engine, { session: h.session, ...(h.params && { params: h.params }), ...(h.scalarFunction && { scalarFunction: h.scalarFunction }) }).planQuery(n);
  const rows = await runQuery(h.engine, planned, h.session, { tree: n, ...(h.params && { params: h.params }), ...(h.signal && { signal: h.signal }) });
  return { command: 'SELECT', rowCount: rows.length, columns: resultColumns(planned), rows };
}
