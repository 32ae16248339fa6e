/**
 * Parses the SQL of RisingWave's end-to-end test files in ../shared/peer/risingwave (when
 * that folder exists) and prints the share that parses. Information only: the peer files
 * hold statements RisingWave expects to fail, and Weir's parser does not aim at RisingWave's
 * every extension, so nothing here is asserted beyond "the run completes".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'vitest';
import { parse, ParseError } from '../../../src/sql/parser/index.ts';

const peer = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'peer', 'risingwave');

interface Record {
  readonly sql: string;
  readonly expectError: boolean;
  readonly file: string;
  readonly line: number;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.slt(\.part)?$/.test(name)) out.push(path);
  }
  return out;
}

/** The SQL of `statement` and `query` records (sqllogictest format). */
function records(file: string): Record[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Record[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!.trim();
    if (!/^(statement|query)\b/.test(head)) continue;
    const expectError = /^(statement|query) error/.test(head);
    const sql: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== '' && lines[j]!.trim() !== '----'; j++) sql.push(lines[j]!);
    out.push({ sql: sql.join('\n'), expectError, file: relative(peer, file), line: i + 1 });
    i = j;
  }
  return out;
}

it('parses a sample of RisingWave peer statements (share printed, not asserted)', () => {
  if (!existsSync(peer)) {
    console.log(`[parser] peer sample skipped: ${peer} does not exist`);
    return;
  }
  const all = files(peer).flatMap(records);
  const ok = all.filter((r) => !r.expectError);
  const failures: string[] = [];
  let parsed = 0;
  for (const r of ok) {
    try {
      parse(r.sql);
      parsed++;
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      failures.push(`${r.file}:${r.line}: ${error.message} — ${r.sql.replace(/\s+/g, ' ').slice(0, 100)}`);
    }
  }
  const errorRecords = all.filter((r) => r.expectError);
  const rejected = errorRecords.filter((r) => {
    try {
      parse(r.sql);
      return false;
    } catch {
      return true;
    }
  }).length;
  console.log(
    `[parser] peer sample: ${parsed}/${ok.length} records expected to succeed parse (${((100 * parsed) / Math.max(ok.length, 1)).toFixed(1)}%); ` +
      `${rejected}/${errorRecords.length} records expected to fail are already rejected by the parser`,
  );
  for (const f of failures) console.log(`[parser]   not parsed: ${f}`);
});
