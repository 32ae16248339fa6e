/**
 * Rolling reduce on a keyed stream (Flink's StreamGroupedReduceOperator): for every record,
 * fold it into the key's current value and emit the new value. The aggregations of
 * KeyedStream (sum, min, max, minBy, maxBy) are reduce functions run by this operator.
 */
import type { Batch } from '../batch.ts';
import { ValueStateDescriptor } from '../state/descriptors.ts';
import type { ValueState } from '../state/state.ts';
import type { ReduceFunction } from '../functions.ts';
import { AbstractStreamOperator } from './operator.ts';
import { closeFunction, openFunction, resolveFunction, userError } from './user-function.ts';

export class KeyedReduceOperator<T> extends AbstractStreamOperator {
  private readonly udf: ReduceFunction<T>;
  private readonly fn: (a: T, b: T) => T;
  private state!: ValueState<T>;

  constructor(udf: ReduceFunction<T>) {
    super();
    this.udf = udf;
    this.fn = resolveFunction(udf, 'reduce');
  }

  override async open(): Promise<void> {
    this.state = this.keyedBackend().getState(new ValueStateDescriptor<T>('_reduce'));
    await openFunction(this.udf, this.runtimeContext());
  }

  override async close(): Promise<void> {
    await closeFunction(this.udf);
  }

  processBatch(batch: Batch): void {
    const values = batch.values as T[];
    const backend = this.keyedBackend();
    const keyOf = this.context.keyed!.keySelectors[0]!;
    const state = this.state;
    const fn = this.fn;
    const out = this.out;
    try {
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as T;
        backend.setCurrentKey(keyOf(v));
        const cur = state.value();
        const next = cur === undefined ? v : fn(cur, v);
        state.update(next);
        out.add(next, batch.timestampAt(i));
      }
    } catch (e) {
      throw userError(this.context.name, e);
    }
    this.flush();
  }
}
