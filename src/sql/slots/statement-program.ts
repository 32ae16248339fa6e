/**
 * The program a query runs as on a slot thread: it plans the statement against a copy of the
 * catalog as it was when the statement was sent, reads tables through the engine's thread
 * (remote-store.ts), runs the bounded job on this slot, and returns the rows as plain data.
 * It receives the statement as the parser's tree (plain data), never closures: the cluster
 * issue moves this same module onto TaskManagers.
 */
import { Catalog, type CatalogEntry } from '../../catalog/index.ts';
import type { SlotHost } from '../../graph/slot-program.ts';
import { SqlEngine, type ViewStatus } from '../engine/engine.ts';
import { plannerFor, runQuery } from '../engine/query.ts';
import { sessionWithTimeZone } from '../types/index.ts';
import { RemoteTableStore } from './remote-store.ts';
import { plainError, type PlainError } from './plain-error.ts';
import { sessionFrom, type SessionData } from './session-transfer.ts';

export interface StatementArgs {
  readonly catalog: { readonly entries: readonly CatalogEntry[]; readonly nextOid: number };
  readonly views: readonly ViewStatus[];
  readonly dataDir: string | null;
  /** The server's time zone (the engine's default session). */
  readonly defaultTimeZone: string;
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
    const engine = SqlEngine.replica({
      catalog: Catalog.replica(args.catalog.entries, args.catalog.nextOid),
      dataDir: args.dataDir,
      cluster: host.executor,
      session: sessionWithTimeZone(args.defaultTimeZone),
      readStore: (entry) => new RemoteTableStore(host, entry),
      views: args.views,
    });
    const { session, settings } = sessionFrom(args.session);
    const planned = plannerFor(engine, { session, ...(args.params !== undefined && { params: args.params }) }).planQuery(args.query);
    const rows = await runQuery(engine, planned, session);
    return { ok: true, rows, settings: [...settings] };
  } catch (e) {
    return { ok: false, error: plainError(e) };
  }
}
