/**
 * SUBSCRIBE: the rows of a relation or query as they are now (the snapshot), then each
 * change to them as it commits, as rows `(weir_timestamp, weir_diff, columns...)` — the
 * commit's time in milliseconds since the epoch, and +n for rows added, -n for rows removed
 * (Materialize's SUBSCRIBE, with Weir's column names).
 *
 * A table or materialized view is followed through its store: the snapshot and the listener
 * are taken in the same turn of the event loop, so no commit falls between them. A view,
 * a source or a query gets a job of its own, like a materialized view's but with a store
 * that lives as long as the subscription; its changes are followed once the job has caught
 * up with its inputs (so the snapshot is the result over the data as it was at SUBSCRIBE).
 * The subscription holds what the client has not taken yet; `close` stops the job.
 */
import { StreamExecutionEnvironment } from '../../api/environment.ts';
import type { CatalogEntry } from '../../catalog/index.ts';
import { TableSink } from '../../connectors/table/table-sink.ts';
import { DELETE, TableStore, UPDATE_BEFORE, type Change } from '../../connectors/table/table-store.ts';
import type { JobClient } from '../../graph/job-submission.ts';
import { BIGINT, SqlError } from '../types/index.ts';
import type { SqlEngine } from './engine.ts';
import { viewPipeline, type PlannedView } from './handlers/create-materialized-view.ts';
import type { ResultColumn } from './result.ts';
import { columnTypes } from './column-types.ts';
import { sqlCause } from './query.ts';
import { startQueryOnSlot } from '../slots/view-on-slot.ts';
import { SqlState } from '../../errors/index.ts';

export type SubscribeTarget =
  | { readonly entry: CatalogEntry }
  | { readonly planned: PlannedView; readonly querySql: string; readonly label: string; readonly searchPath?: string };

/**
 * Changes a subscription holds for a client that does not take them (a slow reader, a cursor
 * nobody fetches) before it is ended with 53200, rather than let memory grow without bound.
 */
export const MAX_PENDING_CHANGES = 1_000_000;

export class Subscription {
  readonly columns: readonly ResultColumn[];
  private readonly pending: unknown[][] = [];
  private waiters: Array<() => void> = [];
  private failure: unknown = null;
  private closed = false;
  private lastTime = 0;
  private stopListening: () => void = () => {};
  private job: JobClient | null = null;
  private readonly maxPending: number;

  private constructor(columns: readonly ResultColumn[], maxPending: number) {
    this.maxPending = maxPending;
    this.columns = [{ name: 'weir_timestamp', type: BIGINT }, { name: 'weir_diff', type: BIGINT }, ...columns];
  }

  static async open(engine: SqlEngine, target: SubscribeTarget, snapshot: boolean, maxPending = MAX_PENDING_CHANGES): Promise<Subscription> {
    if ('entry' in target && (target.entry.kind === 'table' || target.entry.kind === 'materialized view')) {
      const entry = target.entry;
      const failure = engine.failure(entry);
      if (failure !== undefined) throw failure;
      const types = columnTypes(entry.columns);
      const s = new Subscription(entry.columns.map((c, i) => ({ name: c.name, type: types[i]! })), maxPending);
      s.follow(engine.store(entry), snapshot);
      return s;
    }
    if ('entry' in target) throw new SqlError(SqlState.wrongObjectType, `cannot subscribe to ${target.entry.kind} "${target.entry.name}"`);
    const { planned, label } = target;
    const s = new Subscription(planned.columns.map((c) => ({ name: c.name, type: c.type })), maxPending);
    const store = TableStore.open({ name: 'subscribe', columns: planned.columns.map((c) => c.name), primaryKey: null, dir: null });
    // With view slots, the job runs there as a view's does, its changes sent to this store.
    let settle: () => Promise<void>;
    let job: JobClient;
    if (engine.viewSlots !== null) {
      const onSlot = startQueryOnSlot(engine, { querySql: target.querySql, ...(target.searchPath !== undefined && { searchPath: target.searchPath }), label, store, columns: planned.columns.map((c) => c.type) });
      job = onSlot;
      settle = () => onSlot.settle();
    } else {
      const env = new StreamExecutionEnvironment(1);
      viewPipeline(engine, planned, false, env).sinkTo(new TableSink(store, 'strict'), 'Subscribe');
      job = engine.cluster.execute(env.buildJob(`subscribe ${label}`));
      settle = () => engine.cluster.settle([job.jobId]);
    }
    s.job = job;
    job.getJobExecutionResult().then(
      () => s.end(null),
      (e: unknown) => s.end(e),
    );
    try {
      await settle();
    } catch (e) {
      s.close();
      throw sqlCause(e) ?? e;
    }
    if (s.failure !== null) {
      s.close();
      throw s.failure;
    }
    s.follow(store, snapshot);
    return s;
  }

  /** The store's rows now (when `snapshot`), then every batch it commits. */
  private follow(store: TableStore, snapshot: boolean): void {
    const now = this.tick();
    if (snapshot) {
      const counts = new Map<readonly unknown[], number>();
      for (const row of store.scan()) counts.set(row, (counts.get(row) ?? 0) + 1);
      for (const [row, n] of counts) this.pending.push([now, n, ...row]);
    }
    this.stopListening = store.subscribe((_offset, changes) => this.push(changes));
    this.wake();
  }

  private tick(): number {
    this.lastTime = Math.max(this.lastTime, Date.now());
    return this.lastTime;
  }

  private push(changes: readonly Change[]): void {
    if (this.closed || this.failure !== null) return;
    if (this.pending.length + changes.length > this.maxPending) {
      // The client fell too far behind: end the subscription (its rows so far are dropped).
      this.pending.length = 0;
      this.stopListening();
      void this.job?.cancel().catch(() => {});
      this.end(new SqlError(SqlState.outOfMemory, `the subscriber fell more than ${this.maxPending} changes behind`, { hint: 'Read changes as they come (FETCH more often), or subscribe to a smaller result.' }));
      return;
    }
    const t = this.tick();
    for (const [kind, row] of changes) this.pending.push([t, kind === DELETE || kind === UPDATE_BEFORE ? -1 : 1, ...row]);
    this.wake();
  }

  private end(error: unknown): void {
    if (this.closed) return;
    this.failure = error === null ? new SqlError(SqlState.internalError, 'the subscription\'s job ended') : (sqlCause(error) ?? error);
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Rows the client has not taken yet. */
  get available(): number {
    return this.pending.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Up to `max` of the rows waiting, in order. */
  take(max = Infinity): unknown[][] {
    return this.pending.splice(0, Math.min(max, this.pending.length));
  }

  /**
   * Resolves once rows are waiting or the subscription is closed; rejects when its job
   * failed (with the job's error) and nothing is left to take.
   */
  async wait(): Promise<void> {
    for (;;) {
      if (this.pending.length > 0 || this.closed) return;
      if (this.failure !== null) throw this.failure;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    this.pending.length = 0;
    void this.job?.cancel().catch(() => {});
    this.wake();
  }
}
