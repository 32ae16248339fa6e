/**
 * A join of two bounded, append-only inputs, as a batch engine runs it (Flink's batch hash
 * join, DataFusion's HashJoinExec): it reads one input, the build side, to its end into a
 * table by join key, then streams the other, the probe side, through it without keeping
 * it. It asks its task to read the build input first ({@link selectInput}); probe rows that
 * come before the build input has ended anyway wait in a buffer, so the result never
 * depends on the order the inputs arrive in.
 *
 * Inner, left, right and full joins emit `[...left, ...right]`; semi and anti joins emit the
 * left row. Nothing is ever retracted, so the output is append-only for every join type:
 *   - a probe row without a match is padded (outer probe side) or kept (anti, probe left) at once;
 *   - a build row without a match is padded (outer build side) or kept (anti, build left)
 *     when the probe input has ended, in `finish`;
 *   - a semi join that builds its left side emits a left row at its first match and drops
 *     it from the table; an anti join drops it there and emits what is left at the end.
 *
 * Only for inputs that end and never retract: a streaming join keeps both sides because
 * either may still change (hash-join.ts).
 */
import type { Batch } from '../batch.ts';
import { normalizeKey } from '../key-groups.ts';
import { AbstractStreamOperator } from '../operators/operator.ts';
import type { JoinType } from './hash-join.ts';

export type BuildProbeJoinType = JoinType | 'semi' | 'anti';

type Row = readonly unknown[];

export interface BuildProbeJoinOptions {
  readonly type: BuildProbeJoinType;
  /** The input read first and kept: 0 (left) or 1 (right). */
  readonly build: 0 | 1;
  readonly leftArity: number;
  readonly rightArity: number;
  /** The join key of a row of each side; null when it matches nothing (a NULL under `=`). */
  readonly leftKey: (row: Row) => unknown;
  readonly rightKey: (row: Row) => unknown;
  /** Further conditions of the ON clause on a (left, right) pair; true to join. */
  readonly condition?: (left: Row, right: Row) => boolean;
}

/** The build table as plain data, for a snapshot. */
interface BuildProbeSnapshot {
  readonly building: boolean;
  readonly table: Array<[unknown, Row[], boolean[] | null]>;
  readonly pending: Row[];
}

export class BuildProbeJoinOperator extends AbstractStreamOperator {
  private readonly o: BuildProbeJoinOptions;
  private readonly probe: 0 | 1;
  private readonly buildKey: (row: Row) => unknown;
  private readonly probeKey: (row: Row) => unknown;
  /** Build rows by normalized join key. */
  private table = new Map<unknown, Row[]>();
  /** For a build side whose unmatched rows show at the end (outer): which rows matched, by key. */
  private matched: Map<unknown, boolean[]> | null;
  /** Semi and anti joins that probe with their left rows need only whether a key is there. */
  private readonly keysOnly: boolean;
  private building = true;
  /** Probe rows that came before the build input ended. */
  private pending: Row[] = [];
  private readonly nullLeft: null[];
  private readonly nullRight: null[];

  constructor(options: BuildProbeJoinOptions) {
    super();
    this.o = options;
    this.numInputs = 2;
    this.probe = options.build === 0 ? 1 : 0;
    this.buildKey = options.build === 0 ? options.leftKey : options.rightKey;
    this.probeKey = options.build === 0 ? options.rightKey : options.leftKey;
    this.matched = this.outer(options.build) ? new Map() : null;
    this.keysOnly = options.build === 1 && this.semiOrAnti() && options.condition === undefined;
    this.nullLeft = new Array<null>(options.leftArity).fill(null);
    this.nullRight = new Array<null>(options.rightArity).fill(null);
  }

  /** The build input until it ends; then either. */
  selectInput(): number | null {
    return this.building ? this.o.build : null;
  }

  private semiOrAnti(): boolean {
    return this.o.type === 'semi' || this.o.type === 'anti';
  }

  /** Whether rows of side `input` without a match appear null-padded. */
  private outer(input: number): boolean {
    const t = this.o.type;
    return t === 'full' || (input === 0 ? t === 'left' : t === 'right');
  }

  processBatch(batch: Batch, input: number): void {
    const rows = batch.values as Row[];
    if (input === this.o.build) {
      for (let i = 0; i < rows.length; i++) this.insert(rows[i]!);
    } else if (this.building) {
      for (let i = 0; i < rows.length; i++) this.pending.push(rows[i]!);
      return;
    } else {
      for (let i = 0; i < rows.length; i++) this.probeRow(rows[i]!);
    }
    this.flush();
  }

  override endInput(input: number): void {
    if (input === this.o.build) {
      this.building = false;
      const pending = this.pending;
      this.pending = [];
      for (const row of pending) this.probeRow(row);
      this.flush();
    }
  }

