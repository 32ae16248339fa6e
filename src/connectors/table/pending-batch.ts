/**
 * One commit of a table being checked change by change, before anything is written: the
 * table's key constraints (the primary key and unique indexes) as PostgreSQL enforces
 * non-deferrable ones — each change is checked against the rows as they are after the
 * changes before it, so `UPDATE t SET a = a + 1` fails or not depending on the order the
 * rows are updated in, as in PostgreSQL. The batch also answers "which row holds this key
 * now", against the table as the batch would leave it (INSERT ... ON CONFLICT).
 *
 * @example
 * const batch = store.begin();
 * batch.add([INSERT, [1, 'a']]);           // throws TableConstraintError on a duplicate key
 * batch.rowsWithKey('t_pkey', [1, null]);  // [[1, 'a']]
 * store.commitBatch(batch);
 */
import type { Change } from './change-log-file.ts';
import { SqlState } from '../../errors/index.ts';

export const INSERT = 0;
export const UPDATE_BEFORE = 1;
export const UPDATE_AFTER = 2;
export const DELETE = 3;

/** A commit that breaks the table's key constraint; carries PostgreSQL's SQLSTATE. */
export class TableConstraintError extends Error {
  readonly sqlState: string;
  readonly detail: string;
  /** The table, and the constraint (or unique index) broken. */
  readonly table: string;
  readonly constraint: string;
  /** Which change of the batch broke it (its position among the changes given). */
  readonly position: number;
  constructor(sqlState: string, message: string, detail: string, where: { table: string; constraint: string }, position = -1) {
    super(message);
    this.name = 'TableConstraintError';
    this.sqlState = sqlState;
    this.detail = detail;
    this.table = where.table;
    this.constraint = where.constraint;
    this.position = position;
  }
}

export type CommitMode =
  /** Inserts of an existing key fail (INSERT); updates and deletes must find their row. */
  | 'strict'
  /** Inserts replace the row of their key; deletes of missing rows are ignored (sinks by key). */
  | 'upsert';

export interface Entry {
  row: readonly unknown[];
  /** How many equal rows (tables without a primary key). */
  count: number;
}

/** A secondary index of a table: index key → the keys of the rows that have it. */
export interface StoreIndex {
  readonly name: string;
  readonly columns: readonly number[];
  /** Set for a unique index (a UNIQUE constraint or CREATE UNIQUE INDEX), which writes must respect. */
  readonly unique: { readonly nullsNotDistinct: boolean } | null;
  readonly entries: Map<unknown, Set<unknown>>;
}

/**
 * Per column, the value as keys compare it (equal for values SQL finds equal: `1.0` and `1.00`,
 * `'1 day'` and `'24 hours'`); null where a value is its own key.
 */
export type KeyValues = ReadonlyArray<((value: unknown) => unknown) | null>;

/**
 * Text that identifies a key (the values of `columns`, each as `keyValues` compares it) or,
 * for null columns, a whole row as stored; equal values give equal text.
 */
export function keyOf(values: readonly unknown[], columns: readonly number[] | null, keyValues: KeyValues | null = null): unknown {
  const value = (i: number): unknown => {
    const v = values[i];
    const f = columns === null ? null : keyValues?.[i];
    return f === null || f === undefined || v === null || v === undefined ? v : f(v);
  };
  if (columns !== null && columns.length === 1) {
    const v = value(columns[0] as number);
    if (typeof v !== 'object' || v === null) return v;
  }
  const parts: string[] = [];
  const idx = columns ?? values.map((_, i) => i);
  for (const i of idx) {
    const v = value(i);
    parts.push(v === null || v === undefined ? 'N' : typeof v === 'object' ? `o${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}` : `${(typeof v)[0]}${String(v)}`);
  }
  return parts.join('\u0000');
}

/** keyOf of a key given by its values alone, in the order of `columns`. */
export function keyOfKey(key: readonly unknown[], columns: readonly number[], keyValues: KeyValues | null): unknown {
  const row: unknown[] = [];
  columns.forEach((c, i) => (row[c] = key[i]));
  return keyOf(row, columns, keyValues);
}

/** Equality of two keyOf results as a Map sees it (NaN equals NaN, as PostgreSQL's float NaN does). */
const sameKey = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b);

/** Whether `row` takes part in a unique index: a NULL in a key column never conflicts, unless NULLS NOT DISTINCT. */
export function constrains(ix: StoreIndex, row: readonly unknown[]): boolean {
  if (ix.unique === null) return false;
  if (ix.unique.nullsNotDistinct) return true;
  for (const c of ix.columns) if (row[c] === null || row[c] === undefined) return false;
  return true;
}

/** What a batch reads of its table. */
export interface BatchTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly primaryKey: readonly number[] | null;
  readonly primaryKeyName: string;
  readonly rows: ReadonlyMap<unknown, Entry>;
  /** Unique indexes, in the order PostgreSQL checks them (creation order). */
  readonly uniques: readonly StoreIndex[];
  readonly keyValues: KeyValues | null;
  /** `(a, b)=(1, x)`: a key as PostgreSQL's DETAIL shows it. */
  describeKey(columns: readonly number[], row: readonly unknown[]): string;
}

export class PendingBatch {
  /** Changes to commit: as given ('strict'), or as they turn out ('upsert': an insert over a key is an update). */
  readonly changes: Change[] = [];
  /** The table's offset when the batch began: it commits only onto that state. */
  readonly baseOffset: number;
  private readonly table: BatchTable;
  private readonly mode: CommitMode;
  /** Rows by key as the batch leaves them (null: removed), over the table's. */
  private readonly shadow = new Map<unknown, Entry | null>();
  /** Per unique index: index key → keys of rows the batch added with it. */
  private readonly added: Array<Map<unknown, Set<unknown>>>;
  private given = 0;

