/**
 * The in-flight windows of one key under a merging (session) assigner, as in Flink's
 * MergingWindowSet. Each window maps to a *state window*: the namespace its contents are
 * kept under. When windows merge, the result reuses the state window of one of them, so
 * only the others' state has to move (and a growing session never copies its own state).
 *
 * The mapping is stored per key in a raw state table (void namespace) as a
 * `Map<windowNamespace, stateWindowNamespace>`, updated in place, so it is snapshotted and
 * restored with the rest of the keyed state. Window objects are decoded from namespaces
 * once and cached while the window is in flight.
 */
import type { NormalizedKey } from '../../key-groups.ts';
import { VOID_NAMESPACE } from '../../state/heap-backend.ts';
import type { WindowAssigner } from './assigners.ts';
import type { RawTable } from './window-state.ts';
import type { Window } from './windows.ts';

/**
 * Called when `mergedWindows` (not including the window being added) fold into
 * `mergeResult`; their state windows `mergedStateWindows` must be merged into
 * `stateWindowResult`.
 */
export type MergeFunction<W> = (mergeResult: W, mergedWindows: readonly W[], stateWindowResult: string, mergedStateWindows: readonly string[]) => void;

export class MergingWindowSet<W extends Window> {
  private readonly assigner: WindowAssigner<unknown, W>;
  private readonly table: RawTable;
  private mapping = new Map<string, string>();
  private nk: NormalizedKey = undefined;
  private stored = false;
  /** Decoded in-flight windows by namespace (any key); entries leave with their window. */
  private readonly windows = new Map<string, W>();
  // Reused across calls so that adding a window allocates only what merging needs.
  private readonly candidates: W[] = [];
  private readonly mergeResults: Array<[W, W[]]> = [];
  private readonly collect = (toBeMerged: W[], mergeResult: W): void => void this.mergeResults.push([mergeResult, toBeMerged]);

  constructor(assigner: WindowAssigner<unknown, W>, table: RawTable) {
    if (typeof assigner.mergeWindows !== 'function') throw new Error(`merging assigner ${assigner.toString()} has no mergeWindows()`);
    this.assigner = assigner;
    this.table = table;
  }

  /** Points the set at key `nk`. */
  load(nk: NormalizedKey): this {
    this.nk = nk;
    const m = this.table.get(nk, VOID_NAMESPACE) as Map<string, string> | undefined;
    this.stored = m !== undefined;
    this.mapping = m ?? new Map();
    return this;
  }

  /** Stores a new mapping, or drops an empty one so that no state is left behind. */
  persist(): void {
    if (this.mapping.size === 0) {
      if (this.stored) this.table.remove(this.nk, VOID_NAMESPACE);
      this.stored = false;
    } else if (!this.stored) {
      this.table.put(this.nk, VOID_NAMESPACE, this.mapping);
      this.stored = true;
    }
  }

  /** The namespace holding `window`'s contents, or undefined when it is not in flight. */
  getStateWindow(windowNs: string): string | undefined {
    return this.mapping.get(windowNs);
  }

  /** Forgets a window whose state was cleared. */
  retireWindow(windowNs: string): void {
    if (!this.mapping.delete(windowNs)) throw new Error(`window ${windowNs} is not in the in-flight window set`);
    this.windows.delete(windowNs);
  }

  private window(ns: string): W {
    let w = this.windows.get(ns);
    if (w === undefined) this.windows.set(ns, (w = this.assigner.windowFromNamespace(ns)));
    return w;
  }

  /**
   * Adds `newWindow`, merging it with the windows in flight as the assigner says. Returns
   * the window the new one ended up in (itself, or the merge result containing it);
   * `merge` is called for every merge that folds existing windows together.
   */
  addWindow(newWindow: W, merge: MergeFunction<W>): W {
    const newNs = newWindow.namespace();
    // Flink would remap an identical in-flight window to itself and orphan its state
    // window; an identical window simply joins the one in flight.
    if (this.mapping.has(newNs)) return this.window(newNs);

    const candidates = this.candidates;
    for (const ns of this.mapping.keys()) candidates.push(this.window(ns));
    candidates.push(newWindow);
    (this.assigner.mergeWindows as NonNullable<WindowAssigner<unknown, W>['mergeWindows']>)(candidates, this.collect);
    candidates.length = 0;

    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const [mergeResult, mergedWindows] of this.mergeResults) {
      for (let i = 0; i < mergedWindows.length; i++) {
        if ((mergedWindows[i] as W).namespace() !== newNs) continue;
        mergedWindows.splice(i, 1);
        mergedNewWindow = true;
        resultWindow = mergeResult;
        break;
      }
      // The merge result keeps the state window of one of the windows it absorbs.
      const stateWindowResult = this.mapping.get((mergedWindows[0] as W).namespace()) as string;
      const mergedStateWindows: string[] = [];
      for (const w of mergedWindows) {
        const ns = w.namespace();
        const stateNs = this.mapping.get(ns);
        if (stateNs === undefined) continue;
        this.mapping.delete(ns);
        this.windows.delete(ns);
        if (stateNs !== stateWindowResult) mergedStateWindows.push(stateNs);
      }
      const resultNs = mergeResult.namespace();
      this.mapping.set(resultNs, stateWindowResult);
      this.windows.set(resultNs, mergeResult);
      // A new window that falls inside one in-flight window changes nothing.
      if (!(mergedWindows.length === 1 && (mergedWindows[0] as W).namespace() === resultNs)) {
        merge(mergeResult, mergedWindows, stateWindowResult, mergedStateWindows);
      }
    }
    this.mergeResults.length = 0;

    if (resultWindow === newWindow && !mergedNewWindow) {
      this.mapping.set(newNs, newNs);
      this.windows.set(newNs, newWindow);
    }
    return resultWindow;
  }

  get size(): number {
    return this.mapping.size;
  }
}
