/** Record-at-a-time transformations: map, flatMap, filter. Row kinds pass through. */
import { Batch } from '../batch.ts';
import type { Collector, FilterFunction, FlatMapFunction, MapFunction } from '../functions.ts';
import { AbstractStreamOperator } from './operator.ts';
import { closeFunction, openFunction, resolveFunction, userError } from './user-function.ts';

abstract class UdfOperator<F> extends AbstractStreamOperator {
  protected readonly udf: F;
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
}

export class MapOperator<IN, OUT> extends UdfOperator<MapFunction<IN, OUT>> {
  private readonly fn = resolveFunction<(v: IN) => OUT>(this.udf, 'map');

  processBatch(batch: Batch): void {
    const values = batch.values as IN[];
    const n = values.length;
    const result = new Array<OUT>(n);
    const fn = this.fn;
    try {
      for (let i = 0; i < n; i++) result[i] = fn(values[i] as IN);
    } catch (e) {
      throw userError(this.context.name, e);
    }
    this.output.emit(new Batch(result, batch.timestamps, batch.kinds));
  }
}

export class FilterOperator<T> extends UdfOperator<FilterFunction<T>> {
  private readonly fn = resolveFunction<(v: T) => boolean>(this.udf, 'filter');

  processBatch(batch: Batch): void {
    const values = batch.values as T[];
    const n = values.length;
    const fn = this.fn;
    const out = this.out;
    try {
      for (let i = 0; i < n; i++) {
        const v = values[i] as T;
        if (fn(v)) out.add(v, batch.timestampAt(i), batch.kindAt(i));
      }
    } catch (e) {
      throw userError(this.context.name, e);
    }
    this.flush();
  }
}

export class FlatMapOperator<IN, OUT> extends UdfOperator<FlatMapFunction<IN, OUT>> {
  private readonly fn = resolveFunction<(v: IN, out: Collector<OUT>) => void>(this.udf, 'flatMap');
  private ts = NaN;
  private kind = 0;
  private readonly collector: Collector<OUT> = {
    collect: (v: OUT) => this.out.add(v, this.ts, this.kind),
  };

  processBatch(batch: Batch): void {
    const values = batch.values as IN[];
    const n = values.length;
    const fn = this.fn;
    try {
      for (let i = 0; i < n; i++) {
        this.ts = batch.timestampAt(i);
        this.kind = batch.kindAt(i);
        fn(values[i] as IN, this.collector);
      }
    } catch (e) {
      throw userError(this.context.name, e);
    }
    this.flush();
  }
}
