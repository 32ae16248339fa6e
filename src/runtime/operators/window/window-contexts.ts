/**
 * The context objects the window operator hands to triggers and window functions. One
 * instance of each per operator, re-pointed at the current window before every call, so
 * the per-record path allocates none.
 */
import type { OutputTag } from '../../functions.ts';
import { VOID_NAMESPACE, type KeyedStateBackend } from '../../state/heap-backend.ts';
import type { StateDescriptor } from '../../state/descriptors.ts';
import type { State } from '../../state/state.ts';
import type { InternalTimerService } from '../../timers.ts';
import type { OnMergeContext } from './triggers.ts';
import type { ProcessWindowContext } from './window-function.ts';
import { mergeNamespaces, mergeValuesFor, rawTable, ScopedStateStore, type KeyedStateStore } from './window-state.ts';
import type { Window } from './windows.ts';

/**
 * Timers registered through one path (a trigger's, or cleanup) since the last firing or
 * deletion, by window namespace and key. Triggers and cleanup register the same timer for
 * every record of a window; the timer service would deduplicate it, but only after building
 * the timer and its id string. A memo hit skips that. Any firing or deletion empties the
 * memo, so a skipped registration always names a timer that is still pending.
 */
export class TimerMemo {
  private readonly byNs = new Map<string, Map<unknown, number>>();
  private size = 0;

  /** True if (nk, ns, time) is remembered; otherwise remembers it and returns false. */
  seen(nk: unknown, ns: string, time: number): boolean {
    let byKey = this.byNs.get(ns);
    if (byKey === undefined) this.byNs.set(ns, (byKey = new Map()));
    if (byKey.get(nk) === time) return true;
    byKey.set(nk, time);
    this.size++;
    return false;
  }

  reset(): void {
    if (this.size === 0) return;
    this.byNs.clear();
    this.size = 0;
  }
}

/** What the contexts need from their operator. */
export interface WindowContextHost {
  readonly backend: KeyedStateBackend;
  readonly timers: InternalTimerService;
  currentWatermark(): number;
  currentProcessingTime(): number;
  sideOutput(tag: string, value: unknown, timestamp: number): void;
  /** A timer was deleted: forget the memos of registered timers. */
  timerDeleted(): void;
}

export class WindowTriggerContext implements OnMergeContext {
  /** Namespace of the window the trigger is called for. */
  windowNs = '';
  /** During onMerge: namespaces of the windows being merged into `windowNs`. */
  mergedWindowNss: readonly string[] = [];
  private readonly eventMemo = new TimerMemo();
  private readonly processingMemo = new TimerMemo();
  private readonly host: WindowContextHost;
  private readonly store: ScopedStateStore;

  constructor(host: WindowContextHost) {
    this.host = host;
    this.store = new ScopedStateStore(host.backend, () => host.backend.setCurrentNamespace(this.windowNs));
  }

  getCurrentProcessingTime(): number {
    return this.host.currentProcessingTime();
  }

  getCurrentWatermark(): number {
    return this.host.currentWatermark();
  }

  registerProcessingTimeTimer(time: number): void {
    this.register(false, time);
  }

  registerEventTimeTimer(time: number): void {
    this.register(true, time);
  }

  private register(eventTime: boolean, time: number): void {
    const nk = this.host.backend.getCurrentNormalizedKey();
    if ((eventTime ? this.eventMemo : this.processingMemo).seen(nk, this.windowNs, time)) return;
    const timers = this.host.timers;
    timers.setNamespace(this.windowNs);
    if (eventTime) timers.registerEventTimeTimer(time);
    else timers.registerProcessingTimeTimer(time);
  }

  /** Timers fired or were deleted: registrations must reach the timer service again. */
  forgetTimers(): void {
    this.eventMemo.reset();
    this.processingMemo.reset();
  }

  deleteProcessingTimeTimer(time: number): void {
    this.host.timers.setNamespace(this.windowNs);
    this.host.timers.deleteProcessingTimeTimer(time);
    this.host.timerDeleted();
  }

  deleteEventTimeTimer(time: number): void {
    this.host.timers.setNamespace(this.windowNs);
    this.host.timers.deleteEventTimeTimer(time);
    this.host.timerDeleted();
  }

  getPartitionedState<S extends State>(descriptor: StateDescriptor): S {
    return this.store.get<S>(descriptor);
  }

  mergePartitionedState(descriptor: StateDescriptor): void {
    const merge = mergeValuesFor(descriptor);
    if (merge === null) {
      throw new Error(`trigger state '${descriptor.name}' (${descriptor.kind}) cannot be merged; use reducing, list, or aggregating state with merge()`);
    }
    this.store.get(descriptor); // registers the state with the backend
    const backend = this.host.backend;
    mergeNamespaces(rawTable(backend, descriptor.name), backend.getCurrentNormalizedKey(), this.windowNs, this.mergedWindowNss, merge);
  }
}

export class WindowProcessContext implements ProcessWindowContext<unknown> {
  window: unknown = null;
  windowNs = '';
  private readonly host: WindowContextHost;
  private readonly merging: boolean;
  private readonly perWindow: ScopedStateStore;
  readonly global: ScopedStateStore;

  constructor(host: WindowContextHost, merging: boolean) {
    this.host = host;
    this.merging = merging;
    const backend = host.backend;
    this.perWindow = new ScopedStateStore(backend, () => backend.setCurrentNamespace(this.windowNs));
    this.global = new ScopedStateStore(backend, () => backend.setCurrentNamespace(VOID_NAMESPACE));
  }

  currentProcessingTime(): number {
    return this.host.currentProcessingTime();
  }

  currentWatermark(): number {
    return this.host.currentWatermark();
  }

  windowState(): KeyedStateStore {
    // Per-window state would have to follow windows through merges; Flink refuses it too.
    if (this.merging) throw new Error('per-window state is not allowed when using merging windows');
    return this.perWindow;
  }

  globalState(): KeyedStateStore {
    return this.global;
  }

  output<X>(tag: OutputTag<X>, value: X): void {
    this.host.sideOutput(tag.id, value, (this.window as Window).maxTimestamp());
  }
}
