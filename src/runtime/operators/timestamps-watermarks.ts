/**
 * assignTimestampsAndWatermarks() in the middle of a stream: stamps records with event time
 * and generates watermarks, replacing whatever watermarks arrive from upstream (except the
 * final one at end of input), as Flink's TimestampsAndWatermarksOperator does.
 */
import type { Batch } from '../batch.ts';
import { BatchBuilder } from '../batch.ts';
import type { WatermarkGenerator, WatermarkSpec } from '../watermarks.ts';
import { WatermarkEmitter } from './watermark-emitter.ts';
import { AbstractStreamOperator } from './operator.ts';
import { userError } from './user-function.ts';

export class TimestampsAndWatermarksOperator<T> extends AbstractStreamOperator {
  private readonly spec: WatermarkSpec<T>;
  private generator!: WatermarkGenerator<T>;
  private readonly watermarkOutput = new WatermarkEmitter(() => this.output);
  private lastRecordAt = 0;
  private readonly stamped = new BatchBuilder<T>();

  constructor(spec: WatermarkSpec<T>) {
    super();
    this.spec = spec;
  }

  override open(): void {
    this.generator = this.spec.createGenerator();
    this.lastRecordAt = this.context.processingTime();
    if (this.spec.idlenessMs > 0) this.context.requestWakeup(this.lastRecordAt + this.spec.idlenessMs);
  }

  processBatch(batch: Batch): void {
    const values = batch.values as T[];
    const assign = this.spec.timestampAssigner;
    const gen = this.generator;
    try {
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as T;
        let ts = batch.timestampAt(i);
        if (assign !== null) ts = assign(v, ts);
        if (ts === ts) gen.onEvent(v, ts, this.watermarkOutput);
        this.stamped.add(v, ts, batch.kindAt(i));
      }
    } catch (e) {
      throw userError(this.context.name, e);
    }
    const out = this.stamped.take();
    if (out !== null) {
      this.lastRecordAt = this.context.processingTime();
      this.watermarkOutput.markActive();
      this.output.emit(out);
    }
    gen.onPeriodicEmit(this.watermarkOutput);
  }

  override processWatermark(timestamp: number): void {
    // Upstream watermarks are replaced by ours; only the end of event time passes.
    if (timestamp === Number.POSITIVE_INFINITY) this.watermarkOutput.emitWatermark(timestamp);
  }

  override processWatermarkStatus(): void {}

  override onProcessingTime(now: number): void {
    const timeout = this.spec.idlenessMs;
    if (timeout <= 0 || now === Number.POSITIVE_INFINITY) return;
    if (now - this.lastRecordAt >= timeout) this.watermarkOutput.markIdle();
    this.context.requestWakeup(Math.max(now, this.lastRecordAt) + timeout);
  }


}
