/**
 * Keyed state on the JS heap. Each state is a table from normalized key (and, for window
 * state, a namespace) to a value. Key groups are computed only when a snapshot is taken,
 * so the per-record path is a single Map lookup.
 */
import {
  keyGroupFor,
  normalizeKey,
  type KeyGroupRange,
  type NormalizedKey,
} from '../key-groups.ts';
import type { StateDescriptor } from './descriptors.ts';
import type { AggregatingState, ListState, MapState, ReducingState, State, ValueState } from './state.ts';

/** Namespace of state that does not belong to a window. */
export const VOID_NAMESPACE = '';

/** A state entry in a snapshot: [state name, key, namespace, value]. */
export type StateEntry = [string, NormalizedKey, string, unknown];

export interface KeyedStateSnapshot {
  readonly maxParallelism: number;
  /** Entries by key group; only groups with entries appear. */
  readonly keyGroups: Record<number, StateEntry[]>;
}

/** Entries of one named state, addressed by normalized key and namespace. */
export interface RawStateTable {
  get(nk: NormalizedKey, ns: string): unknown;
  put(nk: NormalizedKey, ns: string, v: unknown): void;
  remove(nk: NormalizedKey, ns: string): void;
}

export interface KeyedStateBackend {
  readonly maxParallelism: number;
  readonly keyGroupRange: KeyGroupRange;
  setCurrentKey(key: unknown): void;
  getCurrentKey(): unknown;
  getCurrentNormalizedKey(): NormalizedKey;
  /** Scopes subsequent state access to a namespace (a window); VOID_NAMESPACE for none. */
  setCurrentNamespace(namespace: string): void;
  getState<S extends State>(descriptor: StateDescriptor): S;
  snapshot(): KeyedStateSnapshot;
  /** Restores the entries of the key groups this backend owns, from any number of snapshots. */
  restore(snapshots: readonly KeyedStateSnapshot[]): void;
  /** Number of (key, namespace) entries across all states, for tests and metrics. */
  size(): number;
  /** Direct access to a state's entries, for operators that move state between namespaces (merging windows). */
  rawTable(name: string): RawStateTable;
}

/** One state's data: flat for the void namespace, two-level otherwise. */
class StateTable {
  readonly flat = new Map<NormalizedKey, unknown>();
  readonly nested = new Map<NormalizedKey, Map<string, unknown>>();

  get(nk: NormalizedKey, ns: string): unknown {
    if (ns === VOID_NAMESPACE) return this.flat.get(nk);
    return this.nested.get(nk)?.get(ns);
  }

  put(nk: NormalizedKey, ns: string, value: unknown): void {
    if (ns === VOID_NAMESPACE) {
      this.flat.set(nk, value);
      return;
    }
    let byNs = this.nested.get(nk);
    if (byNs === undefined) this.nested.set(nk, (byNs = new Map()));
    byNs.set(ns, value);
  }

  remove(nk: NormalizedKey, ns: string): void {
    if (ns === VOID_NAMESPACE) {
      this.flat.delete(nk);
      return;
    }
    const byNs = this.nested.get(nk);
    if (byNs === undefined) return;
    byNs.delete(ns);
    if (byNs.size === 0) this.nested.delete(nk);
  }

  *entries(): IterableIterator<[NormalizedKey, string, unknown]> {
    for (const [nk, v] of this.flat) yield [nk, VOID_NAMESPACE, v];
    for (const [nk, byNs] of this.nested) for (const [ns, v] of byNs) yield [nk, ns, v];
  }

  size(): number {
    let n = this.flat.size;
    for (const byNs of this.nested.values()) n += byNs.size;
    return n;
  }
}

export class HeapKeyedStateBackend implements KeyedStateBackend {
  readonly maxParallelism: number;
  readonly keyGroupRange: KeyGroupRange;
  private readonly tables = new Map<string, StateTable>();
  private readonly handles = new Map<string, State>();
  private currentKey: unknown = undefined;
  private nk: NormalizedKey = undefined;
  private ns = VOID_NAMESPACE;

  constructor(maxParallelism: number, keyGroupRange: KeyGroupRange) {
    this.maxParallelism = maxParallelism;
    this.keyGroupRange = keyGroupRange;
  }

  setCurrentKey(key: unknown): void {
    this.currentKey = key;
    this.nk = normalizeKey(key);
  }

  getCurrentKey(): unknown {
    return this.currentKey;
  }

  getCurrentNormalizedKey(): NormalizedKey {
    return this.nk;
  }

  setCurrentNamespace(namespace: string): void {
    this.ns = namespace;
  }

  getState<S extends State>(descriptor: StateDescriptor): S {
    const existing = this.handles.get(descriptor.name);
    if (existing !== undefined) return existing as S;
    const table = this.table(descriptor.name);
    const handle = this.createHandle(descriptor, table);
    this.handles.set(descriptor.name, handle);
    return handle as S;
  }

