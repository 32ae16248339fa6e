/**
 * SQLite's sqllogictest corpus, the selection in ../shared/sqlite-slt (63 files, sampled as its
 * README says: 300 records a file, seed `sqlite-slt`), run by its runner against a real
 * `weir standalone`. A ratchet: each file must pass at least the records test/sqlite-slt/floor.txt
 * gives it; totals are printed beside PostgreSQL 15's (17722 of 17807 on the same sample).
 *
 * The corpus is not copied anywhere: the runner reads it from a git snapshot of the repository
 * the README names, found through $WEIR_SQLITE_SLT_GIT or the mirrors beside the project. The
 * test says plainly that it was skipped when the selection, the snapshot or psycopg2 is missing.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startStandalone } from '../support/standalone.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SELECTION = resolve(ROOT, '../shared/sqlite-slt');
const COMMIT = 'd8d4f4b9a351102ec63196a920e8052f4f025509';
const POSTGRES_PASSED = 17722;
const run = promisify(execFile);

const snapshots = [process.env.WEIR_SQLITE_SLT_GIT, resolve(ROOT, '../.mirror/gregrahn+sqllogictest/repo'), '/work/.mirror/gregrahn+sqllogictest/repo'];

async function corpus(): Promise<string | null> {
  for (const dir of snapshots) {
    if (dir === undefined || !existsSync(dir)) continue;
    try {
      await run('git', ['-C', dir, 'cat-file', '-e', `${COMMIT}^{commit}`]);
      return dir;
    } catch {
      // not this one
    }
  }
  return null;
}

async function skipReason(git: string | null): Promise<string | null> {
  if (!existsSync(join(SELECTION, 'slt_sqlite.py'))) return `${SELECTION} is not there (it is beside the project in CI, not in a fresh clone)`;
  if (git === null) return `no git snapshot of the corpus at commit ${COMMIT.slice(0, 12)} (set WEIR_SQLITE_SLT_GIT; see ${SELECTION}/README.md)`;
  try {
    await run('/usr/bin/python3', ['-c', 'import psycopg2']);
  } catch {
    return 'python3-psycopg2 is not installed (scripts/test-deps.sh installs it)';
  }
  return null;
}

const git = await corpus();
const reason = await skipReason(git);
if (reason !== null) console.warn(`[sqlite-slt] SQLite's sqllogictest selection is skipped: ${reason}`);

const work = mkdtempSync(join(tmpdir(), 'weir-sqlite-slt-'));
let server: ChildProcess | null = null;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface FileResult {
  path: string;
  result: 'pass' | 'fail';
  reason?: string;
  records_passed: number;
  records_total: number;
}

describe.skipIf(reason !== null)("SQLite's sqllogictest selection", () => {
  it('passes at least the floor of every file', async () => {
    const started = await startStandalone(work);
    server = started.process;
    const sql = started.sqlPort;
    const json = join(work, 'slt.json');
    const args = [
      join(SELECTION, 'slt_sqlite.py'), '--host', '127.0.0.1', '--port', String(sql), '--user', 'weir', '--dbname', 'dev',
      '--git', git!, '--commit', COMMIT, '--sample', '300', '--seed', 'sqlite-slt', '--timeout', '20', '--max-timeouts', '3',
      '--json', json, '--list', join(SELECTION, 'visible.txt'),
    ];
    await run('/usr/bin/python3', args, { cwd: SELECTION, timeout: 900_000, maxBuffer: 64 << 20 }).catch((e: { code?: number }) => {
      // The runner exits non-zero when any file fails; its JSON report says which.
      if (!existsSync(json)) throw e;
    });
    const report = JSON.parse(readFileSync(json, 'utf8')) as { files: FileResult[]; records_passed: number; records_total: number };
    const byPath = new Map(report.files.map((r) => [r.path, r]));
    const passedFiles = report.files.filter((r) => r.result === 'pass').length;
    console.log(
      `[sqlite-slt] files passed: ${passedFiles}/${report.files.length}, records passed: ${report.records_passed}/${report.records_total} ` +
        `(${((100 * report.records_passed) / report.records_total).toFixed(2)}%; PostgreSQL 15: ${POSTGRES_PASSED}, ${((100 * POSTGRES_PASSED) / report.records_total).toFixed(2)}%)`,
    );
    for (const r of report.files) if (r.result !== 'pass') console.log(`[sqlite-slt]   ${r.path} ${r.records_passed}/${r.records_total}: ${r.reason ?? ''}`);
    const floor = readFileSync(join(import.meta.dirname, 'floor.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => {
        const [path, counts] = l.split(' ') as [string, string];
        return { path, min: Number(counts.split('/')[0]) };
      });
    const raised = floor.filter((f) => (byPath.get(f.path)?.records_passed ?? 0) > f.min).map((f) => `${f.path} ${byPath.get(f.path)!.records_passed}`);
    if (raised.length > 0) console.log(`[sqlite-slt] above the floor, raise it in test/sqlite-slt/floor.txt:\n  ${raised.join('\n  ')}`);
    const below = floor.filter((f) => (byPath.get(f.path)?.records_passed ?? -1) < f.min).map((f) => `${f.path}: ${byPath.get(f.path)?.records_passed ?? 'not run'} < ${f.min} (${byPath.get(f.path)?.reason ?? ''})`);
    expect(below).toEqual([]);
    expect(floor.length).toBe(report.files.length);
  }, 960_000);
});
