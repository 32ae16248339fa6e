/**
 * Measures Weir's function coverage against PostgreSQL's catalogue and writes it into
 * docs/sql-compatibility.md (the section between the function-coverage markers).
 *
 *   npx node scripts/function-coverage.ts [--print] [--only name,...]
 *
 * Starts a throw-away PostgreSQL (test/support/postgres.ts: Debian's postgresql package, as
 * scripts/test-deps.sh installs it) and an in-process Weir (engine and wire server, statements
 * on this thread), lists PostgreSQL's functions, aggregates and operators over Weir's types,
 * calls each on both (scripts/function-coverage/probe.ts says how a call is judged) and
 * reports per family. `--print` prints the verdicts instead of writing the document;
 * `--only` probes the named functions alone (with --print, to check one family's work).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../test/support/postgres.ts';
import { startWeir } from '../test/sql/oracle/weir-server.ts';
import { familyOf, notApplicable } from './function-coverage/families.ts';
import { oracleIndex } from './function-coverage/oracle-tests.ts';
import { pgSignatures } from './function-coverage/pg-catalog.ts';
import { probe } from './function-coverage/probe.ts';
import { MISSING_REASONS } from './function-coverage/reasons.ts';
import { coverageSection, spliceSection, type Entry } from './function-coverage/report.ts';

const ROOT = join(import.meta.dirname, '..');
const DOC = join(ROOT, 'docs', 'sql-compatibility.md');

const argv = process.argv.slice(2);
const print = argv.includes('--print');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',')) : null;

const pg = await startPostgres({ timeZone: 'UTC' });
const weir = await startWeir(null, { slots: false });
try {
  for (const c of [pg.client, weir.client]) await c.query("SET statement_timeout = '10s'");
  const oracle = oracleIndex(join(ROOT, 'test'));
  const entries: Entry[] = [];
  for (const sig of await pgSignatures(pg.client)) {
    if (only !== null && !only.has(sig.name)) continue;
    const verdict = await probe(sig, pg.client, weir.client);
    const family = familyOf(sig);
    const oracleTested = verdict.implemented && (sig.kind === 'operator' ? oracle.usesOperator(sig.name) : oracle.callsFunction(sig.name));
    const reason = notApplicable(sig) ?? (verdict.implemented ? undefined : MISSING_REASONS[sig.name]);
    entries.push({ sig, family, verdict, oracleTested, reason });
    if (print) console.log(`${verdict.implemented ? 'ok  ' : 'MISS'} ${family.padEnd(18)} ${sig.display}${verdict.note === '' ? '' : `  — ${verdict.note}`}`);
  }
  const counted = entries.filter((e) => e.family !== 'not applicable');
  const done = counted.filter((e) => e.verdict.implemented).length;
  console.log(`coverage: ${done} of ${counted.length} (${((100 * done) / Math.max(1, counted.length)).toFixed(1)} %)`);
  if (!print && only === null) {
    const date = new Date().toISOString().slice(0, 10);
    writeFileSync(DOC, spliceSection(readFileSync(DOC, 'utf8'), coverageSection(entries, pg.version.split(' ')[0]!, date)));
    console.log(`wrote ${DOC}`);
  }
} finally {
  await weir.close();
  await pg.stop();
}