  private table(name: string): StateTable {
    let t = this.tables.get(name);
    if (t === undefined) this.tables.set(name, (t = new StateTable()));
    return t;
  }

  private createHandle(d: StateDescriptor, t: StateTable): State {
    // Handles read the backend's current key and namespace at call time.
    const self = this;
    switch (d.kind) {
      case 'value': {
        const dflt = d.defaultValue;
        const h: ValueState<unknown> = {
          value: () => {
            const v = t.get(self.nk, self.ns);
            return v === undefined ? dflt : v;
          },
          update: (v) => (v === undefined ? t.remove(self.nk, self.ns) : t.put(self.nk, self.ns, v)),
          clear: () => t.remove(self.nk, self.ns),
        };
        return h;
      }
      case 'list': {
        const h: ListState<unknown> = {
          get: () => (t.get(self.nk, self.ns) as unknown[] | undefined) ?? [],
          add: (v) => {
            const l = t.get(self.nk, self.ns) as unknown[] | undefined;
            if (l === undefined) t.put(self.nk, self.ns, [v]);
            else l.push(v);
          },
          addAll: (vs) => {
            if (vs.length === 0) return;
            const l = t.get(self.nk, self.ns) as unknown[] | undefined;
            if (l === undefined) t.put(self.nk, self.ns, [...vs]);
            else l.push(...vs);
          },
          update: (vs) => (vs.length === 0 ? t.remove(self.nk, self.ns) : t.put(self.nk, self.ns, [...vs])),
          clear: () => t.remove(self.nk, self.ns),
        };
        return h;
      }
      case 'map': {
        const get = (): Map<unknown, unknown> | undefined => t.get(self.nk, self.ns) as Map<unknown, unknown> | undefined;
        const getOrCreate = (): Map<unknown, unknown> => {
          let m = get();
          if (m === undefined) t.put(self.nk, self.ns, (m = new Map()));
          return m;
        };
        const h: MapState<unknown, unknown> = {
          get: (k) => get()?.get(k),
          put: (k, v) => void getOrCreate().set(k, v),
          putAll: (entries) => {
            const m = getOrCreate();
            for (const [k, v] of entries) m.set(k, v);
          },
          remove: (k) => {
            const m = get();
            if (m === undefined) return;
            m.delete(k);
            if (m.size === 0) t.remove(self.nk, self.ns);
          },
          contains: (k) => get()?.has(k) ?? false,
          entries: () => (get() ?? new Map()).entries(),
          keys: () => (get() ?? new Map()).keys(),
          values: () => (get() ?? new Map()).values(),
          isEmpty: () => (get()?.size ?? 0) === 0,
          clear: () => t.remove(self.nk, self.ns),
        };
        return h;
      }
      case 'reducing': {
        const reduce = d.reduce;
        const h: ReducingState<unknown> = {
          get: () => t.get(self.nk, self.ns),
          add: (v) => {
            const cur = t.get(self.nk, self.ns);
            t.put(self.nk, self.ns, cur === undefined ? v : reduce(cur, v));
          },
          clear: () => t.remove(self.nk, self.ns),
        };
        return h;
      }
      case 'aggregating': {
        const agg = d.aggregate;
        const h: AggregatingState<unknown, unknown> = {
          get: () => {
            const acc = t.get(self.nk, self.ns);
            return acc === undefined ? undefined : agg.getResult(acc);
          },
          add: (v) => {
            const cur = t.get(self.nk, self.ns);
            t.put(self.nk, self.ns, agg.add(v, cur === undefined ? agg.createAccumulator() : cur));
          },
          clear: () => t.remove(self.nk, self.ns),
        };
        return h;
      }
    }
  }

  /** Raw access for operators that manage state entries themselves (windows merging namespaces). */
  rawTable(name: string): RawStateTable {
    return this.table(name);
  }

  snapshot(): KeyedStateSnapshot {
    const keyGroups: Record<number, StateEntry[]> = {};
    for (const [name, table] of this.tables) {
      for (const [nk, ns, value] of table.entries()) {
        const kg = keyGroupFor(nk, this.maxParallelism);
        (keyGroups[kg] ??= []).push([name, nk, ns, value]);
      }
    }
    // A snapshot must not change when the job goes on mutating its state objects.
    return structuredClone({ maxParallelism: this.maxParallelism, keyGroups });
  }

  restore(snapshots: readonly KeyedStateSnapshot[]): void {
    const { start, end } = this.keyGroupRange;
    for (const snap of snapshots) {
      if (snap.maxParallelism !== this.maxParallelism) {
        throw new Error(
          `cannot restore keyed state written with max parallelism ${snap.maxParallelism} into max parallelism ${this.maxParallelism}`,
        );
      }
      for (const [kgText, entries] of Object.entries(snap.keyGroups)) {
        const kg = Number(kgText);
        if (kg < start || kg > end) continue;
        for (const [name, nk, ns, value] of structuredClone(entries)) this.table(name).put(nk, ns, value);
      }
    }
  }

  size(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size();
    return n;
  }
}
