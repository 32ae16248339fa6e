/**
 * The differential fuzzer in CI: a fixed seed and a fixed number of cases (about a minute),
 * Weir against a real PostgreSQL. Weir still has known differences, listed in
 * test/fuzz/known.txt by signature; the test fails only on a difference that is not listed,
 * and prints what it ran, what matched, and each known difference it hit.
 *
 * A new difference: fix it, or add it to known.txt (`npm run fuzz -- --seed 20261207
 * --cases 60 --update-known` appends it with its reproduction).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../support/postgres.ts';
import { fuzz, summary } from './fuzz-loop.ts';
import { readKnown } from './report.ts';
import { openSides } from './sides.ts';

/** The seed and cases CI runs; `npm run fuzz -- --seed 20261207 --cases 60` runs the same. */
export const CI_SEED = 20261207;
export const CI_CASES = 60;

const skip = postgresSkipReason();
if (skip) console.warn(`[fuzz] skipped: ${skip}`);

describe.skipIf(Boolean(skip))('differential fuzzing against PostgreSQL', () => {
  it('finds no difference that test/fuzz/known.txt does not list', async () => {
    const known = readKnown(fileURLToPath(new URL('./known.txt', import.meta.url)));
    const sides = await openSides();
    try {
      const stats = await fuzz(sides, {
        seed: CI_SEED,
        cases: CI_CASES,
        // A safety net only: the cases are fixed, so that the run (and its signatures) is the same each time.
        deadline: Date.now() + 360_000,
        known,
        shrinkRuns: 600,
        shrinkMs: 180_000,
      });
      console.log(`[fuzz] seed ${CI_SEED}: ${summary(stats)}`);
      // A hang depends on how busy the machine is: it is printed, but only a difference that
      // comes back when run alone fails the test.
      const fresh = [...stats.found.values()].filter((f) => !f.known && f.cls !== 'hang');
      for (const f of stats.found.values()) if (!f.known) console.log(`[fuzz] NEW difference (${f.origin}): ${f.signature}\n${f.repro}\n`);
      expect(stats.cases).toBe(CI_CASES);
      expect(stats.checks).toBeGreaterThan(CI_CASES * 10);
      expect(fresh.map((f) => `${f.signature}\n${f.repro}`)).toEqual([]);
    } finally {
      await sides.close();
    }
  }, 600_000);
});
