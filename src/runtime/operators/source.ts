/**
 * The head of a source task: polls a connector's reader into batches, stamps event time,
 * and generates watermarks and idleness per the job's WatermarkStrategy.
 */
import type { InputStatus, ReaderOutput, Source, SourceReader, SourceSplit } from '../../connectors/source.ts';
import type { Batch } from '../batch.ts';
import { BatchBuilder } from '../batch.ts';
import type { WatermarkGenerator, WatermarkSpec } from '../watermarks.ts';
import { WatermarkEmitter } from './watermark-emitter.ts';
import { AbstractStreamOperator } from './operator.ts';
import { userError } from './user-function.ts';

export class SourceOperator<T> extends AbstractStreamOperator implements ReaderOutput<T> {
  private readonly source: Source<T, SourceSplit>;
  private readonly watermarks: WatermarkSpec<T>;
  private reader!: SourceReader<T, SourceSplit>;
  private generator!: WatermarkGenerator<T>;
  private readonly builder = new BatchBuilder<T>();
  private readonly watermarkOutput = new WatermarkEmitter(() => this.output);
  private lastRecordAt = 0;
  private restoredSplits: SourceSplit[] | null = null;
  batchSize = 1024;
  recordsIn = 0;

  constructor(source: Source<T, SourceSplit>, watermarks: WatermarkSpec<T>) {
    super();
    this.source = source;
    this.watermarks = watermarks;
  }

  override async open(): Promise<void> {
    const { subtaskIndex, parallelism } = this.context;
    this.generator = this.watermarks.createGenerator();
    this.reader = this.source.createReader({ subtaskIndex, parallelism, batchSize: this.batchSize });
    await this.reader.start();
    const splits = this.restoredSplits ?? this.source.createEnumerator().assignSplits(subtaskIndex, parallelism);
    this.reader.addSplits(splits);
    this.reader.noMoreSplits();
    this.lastRecordAt = this.context.processingTime();
  }

  processBatch(_batch: Batch): void {
    throw new Error('a source has no inputs');
  }

  /** ReaderOutput: one record from the reader. */
  collect(value: T, timestamp?: number, kind?: number): void {
    const assign = this.watermarks.timestampAssigner;
    let ts = timestamp ?? NaN;
    if (assign !== null) ts = assign(value, ts);
    if (ts === ts) this.generator.onEvent(value, ts, this.watermarkOutput);
    this.builder.add(value, ts, kind);
  }

  /** Polls the reader once and emits what it produced. */
  pollNext(): InputStatus {
    let status: InputStatus;
    try {
      status = this.reader.pollNext(this);
    } catch (e) {
      throw userError(this.context.name, e);
    }
    const batch = this.builder.take();
    if (batch !== null) {
      this.recordsIn += batch.length;
      this.lastRecordAt = this.context.processingTime();
      this.watermarkOutput.markActive();
      this.output.emit(batch);
      this.generator.onPeriodicEmit(this.watermarkOutput);
    }
    return status;
  }

  availability(): Promise<void> {
    return this.reader.isAvailable();
  }

  /** Called while the reader has nothing: goes idle after the configured quiet time. */
  checkIdleness(): void {
    const timeout = this.watermarks.idlenessMs;
    if (timeout > 0 && this.context.processingTime() - this.lastRecordAt >= timeout) this.watermarkOutput.markIdle();
  }

  get idlenessMs(): number {
    return this.watermarks.idlenessMs;
  }



  /** End of a bounded input: event time is over. */
  endOfInput(): void {
    this.watermarkOutput.markActive();
    this.watermarkOutput.emitWatermark(Number.POSITIVE_INFINITY);
  }

  override async close(): Promise<void> {
    await this.reader?.close();
  }

  protected override snapshotOperatorState(): unknown {
    const split = this.source.serializeSplit?.bind(this.source) ?? ((s: SourceSplit) => s);
    return this.reader.snapshotState().map(split);
  }

  protected override restoreOperatorState(states: unknown[]): void {
    const read = this.source.deserializeSplit?.bind(this.source) ?? ((d: unknown) => d as SourceSplit);
    this.restoredSplits = states.flatMap((s) => (Array.isArray(s) ? s.map(read) : []));
  }
}
