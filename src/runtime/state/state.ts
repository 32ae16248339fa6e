/** The state handles user functions read and write, scoped to the current key (and namespace). */

export interface State {
  /** Removes the value for the current key. */
  clear(): void;
}

export interface ValueState<V> extends State {
  value(): V | undefined;
  update(value: V | undefined): void;
}

export interface ListState<V> extends State {
  get(): V[];
  add(value: V): void;
  addAll(values: readonly V[]): void;
  update(values: readonly V[]): void;
}

export interface MapState<K, V> extends State {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  putAll(entries: Iterable<readonly [K, V]>): void;
  remove(key: K): void;
  contains(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
  keys(): IterableIterator<K>;
  values(): IterableIterator<V>;
  isEmpty(): boolean;
}

export interface ReducingState<V> extends State {
  get(): V | undefined;
  add(value: V): void;
}

export interface AggregatingState<IN, OUT> extends State {
  get(): OUT | undefined;
  add(value: IN): void;
}
