/** Weir's own tables: durable storage with a key index, readable as bounded or changelog sources. */
export { TableStore, TableConstraintError, INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE } from './table-store.ts';
export type { Change, CommitMode, Listener, RowCodec, TableReadable, TableStoreOptions, TableWritable } from './table-store.ts';
export { TableSource } from './table-source.ts';
export { TableSink } from './table-sink.ts';
export type { TableReadMode, TableSplit } from './table-source.ts';
