/**
 * The SQL engine of one Weir process: the catalog, the storage of tables and materialized
 * views, and the mini-cluster that runs every materialized view as a streaming job (and
 * every one-off SELECT as a bounded one). Sessions execute statements against it.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StreamExecutionEnvironment } from '../../api/environment.ts';
import { WatermarkStrategy } from '../../api/watermark-strategy.ts';
import { Catalog, type CatalogEntry, type MaterializedViewEntry, type SinkEntry, type SourceEntry, type TableEntry } from '../../catalog/index.ts';
import { TableSink } from '../../connectors/table/table-sink.ts';
import { TableStore, type TableEventTime, type TableReadable } from '../../connectors/table/table-store.ts';
import type { SlotExecutor } from '../../graph/slot-program.ts';
import { compileExpr } from '../codegen/compile-expr.ts';
import { bindWatermark } from '../planner/watermarks.ts';
import type { JobClient, PipelineExecutor } from '../../graph/job-submission.ts';
import { SqlError, formatterFor, hashKeyFor, type SessionContext } from '../types/index.ts';
import { columnTypes, rowCodec } from './column-types.ts';
import { sqlSource } from './sources.ts';
import type { Source, SourceSplit } from '../../connectors/source.ts';
import { SqlState } from '../../errors/index.ts';

/**
 * What the engine needs from the cluster that runs its jobs (the embedded mini-cluster
 * implements it; the SQL layer does not depend on the cluster's classes).
 */
export interface JobRunner extends PipelineExecutor {
  /** Resolves once the given running jobs have processed all input their sources had. */
  settle(jobIds: readonly string[]): Promise<void>;
}

export interface SqlEngineOptions {
  /** Where the catalog and table data live; null keeps everything in memory. */
  readonly dataDir: string | null;
  readonly cluster: JobRunner;
  /** Session defaults (time zone). */
  readonly session: SessionContext;
  /**
   * Where statements run apart from the caller's thread (slot threads); null runs them on the
   * caller's thread (embedded uses and tests of the SQL layer alone).
   */
  readonly slots?: SlotExecutor | null;
  /** Where materialized views' jobs run, one slot thread each (view.memory.limit); null: here. */
  readonly viewSlots?: SlotExecutor | null;
  /**
   * The parallelism of views that do not ask for one. Default: one per view slot (every core
   * of the machine), or 1 when views run here.
   */
  readonly viewParallelism?: number;
}

/** A job that can say when it has processed every change committed so far (FLUSH). */
export interface SettlingJob extends JobClient {
  settle(): Promise<void>;
}

const isSettling = (j: JobClient): j is SettlingJob => typeof (j as Partial<SettlingJob>).settle === 'function';

/** A view's state as a slot's copy of the engine sees it: why it failed, or a row error it holds. */
export interface ViewStatus {
  readonly oid: number;
  readonly failure?: { readonly code: string; readonly message: string };
  readonly rowError?: { readonly code: string; readonly message: string };
}

/** What a copy of the engine on a slot is made of (see {@link SqlEngine.replica}). */
export interface ReplicaOptions {
  readonly catalog: Catalog;
  readonly dataDir: string | null;
  readonly cluster: JobRunner;
  readonly session: SessionContext;
  /** Readers of the tables and views the engine's own thread holds. */
  readonly readStore: (entry: CatalogEntry) => TableReadable;
  readonly views: readonly ViewStatus[];
  /** Rows of each table and view (by oid) when the statement was sent: the planner's statistics. */
  readonly rowCounts?: Readonly<Record<number, number>>;
}

const asSqlError = (s: { readonly code: string; readonly message: string }): SqlError => new SqlError(s.code, s.message);

