/**
 * The requests a statement on a slot makes of the thread that holds the tables, and their
 * answers. Plain data; a scan's rows go as columns (column-chunk.ts), a lookup's rows are cloned
 * and revived by column type (value-transfer.ts).
 */
import type { RowChunk } from './column-chunk.ts';

/** Rows a scan answer carries at most: the holder's thread is busy only that long per answer. */
export const SCAN_CHUNK = 4096;

export type StorageRequest =
  /**
   * Starts a scan of a table or view as it is now; with `follow`, its changes after come as
   * messages. `columns`: the positions the plan reads (all when absent); the others come as NULL.
   */
  | { readonly op: 'scan-open'; readonly oid: number; readonly follow?: boolean; readonly columns?: readonly number[] }
  /** The next rows of an open scan. */
  | { readonly op: 'scan-next'; readonly scan: number }
  /** Rows whose `columns` equal `values`, through the primary key or an index. */
  | { readonly op: 'lookup'; readonly oid: number; readonly columns: readonly number[]; readonly values: readonly unknown[] };

export type StorageAnswer =
  /** A scan's rows; the table's position (offset, watermark) comes with the first answer only. */
  | { readonly scan: number; readonly offset?: number; readonly watermark?: number; readonly chunk: RowChunk; readonly done: boolean }
  | { readonly rows: readonly unknown[][] | null }
  | { readonly error: string };
