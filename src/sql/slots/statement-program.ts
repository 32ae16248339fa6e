/**
 * The program a query runs as on a slot thread: it plans the statement against a copy of the
 * catalog as it was when the statement was sent, reads tables through the engine's thread
 * (remote-store.ts), runs the bounded job on this slot, and returns the rows as plain data.
 * It receives the statement as the parser's tree (plain data), never closures: the cluster
 * issue moves this same module onto TaskManagers.
 */
import type { SlotHost } from '../../graph/slot-program.ts';
import { plannerFor, runQuery } from '../engine/query.ts';
import { replicaEngine, type ReplicaArgs } from './replica.ts';
import { plainError, type PlainError } from './plain-error.ts';
import { sessionFrom, type SessionData } from './session-transfer.ts';

export interface StatementArgs extends ReplicaArgs {
  readonly session: SessionData;
  /** The SelectStmt's node. */
  readonly query: Record<string, unknown>;
  readonly params?: readonly (string | null)[];
}

export type StatementOutcome =
  | { readonly ok: true; readonly rows: unknown[][]; readonly settings: ReadonlyArray<readonly [string, string]> }
  | { readonly ok: false; readonly error: PlainError };

export async function runOnSlot(raw: unknown, host: SlotHost): Promise<StatementOutcome> {
  const args = raw as StatementArgs;
  try {
    const engine = replicaEngine(args, host);
    const { session, settings } = sessionFrom(args.session);
    const planned = plannerFor(engine, { session, ...(args.params !== undefined && { params: args.params }) }).planQuery(args.query);
    const rows = await runQuery(engine, planned, session);
    return { ok: true, rows, settings: [...settings] };
  } catch (e) {
    return { ok: false, error: plainError(e) };
  }
}
