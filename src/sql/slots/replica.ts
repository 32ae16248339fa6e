/**
 * What a program on a slot needs to plan against the engine: the catalog, the views' state and
 * the server's defaults as plain data (taken on the engine's thread), and the read-only copy of
 * the engine built from them on the slot.
 */
import { Catalog, type CatalogEntry, type SchemaEntry } from '../../catalog/index.ts';
import type { SlotHost } from '../../graph/slot-program.ts';
import { SqlEngine, type ViewStatus } from '../engine/engine.ts';
import { sessionWithTimeZone } from '../types/index.ts';
import { RemoteTableStore, type ChangeFeed } from './remote-store.ts';

export interface ReplicaArgs {
  readonly catalog: { readonly entries: readonly CatalogEntry[]; readonly nextOid: number; readonly schemas: readonly SchemaEntry[] };
  readonly views: readonly ViewStatus[];
  readonly dataDir: string | null;
  /** The server's time zone (the engine's default session). */
  readonly defaultTimeZone: string;
  /** Rows per table and view, by oid: the planner's statistics. */
  readonly rowCounts: Readonly<Record<number, number>>;
}

/** On the engine's thread: what a replica is made from. */
export function replicaArgs(engine: SqlEngine): ReplicaArgs {
  return {
    catalog: { entries: engine.catalog.list(), nextOid: engine.catalog.oidCounter, schemas: engine.catalog.schemas() },
    views: engine.viewStatus(),
    dataDir: engine.dataDirectory,
    defaultTimeZone: engine.defaults.timeZone.name,
    rowCounts: engine.rowCounts(),
  };
}

/** On the slot: the engine's copy; with `feed`, table reads follow the tables' changes. */
export function replicaEngine(args: ReplicaArgs, host: SlotHost, feed: ChangeFeed | null = null): SqlEngine {
  return SqlEngine.replica({
    catalog: Catalog.replica(args.catalog.entries, args.catalog.nextOid, args.catalog.schemas),
    dataDir: args.dataDir,
    cluster: host.executor,
    session: sessionWithTimeZone(args.defaultTimeZone),
    readStore: (entry) => new RemoteTableStore(host, entry, feed),
    views: args.views,
    rowCounts: args.rowCounts,
  });
}
