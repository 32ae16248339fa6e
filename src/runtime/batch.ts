/**
 * Batches: the unit in which rows travel between operators and tasks.
 *
 * Every row carries a change kind (Flink's RowKind, RisingWave's Op). DataStream programs
 * produce inserts only, so a batch whose kinds are all inserts stores `kinds = null`; SQL
 * operators fill kinds when they retract or update. Event-time timestamps ride along in
 * a parallel array (`NaN` marks a row without one; `timestamps = null` means none has).
 */

/** Change kind of a row. Numeric so that kinds fit a byte array on the wire. */
export const RowKind = {
  /** A new row. */
  INSERT: 0,
  /** The old version of an updated row (retracted). */
  UPDATE_BEFORE: 1,
  /** The new version of an updated row. */
  UPDATE_AFTER: 2,
  /** A removed row. */
  DELETE: 3,
} as const;
export type RowKind = (typeof RowKind)[keyof typeof RowKind];

export const ROW_KIND_SHORT = ['+I', '-U', '+U', '-D'] as const;

/** True for kinds that add a row to a result (insert, update-after). */
export function isAccumulate(kind: number): boolean {
  return kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
}

export class Batch<T = unknown> {
  readonly values: T[];
  readonly timestamps: number[] | null;
  readonly kinds: number[] | null;

  constructor(values: T[], timestamps: number[] | null = null, kinds: number[] | null = null) {
    this.values = values;
    this.timestamps = timestamps;
    this.kinds = kinds;
  }

  get length(): number {
    return this.values.length;
  }

  timestampAt(i: number): number {
    return this.timestamps === null ? NaN : (this.timestamps[i] as number);
  }

  kindAt(i: number): number {
    return this.kinds === null ? RowKind.INSERT : (this.kinds[i] as number);
  }

  static of<T>(values: T[]): Batch<T> {
    return new Batch(values);
  }
}

/**
 * Accumulates rows for one output batch. Arrays for timestamps and kinds are created only
 * once a row needs them, so the common insert-only, timestamp-free path stays lean.
 */
export class BatchBuilder<T = unknown> {
  private values: T[] = [];
  private timestamps: number[] | null = null;
  private kinds: number[] | null = null;
  private readonly limit: number;
  private readonly onFull: ((batch: Batch<T>) => void) | null;

  /**
   * With `onFull`, a batch that reaches `limit` rows is handed over at once, so that one
   * input row that produces very many (a cross join, a set-returning function) never builds
   * one unbounded batch: the rows flow on, and the thread's memory guard sees each batch.
   */
  constructor(limit = Number.POSITIVE_INFINITY, onFull: ((batch: Batch<T>) => void) | null = null) {
    this.limit = limit;
    this.onFull = onFull;
  }

  get length(): number {
    return this.values.length;
  }

  add(value: T, timestamp: number = NaN, kind: number = RowKind.INSERT): void {
    const i = this.values.length;
    this.values.push(value);
    if (timestamp === timestamp /* not NaN */ || this.timestamps !== null) {
      if (this.timestamps === null) this.timestamps = fill(i, NaN);
      this.timestamps.push(timestamp);
    }
    if (kind !== RowKind.INSERT || this.kinds !== null) {
      if (this.kinds === null) this.kinds = fill(i, RowKind.INSERT);
      this.kinds.push(kind);
    }
    if (i + 1 >= this.limit && this.onFull !== null) this.onFull(this.take()!);
  }

  /** Returns the rows added since the last call as a batch, or null when there are none. */
  take(): Batch<T> | null {
    if (this.values.length === 0) return null;
    const batch = new Batch(this.values, this.timestamps, this.kinds);
    this.values = [];
    this.timestamps = null;
    this.kinds = null;
    return batch;
  }
}

function fill(n: number, v: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(v);
  return a;
}