export class SqlEngine {
  readonly catalog: Catalog;
  readonly cluster: JobRunner;
  readonly defaults: SessionContext;
  /** Slot threads for statements; null runs them here. */
  readonly slots: SlotExecutor | null;
  /** Slot threads for materialized views' jobs; null runs them on the cluster here. */
  readonly viewSlots: SlotExecutor | null;
  /** The parallelism of views that do not ask for one (see SqlEngineOptions.viewParallelism). */
  readonly defaultViewParallelism: number;
  /** Set on a slot's copy: how it reads the tables of the engine's thread. */
  private readonly remoteStore: ((entry: CatalogEntry) => TableReadable) | null = null;
  /** Set on a slot's copy: the row counts the engine's thread had (see {@link rowEstimate}). */
  private readonly remoteRowCounts: Readonly<Record<number, number>> = {};
  /** The database clients connect to (current_database(), pg_database, information_schema). */
  readonly database = 'dev';
  private readonly dataDir: string | null;
  private readonly stores = new Map<number, TableStore>();
  private readonly jobs = new Map<number, JobClient>();
  /** Jobs that end by themselves (bounded inputs only). */
  private readonly bounded = new WeakSet<JobClient>();
  /** Why a view's job stopped, for views whose job failed. */
  private readonly failures = new Map<number, unknown>();
  /** Per view, the errors its rows currently hold (message → count), see EvaluateOperator. */
  private readonly rowErrors = new Map<number, Map<string, { error: unknown; count: number }>>();
  /** Set by the materialized-view handler: starts the job that maintains a view. */
  startView: ((engine: SqlEngine, view: MaterializedViewEntry) => JobClient) | null = null;

  private constructor(o: SqlEngineOptions, replica?: ReplicaOptions) {
    this.dataDir = o.dataDir;
    this.catalog = replica?.catalog ?? Catalog.open(o.dataDir);
    this.cluster = o.cluster;
    this.defaults = o.session;
    this.slots = o.slots ?? null;
    this.viewSlots = o.viewSlots ?? null;
    this.defaultViewParallelism = o.viewParallelism ?? this.viewSlots?.maxThreads ?? 1;
    if (replica !== undefined) {
      this.remoteStore = replica.readStore;
      this.remoteRowCounts = replica.rowCounts ?? {};
      for (const v of replica.views) {
        if (v.failure !== undefined) this.failures.set(v.oid, asSqlError(v.failure));
        if (v.rowError !== undefined) this.rowErrors.set(v.oid, new Map([['', { error: asSqlError(v.rowError), count: 1 }]]));
      }
    }
  }

  /**
   * A read-only copy of an engine for a statement on a slot thread: the catalog as it was when
   * the statement was sent, tables read through `readStore`, jobs run by the slot's cluster.
   */
  static replica(o: ReplicaOptions): SqlEngine {
    return new SqlEngine({ dataDir: o.dataDir, cluster: o.cluster, session: o.session, slots: null }, o);
  }

  /** The parallelism the view's job runs at: its own, or the default now. */
  viewParallelism(view: MaterializedViewEntry): number {
    return view.parallelism ?? this.defaultViewParallelism;
  }

