/** DROP {TABLE | VIEW | MATERIALIZED VIEW | ...}: stops the jobs of dropped views and deletes storage. */
import type { RelationKind } from '../../../catalog/index.ts';
import { CatalogError } from '../../../catalog/index.ts';
import type { DropStatement } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import type { Notice, StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';

const KIND: Record<DropStatement['objectType'], RelationKind> = {
  table: 'table',
  source: 'source',
  view: 'view',
  materialized_view: 'materialized view',
  sink: 'sink',
  index: 'index',
};

export async function drop(s: DropStatement, h: HandlerContext): Promise<StatementResult> {
  const kind = KIND[s.objectType];
  const notices: Notice[] = [];
  // The index of a UNIQUE constraint goes with its constraint (or table), not by DROP INDEX.
  for (const name of kind === 'index' ? s.names : []) {
    const e = h.engine.catalog.get('public', name.parts[name.parts.length - 1] as string);
    if (e?.kind === 'index' && e.constraint === true) {
      throw new SqlError('2BP01', `cannot drop index ${e.name} because constraint ${e.name} on table ${e.table} requires it`, {
        hint: `You can drop constraint ${e.name} on table ${e.table} instead.`,
      });
    }
  }
  for (const name of s.names) {
    try {
      const { dropped, notice } = h.engine.catalog.drop(kind, 'public', name.parts[name.parts.length - 1] as string, { ifExists: s.ifExists, cascade: s.cascade });
      if (notice !== undefined) notices.push({ severity: 'NOTICE', code: '00000', message: notice });
      for (const e of dropped) {
        await h.engine.stopJob(e);
        h.engine.dropStore(e);
      }
    } catch (e) {
      if (e instanceof CatalogError) throw new SqlError(e.sqlState, e.message, { ...(e.detail !== undefined && { detail: e.detail }), ...(e.hint !== undefined && { hint: e.hint }) });
      throw e;
    }
  }
  return { command: `DROP ${kind.toUpperCase()}`, ...(notices.length > 0 && { notices }) };
}
