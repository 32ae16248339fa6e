/**
 * When a file sink closes its in-progress part file and starts a new one, after Flink's
 * DefaultRollingPolicy (defaults: 128 MiB, 60 s rollover, 60 s inactivity).
 */

export interface RollingPolicy {
  /** Roll once a part reaches this many bytes. */
  readonly maxPartSize: number;
  /** Roll a part this many ms after it was opened. */
  readonly rolloverInterval: number;
  /** Roll a part that has received nothing for this many ms. */
  readonly inactivityInterval: number;
}

export const DEFAULT_ROLLING_POLICY: RollingPolicy = {
  maxPartSize: 128 * 1024 * 1024,
  rolloverInterval: 60_000,
  inactivityInterval: 60_000,
};

export interface PartState {
  readonly size: number;
  readonly createdAt: number;
  readonly lastWriteAt: number;
}

export function shouldRollOnEvent(policy: RollingPolicy, part: PartState): boolean {
  return part.size >= policy.maxPartSize;
}

export function shouldRollOnTime(policy: RollingPolicy, part: PartState, now: number): boolean {
  return now - part.createdAt >= policy.rolloverInterval || now - part.lastWriteAt >= policy.inactivityInterval;
}
