/**
 * State descriptors, in Flink's vocabulary. A descriptor names a piece of keyed state and
 * says what kind it is; the same name in a restored job finds the same state.
 */

export type StateKind = 'value' | 'list' | 'map' | 'reducing' | 'aggregating';

abstract class StateDescriptorBase<V> {
  abstract readonly kind: StateKind;
  readonly name: string;
  readonly defaultValue: V | undefined;

  constructor(name: string, defaultValue?: V) {
    if (!name) throw new Error('a state descriptor needs a name');
    this.name = name;
    this.defaultValue = defaultValue;
  }
}

/**
 * @example
 * const count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
 */
export class ValueStateDescriptor<V> extends StateDescriptorBase<V> {
  readonly kind = 'value' as const;
}

export class ListStateDescriptor<V> extends StateDescriptorBase<V[]> {
  readonly kind = 'list' as const;
}

export class MapStateDescriptor<K, V> extends StateDescriptorBase<Map<K, V>> {
  readonly kind = 'map' as const;
}

export class ReducingStateDescriptor<V> extends StateDescriptorBase<V> {
  readonly kind = 'reducing' as const;
  readonly reduce: (a: V, b: V) => V;
  constructor(name: string, reduce: (a: V, b: V) => V) {
    super(name);
    this.reduce = reduce;
  }
}

/** Aggregation in the style of Flink's AggregateFunction: accumulator in state, result on read. */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge?(a: ACC, b: ACC): ACC;
}

export class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptorBase<ACC> {
  readonly kind = 'aggregating' as const;
  readonly aggregate: AggregateFunction<IN, ACC, OUT>;
  constructor(name: string, aggregate: AggregateFunction<IN, ACC, OUT>) {
    super(name);
    this.aggregate = aggregate;
  }
}

export type StateDescriptor =
  | ValueStateDescriptor<any> // eslint-disable-line @typescript-eslint/no-explicit-any -- user value types vary
  | ListStateDescriptor<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  | MapStateDescriptor<any, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  | ReducingStateDescriptor<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  | AggregatingStateDescriptor<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