  constructor(table: BatchTable, mode: CommitMode, baseOffset: number) {
    this.table = table;
    this.mode = mode;
    this.baseOffset = baseOffset;
    this.added = table.uniques.map(() => new Map());
  }

  /** Checks one change against the table as the batch has left it so far, and takes it. */
  add(change: Change): void {
    const position = this.given++;
    const [kind, row] = change;
    const t = this.table;
    if (row.length !== t.columns.length) throw new Error(`table ${t.name} has ${t.columns.length} columns, a change has ${row.length}`);
    const k = keyOf(row, t.primaryKey, t.keyValues);
    const e = this.current(k);
    const adds = kind === INSERT || kind === UPDATE_AFTER;
    if (t.primaryKey === null) {
      if (adds) {
        this.checkUnique(row, position);
        this.shadow.set(k, { row, count: (e?.count ?? 0) + 1 });
        this.noteAdded(row, k);
      } else if (e === null) this.missing(row);
      else this.shadow.set(k, e.count === 1 ? null : { row: e.row, count: e.count - 1 });
      this.changes.push(change);
      return;
    }
    if (adds) {
      if (e !== null) {
        // Strict: a key is added only where its row was removed first (-U/-D before +U/+I).
        if (this.mode === 'strict') this.duplicate(row, position);
        this.shadow.set(k, null);
        this.checkUnique(row, position);
        this.changes.push([UPDATE_BEFORE, e.row], [UPDATE_AFTER, row]);
      } else {
        this.checkUnique(row, position);
        this.changes.push(change);
      }
      this.shadow.set(k, { row, count: 1 });
      this.noteAdded(row, k);
    } else if (e === null) {
      if (this.mode === 'strict') this.missing(row);
    } else {
      this.changes.push(this.mode === 'strict' ? change : [kind, e.row]);
      this.shadow.set(k, null);
    }
  }

  /**
   * The rows that hold `row`'s values of an index's columns, as the batch leaves the table:
   * `index` names the primary key (its constraint name) or a unique index. A NULL in the key
   * matches nothing (unless the index treats NULLs as not distinct).
   */
  rowsWithKey(index: string, row: readonly unknown[]): Array<readonly unknown[]> {
    const t = this.table;
    if (index === t.primaryKeyName && t.primaryKey !== null) {
      if (t.primaryKey.some((c) => row[c] === null || row[c] === undefined)) return [];
      const e = this.current(keyOf(row, t.primaryKey, t.keyValues));
      return e === null ? [] : [e.row];
    }
    const i = t.uniques.findIndex((ix) => ix.name === index);
    const ix = t.uniques[i];
    if (ix === undefined) throw new Error(`table ${t.name} has no unique index ${index}`);
    const out: Array<readonly unknown[]> = [];
    if (!constrains(ix, row)) return out;
    this.visit(i, keyOf(row, ix.columns, this.table.keyValues), (e) => out.push(e.row));
    return out;
  }

  private current(k: unknown): Entry | null {
    return this.shadow.has(k) ? (this.shadow.get(k) as Entry | null) : (this.table.rows.get(k) ?? null);
  }

  /** Calls `f` with each row entry that now has index key `ik` in unique index `i`. */
  private visit(i: number, ik: unknown, f: (e: Entry) => void): void {
    const ix = this.table.uniques[i]!;
    const base = ix.entries.get(ik);
    const added = this.added[i]!.get(ik);
    const check = (k: unknown): void => {
      const e = this.current(k);
      if (e !== null && sameKey(keyOf(e.row, ix.columns, this.table.keyValues), ik)) f(e);
    };
    if (base !== undefined) for (const k of base) check(k);
    if (added !== undefined) for (const k of added) if (base === undefined || !base.has(k)) check(k);
  }

  private checkUnique(row: readonly unknown[], position: number): void {
    const uniques = this.table.uniques;
    for (let i = 0; i < uniques.length; i++) {
      const ix = uniques[i]!;
      if (!constrains(ix, row)) continue;
      let taken = false;
      this.visit(i, keyOf(row, ix.columns, this.table.keyValues), () => (taken = true));
      if (taken) {
        throw new TableConstraintError(SqlState.uniqueViolation, `duplicate key value violates unique constraint "${ix.name}"`, `Key ${this.table.describeKey(ix.columns, row)} already exists.`, { table: this.table.name, constraint: ix.name }, position);
      }
    }
  }

  private noteAdded(row: readonly unknown[], k: unknown): void {
    const uniques = this.table.uniques;
    for (let i = 0; i < uniques.length; i++) {
      const ix = uniques[i]!;
      if (!constrains(ix, row)) continue;
      const ik = keyOf(row, ix.columns, this.table.keyValues);
      const m = this.added[i]!;
      let set = m.get(ik);
      if (set === undefined) m.set(ik, (set = new Set()));
      set.add(k);
    }
  }

  private duplicate(row: readonly unknown[], position: number): never {
    const t = this.table;
    throw new TableConstraintError(SqlState.uniqueViolation, `duplicate key value violates unique constraint "${t.primaryKeyName}"`, `Key ${t.describeKey(t.primaryKey!, row)} already exists.`, { table: t.name, constraint: t.primaryKeyName }, position);
  }

  private missing(row: readonly unknown[]): never {
    throw new Error(`table ${this.table.name}: a change retracts a row that is not there: (${row.map(String).join(', ')})`);
  }
}
