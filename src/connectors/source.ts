/**
 * The source interface, modelled on Flink's FLIP-27: a source describes its input as
 * splits, an enumerator hands splits to parallel readers, and each reader reports its
 * position per split so that a checkpoint can replay from it.
 *
 * Connectors know nothing of the runtime: a reader writes records into a
 * {@link ReaderOutput}, which the runtime's source task turns into batches, timestamps
 * and watermarks.
 */

export type Boundedness = 'bounded' | 'unbounded';

/** A unit of input (a file, a range of generated events, a socket) with its position. */
export interface SourceSplit {
  /** Stable identifier, unique within one source. */
  readonly splitId: string;
}

/** What a reader's poll produced. */
export type InputStatus =
  /** Records were emitted and more are available right away. */
  | 'more'
  /** Nothing available now; wait for {@link SourceReader.isAvailable} before polling again. */
  | 'nothing'
  /** Every assigned split is finished and no more will come. */
  | 'end';

/**
 * Where a reader puts records. `timestamp` is the record's event time in ms, if it has one;
 * `kind` is the change kind for changelog sources (0 insert, 1 update-before, 2 update-after,
 * 3 delete, as the runtime's RowKind), insert when omitted.
 */
export interface ReaderOutput<T> {
  collect(value: T, timestamp?: number, kind?: number): void;
}

export interface SourceReaderContext {
  /** Index of this parallel reader, 0-based. */
  readonly subtaskIndex: number;
  /** Number of parallel readers. */
  readonly parallelism: number;
  /** How many records a poll should emit at most before returning (a batch). */
  readonly batchSize: number;
}

export interface SourceReader<T, S extends SourceSplit> {
  /** Called once before the first poll. */
  start(): void | Promise<void>;
  /** Hands this reader splits to read (at start, or on restore). */
  addSplits(splits: readonly S[]): void;
  /** Signals that no further splits will be assigned to this reader. */
  noMoreSplits(): void;
  /**
   * Emits up to `context.batchSize` records into `output`. Must not block: when nothing is
   * ready, return 'nothing' and resolve {@link isAvailable} once something is.
   */
  pollNext(output: ReaderOutput<T>): InputStatus;
  /** Resolves when a poll would produce records again (after a 'nothing'). */
  isAvailable(): Promise<void>;
  /** The current position of every unfinished split, for checkpoints (replay from here). */
  snapshotState(): S[];
  close(): void | Promise<void>;
}

/** Assigns splits to readers. Runs once per source (in the JobManager in a cluster). */
export interface SplitEnumerator<S extends SourceSplit> {
  /** Splits for reader `subtaskIndex` of `parallelism`, all at once (static assignment). */
  assignSplits(subtaskIndex: number, parallelism: number): S[];
}

export interface Source<T, S extends SourceSplit = SourceSplit> {
  readonly boundedness: Boundedness;
  /** Name shown in plans when the user gives none. */
  readonly name?: string;
  /** True when the source can only run as one instance (a socket, an ordered collection). */
  readonly nonParallel?: boolean;
  createEnumerator(): SplitEnumerator<S>;
  createReader(context: SourceReaderContext): SourceReader<T, S>;
  /** Serializes and restores split positions (plain JSON-compatible data). */
  serializeSplit?(split: S): unknown;
  deserializeSplit?(data: unknown): S;
}
