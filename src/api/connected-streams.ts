/**
 * ConnectedStreams: two streams of possibly different types processed by one operator
 * with shared state (co-map, co-flatMap, co-process). When both sides are keyed, state
 * and timers are scoped to the key.
 */
import type {
  CoFlatMapFunction,
  CoMapFunction,
  CoProcessFunctionLike,
  KeySelector,
} from '../runtime/functions.ts';
import { CoProcessOperator, coFlatMapAsProcess, coMapAsProcess } from '../runtime/operators/co-process.ts';
import { copyForSubtask } from '../runtime/operators/user-function.ts';
import type { StreamOperator } from '../runtime/operators/operator.ts';
import type { DataStream } from './datastream.ts';

interface KeyedLike {
  readonly keySelector: KeySelector<unknown, unknown>;
}

function keyOf(s: DataStream<unknown>): KeySelector<unknown, unknown> | null {
  return 'keySelector' in s ? (s as unknown as KeyedLike).keySelector : null;
}

export class ConnectedStreams<A, B> {
  readonly first: DataStream<A>;
  readonly second: DataStream<B>;

  constructor(first: DataStream<A>, second: DataStream<B>) {
    this.first = first;
    this.second = second;
  }

  /** Partitions both inputs by key so that equal keys meet in one subtask. */
  keyBy<K>(key1: KeySelector<A, K>, key2: KeySelector<B, K>): ConnectedStreams<A, B> {
    return new ConnectedStreams(this.first.keyBy(key1), this.second.keyBy(key2));
  }

  map<R>(fn: CoMapFunction<A, B, R>): DataStream<R> {
    return this.add('Co-Map', 'co-map', () => coMapAsProcess(copyForSubtask(fn)));
  }

  flatMap<R>(fn: CoFlatMapFunction<A, B, R>): DataStream<R> {
    return this.add('Co-Flat Map', 'co-flat-map', () => coFlatMapAsProcess(copyForSubtask(fn)));
  }

  process<R>(fn: CoProcessFunctionLike<A, B, R>): DataStream<R> {
    const keyed = keyOf(this.first as DataStream<unknown>) !== null;
    return this.add(keyed ? 'KeyedCo-Process' : 'Co-Process', keyed ? 'keyed-co-process' : 'co-process', () => copyForSubtask(fn));
  }

  /**
   * @internal Applies a two-input operator of the runtime (the SQL layer's joins). When both
   * inputs are keyed, the operator is keyed by their selectors.
   */
  transform<R>(name: string, kind: string, factory: () => StreamOperator): DataStream<R> {
    const k1 = keyOf(this.first as DataStream<unknown>);
    const k2 = keyOf(this.second as DataStream<unknown>);
    const spec = {
      name,
      kind,
      factory,
      inputs: [this.first.transformation, this.second.transformation],
      keySelectors: k1 !== null && k2 !== null ? [k1, k2] : null,
    };
    return (this.first as unknown as { addOperator<X>(s: typeof spec): DataStream<X> }).addOperator<R>(spec);
  }

  private add<R>(name: string, kind: string, fn: () => CoProcessFunctionLike<A, B, R>): DataStream<R> {
    const k1 = keyOf(this.first as DataStream<unknown>);
    const k2 = keyOf(this.second as DataStream<unknown>);
    if ((k1 === null) !== (k2 === null)) {
      throw new Error('connect: either both streams are keyed or neither is; use keyBy() on both or ConnectedStreams.keyBy()');
    }
    const spec = {
      name,
      kind,
      factory: () => new CoProcessOperator(fn()),
      inputs: [this.first.transformation, this.second.transformation],
      keySelectors: k1 !== null && k2 !== null ? [k1, k2] : null,
    };
    return (this.first as unknown as { addOperator<X>(s: typeof spec): DataStream<X> }).addOperator<R>(spec);
  }
}
