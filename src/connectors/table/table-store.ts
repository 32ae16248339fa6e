/**
 * The storage of a Weir table (and of a materialized view's result): its current rows,
 * indexed by primary key (or, without one, kept as a multiset), its secondary and unique
 * indexes, and the durable change log behind them. Every commit is one atomic batch of
 * changes: each checked against the keys as the changes before it left them (a
 * {@link PendingBatch}), then the whole written to the log and fsynced, applied and announced
 * to subscribers (the changelog sources that feed streaming jobs). A refused batch changes
 * nothing.
 *
 * @example
 * const t = TableStore.open({ name: 't', columns: ['id', 'v'], primaryKey: [0], dir: null });
 * t.commit([[RowKindInsert, [1, 'a']]]);
 */
import { ChangeLogFile, type Change } from './change-log-file.ts';
import { PendingBatch, constrains, keyOf, keyOfKey, type BatchTable, type KeyValues, type CommitMode, type Entry, type StoreIndex } from './pending-batch.ts';
import { DELETE, INSERT, TableConstraintError, UPDATE_AFTER, UPDATE_BEFORE } from './pending-batch.ts';
import { SqlState } from '../../errors/index.ts';

export type { Change, CommitMode };
export { DELETE, INSERT, PendingBatch, TableConstraintError, UPDATE_AFTER, UPDATE_BEFORE };

export interface TableStoreOptions {
  readonly name: string;
  readonly columns: readonly string[];
  /** Column indexes of the primary key; null for a table without one (a multiset of rows). */
  readonly primaryKey: readonly number[] | null;
  /** Directory for the durable log; null keeps the table in memory only. */
  readonly dir: string | null;
  /**
   * A table with a watermark (`WATERMARK FOR col AS expr`): inserts whose time is below the
   * table's watermark are dropped as late, and each commit raises the watermark to the
   * largest `expr` among its rows.
   */
  readonly eventTime?: TableEventTime;
  /** Log size after which the table is rewritten as a snapshot. Default 64 MiB. */
  readonly compactBytes?: number;
  /**
   * Turns rows into plain data for the log and back, for values that are class instances
   * (exact numerics, jsonb): the log keeps structure, not prototypes. Identity when absent.
   */
  readonly codec?: RowCodec;
  /** A value as PostgreSQL's error DETAIL shows it (`Key (a)=(1.50) already exists.`); String() when absent. */
  readonly formatValue?: (column: number, value: unknown) => string;
  /** The primary key's constraint name, for errors. Default `<name>_pkey`. */
  readonly primaryKeyName?: string;
  /**
   * Per column, the value as keys (primary key, indexes) compare it, so that values SQL finds
   * equal are one key (`1.0` and `1.00`); null where a value is its own key. Rows of a table
   * without a primary key are still told apart as stored.
   */
  readonly keyValues?: KeyValues;
}

export interface RowCodec {
  encode(row: readonly unknown[]): unknown[];
  decode(row: readonly unknown[]): unknown[];
}

export interface TableEventTime {
  /** The row's time (the watermark column), or null. */
  readonly timeOf: (row: readonly unknown[]) => number | null;
  /** The watermark the row allows, or null. */
  readonly watermarkOf: (row: readonly unknown[]) => number | null;
}

/** Called after each commit with its first offset, its changes and the table's watermark after it. */
export type Listener = (offset: number, changes: readonly Change[], watermark: number) => void;

/**
 * What reading a table needs (scans, lookups, following its changes): a TableStore, or a
 * reader of one held by another thread (a statement on a slot).
 */
export interface TableReadable {
  readonly name: string;
  /** Number of changes committed so far, as of the last scan. */
  readonly offset: number;
  readonly watermark: number;
  /**
   * The rows as they are. `columns`, where given, are the only positions the reader uses: a
   * reader on another thread gets the others as NULL (they are not copied); a local one may
   * give them as they are.
   */
  scan(columns?: readonly number[]): Iterable<readonly unknown[]>;
  subscribe(listener: Listener): () => void;
  lookupWhere(columns: readonly number[], values: readonly unknown[]): Array<readonly unknown[]> | undefined;
}

