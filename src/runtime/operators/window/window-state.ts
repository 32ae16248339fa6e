/**
 * State plumbing of the window operator. Heap state handles read the backend's current
 * namespace when called, not when obtained; a handle that user code keeps must therefore
 * re-scope the backend on every call (`scopedHandle`). The operator's own state (window
 * contents, merging window sets) goes straight to raw tables by (key, namespace), so its
 * per-record path never depends on what namespace user code left the backend in.
 */
import type { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, StateDescriptor, ValueStateDescriptor } from '../../state/descriptors.ts';
import type { RawStateTable, KeyedStateBackend } from '../../state/heap-backend.ts';
import type { AggregatingState, ListState, MapState, ReducingState, State, ValueState } from '../../state/state.ts';
import type { NormalizedKey } from '../../key-groups.ts';

/** Keyed state a ProcessWindowFunction reaches through `windowState()` / `globalState()`. */
export interface KeyedStateStore {
  getState<V>(descriptor: ValueStateDescriptor<V>): ValueState<V>;
  getListState<V>(descriptor: ListStateDescriptor<V>): ListState<V>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<V>(descriptor: ReducingStateDescriptor<V>): ReducingState<V>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}

export type RawTable = RawStateTable;

export function rawTable(backend: KeyedStateBackend, name: string): RawTable {
  return backend.rawTable(name);
}

/** Wraps every method of a state handle so it first scopes the backend (`enter`). */
export function scopedHandle<S extends State>(handle: S, enter: () => void): S {
  const scoped: Record<string, unknown> = {};
  for (const name of Object.keys(handle)) {
    const m = (handle as unknown as Record<string, unknown>)[name];
    if (typeof m !== 'function') continue;
    scoped[name] = (...args: unknown[]): unknown => {
      enter();
      return (m as (...a: unknown[]) => unknown).apply(handle, args);
    };
  }
  return scoped as unknown as S;
}

/**
 * Hands out handles that scope the backend with `enter` before each call; one handle per
 * state name, made on first use.
 */
export class ScopedStateStore implements KeyedStateStore {
  private readonly handles = new Map<string, State>();
  private readonly backend: KeyedStateBackend;
  private readonly enter: () => void;

  constructor(backend: KeyedStateBackend, enter: () => void) {
    this.backend = backend;
    this.enter = enter;
  }

  get<S extends State>(d: StateDescriptor): S {
    let h = this.handles.get(d.name);
    if (h === undefined) {
      this.enter();
      h = scopedHandle(this.backend.getState(d), this.enter);
      this.handles.set(d.name, h);
    }
    return h as S;
  }

  getState<V>(d: ValueStateDescriptor<V>): ValueState<V> {
    return this.get(d);
  }
  getListState<V>(d: ListStateDescriptor<V>): ListState<V> {
    return this.get(d);
  }
  getMapState<K, V>(d: MapStateDescriptor<K, V>): MapState<K, V> {
    return this.get(d);
  }
  getReducingState<V>(d: ReducingStateDescriptor<V>): ReducingState<V> {
    return this.get(d);
  }
  getAggregatingState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    return this.get(d);
  }
}

/** Combines two stored values of a mergeable state: (target, source) → merged. */
export type MergeValues = (target: unknown, source: unknown) => unknown;

/** How stored values of a state kind merge, or null when the kind cannot merge. */
export function mergeValuesFor(d: StateDescriptor): MergeValues | null {
  switch (d.kind) {
    case 'reducing':
      return d.reduce as MergeValues;
    case 'aggregating': {
      const agg = d.aggregate;
      if (typeof agg.merge !== 'function') return null;
      return (a, b) => (agg.merge as (x: unknown, y: unknown) => unknown)(a, b);
    }
    case 'list':
      return (a, b) => (a as unknown[]).concat(b as unknown[]);
    default:
      return null;
  }
}

/**
 * Moves the entries of `sources` into `target` for key `nk`, as Flink's
 * `mergeNamespaces`: sources fold together in order, then into the target's value.
 */
export function mergeNamespaces(table: RawTable, nk: NormalizedKey, target: string, sources: readonly string[], merge: MergeValues): void {
  let merged: unknown = undefined;
  for (const source of sources) {
    const v = table.get(nk, source);
    if (v === undefined) continue;
    table.remove(nk, source);
    merged = merged === undefined ? v : merge(merged, v);
  }
  if (merged === undefined) return;
  const cur = table.get(nk, target);
  table.put(nk, target, cur === undefined ? merged : merge(cur, merged));
}