  /** Views that failed or hold row errors, as plain data for a replica. */
  viewStatus(): ViewStatus[] {
    const plain = (e: unknown): { code: string; message: string } => {
      for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 10; cur = cur.cause, depth++) {
        if (cur instanceof SqlError) return { code: cur.code, message: cur.message };
      }
      return { code: SqlState.internalError, message: e instanceof Error ? e.message : String(e) };
    };
    const out: ViewStatus[] = [];
    for (const entry of this.catalog.list()) {
      const failure = this.failures.get(entry.oid);
      const rowError = this.rowError(entry);
      if (failure === undefined && rowError === undefined) continue;
      out.push({ oid: entry.oid, ...(failure !== undefined && { failure: plain(failure) }), ...(rowError !== undefined && { rowError: plain(rowError) }) });
    }
    return out;
  }

  /** Where the data directory is (a replica reads table sizes from it). */
  get dataDirectory(): string | null {
    return this.dataDir;
  }

  /**
   * How many rows a table or materialized view holds, for the planner's estimates (join
   * order): exact here, as of the statement's start on a slot; undefined when unknown.
   */
  rowEstimate(entry: CatalogEntry): number | undefined {
    if (this.remoteStore !== null) return this.remoteRowCounts[entry.oid];
    return this.stores.get(entry.oid)?.rowCount;
  }

  /** {@link rowEstimate} of every relation that has rows here, by oid (for a slot's copy). */
  rowCounts(): Record<number, number> {
    const out: Record<number, number> = {};
    for (const [oid, s] of this.stores) out[oid] = s.rowCount;
    return out;
  }

  /** A reader of a table's or view's rows: the store itself here, a remote reader on a slot. */
  readStore(entry: CatalogEntry): TableReadable {
    return this.remoteStore === null ? this.store(entry) : this.remoteStore(entry);
  }

  /**
   * Opens the engine over its data directory: tables come back with their rows; materialized
   * views are recomputed from their inputs by restarting their jobs (their stored results are
   * discarded: without checkpoints, recomputing is what keeps them exact).
   */
  static open(
    o: SqlEngineOptions,
    startView: (engine: SqlEngine, view: MaterializedViewEntry) => JobClient,
    startSink?: (engine: SqlEngine, sink: SinkEntry) => JobClient,
  ): SqlEngine {
    const e = new SqlEngine(o);
    e.startView = startView;
    for (const entry of e.catalog.list()) {
      if (entry.kind === 'table' && entry.options.connector !== undefined) {
        // A table fed by a connector is read again from the connector (no checkpoints yet).
        e.dropStore(entry);
        e.registerJob(entry, e.startIngest(entry));
      } else if (entry.kind === 'materialized view') {
        e.dropStore(entry);
        e.registerJob(entry, startView(e, entry));
      } else if (entry.kind === 'sink' && startSink !== undefined) {
        // A restarted sink writes its query's result again from the start (no checkpoints yet).
        e.registerJob(entry, startSink(e, entry));
      }
    }
    return e;
  }

  private storeDir(entry: CatalogEntry): string | null {
    return this.dataDir === null ? null : join(this.dataDir, 'tables', String(entry.oid));
  }

  /**
   * Bytes a relation's files take in the data directory (a table's change log and
   * snapshots): what pg_table_size reports. 0 for what lives in memory (views' results).
   */
  diskBytes(entry: CatalogEntry): number {
    const dir = this.storeDir(entry);
    if (dir === null || !existsSync(dir)) return 0;
    const size = (path: string): number => {
      const st = statSync(path);
      return st.isDirectory() ? readdirSync(path).reduce((n, f) => n + size(join(path, f)), 0) : st.size;
    };
    return size(dir);
  }

  /** The storage of a table or materialized view, opened on first use. */
  store(entry: CatalogEntry): TableStore {
    if (this.remoteStore !== null) throw new SqlError(SqlState.internalError, `internal error: a statement on a slot cannot write "${entry.name}"`);
    let s = this.stores.get(entry.oid);
    if (s !== undefined) return s;
    if (entry.kind !== 'table' && entry.kind !== 'materialized view') throw new SqlError(SqlState.wrongObjectType, `"${entry.name}" has no storage`);
    const types = columnTypes(entry.columns);
    const names = entry.columns.map((c) => c.name);
    const primaryKey = entry.kind === 'table' && entry.primaryKey !== null ? entry.primaryKey.map((k) => names.indexOf(k)) : null;
    const codec = rowCodec(types, this.defaults);
    s = TableStore.open({
      name: entry.name,
      columns: names,
      primaryKey,
      // A view's result, and a table fed by a connector, are rebuilt at start: no log of their own.
      dir: entry.kind === 'table' && entry.options.connector === undefined ? this.storeDir(entry) : null,
      ...(codec !== undefined && { codec }),
      ...(entry.kind === 'table' && entry.watermark !== null && { eventTime: this.eventTime(entry) }),
      formatValue: (column, value) => formatterFor(types[column]!, this.defaults)(value as never),
      // Keys compare as SQL's = does: numerics whatever their scale, intervals by their span,
      // character(n) without its trailing spaces, bytea by its bytes.
      keyValues: types.map((t) => (['numeric', 'interval', 'jsonb', 'array', 'record', 'bpchar', 'bytea'].includes(t.kind) ? (hashKeyFor(t) as (v: unknown) => unknown) : null)),
    });
    this.stores.set(entry.oid, s);
    // Indexes (CREATE INDEX) are built when the store opens and maintained with its rows.
    for (const ix of this.catalog.list('index')) {
      if (ix.kind === 'index' && ix.schema === entry.schema && ix.table === entry.name) s.addIndex(ix.name, ix.columns.map((c) => names.indexOf(c)), ix.unique === true ? { nullsNotDistinct: ix.nullsNotDistinct === true } : null);
    }
    return s;
  }

  /**
   * Starts the job that feeds a table declared `WITH (connector = ...)`: the connector's rows
   * are committed into the table as they come (with a primary key, a row replaces the row of
   * its key, as an upsert), and views over the table follow.
   */
  startIngest(entry: TableEntry): JobClient {
    const source: SourceEntry = { kind: 'source', oid: entry.oid, createdAt: entry.createdAt, schema: entry.schema, name: entry.name, columns: entry.columns, watermark: null, options: entry.options, dependsOn: [], createSql: entry.createSql };
    const env = new StreamExecutionEnvironment(1);
    env
      .fromSource(sqlSource(source, this.defaults).source, WatermarkStrategy.noWatermarks<readonly unknown[]>(), `${entry.options.connector} ${entry.name}`)
      .sinkTo(new TableSink(this.store(entry), entry.primaryKey === null ? 'strict' : 'upsert'), `Ingest ${entry.name}`);
    return this.cluster.execute(env.buildJob(`table ${entry.name}`));
  }

  /** How a table with WATERMARK FOR tells late rows and its watermark. */
  private eventTime(entry: TableEntry): TableEventTime {
    const types = columnTypes(entry.columns);
    const wm = bindWatermark(entry.columns.map((c, i) => ({ name: c.name, type: types[i]! })), entry.name, entry.watermark!, { session: this.defaults });
    const expr = compileExpr(wm.expr, this.defaults).fn;
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return { timeOf: (row) => num(row[wm.column]), watermarkOf: (row) => num(expr(row)) };
  }

  /** The connector of a CREATE SOURCE, as a source of rows. */
  source(entry: CatalogEntry): Source<readonly unknown[], SourceSplit> {
    if (entry.kind !== 'source') throw new SqlError(SqlState.wrongObjectType, `"${entry.name}" is not a source`);
    return sqlSource(entry, this.defaults).source;
  }

  /** Closes and deletes the storage of a dropped (or recomputed) relation. */
  dropStore(entry: CatalogEntry): void {
    if (entry.kind === 'index') {
      const table = this.catalog.get(entry.schema, entry.table);
      if (table !== undefined && (table.kind === 'table' || table.kind === 'materialized view') && this.stores.has(table.oid)) this.store(table).removeIndex(entry.name);
      return;
    }
    this.stores.get(entry.oid)?.close();
    this.stores.delete(entry.oid);
    const dir = this.storeDir(entry);
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }

  /**
   * Whether a relation's job ends by itself: a table fed by a bounded connector, or a view
   * or sink that reads only bounded sources. FLUSH waits for such jobs to finish.
   */
  private endsByItself(entry: CatalogEntry): boolean {
    const bounded = (e: CatalogEntry): boolean => {
      try {
        return sqlSource(e.kind === 'table' ? ({ ...e, kind: 'source', watermark: null } as SourceEntry) : (e as SourceEntry), this.defaults).bounded;
      } catch {
        return false;
      }
    };
    if (entry.kind === 'table') return entry.options.connector !== undefined && bounded(entry);
    if (entry.kind !== 'materialized view' && entry.kind !== 'sink') return false;
    const inputs = entry.dependsOn.map((oid) => this.catalog.getByOid(oid));
    return inputs.length > 0 && inputs.every((e) => e !== undefined && e.kind === 'source' && bounded(e));
  }

  registerJob(entry: CatalogEntry, job: JobClient): void {
    if (this.endsByItself(entry)) this.bounded.add(job);
    this.jobs.set(entry.oid, job);
    this.failures.delete(entry.oid);
    job.getJobExecutionResult().catch((e: unknown) => {
      if (this.jobs.get(entry.oid) === job && job.getJobStatus() === 'FAILED') this.failures.set(entry.oid, e);
    });
  }

  /** Commits applied to views' results by jobs on slots (FLUSH watches it). */
  private viewCommits = 0;

  /** A view's job on a slot committed changes to its result here. */
  noteViewCommit(): void {
    this.viewCommits++;
  }

  /** The error that stopped a materialized view's job, if it failed. */
  failure(entry: CatalogEntry): unknown {
    return this.failures.get(entry.oid);
  }

  /** The ledger a view's job counts row errors in (a fresh one each time the job starts). */
  errorLedger(entry: CatalogEntry): (error: unknown, delta: 1 | -1) => void {
    const errors = new Map<string, { error: unknown; count: number }>();
    this.rowErrors.set(entry.oid, errors);
    return (error, delta) => {
      const key = error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error);
      const e = errors.get(key) ?? { error, count: 0 };
      e.count += delta;
      if (e.count === 0) errors.delete(key);
      else errors.set(key, e);
    };
  }

  /** An error some row of the view currently holds, if any. */
  rowError(entry: CatalogEntry): unknown {
    for (const e of this.rowErrors.get(entry.oid)?.values() ?? []) if (e.count > 0) return e.error;
    return undefined;
  }

  /** Stops a materialized view's job (DROP). */
  async stopJob(entry: CatalogEntry): Promise<void> {
    const job = this.jobs.get(entry.oid);
    this.jobs.delete(entry.oid);
    this.failures.delete(entry.oid);
    this.rowErrors.delete(entry.oid);
    await job?.cancel();
  }

  /** The job maintaining a view, if running. */
  /** The streaming jobs behind views, sinks and tables fed by connectors, with their entries. */
  listJobs(): Array<{ readonly entry: CatalogEntry; readonly job: JobClient }> {
    return this.catalog.list().flatMap((entry) => {
      const job = this.jobs.get(entry.oid);
      return job === undefined ? [] : [{ entry, job }];
    });
  }

  job(entry: CatalogEntry): JobClient | undefined {
    return this.jobs.get(entry.oid);
  }

  /** FLUSH: waits until every view has processed every change committed so far. */
  async flush(): Promise<void> {
    // Jobs over bounded inputs are done when they end (a source still opening its file is
    // not quiet); the rest when they have processed what their inputs had.
    const ending = [...this.jobs.values()].filter((j) => this.bounded.has(j));
    await Promise.all(ending.map((j) => j.getJobExecutionResult().catch(() => {})));
    // Views on slots: a round that applied commits to some view may have fed views that
    // read it, so settle again until a round changes nothing.
    for (;;) {
      const before = this.viewCommits;
      const jobs = [...this.jobs.values()];
      await Promise.all([
        ...jobs.filter(isSettling).map((j) => j.settle()),
        this.cluster.settle(jobs.filter((j) => !isSettling(j)).map((j) => j.jobId)),
      ]);
      if (this.viewCommits === before) return;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.cancel().catch(() => {})));
    this.jobs.clear();
    for (const s of this.stores.values()) s.close();
    this.stores.clear();
  }
}