  override finish(): void | Promise<void> {
    this.emitUnmatchedBuildRows();
    this.table = new Map();
    this.matched = null;
    return super.finish();
  }

  private insert(row: Row): void {
    const raw = this.buildKey(row);
    if (raw === null || raw === undefined) {
      // Matches nothing: shown at once where the build side's unmatched rows show.
      if (this.outer(this.o.build)) this.out.add(this.padded(this.o.build, row));
      else if (this.o.type === 'anti' && this.o.build === 0) this.out.add(row);
      return;
    }
    const key = normalizeKey(raw);
    const rows = this.table.get(key);
    if (this.keysOnly) {
      if (rows === undefined) this.table.set(key, NO_ROWS);
      return;
    }
    if (rows === undefined) {
      this.table.set(key, [row]);
      this.matched?.set(key, [false]);
    } else {
      rows.push(row);
      this.matched?.get(key)!.push(false);
    }
  }

  private probeRow(row: Row): void {
    const raw = this.probeKey(row);
    const key = raw === null || raw === undefined ? undefined : normalizeKey(raw);
    const rows = key === undefined ? undefined : this.table.get(key);
    if (this.semiOrAnti()) {
      if (this.probe === 0) this.probeLeft(row, rows);
      else if (rows !== undefined) this.probeRight(row, key, rows);
      return;
    }
    let n = 0;
    if (rows !== undefined) {
      const matched = this.matched?.get(key);
      for (let i = 0; i < rows.length; i++) {
        const b = rows[i]!;
        const l = this.probe === 0 ? row : b;
        const r = this.probe === 0 ? b : row;
        if (this.o.condition !== undefined && this.o.condition(l, r) !== true) continue;
        this.out.add(concat(l, r));
        if (matched !== undefined) matched[i] = true;
        n++;
      }
    }
    if (n === 0 && this.outer(this.probe)) this.out.add(this.padded(this.probe, row));
  }

  /** Semi/anti, build right: the left row is in the result when some right row matches (semi) or none does (anti). */
  private probeLeft(left: Row, rights: Row[] | undefined): void {
    let found = rights !== undefined;
    if (found && !this.keysOnly && this.o.condition !== undefined) {
      found = false;
      for (const r of rights!) {
        if (this.o.condition(left, r) === true) {
          found = true;
          break;
        }
      }
    }
    if (found !== (this.o.type === 'anti')) this.out.add(left);
  }

  /** Semi/anti, build left: the left rows this right row matches are settled now, and leave the table. */
  private probeRight(right: Row, key: unknown, lefts: Row[]): void {
    const semi = this.o.type === 'semi';
    let kept = 0;
    for (let i = 0; i < lefts.length; i++) {
      const l = lefts[i]!;
      if (this.o.condition === undefined || this.o.condition(l, right) === true) {
        if (semi) this.out.add(l);
      } else lefts[kept++] = l;
    }
    if (kept === 0) this.table.delete(key);
    else lefts.length = kept;
  }

  /** At the end of the probe input: build rows nothing matched, padded (outer) or as they are (anti, build left). */
  private emitUnmatchedBuildRows(): void {
    const b = this.o.build;
    if (this.outer(b)) {
      for (const [key, rows] of this.table) {
        const matched = this.matched!.get(key)!;
        for (let i = 0; i < rows.length; i++) if (!matched[i]) this.out.add(this.padded(b, rows[i]!));
      }
    } else if (this.o.type === 'anti' && b === 0) {
      for (const rows of this.table.values()) for (const row of rows) this.out.add(row);
    }
  }

  private padded(input: number, row: Row): unknown[] {
    return input === 0 ? concat(row, this.nullRight) : concat(this.nullLeft, row);
  }

  protected override snapshotOperatorState(): BuildProbeSnapshot {
    return {
      building: this.building,
      table: [...this.table].map(([k, rows]) => [k, rows, this.matched?.get(k) ?? null]),
      pending: this.pending,
    };
  }

  protected override restoreOperatorState(states: unknown[]): void {
    for (const s of states as Array<BuildProbeSnapshot | null>) {
      if (s === null) continue;
      this.building &&= s.building;
      for (const [k, rows, matched] of s.table) {
        this.table.set(k, rows);
        if (matched !== null) this.matched?.set(k, matched);
      }
      this.pending.push(...s.pending);
    }
  }
}

/** The table entry of a key whose rows are not needed (semi/anti joins probing with left rows, without a residual). */
const NO_ROWS: Row[] = [];

function concat(a: Row, b: Row): unknown[] {
  const out = new Array<unknown>(a.length + b.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  for (let i = 0; i < b.length; i++) out[a.length + i] = b[i];
  return out;
}
