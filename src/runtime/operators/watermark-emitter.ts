/**
 * The WatermarkOutput that a watermark generator writes to, in front of an operator's
 * Output: passes on only rising watermarks and only changes of idleness.
 */
import type { WatermarkOutput } from '../watermarks.ts';
import type { Output } from './operator.ts';

export class WatermarkEmitter implements WatermarkOutput {
  private readonly output: () => Output;
  private emitted = Number.NEGATIVE_INFINITY;
  idle = false;

  /** `output` is read at emission time: operators receive their Output after construction. */
  constructor(output: () => Output) {
    this.output = output;
  }

  emitWatermark(timestamp: number): void {
    if (timestamp <= this.emitted) return;
    this.emitted = timestamp;
    this.output().emitWatermark(timestamp);
  }

  markIdle(): void {
    if (this.idle) return;
    this.idle = true;
    this.output().emitWatermarkStatus(true);
  }

  markActive(): void {
    if (!this.idle) return;
    this.idle = false;
    this.output().emitWatermarkStatus(false);
  }
}
