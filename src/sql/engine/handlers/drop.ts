/** DROP {TABLE | VIEW | MATERIALIZED VIEW | ...}: stops the jobs of dropped views and deletes storage. */
import type { CatalogEntry, RelationKind } from '../../../catalog/index.ts';
import { CatalogError } from '../../../catalog/index.ts';
import type { DropStatement } from '../../parser/index.ts';
import { SqlError } from '../../types/index.ts';
import { currentSchema, lookupRelation, qualifiedName, visibleName } from '../names.ts';
import type { Notice, StatementResult } from '../result.ts';
import type { HandlerContext } from './context.ts';
import { SqlState } from '../../../errors/index.ts';

const KIND: Record<DropStatement['objectType'], RelationKind> = {
  table: 'table',
  source: 'source',
  view: 'view',
  materialized_view: 'materialized view',
  sink: 'sink',
  index: 'index',
};

/** A catalog error as the SQL error it stands for, with its DETAIL and HINT. */
export function catalogSqlError(e: unknown): unknown {
  if (!(e instanceof CatalogError)) return e;
  return new SqlError(e.sqlState, e.message, { ...(e.detail !== undefined && { detail: e.detail }), ...(e.hint !== undefined && { hint: e.hint }) });
}

/** Stops the jobs of dropped entries and deletes their storage (dependents come first). */
export async function removeDropped(h: HandlerContext, dropped: readonly CatalogEntry[]): Promise<void> {
  for (const e of dropped) {
    await h.engine.stopJob(e);
    if (e.kind !== 'function') h.engine.dropStore(e);
  }
}

export async function drop(s: DropStatement, h: HandlerContext): Promise<StatementResult> {
  const kind = KIND[s.objectType];
  const notices: Notice[] = [];
  const catalog = h.engine.catalog;
  const label = (e: CatalogEntry): string => visibleName(catalog, h.session, e);
  // Each name's schema: the one named (3F000 when it does not exist: a notice with IF
  // EXISTS), or where the search path finds the name.
  const targets: Array<{ schema: string; name: string }> = [];
  for (const parts of s.names.map((n) => n.parts)) {
    const q = qualifiedName(parts, h.engine.database);
    let found: CatalogEntry | undefined;
    try {
      found = lookupRelation(catalog, h.session, q);
    } catch (e) {
      if (!(e instanceof SqlError && e.code === SqlState.invalidSchemaName && s.ifExists)) throw e;
      notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message: `${e.message}, skipping` });
      continue;
    }
    // The index of a UNIQUE constraint goes with its constraint (or table), not by DROP INDEX.
    if (kind === 'index' && found?.kind === 'index' && found.constraint === true) {
      throw new SqlError(SqlState.dependentObjectsStillExist, `cannot drop index ${found.name} because constraint ${found.name} on table ${found.table} requires it`, {
        hint: `You can drop constraint ${found.name} on table ${found.table} instead.`,
      });
    }
    targets.push({ schema: found?.schema ?? q.schema ?? currentSchema(catalog, h.session) ?? 'public', name: q.name });
  }
  for (const { schema, name } of targets) {
    try {
      const { dropped, notice } = catalog.drop(kind, schema, name, { ifExists: s.ifExists, cascade: s.cascade, label });
      if (notice !== undefined) notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message: notice });
      await removeDropped(h, dropped);
    } catch (e) {
      throw catalogSqlError(e);
    }
  }
  return { command: `DROP ${kind.toUpperCase()}`, ...(notices.length > 0 && { notices }) };
}
