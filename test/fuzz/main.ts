/**
 * `npm run fuzz -- --seed N --minutes M [--cases C] [--first-case K] [--update-known]`: fuzzes
 * Weir against PostgreSQL for M minutes (or C cases), printing each new minimal difference as
 * it is found and a summary at the end. `--update-known` appends the new differences'
 * signatures (with their reproductions as comments) to test/fuzz/known.txt, the ratchet the CI
 * test reads. `npm run fuzz -- --replay [--prune]` runs known.txt's reproductions again and
 * names (or deletes) those that no longer differ.
 */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fuzz, summary } from './fuzz-loop.ts';
import { knownEntry, readKnown } from './report.ts';
import { pruneKnown, readEntries, replay } from './replay.ts';
import { openSides } from './sides.ts';

const KNOWN = fileURLToPath(new URL('./known.txt', import.meta.url));

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    minutes: { type: 'string', default: '5' },
    cases: { type: 'string', default: '1000000' },
    'first-case': { type: 'string', default: '1' },
    'shrink-runs': { type: 'string', default: '600' },
    'update-known': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    replay: { type: 'boolean', default: false },
    prune: { type: 'boolean', default: false },
  },
});

if (values.replay) {
  const sides = await openSides();
  const fixed = new Set<string>();
  const entries = readEntries(KNOWN);
  try {
    for (const e of entries) {
      const v = await replay(sides, e);
      if (v.k !== 'diff') fixed.add(e.signature);
      console.log(`${v.k === 'diff' ? `differs (${v.cls})` : 'NO LONGER DIFFERS'}  ${e.signature}`);
    }
  } finally {
    await sides.close();
  }
  console.log(`${entries.length} known differences replayed: ${entries.length - fixed.size} still differ, ${fixed.size} no longer do${values.prune ? ' (deleted from known.txt)' : ' (--prune deletes them from known.txt)'}`);
  if (values.prune) pruneKnown(KNOWN, fixed);
  process.exit(0);
}

const seed = Number(values.seed);
const known = readKnown(KNOWN);
const start = Date.now();
console.log(`fuzzing Weir against PostgreSQL: seed ${seed}, ${values.minutes} min (${known.size} known differences in test/fuzz/known.txt)`);
const sides = await openSides();
let stop = false;
process.once('SIGINT', () => {
  console.log('\nstopping after this case (Ctrl-C again to quit at once)');
  stop = true;
  process.once('SIGINT', () => process.exit(130));
});
try {
  const stats = await fuzz(sides, {
    seed,
    firstCase: Number(values['first-case']),
    cases: Number(values.cases),
    deadline: start + Number(values.minutes) * 60_000,
    stopped: () => stop,
    known,
    shrinkRuns: Number(values['shrink-runs']),
    shrinkMs: 120_000,
    log: values.quiet ? undefined : (line) => console.log(line),
    onFound: (f) => {
      console.log(`\n=== ${f.known ? 'known' : 'NEW'} ${f.cls}: ${f.signature}\n(${f.origin})\n${f.repro}\n`);
      if (!f.known && values['update-known']) appendFileSync(KNOWN, `\n${knownEntry(f.signature, f.repro)}`);
    },
  });
  console.log(`\n${summary(stats)}\n(${((Date.now() - start) / 1000).toFixed(0)} s)`);
} finally {
  await sides.close();
}
process.exit(0);
