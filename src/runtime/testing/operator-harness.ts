/**
 * Drives one operator without a job, as Flink's operator test harnesses do: feed records,
 * watermarks and processing time, read what it emitted, snapshot and restore. Used by
 * Weir's own tests; exported so that users can test their operators the same way.
 *
 * @example
 * const h = new OperatorHarness(new KeyedProcessOperator(fn), { keySelector: (v) => v.id });
 * await h.open();
 * h.processElement({ id: 1 }, 1000);
 * h.processWatermark(2000);
 * expect(h.values()).toEqual([...]);
 */
import { Batch } from '../batch.ts';
import { defaultMaxParallelism, keyGroupRangeFor } from '../key-groups.ts';
import { HeapKeyedStateBackend } from '../state/heap-backend.ts';
import type { KeySelector } from '../functions.ts';
import type { OperatorContext, OperatorSnapshot, Output, StreamOperator } from '../operators/operator.ts';

export type HarnessOutput =
  | { readonly kind: 'record'; readonly value: unknown; readonly timestamp: number; readonly rowKind: number }
  | { readonly kind: 'side'; readonly tag: string; readonly value: unknown; readonly timestamp: number }
  | { readonly kind: 'watermark'; readonly timestamp: number }
  | { readonly kind: 'status'; readonly idle: boolean };

export interface HarnessOptions {
  /** Key selectors per input; makes the operator keyed. */
  readonly keySelector?: KeySelector<unknown, unknown>;
  readonly keySelector2?: KeySelector<unknown, unknown>;
  readonly parallelism?: number;
  readonly subtaskIndex?: number;
  readonly maxParallelism?: number;
  readonly name?: string;
}

export class OperatorHarness {
  readonly operator: StreamOperator;
  readonly output: HarnessOutput[] = [];
  private processingTime = 0;
  private readonly options: HarnessOptions;
  readonly backend: HeapKeyedStateBackend | null;

  constructor(operator: StreamOperator, options: HarnessOptions = {}) {
    this.operator = operator;
    this.options = options;
    const parallelism = options.parallelism ?? 1;
    const maxParallelism = options.maxParallelism ?? defaultMaxParallelism(parallelism);
    const subtaskIndex = options.subtaskIndex ?? 0;
    const range = keyGroupRangeFor(subtaskIndex, maxParallelism, parallelism);
    const selectors = [options.keySelector, options.keySelector2].filter((s) => s !== undefined);
    this.backend = selectors.length > 0 ? new HeapKeyedStateBackend(maxParallelism, range) : null;
    const context: OperatorContext = {
      name: options.name ?? operator.constructor.name,
      uid: 'harness',
      subtaskIndex,
      parallelism,
      maxParallelism,
      keyed: this.backend === null ? null : { keySelectors: selectors, backend: this.backend, keyGroupRange: range },
      requestWakeup: () => {},
      processingTime: () => this.processingTime,
    };
    const sink: Output = {
      emit: (b) => {
        for (let i = 0; i < b.length; i++) {
          this.output.push({ kind: 'record', value: b.values[i], timestamp: b.timestampAt(i), rowKind: b.kindAt(i) });
        }
      },
      emitSide: (tag, b) => {
        for (let i = 0; i < b.length; i++) this.output.push({ kind: 'side', tag, value: b.values[i], timestamp: b.timestampAt(i) });
      },
      emitWatermark: (timestamp) => this.output.push({ kind: 'watermark', timestamp }),
      emitWatermarkStatus: (idle) => this.output.push({ kind: 'status', idle }),
    };
    operator.setup(context, sink);
  }

  async open(snapshots?: readonly OperatorSnapshot[]): Promise<void> {
    if (snapshots) this.operator.restoreState(snapshots);
    await this.operator.open();
  }

  processElement(value: unknown, timestamp = NaN, input = 0): void {
    this.operator.processBatch(new Batch([value], [timestamp]), input);
  }

  processElements(values: unknown[], timestamps?: number[], input = 0): void {
    this.operator.processBatch(new Batch(values, timestamps ?? null), input);
  }

  processWatermark(timestamp: number, input = 0): void {
    this.operator.processWatermark(timestamp, input);
  }

  setProcessingTime(time: number): void {
    this.processingTime = time;
    this.operator.onProcessingTime(time);
  }

  async endInput(): Promise<void> {
    this.operator.endInput(0);
    await this.operator.finish();
  }

  snapshot(): OperatorSnapshot {
    return this.operator.snapshotState();
  }

  /** Main-output values in emission order. */
  values(): unknown[] {
    return this.output.flatMap((o) => (o.kind === 'record' ? [o.value] : []));
  }

  sideValues(tag: string): unknown[] {
    return this.output.flatMap((o) => (o.kind === 'side' && o.tag === tag ? [o.value] : []));
  }

  clearOutput(): void {
    this.output.length = 0;
  }

  async close(): Promise<void> {
    await this.operator.close();
  }
}
