/**
 * How a producing subtask spreads rows over the consuming subtasks of one edge. Named as
 * in Flink's DataStream partitioners.
 */
export type PartitionerKind = 'forward' | 'hash' | 'rebalance' | 'rescale' | 'shuffle' | 'broadcast' | 'global';

export const PARTITIONER_KINDS: readonly PartitionerKind[] = [
  'forward',
  'hash',
  'rebalance',
  'rescale',
  'shuffle',
  'broadcast',
  'global',
];

/**
 * The consuming subtasks that producer `index` of `upstream` sends to under `rescale`:
 * each producer feeds a contiguous, local group of consumers (Flink's RescalePartitioner
 * with POINTWISE distribution).
 */
export function rescaleTargets(index: number, upstream: number, downstream: number): number[] {
  if (downstream >= upstream) {
    const from = Math.floor((index * downstream) / upstream);
    const to = Math.floor(((index + 1) * downstream) / upstream);
    const out: number[] = [];
    for (let i = from; i < to; i++) out.push(i);
    return out;
  }
  return [Math.floor((index * downstream) / upstream)];
}
