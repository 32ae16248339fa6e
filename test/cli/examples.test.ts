/** The examples run as documented in the README, as real processes. */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { transaction } from '../../examples/fraud-detection-model.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const weir = (...args: string[]) => run(join(ROOT, 'bin/weir'), args, { cwd: ROOT, timeout: 60_000, maxBuffer: 64 << 20 });

describe('examples', () => {
  it('fraud-detection alerts exactly on a small transaction followed by a large one of the same account', async () => {
    const { stdout } = await weir('run', 'examples/fraud-detection.ts', '--count', '700');
    // Expected by replaying the rule over the same deterministic transactions.
    const expected: string[] = [];
    const flagged = new Set<number>();
    for (let i = 0; i < 700; i++) {
      const tx = transaction(i);
      if (flagged.has(tx.accountId)) {
        if (tx.amount > 500) expected.push(`Alert{id=${tx.accountId}, amount=${tx.amount.toFixed(2)}}`);
        flagged.delete(tx.accountId);
      }
      if (tx.amount < 1) flagged.add(tx.accountId);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(stdout.trim().split('\n')).toEqual(expected);
  });

  it('nexmark-hot-items prints the busiest auctions of each sliding window, same at -p 2', async () => {
    const one = (await weir('run', 'examples/nexmark-hot-items.ts', '--events', '50000')).stdout.trim().split('\n');
    const two = (await weir('run', '-p', '2', 'examples/nexmark-hot-items.ts', '--events', '50000')).stdout.trim().split('\n');
    // 50,000 events at 10,000 events/s of event time: 5 s, so windows ending every 2 s from 2 s to 14 s.
    const ends = new Set(one.map((l) => /\.\. (\S+) /.exec(l)?.[1]));
    expect(ends.size).toBe(7);
    for (const line of one) expect(line).toMatch(/^\S+ \.\. \S+ {2}auction \d+: \d+ bids$/);
    expect(two.map((l) => l.replace(/^\d> /, '')).sort()).toEqual([...one].sort());
  });
});
