/**
 * The holder's side of table reads from slots: answers a statement's scans and lookups
 * against the engine's stores. A scan is a snapshot taken when it opens (the row references
 * of that moment), handed out in chunks, so commits after it do not show through and no
 * answer keeps this thread busy for long.
 */
import type { CatalogEntry } from '../../catalog/index.ts';
import type { Change } from '../../connectors/table/table-store.ts';
import { columnTypes } from '../engine/column-types.ts';
import type { SqlEngine } from '../engine/engine.ts';
import { encodeRows, type RowChunk } from './column-chunk.ts';
import { SCAN_CHUNK, type StorageAnswer, type StorageRequest } from './storage-protocol.ts';
import { rowReviver } from './value-transfer.ts';

export interface StorageService {
  serve(request: unknown): StorageAnswer;
  /** Drops the scans still open (the run ended). */
  close(): void;
}

/**
 * `forward`: how the changes of followed scans reach the slot (a view's job); they are
 * forwarded from the moment the scan opens, so none falls between snapshot and changes.
 */
export function storageService(engine: SqlEngine, forward?: (scan: number, changes: readonly Change[], watermark: number) => void): StorageService {
  const following: Array<() => void> = [];
  const scans = new Map<number, { rows: ReadonlyArray<readonly unknown[]>; columns: readonly number[]; pos: number }>();
  let nextScan = 1;
  const entryOf = (oid: number): CatalogEntry => {
    const e = engine.catalog.getByOid(oid);
    if (e === undefined) throw new Error(`relation ${oid} no longer exists`);
    return e;
  };
  const chunk = (id: number): { chunk: RowChunk; done: boolean } => {
    const s = scans.get(id);
    if (s === undefined) return { chunk: { count: 0, columns: [], data: [] }, done: true };
    const rows = s.rows.slice(s.pos, s.pos + SCAN_CHUNK);
    s.pos += rows.length;
    const done = s.pos >= s.rows.length;
    if (done) scans.delete(id);
    return { chunk: encodeRows(rows, s.columns), done };
  };
  return {
    serve(raw) {
      const req = raw as StorageRequest;
      switch (req.op) {
        case 'scan-open': {
          const entry = entryOf(req.oid);
          const store = engine.store(entry);
          const id = nextScan++;
          scans.set(id, { rows: [...store.scan()], columns: req.columns ?? store.columns.map((_, i) => i), pos: 0 });
          if (req.follow === true && forward !== undefined) following.push(store.subscribe((_offset, changes, watermark) => forward(id, changes, watermark)));
          return { scan: id, offset: store.offset, watermark: store.watermark, ...chunk(id) };
        }
        case 'scan-next':
          return { scan: req.scan, ...chunk(req.scan) };
        case 'lookup': {
          const entry = entryOf(req.oid);
          if (entry.kind !== 'table' && entry.kind !== 'materialized view') throw new Error(`"${entry.name}" has no rows`);
          const types = columnTypes(entry.columns);
          const values = rowReviver(req.columns.map((c) => types[c]!))([...req.values]);
          const rows = engine.store(entry).lookupWhere(req.columns, values);
          return { rows: rows === undefined ? null : (rows as unknown[][]) };
        }
      }
    },
    close() {
      scans.clear();
      for (const stop of following.splice(0)) stop();
    },
  };
}
