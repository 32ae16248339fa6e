/**
 * The operator contract. A task drives the operators of its chain with whole batches and
 * with control events (watermarks, idleness, end of input). Operators are single-threaded:
 * a task never calls one re-entrantly.
 */
import { Batch, BatchBuilder } from '../batch.ts';
import type { KeyGroupRange } from '../key-groups.ts';
import type { KeyedStateBackend, KeyedStateSnapshot } from '../state/heap-backend.ts';
import { InternalTimerService, type Timer, type TimerSnapshot } from '../timers.ts';
import type { KeySelector, RuntimeContext } from '../functions.ts';
import type { State } from '../state/state.ts';
import type { StateDescriptor } from '../state/descriptors.ts';

/** Where an operator sends what it produces. */
export interface Output {
  emit(batch: Batch): void;
  emitSide(tag: string, batch: Batch): void;
  emitWatermark(timestamp: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

export interface KeyedContext {
  readonly keySelectors: ReadonlyArray<KeySelector<unknown, unknown>>;
  readonly backend: KeyedStateBackend;
  readonly keyGroupRange: KeyGroupRange;
}

export interface OperatorContext {
  readonly name: string;
  readonly uid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Present when the operator runs on a keyed stream. */
  readonly keyed: KeyedContext | null;
  /** Asks the task to wake the operator's timers at this processing time. */
  requestWakeup(time: number): void;
  processingTime(): number;
}

export interface OperatorSnapshot {
  readonly keyed: KeyedStateSnapshot | null;
  readonly timers: TimerSnapshot | null;
  /** Operator (non-keyed) state, plain data. */
  readonly operator: unknown;
}

export interface StreamOperator {
  setup(context: OperatorContext, output: Output): void;
  open(): void | Promise<void>;
  /** `input` is 0 for one-input operators and 0/1 for two-input ones. */
  processBatch(batch: Batch, input: number): void;
  processWatermark(timestamp: number, input: number): void;
  processWatermarkStatus(idle: boolean, input: number): void;
  /** A bounded input ended. */
  endInput(input: number): void;
  /**
   * Which input the task should read next, for a two-input operator that wants one input
   * to its end before the other (Flink's InputSelectable): the input, or null for either.
   * Without it, the task reads the inputs as their data comes.
   */
  selectInput?(): number | null;
  /** Fires due processing-time timers. */
  onProcessingTime(now: number): void;
  /** All inputs ended and were handled; emit anything still held. */
  finish(): void | Promise<void>;
  close(): void | Promise<void>;
  snapshotState(): OperatorSnapshot;
  restoreState(snapshots: readonly OperatorSnapshot[]): void;
}

export type OperatorFactory = () => StreamOperator;

/** Rows an operator's output batch holds before it is sent on, even mid-input-batch. */
export const OUTPUT_BATCH_LIMIT = 4096;

/**
 * Common machinery: combining watermarks of two inputs, keyed state and timers, a builder
 * for the output batch, and a runtime context for user functions.
 */
export abstract class AbstractStreamOperator implements StreamOperator {
  protected context!: OperatorContext;
  protected output!: Output;
  /** Output rows; a batch that grows past OUTPUT_BATCH_LIMIT within one input batch goes out at once. */
  protected readonly out = new BatchBuilder(OUTPUT_BATCH_LIMIT, (b) => this.output.emit(b));
  protected timers: InternalTimerService | null = null;
  protected currentWatermark = Number.NEGATIVE_INFINITY;
  private inputWatermarks = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  private inputIdle = [false, false];
  private emittedIdle = false;
  protected numInputs = 1;

  setup(context: OperatorContext, output: Output): void {
    this.context = context;
    this.output = output;
    if (context.keyed !== null) {
      this.timers = new InternalTimerService(context.keyed.backend, (t) => context.requestWakeup(t));
    }
  }

  open(): void | Promise<void> {}

  abstract processBatch(batch: Batch, input: number): void;

  processWatermark(timestamp: number, input: number): void {
    this.inputWatermarks[input] = timestamp;
    this.advanceWatermark();
  }

  processWatermarkStatus(idle: boolean, input: number): void {
    this.inputIdle[input] = idle;
    let allIdle = true;
    for (let i = 0; i < this.numInputs; i++) allIdle &&= this.inputIdle[i] === true;
    if (allIdle !== this.emittedIdle) {
      this.emittedIdle = allIdle;
      this.output.emitWatermarkStatus(allIdle);
    }
    // An idle input no longer holds the others back.
    if (idle) this.advanceWatermark();
  }

  /** Event time is the minimum watermark over the inputs that are not idle. */
  private advanceWatermark(): void {
    let combined = Number.POSITIVE_INFINITY;
    let active = 0;
    for (let i = 0; i < this.numInputs; i++) {
      if (this.inputIdle[i]) continue;
      active++;
      combined = Math.min(combined, this.inputWatermarks[i] as number);
    }
    if (active === 0 || combined <= this.currentWatermark) return;
    this.currentWatermark = combined;
    this.onEventTime(combined);
    this.flush();
    this.output.emitWatermark(combined);
  }

  endInput(_input: number): void {}

  /** Advances event time: fires timers. Results go to `this.out`. */
  protected onEventTime(watermark: number): void {
    if (this.timers !== null) this.timers.advanceWatermark(watermark, (t) => this.onTimer(t, 'event'));
  }

  onProcessingTime(now: number): void {
    if (this.timers === null) return;
    this.timers.advanceProcessingTime(now, (t) => this.onTimer(t, 'processing'));
    this.flush();
  }

  /** Called for each due timer with key and namespace already set. */
  protected onTimer(_timer: Timer, _domain: 'event' | 'processing'): void {}

  /** Sends the output batch built so far. */
  protected flush(): void {
    const b = this.out.take();
    if (b !== null) this.output.emit(b);
  }

  finish(): void | Promise<void> {
    // Input is over, so its time is over too: fire remaining processing-time timers.
    if (this.timers !== null) this.onProcessingTime(Number.POSITIVE_INFINITY);
    this.flush();
  }

  close(): void | Promise<void> {}

  snapshotState(): OperatorSnapshot {
    return {
      keyed: this.context.keyed?.backend.snapshot() ?? null,
      timers: this.timers?.snapshot() ?? null,
      operator: this.snapshotOperatorState(),
    };
  }

  restoreState(snapshots: readonly OperatorSnapshot[]): void {
    const keyed = this.context.keyed;
    if (keyed !== null) {
      keyed.backend.restore(snapshots.flatMap((s) => (s.keyed ? [s.keyed] : [])));
      this.timers?.restore(
        snapshots.flatMap((s) => (s.timers ? [s.timers] : [])),
        keyed.keyGroupRange,
      );
    }
    this.restoreOperatorState(snapshots.map((s) => s.operator));
  }

  protected snapshotOperatorState(): unknown {
    return null;
  }

  protected restoreOperatorState(_states: unknown[]): void {}

  protected keyedBackend(): KeyedStateBackend {
    const keyed = this.context.keyed;
    if (keyed === null) {
      throw new Error(
        `keyed state is only available on keyed streams (operator '${this.context.name}'); use keyBy() before this operator`,
      );
    }
    return keyed.backend;
  }

  protected timerService(): InternalTimerService {
    if (this.timers === null) {
      throw new Error(`setting timers is only supported on keyed streams (operator '${this.context.name}')`);
    }
    return this.timers;
  }

  /** The RuntimeContext handed to user functions. */
  protected runtimeContext(): RuntimeContext {
    const self = this;
    const get = <S extends State>(d: StateDescriptor): S => self.keyedBackend().getState<S>(d);
    return {
      getTaskName: () => self.context.name,
      getIndexOfThisSubtask: () => self.context.subtaskIndex,
      getNumberOfParallelSubtasks: () => self.context.parallelism,
      getMaxNumberOfParallelSubtasks: () => self.context.maxParallelism,
      getState: (d) => get(d),
      getListState: (d) => get(d),
      getMapState: (d) => get(d),
      getReducingState: (d) => get(d),
      getAggregatingState: (d) => get(d),
    };
  }
}
