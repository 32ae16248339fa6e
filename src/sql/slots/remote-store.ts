/**
 * A statement's reader, on a slot, of a table or view held by the engine's thread: scans in
 * chunks and lookups through synchronous requests (storage-service.ts answers them), so the
 * planner and the table source use it as they use a TableStore.
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { Change, Listener, TableReadable } from '../../connectors/table/table-store.ts';
import type { SlotHost } from '../../graph/slot-program.ts';
import { columnTypes } from '../engine/column-types.ts';
import { SqlError, type DataType } from '../types/index.ts';
import { decodeRows } from './column-chunk.ts';
import type { StorageAnswer, StorageRequest } from './storage-protocol.ts';
import { rowReviver } from './value-transfer.ts';
import { SqlState } from '../../errors/index.ts';

type ScanAnswer = Extract<StorageAnswer, { scan: number }>;

/**
 * Where the changes of followed scans arrive, by scan id: the slot's message listener calls
 * the scan's entry with each commit the engine's thread forwards.
 */
export type ChangeFeed = Map<number, (changes: readonly Change[], watermark: number) => void>;

export class RemoteTableStore implements TableReadable {
  readonly name: string;
  offset = 0;
  watermark = Number.NEGATIVE_INFINITY;
  private readonly host: SlotHost;
  private readonly oid: number;
  private readonly types: readonly DataType[];
  private readonly revive: (row: unknown[]) => unknown[];
  /** With a feed, every scan also follows the table's changes after it (a view's job). */
  private readonly feed: ChangeFeed | null;
  private lastScan = -1;
  private listeners: Listener[] = [];

  constructor(host: SlotHost, entry: CatalogEntry, feed: ChangeFeed | null = null) {
    this.host = host;
    this.feed = feed;
    this.oid = entry.oid;
    this.name = entry.name;
    this.types = entry.kind === 'table' || entry.kind === 'materialized view' ? columnTypes(entry.columns) : [];
    this.revive = rowReviver(this.types);
  }

  private ask<A extends StorageAnswer>(req: StorageRequest): A {
    const a = this.host.request(req) as StorageAnswer;
    if ('error' in a) throw new SqlError(SqlState.internalError, `reading "${this.name}": ${a.error}`);
    return a as A;
  }

  *scan(columns?: readonly number[]): IterableIterator<readonly unknown[]> {
    let a = this.ask<ScanAnswer>({ op: 'scan-open', oid: this.oid, follow: this.feed !== null, ...(columns !== undefined && { columns }) });
    this.offset = a.offset ?? 0;
    this.watermark = a.watermark ?? Number.NEGATIVE_INFINITY;
    if (this.feed !== null) {
      this.lastScan = a.scan;
      let offset = this.offset;
      this.feed.set(a.scan, (changes, watermark) => {
        for (const [, row] of changes) this.revive(row as unknown[]);
        for (const l of this.listeners) l(offset, changes, watermark);
        offset += changes.length;
      });
    }
    for (;;) {
      yield* decodeRows(a.chunk, this.types.length, this.types);
      if (a.done) return;
      a = this.ask<ScanAnswer>({ op: 'scan-next', scan: a.scan });
    }
  }

  /** The changes after the last scan (a view's job follows what it scanned). */
  subscribe(listener: Listener): () => void {
    if (this.feed === null || this.lastScan < 0) throw new SqlError(SqlState.featureNotSupported, `following the changes of "${this.name}" needs a scan first, from a view's job`);
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  lookupWhere(columns: readonly number[], values: readonly unknown[]): Array<readonly unknown[]> | undefined {
    const a = this.ask<Extract<StorageAnswer, { rows: readonly unknown[][] | null; scan?: never }>>({ op: 'lookup', oid: this.oid, columns, values });
    return a.rows === null ? undefined : a.rows.map((r) => this.revive([...r]));
  }
}
