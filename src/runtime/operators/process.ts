/**
 * Process functions: the general-purpose operators. Keyed ones get state and timers scoped
 * to the current record's key; side outputs go by tag.
 */
import type { Batch } from '../batch.ts';
import type {
  Collector,
  KeyedProcessFunctionLike,
  OnTimerContext,
  OutputTag,
  ProcessFunctionLike,
  TimerService,
} from '../functions.ts';
import { BatchBuilder } from '../batch.ts';
import type { Timer } from '../timers.ts';
import { AbstractStreamOperator } from './operator.ts';
import { closeFunction, openFunction, userError } from './user-function.ts';

/**
 * Shared by the process operators: the current record's timestamp, a collector into the
 * output batch, side outputs, and the timer service facade.
 */
export abstract class ProcessOperatorBase<F extends object> extends AbstractStreamOperator implements Collector<unknown> {
  protected readonly udf: F;
  protected currentTimestamp = NaN;
  protected currentKind = 0;
  private readonly sideBuilders = new Map<string, BatchBuilder>();
  protected timeDomainOfTimer: 'event' | 'processing' = 'event';

  constructor(udf: F) {
    super();
    this.udf = udf;
  }

  override async open(): Promise<void> {
    await openFunction(this.udf, this.runtimeContext());
  }

  override async close(): Promise<void> {
    await closeFunction(this.udf);
  }

  collect(value: unknown): void {
    this.out.add(value, this.currentTimestamp, this.currentKind);
  }

  protected sideOutput(tag: OutputTag<unknown>, value: unknown): void {
    let b = this.sideBuilders.get(tag.id);
    if (b === undefined) this.sideBuilders.set(tag.id, (b = new BatchBuilder()));
    b.add(value, this.currentTimestamp);
  }

  protected override flush(): void {
    super.flush();
    for (const [tag, b] of this.sideBuilders) {
      const batch = b.take();
      if (batch !== null) this.output.emitSide(tag, batch);
    }
  }

  protected timerFacade(): TimerService {
    const self = this;
    return {
      currentProcessingTime: () => self.context.processingTime(),
      currentWatermark: () => self.currentWatermark,
      registerEventTimeTimer: (t) => self.timerService().registerEventTimeTimer(t),
      registerProcessingTimeTimer: (t) => self.timerService().registerProcessingTimeTimer(t),
      deleteEventTimeTimer: (t) => self.timerService().deleteEventTimeTimer(t),
      deleteProcessingTimeTimer: (t) => self.timerService().deleteProcessingTimeTimer(t),
    };
  }

  /** The context object handed to user code; one instance, re-pointed per record. */
  protected makeContext(): OnTimerContext<unknown> {
    const self = this;
    const timerService = this.timerFacade();
    return {
      timestamp: () => (self.currentTimestamp === self.currentTimestamp ? self.currentTimestamp : null),
      timerService: () => timerService,
      output: (tag, value) => self.sideOutput(tag as OutputTag<unknown>, value),
      getCurrentKey: () => self.keyedBackend().getCurrentKey(),
      timeDomain: () => self.timeDomainOfTimer,
    };
  }
}

export class ProcessOperator<IN, OUT> extends ProcessOperatorBase<ProcessFunctionLike<IN, OUT>> {
  private readonly ctx = this.makeContext();

  processBatch(batch: Batch): void {
    const values = batch.values as IN[];
    const fn = this.udf;
    try {
      for (let i = 0; i < values.length; i++) {
        this.currentTimestamp = batch.timestampAt(i);
        this.currentKind = batch.kindAt(i);
        fn.processElement(values[i] as IN, this.ctx, this as Collector<OUT>);
      }
    } catch (e) {
      throw userError(this.context.name, e);
    }
    this.flush();
  }
}

export class KeyedProcessOperator<KEY, IN, OUT> extends ProcessOperatorBase<KeyedProcessFunctionLike<KEY, IN, OUT>> {
  private readonly ctx = this.makeContext() as OnTimerContext<KEY>;

  processBatch(batch: Batch): void {
    const values = batch.values as IN[];
    const fn = this.udf;
    const backend = this.keyedBackend();
    const keyOf = this.context.keyed!.keySelectors[0]!;
    try {
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as IN;
        backend.setCurrentKey(keyOf(v));
        this.currentTimestamp = batch.timestampAt(i);
        this.currentKind = batch.kindAt(i);
        fn.processElement(v, this.ctx, this as Collector<OUT>);
      }
    } catch (e) {
      throw userError(this.context.name, e);
    }
    this.flush();
  }

  protected override onTimer(timer: Timer, domain: 'event' | 'processing'): void {
    if (this.udf.onTimer === undefined) return;
    this.timeDomainOfTimer = domain;
    this.currentTimestamp = domain === 'event' ? timer.timestamp : NaN;
    this.currentKind = 0;
    try {
      this.udf.onTimer(timer.timestamp, this.ctx, this as Collector<OUT>);
    } catch (e) {
      throw userError(this.context.name, e);
    }
  }
}
