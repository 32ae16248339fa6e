/**
 * KeyedStream: a stream partitioned by key. Operators on it get keyed state and timers
 * scoped to each record's key.
 */
import type { KeyedProcessFunctionLike, KeySelector, ReduceFunction } from '../runtime/functions.ts';
import { KeyedProcessOperator } from '../runtime/operators/process.ts';
import { KeyedReduceOperator } from '../runtime/operators/keyed-reduce.ts';
import { DataStream } from './datastream.ts';
import { fieldAggregation, type AggregationKind, type FieldRef } from './field-aggregations.ts';
import { WindowedStream, type WindowAssignerLike } from './windowed-stream.ts';
import { countWindowAssigner } from './windowed-stream.ts';

export class KeyedStream<T, K> extends DataStream<T> {
  /** @internal */
  readonly keySelector: KeySelector<T, K>;

  constructor(input: DataStream<T>, keySelector: KeySelector<T, K>) {
    super(input.env, {
      type: 'partition',
      id: input.env.newId(),
      name: 'hash',
      uid: null,
      parallelism: null,
      maxParallelism: null,
      input: input.transformation,
      partitioner: 'hash',
      keySelector: keySelector as KeySelector<unknown, unknown>,
    });
    this.keySelector = keySelector;
  }

  /** @internal Adds an operator that runs on this keyed stream. */
  keyedOperator<R>(name: string, kind: string, factory: () => import('../runtime/operators/operator.ts').StreamOperator): DataStream<R> {
    return this.addOperator<R>({
      name,
      kind,
      factory,
      inputs: [this.transformation],
      keySelectors: [this.keySelector as KeySelector<unknown, unknown>],
    });
  }

  /** A rolling reduce: emits the key's reduced value after every record. */
  reduce(fn: ReduceFunction<T>): DataStream<T> {
    return this.keyedOperator('Keyed Reduce', 'keyed-reduce', () => new KeyedReduceOperator(fn));
  }

  private aggregate(kind: AggregationKind, field?: FieldRef): DataStream<T> {
    const fn = fieldAggregation<T>(kind, field);
    return this.keyedOperator('Keyed Aggregation', `keyed-${kind.toLowerCase()}`, () => new KeyedReduceOperator(fn));
  }

  /** Rolling sum of a field (array index or property name; omit it for a stream of numbers). */
  sum(field?: FieldRef): DataStream<T> {
    return this.aggregate('sum', field);
  }
  min(field?: FieldRef): DataStream<T> {
    return this.aggregate('min', field);
  }
  max(field?: FieldRef): DataStream<T> {
    return this.aggregate('max', field);
  }
  /** The whole record with the smallest value of the field so far (the first one on ties). */
  minBy(field?: FieldRef): DataStream<T> {
    return this.aggregate('minBy', field);
  }
  maxBy(field?: FieldRef): DataStream<T> {
    return this.aggregate('maxBy', field);
  }

  override process<R>(fn: KeyedProcessFunctionLike<K, T, R>): DataStream<R> {
    return this.keyedOperator('KeyedProcess', 'keyed-process', () => new KeyedProcessOperator(fn));
  }

  window(assigner: WindowAssignerLike): WindowedStream<T, K> {
    return new WindowedStream<T, K>(this, assigner);
  }

  /** Windows of `size` records per key (sliding by `slide` when given). */
  countWindow(size: number, slide?: number): WindowedStream<T, K> {
    const { assigner, trigger, evictLast } = countWindowAssigner(size, slide);
    return new WindowedStream<T, K>(this, assigner, trigger, evictLast);
  }
}
