/** Two-input operators for connected streams: co-map, co-flatMap and (keyed) co-process. */
import type { Batch } from '../batch.ts';
import type {
  Collector,
  CoFlatMapFunction,
  CoMapFunction,
  CoProcessFunctionLike,
  OnTimerContext,
} from '../functions.ts';
import type { Timer } from '../timers.ts';
import { ProcessOperatorBase } from './process.ts';
import { userError } from './user-function.ts';

/** Co-map and co-flatMap are co-process functions with no context. */
export function coMapAsProcess<A, B, O>(fn: CoMapFunction<A, B, O>): CoProcessFunctionLike<A, B, O> {
  return {
    open: fn.open?.bind(fn),
    close: fn.close?.bind(fn),
    processElement1: (v, _ctx, out) => out.collect(fn.map1(v)),
    processElement2: (v, _ctx, out) => out.collect(fn.map2(v)),
  };
}

export function coFlatMapAsProcess<A, B, O>(fn: CoFlatMapFunction<A, B, O>): CoProcessFunctionLike<A, B, O> {
  return {
    open: fn.open?.bind(fn),
    close: fn.close?.bind(fn),
    processElement1: (v, _ctx, out) => fn.flatMap1(v, out),
    processElement2: (v, _ctx, out) => fn.flatMap2(v, out),
  };
}

/**
 * Runs a co-process function. When the operator is keyed (both inputs keyed by the same
 * key type), state and timers are scoped to each record's key.
 */
export class CoProcessOperator<A, B, O> extends ProcessOperatorBase<CoProcessFunctionLike<A, B, O>> {
  private readonly ctx = this.makeContext();

  constructor(udf: CoProcessFunctionLike<A, B, O>) {
    super(udf);
    this.numInputs = 2;
  }

  processBatch(batch: Batch, input: number): void {
    const values = batch.values;
    const fn = this.udf;
    const keyed = this.context.keyed;
    const keyOf = keyed?.keySelectors[input];
    const out = this as Collector<O>;
    try {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (keyOf !== undefined) keyed!.backend.setCurrentKey(keyOf(v));
        this.currentTimestamp = batch.timestampAt(i);
        this.currentKind = batch.kindAt(i);
        if (input === 0) fn.processElement1(v as A, this.ctx, out);
        else fn.processElement2(v as B, this.ctx, out);
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
    try {
      this.udf.onTimer(timer.timestamp, this.ctx as OnTimerContext<unknown>, this as Collector<O>);
    } catch (e) {
      throw userError(this.context.name, e);
    }
  }
}
