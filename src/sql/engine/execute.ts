/** Runs one parsed statement: dispatch to its handler. */
import type { Statement } from '../parser/index.ts';
import { implicitFlush, type HandlerContext } from './handlers/context.ts';
import { createMaterializedView } from './handlers/create-materialized-view.ts';
import { createTable } from './handlers/create-table.ts';
import { createSource } from './handlers/create-source.ts';
import { createSink } from './handlers/create-sink.ts';
import { createIndex } from './handlers/create-index.ts';
import { createView } from './handlers/create-view.ts';
import { closeCursor, declareCursor, fetchCursor } from './handlers/cursors.ts';
import { drop } from './handlers/drop.ts';
import { createFunction, dropFunction } from './handlers/functions.ts';
import { explain } from './handlers/explain.ts';
import { insert } from './handlers/insert.ts';
import { copy } from './handlers/copy.ts';
import { alterTable } from './handlers/alter-table.ts';
import { subscribe } from './handlers/subscribe.ts';
import { describe, flush, set, show, transaction } from './handlers/misc.ts';
import { select } from './handlers/select.ts';
import { update } from './handlers/update.ts';
import { deleteRows, truncate } from './handlers/delete.ts';
import type { StatementResult } from './result.ts';
import { resourceLimitError } from '../types/index.ts';
import { searchPathText } from './names.ts';
import { createSchema, database, dropSchema, renameSchema } from './handlers/schemas.ts';
import { notSupported } from '../../errors/index.ts';

type Obj = Record<string, unknown>;

/** A write under implicit flush returns once every view reflects it. */
async function flushed(result: StatementResult, h: HandlerContext): Promise<StatementResult> {
  if (implicitFlush(h)) await h.engine.flush();
  return result;
}

/**
 * The text SET stores: its first value (`SET x = 'v'`, `SET x TO v`); for search_path, a list,
 * each item quoted as an identifier where needed (`SET search_path TO s, "Ab"` → `s, "Ab"`).
 */
function setValue(name: string, values: ReadonlyArray<{ readonly value?: unknown }> | null): string | undefined {
  const text = (v: { readonly value?: unknown }): string => (v.value === undefined ? String(v) : String(v.value));
  if (name.toLowerCase() === 'search_path' && values !== null && values.length > 0) return searchPathText(values.map(text));
  const v = values?.[0];
  return v === undefined ? undefined : text(v);
}

export async function executeStatement(s: Statement, h: HandlerContext): Promise<StatementResult> {
  try {
    return await dispatch(s, h);
  } catch (e) {
    // A V8 limit (stack overflow, a string too long) anywhere below is PostgreSQL's 54001/54000.
    throw resourceLimitError(e) ?? e;
  }
}

async function dispatch(s: Statement, h: HandlerContext): Promise<StatementResult> {
  switch (s.kind) {
    case 'create_table':
      return createTable(s, h);
    case 'create_view':
      return createView(s, h);
    case 'create_materialized_view':
      return createMaterializedView(s, h);
    case 'drop':
      return drop(s, h);
    case 'flush':
      return flush(h);
    case 'show':
      return show(s, h);
    case 'set':
      return set(s.name, 'SET', h, setValue(s.name, s.values));
    case 'reset':
      return set(s.name ?? 'all', 'RESET', h);
    case 'pg': {
      const node = (s.tree as unknown as Obj)[s.type] as Obj;
      switch (s.type) {
        case 'SelectStmt':
          return select(node, h);
        case 'InsertStmt':
          return flushed(await insert(node, h), h);
        case 'UpdateStmt':
          return flushed(await update(node, h), h);
        case 'DeleteStmt':
          return flushed(await deleteRows(node, h), h);
        case 'CopyStmt':
          return node.is_from === true ? flushed(await copy(node, h), h) : copy(node, h);
        case 'TruncateStmt':
          return flushed(truncate(node, h), h);
        case 'AlterTableStmt':
          if (node.objtype === 'OBJECT_TABLE') return alterTable(node, h);
          throw notSupported(`ALTER ${String(node.objtype).replace(/^OBJECT_/, '').replace('_', ' ')}`);
        case 'CreateSchemaStmt':
          return createSchema(node, h);
        case 'RenameStmt':
          if (node.renameType === 'OBJECT_SCHEMA') return renameSchema(node, h);
          throw notSupported(`ALTER ${String(node.renameType).replace(/^OBJECT_/, '').replace('_', ' ')} ... RENAME`);
        case 'CreatedbStmt':
          return database('CREATE DATABASE', h);
        case 'DropdbStmt':
          return database('DROP DATABASE', h);
        case 'AlterDatabaseStmt':
        case 'AlterDatabaseSetStmt':
          return database('ALTER DATABASE', h);
        case 'CreateFunctionStmt':
          return createFunction(node, h);
        case 'DropStmt':
          if (node.removeType === 'OBJECT_FUNCTION') return dropFunction(node, h);
          if (node.removeType === 'OBJECT_SCHEMA') return dropSchema(node, h);
          throw notSupported(`DROP ${String(node.removeType).replace(/^OBJECT_/, '')}`);
        case 'DeclareCursorStmt':
          return declareCursor(node, h);
        case 'FetchStmt':
          return fetchCursor(node, h);
        case 'ClosePortalStmt':
          return closeCursor(node, h);
        case 'TransactionStmt':
          return transaction(String(node.kind));
        case 'VariableSetStmt': {
          const args = (node.args as Obj[] | undefined) ?? [];
          const texts = args.map((a) => {
            const c = (a.A_Const ?? {}) as Record<string, Obj | undefined>;
            const raw = c.sval?.sval ?? c.ival?.ival ?? c.boolval?.boolval ?? c.fval?.fval;
            return String(raw ?? (c.ival !== undefined ? 0 : ''));
          });
          const name = String(node.name ?? 'all');
          // SET SCHEMA 'x' is SET search_path TO 'x'.
          const value = texts.length === 0 ? undefined : name === 'search_path' ? searchPathText(texts) : texts[0];
          return set(name, node.kind === 'VAR_RESET' || node.kind === 'VAR_RESET_ALL' ? 'RESET' : 'SET', h, value);
        }
        default:
          throw notSupported(`the statement ${s.type.replace(/Stmt$/, '')}`);
      }
    }
    case 'create_source':
      return createSource(s, h);
    case 'explain':
      return explain(s, h);
    case 'create_sink':
      return createSink(s, h);
    case 'create_index':
      return createIndex(s, h);
    case 'describe':
      return describe(s, h);
    case 'subscribe':
      return subscribe(s, h);
  }
}
