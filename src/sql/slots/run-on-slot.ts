/**
 * Runs a query on a slot thread (statement-program.ts) instead of this thread, which serves
 * connections: the query's planning, its job and its memory are the slot's. A cancel, a
 * statement timeout or a disconnect (the statement's signal) ends the slot's thread at once;
 * a run past the memory limit fails with 53200 and frees what it held.
 */
import { SlotRunError } from '../../graph/slot-program.ts';
import type { SqlEngine } from '../engine/engine.ts';
import { SqlError, type DataType, type SessionContext } from '../types/index.ts';
import { sessionData } from './session-transfer.ts';
import { replicaArgs } from './replica.ts';
import { storageService } from './storage-service.ts';
import type { StatementArgs, StatementOutcome } from './statement-program.ts';
import { rowReviver } from './value-transfer.ts';
import { outOfMemory, sqlErrorFrom } from './plain-error.ts';
import { SqlState, queryCanceled } from '../../errors/index.ts';

const PROGRAM = new URL('./statement-program.ts', import.meta.url).href;

/** The module slots preload so that a statement does not wait for the SQL layer to load. */
export const STATEMENT_PROGRAM = PROGRAM;

export interface SlotQuery {
  /** The SelectStmt node, as the parser gave it. */
  readonly tree: Record<string, unknown>;
  readonly params?: readonly (string | null)[];
  /** Aborted by a cancel, a timeout or a disconnect; its reason is the error to report. */
  readonly signal?: AbortSignal;
}


/** The error a run that did not return stands for. */
function runError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (!(e instanceof SlotRunError)) return e;
  switch (e.end.reason) {
    case 'canceled':
      return signal?.reason instanceof SqlError ? signal.reason : queryCanceled();
    case 'memory':
      return sqlErrorFrom(outOfMemory(e.end.heapBytes, e.end.limitBytes, 'statement.memory.limit'));
    case 'crashed':
      return new SqlError(SqlState.internalError, `the statement's slot thread ended: ${e.end.message}`);
  }
}

/** Runs `q` on a slot; resolves with its rows (visible columns), typed as `types`. */
export async function runQueryOnSlot(engine: SqlEngine, q: SlotQuery, types: readonly DataType[], session: SessionContext): Promise<unknown[][]> {
  const slots = engine.slots;
  if (slots === null) throw new Error('runQueryOnSlot needs an engine with slots');
  if (q.signal?.aborted === true) throw q.signal.reason;
  const args: StatementArgs = {
    ...replicaArgs(engine),
    session: sessionData(session),
    query: q.tree,
    ...(q.params !== undefined && { params: q.params }),
  };
  const storage = storageService(engine);
  const run = slots.run({ module: PROGRAM, args, name: 'the statement' }, { serve: (r) => storage.serve(r) });
  const abort = (): void => run.cancel();
  q.signal?.addEventListener('abort', abort, { once: true });
  let outcome: StatementOutcome;
  try {
    outcome = (await run.result) as StatementOutcome;
  } catch (e) {
    throw runError(e, q.signal);
  } finally {
    q.signal?.removeEventListener('abort', abort);
    storage.close();
  }
  if (!outcome.ok) throw sqlErrorFrom(outcome.error);
  const settings = (session as { settings?: Map<string, string> }).settings;
  if (settings !== undefined) for (const [k, v] of outcome.settings) settings.set(k, v);
  const revive = rowReviver(types);
  return outcome.rows.map(revive);
}