/** What writing a table's changes needs: a TableStore, or a writer to one another thread holds. */
export interface TableWritable {
  readonly name: string;
  /** When it returns a promise, the writer waits for it before the next commit (the reader is behind). */
  commit(changes: readonly Change[], mode?: CommitMode): unknown;
}

export class TableStore implements TableReadable, TableWritable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly primaryKey: readonly number[] | null;
  private readonly rows = new Map<unknown, Entry>();
  /**
   * A table without a primary key: its rows in the order they arrived, as PostgreSQL's heap
   * returns them (a scan of `rows` would give equal rows together), by arrival number, and
   * each distinct row's arrival numbers (a retraction takes back the latest).
   */
  private readonly arrived = new Map<number, readonly unknown[]>();
  private readonly arrivals = new Map<unknown, number[]>();
  private nextArrival = 0;
  private readonly log: ChangeLogFile | null;
  private readonly compactBytes: number;
  private readonly codec: RowCodec | null;
  private readonly listeners = new Set<Listener>();
  private committed = 0;
  private size = 0;
  private readonly eventTime: TableEventTime | null;
  /** Secondary indexes by name (CREATE INDEX, UNIQUE constraints): index key → the entries' keys. */
  private readonly indexes = new Map<string, StoreIndex>();
  private readonly formatValue: (column: number, value: unknown) => string;
  private readonly primaryKeyName: string;
  private readonly keyValues: KeyValues | null;
  private currentWatermark = Number.NEGATIVE_INFINITY;
  /** Inserts dropped for arriving below the watermark, since the table was opened. */
  lateRows = 0;

  private constructor(o: TableStoreOptions) {
    this.name = o.name;
    this.columns = o.columns;
    this.primaryKey = o.primaryKey;
    this.log = o.dir === null ? null : new ChangeLogFile(o.dir);
    this.compactBytes = o.compactBytes ?? 64 << 20;
    this.codec = o.codec ?? null;
    this.eventTime = o.eventTime ?? null;
    this.formatValue = o.formatValue ?? ((_c, v) => String(v));
    this.primaryKeyName = o.primaryKeyName ?? `${o.name}_pkey`;
    this.keyValues = o.keyValues !== undefined && o.keyValues.some((f) => f !== null) ? o.keyValues : null;
  }

  /** Opens a table, recovering its rows from disk when it has a directory. */
  static open(options: TableStoreOptions): TableStore {
    const t = new TableStore(options);
    if (t.log !== null) {
      const recovered = t.log.open();
      const decode = (row: readonly unknown[]): readonly unknown[] => (t.codec === null ? row : t.codec.decode(row));
      for (const row of recovered.snapshotRows) t.apply([INSERT, decode(row)]);
      t.committed = recovered.snapshotOffset;
      for (const b of recovered.batches) {
        for (const [kind, row] of b.changes) t.apply([kind, decode(row)]);
        t.committed = b.offset + b.changes.length;
      }
    }
    // The watermark is not logged: the rows kept give it back (every kept row was on time).
    if (t.eventTime !== null) t.currentWatermark = t.maxWatermark(t.scan());
    return t;
  }

  /** Number of changes committed so far: the position a changelog reader resumes from. */
  get offset(): number {
    return this.committed;
  }

  /** The table's watermark: inserts below it are late (−∞ without WATERMARK FOR). */
  get watermark(): number {
    return this.currentWatermark;
  }

  private maxWatermark(rows: Iterable<readonly unknown[]>, from = Number.NEGATIVE_INFINITY): number {
    let w = from;
    const of = this.eventTime!.watermarkOf;
    for (const row of rows) {
      const v = of(row);
      if (v !== null && v > w) w = v;
    }
    return w;
  }

  get rowCount(): number {
    return this.size;
  }

  *scan(): IterableIterator<readonly unknown[]> {
    if (this.primaryKey === null) {
      yield* this.arrived.values();
      return;
    }
    for (const e of this.rows.values()) yield e.row;
  }

  /** The row with this primary key, by the key's values in key order. */
  lookup(key: readonly unknown[]): readonly unknown[] | undefined {
    if (this.primaryKey === null) throw new Error(`table ${this.name} has no primary key`);
    return this.rows.get(keyOfKey(key, this.primaryKey, this.keyValues))?.row;
  }

  /**
   * Validates, logs and applies one batch of changes, atomically: on a constraint error
   * nothing is written or changed. Returns the offset after the batch.
   */
  commit(changes: readonly Change[], mode: CommitMode = 'strict'): number {
    if (this.eventTime !== null) changes = this.dropLate(changes);
    if (changes.length === 0) return this.committed;
    const batch = this.begin(mode);
    for (const c of changes) batch.add(c);
    return this.commitBatch(batch);
  }

  /**
   * A batch to fill change by change, each checked as it is added (see {@link PendingBatch}),
   * then committed with {@link commitBatch}; nothing is written until then. Late rows are the
   * caller's to leave out ({@link isLate}).
   */
  begin(mode: CommitMode = 'strict'): PendingBatch {
    const uniques = [...this.indexes.values()].filter((ix) => ix.unique !== null);
    const table: BatchTable = {
      name: this.name, columns: this.columns, primaryKey: this.primaryKey, primaryKeyName: this.primaryKeyName, rows: this.rows, uniques, keyValues: this.keyValues,
      describeKey: (columns, row) => this.describeKey(columns, row),
    };
    return new PendingBatch(table, mode, this.committed);
  }

  /** Logs and applies a batch begun on this table with no commit since. Returns the offset after it. */
  commitBatch(batch: PendingBatch): number {
    if (batch.baseOffset !== this.committed) throw new Error(`internal error: table ${this.name} changed while a batch was being checked`);
    const effective = batch.changes;
    if (effective.length === 0) return this.committed;
    const offset = this.committed;
    const codec = this.codec;
    this.log?.append(offset, codec === null ? effective : effective.map(([k, r]): Change => [k, codec.encode(r)]));
    for (const c of effective) this.apply(c);
    this.committed += effective.length;
    if (this.eventTime !== null) {
      this.currentWatermark = this.maxWatermark(
        effective.filter((c) => c[0] === INSERT || c[0] === UPDATE_AFTER).map((c) => c[1]),
        this.currentWatermark,
      );
    }
    for (const l of this.listeners) l(offset, effective, this.currentWatermark);
    if (this.log !== null && this.log.logSize > this.compactBytes) {
      this.log.compact(this.committed, [...this.scan()].map((r) => (codec === null ? r : codec.encode(r))));
    }
    return this.committed;
  }

  /** True when inserting `row` now would drop it as late. */
  isLate(row: readonly unknown[]): boolean {
    if (this.eventTime === null) return false;
    const t = this.eventTime.timeOf(row);
    return t !== null && t < this.currentWatermark;
  }

  /** Inserts whose time is below the watermark (checked against it as it was before the commit). */
  private dropLate(changes: readonly Change[]): readonly Change[] {
    const kept = changes.filter((c) => c[0] !== INSERT || !this.isLate(c[1]));
    this.lateRows += changes.length - kept.length;
    return kept;
  }

  /** Calls `listener` with every batch committed from now on. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.log?.close();
  }

  private key(row: readonly unknown[]): unknown {
    return keyOf(row, this.primaryKey, this.keyValues);
  }

  private apply([kind, row]: Change): void {
    const k = this.key(row);
    const e = this.rows.get(k);
    if (this.primaryKey === null) this.arrive(k, row, kind === INSERT || kind === UPDATE_AFTER, e !== undefined);
    if (kind === INSERT || kind === UPDATE_AFTER) {
      if (e === undefined) {
        this.rows.set(k, { row, count: 1 });
        this.index(row, k, true);
      } else if (this.primaryKey === null) e.count++;
      else {
        // Same key, new values: the indexes follow the row.
        this.index(e.row, k, false);
        e.row = row;
        this.index(row, k, true);
      }
      if (e === undefined || this.primaryKey === null) this.size++;
    } else if (e !== undefined) {
      if (e.count > 1) e.count--;
      else {
        this.rows.delete(k);
        this.index(e.row, k, false);
      }
      this.size--;
    }
  }

  /** Keeps the arrival order of a keyless table: a row arrives, or (`present`) one equal to it leaves. */
  private arrive(k: unknown, row: readonly unknown[], add: boolean, present: boolean): void {
    if (add) {
      const n = this.nextArrival++;
      this.arrived.set(n, row);
      const list = this.arrivals.get(k);
      if (list === undefined) this.arrivals.set(k, [n]);
      else list.push(n);
      return;
    }
    if (!present) return;
    const list = this.arrivals.get(k)!;
    this.arrived.delete(list.pop()!);
    if (list.length === 0) this.arrivals.delete(k);
  }

  private index(row: readonly unknown[], k: unknown, add: boolean): void {
    for (const ix of this.indexes.values()) {
      const key = keyOf(row, ix.columns, this.keyValues);
      let set = ix.entries.get(key);
      if (add) {
        if (set === undefined) ix.entries.set(key, (set = new Set()));
        set.add(k);
      } else if (set !== undefined) {
        set.delete(k);
        if (set.size === 0) ix.entries.delete(key);
      }
    }
  }

  /**
   * Builds (and from then on maintains) the index `name` over `columns`. A unique one is
   * refused, with PostgreSQL's 23505, when rows already share a key.
   */
  addIndex(name: string, columns: readonly number[], unique: StoreIndex['unique'] = null): void {
    if (this.indexes.has(name)) return;
    const ix: StoreIndex = { name, columns, unique, entries: new Map() };
    for (const [k, e] of this.rows) {
      const key = keyOf(e.row, columns, this.keyValues);
      let set = ix.entries.get(key);
      if (set === undefined) ix.entries.set(key, (set = new Set()));
      else if (constrains(ix, e.row)) this.duplicated(ix, e.row);
      if (e.count > 1 && constrains(ix, e.row)) this.duplicated(ix, e.row);
      set.add(k);
    }
    this.indexes.set(name, ix);
  }

  private duplicated(ix: StoreIndex, row: readonly unknown[]): never {
    throw new TableConstraintError(SqlState.uniqueViolation, `could not create unique index "${ix.name}"`, `Key ${this.describeKey(ix.columns, row)} is duplicated.`, { table: this.name, constraint: ix.name });
  }

  removeIndex(name: string): void {
    this.indexes.delete(name);
  }

  /** Gives index `from` the name `to` (an ALTER TABLE that drops an index and adds one of its name). */
  renameIndex(from: string, to: string): void {
    const ix = this.indexes.get(from);
    if (ix === undefined || this.indexes.has(to)) throw new Error(`internal error: table ${this.name} cannot rename index ${from} to ${to}`);
    this.indexes.delete(from);
    this.indexes.set(to, { ...ix, name: to });
  }

  /** `(a, b)=(1, x)`, as PostgreSQL's DETAIL shows a key. */
  private describeKey(columns: readonly number[], row: readonly unknown[]): string {
    const values = columns.map((c) => (row[c] === null || row[c] === undefined ? 'null' : this.formatValue(c, row[c])));
    return `(${columns.map((c) => this.columns[c]).join(', ')})=(${values.join(', ')})`;
  }

  /**
   * The rows whose `columns` equal `values` (in `columns` order), through the primary key or
   * an index on exactly those columns; undefined when neither covers them.
   */
  lookupWhere(columns: readonly number[], values: readonly unknown[]): Array<readonly unknown[]> | undefined {
    const byValue = new Map(columns.map((c, i) => [c, values[i]]));
    const pk = this.primaryKey;
    if (pk !== null && pk.length === columns.length && pk.every((c) => byValue.has(c))) {
      const e = this.rows.get(keyOfKey(pk.map((c) => byValue.get(c)), pk, this.keyValues));
      return e === undefined ? [] : [e.row];
    }
    const sorted = [...columns].sort((a, b) => a - b).join(',');
    let ix: StoreIndex | undefined;
    for (const x of this.indexes.values()) if ([...x.columns].sort((a, b) => a - b).join(',') === sorted) ix = x;
    if (ix === undefined) return undefined;
    const probe = keyOfKey(ix.columns.map((c) => byValue.get(c)), ix.columns, this.keyValues);
    const out: Array<readonly unknown[]> = [];
    for (const k of ix.entries.get(probe) ?? []) {
      const e = this.rows.get(k);
      if (e !== undefined) for (let i = 0; i < e.count; i++) out.push(e.row);
    }
    return out;
  }
}
