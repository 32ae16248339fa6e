/** Runs one parsed statement: dispatch to its handler. */
import { notSupported } from '../binder/bind-expr.ts';
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
import { deleteRows, truncate, update } from './handlers/update-delete.ts';
import type { StatementResult } from './result.ts';
import { resourceLimitError } from '../types/index.ts';

type Obj = Record<string, unknown>;

/** A write under implicit flush returns once every view reflects it. */
async function flushed(result: StatementResult, h: HandlerContext): Promise<StatementResult> {
  if (implicitFlush(h)) await h.engine.flush();
  return result;
}

/** The text of SET's first value (`SET x = 'v'`, `SET x TO v`). */
function setValue(values: ReadonlyArray<{ readonly value?: unknown }> | null): string | undefined {
  const v = values?.[0];
  if (v === undefined) return undefined;
  const inner = (v as { value?: unknown }).value;
  return inner === undefined ? String(v) : String(inner);
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
      return set(s.name, 'SET', h, setValue(s.values));
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
        case 'CreateFunctionStmt':
          return createFunction(node, h);
        case 'DropStmt':
          if (node.removeType === 'OBJECT_FUNCTION') return dropFunction(node, h);
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
          const c = (args[0]?.A_Const ?? {}) as Record<string, Obj | undefined>;
          const raw = c.sval?.sval ?? c.ival?.ival ?? c.boolval?.boolval ?? c.fval?.fval;
          const value = args.length === 0 ? undefined : String(raw ?? (c.ival !== undefined ? 0 : ''));
          return set(String(node.name ?? 'all'), node.kind === 'VAR_RESET' || node.kind === 'VAR_RESET_ALL' ? 'RESET' : 'SET', h, value);
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
