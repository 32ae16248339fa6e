/**
 * Weir's connectors: sources and sinks behind the FLIP-27 / Sink V2 style interfaces of
 * source.ts and sink.ts. Nothing here imports from outside src/connectors.
 *
 * Decisions shared by the sources:
 * - Generated sources (Nexmark, datagen, collections) produce item N as a pure function of
 *   (seed, N); a split is an index progression and its position the next index, so replay
 *   after restore is exact at any parallelism. Nexmark interleaves indices across splits so
 *   parallel readers advance through event time together; bounded datagen uses contiguous
 *   ranges like Flink's NumberSequenceSource.
 * - A `rate` is the source's total, shared equally by its readers (as Flink's
 *   DataGeneratorSource); a paced reader returns 'nothing' and its isAvailable() resolves on
 *   a timer.
 * - Readers return 'more' for the poll that emits the last records and 'end' on the next
 *   poll, so no record travels with an 'end'.
 * - Sources that only one reader may read (collections, sockets) carry `nonParallel = true`.
 */
export type {
  Boundedness,
  InputStatus,
  ReaderOutput,
  Source,
  SourceReader,
  SourceReaderContext,
  SourceSplit,
  SplitEnumerator,
} from './source.ts';
export type { Sink, SinkWriter, SinkWriterContext } from './sink.ts';
export type { SequenceSplit } from './internal/sequence-split.ts';

export { CollectionSource } from './collection.ts';

export {
  AUCTION,
  BID,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  NexmarkConfig,
  NexmarkGenerator,
  NexmarkSource,
  PERSON,
} from './nexmark/index.ts';
export type { Auction, Bid, NexmarkEvent, NexmarkEventType, NexmarkOptions, Person } from './nexmark/index.ts';

export { DataGeneratorSource } from './datagen/data-generator-source.ts';
export type { DataGeneratorOptions } from './datagen/data-generator-source.ts';
export { RandomRowSource } from './datagen/random-row-source.ts';
export type { DatagenColumn, DatagenRow, DatagenType } from './datagen/random-row-source.ts';

export { FileSource } from './file/file-source.ts';
export type { FileSplit } from './file/file-split.ts';
export type { CsvOptions } from './file/record-format.ts';
export { parseCsvRecord, formatCsvRecord } from './file/csv.ts';
export { FileSink } from './file/file-sink.ts';
export type { Encoder } from './file/file-sink.ts';
export { DEFAULT_ROLLING_POLICY } from './file/rolling-policy.ts';
export type { RollingPolicy } from './file/rolling-policy.ts';

export { SocketTextSource } from './socket/socket-text-source.ts';

export { PrintSink, printPrefix } from './sink/print-sink.ts';
export type { PrintSinkOptions, TextTarget } from './sink/print-sink.ts';
export { formatValue } from './sink/format-value.ts';
export { BlackholeSink } from './sink/blackhole-sink.ts';
export { CollectSink } from './sink/collect-sink.ts';
export { CollectBuffer } from './sink/collect-buffer.ts';

export * from './table/index.ts';
