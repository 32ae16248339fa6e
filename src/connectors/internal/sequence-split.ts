/**
 * Splits over a sequence of indices (generated events, generated rows). A split covers the
 * arithmetic progression `first, first + step, ...` below `end` (or forever when `end` is
 * null); its position is `next`, the index it will produce next. Since every generated
 * item is a pure function of its index, a split restored from its `next` replays exactly.
 */
import type { SourceSplit } from '../source.ts';

export interface SequenceSplit extends SourceSplit {
  /** Next index to produce (the replay position). */
  next: number;
  /** Distance between consecutive indices of this split. */
  readonly step: number;
  /** Exclusive upper bound, or null for an endless split. */
  readonly end: number | null;
}

/**
 * `count` splits over [0, total): contiguous ranges when bounded and `interleaved` is false
 * (Flink's NumberSequenceSource), otherwise split i takes i, i+count, i+2·count, ...
 *
 * @example
 * sequenceSplits('gen', 2, 10, false); // [{next:0,step:1,end:5}, {next:5,step:1,end:10}]
 */
export function sequenceSplits(
  prefix: string,
  count: number,
  total: number | null,
  interleaved: boolean,
): SequenceSplit[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`${prefix}: the number of splits must be a positive integer, got ${count}`);
  }
  const splits: SequenceSplit[] = [];
  for (let i = 0; i < count; i++) {
    if (total !== null && !interleaved) {
      const start = Math.floor((total * i) / count);
      const end = Math.floor((total * (i + 1)) / count);
      splits.push({ splitId: `${prefix}-${i}`, next: start, step: 1, end });
    } else {
      splits.push({ splitId: `${prefix}-${i}`, next: i, step: count, end: total });
    }
  }
  return splits;
}

/** Static assignment: split i goes to reader i mod parallelism. */
export function assignRoundRobin<S>(splits: readonly S[], subtaskIndex: number, parallelism: number): S[] {
  const mine: S[] = [];
  for (let i = subtaskIndex; i < splits.length; i += parallelism) {
    const split = splits[i];
    if (split !== undefined) mine.push(split);
  }
  return mine;
}

export function isFinished(split: SequenceSplit): boolean {
  return split.end !== null && split.next >= split.end;
}

/** Number of indices left in a split (Infinity for an endless one). */
export function remaining(split: SequenceSplit): number {
  if (split.end === null) return Infinity;
  return Math.max(0, Math.ceil((split.end - split.next) / split.step));
}

export function copySplit(split: SequenceSplit): SequenceSplit {
  return { splitId: split.splitId, next: split.next, step: split.step, end: split.end };
}

/** Validates JSON read back from a checkpoint. */
export function parseSequenceSplit(data: unknown): SequenceSplit {
  const d = data as Partial<SequenceSplit> | null;
  if (
    d === null ||
    typeof d !== 'object' ||
    typeof d.splitId !== 'string' ||
    typeof d.next !== 'number' ||
    typeof d.step !== 'number' ||
    !(d.end === null || typeof d.end === 'number')
  ) {
    throw new Error(`not a sequence split: ${JSON.stringify(data)}`);
  }
  return { splitId: d.splitId, next: d.next, step: d.step, end: d.end ?? null };
}
