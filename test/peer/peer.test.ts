/**
 * RisingWave's own end-to-end SQL tests (../shared/peer, unmodified) run against a real
 * `weir standalone` by their runner (slt.py, over psycopg2). A ratchet: every file in
 * test/peer/passing.txt must pass; the pass rate per category is printed. Skipped, saying
 * so, where ../shared/peer or python3-psycopg2 is absent (a user's fresh clone).
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startStandalone } from '../support/standalone.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PEER = resolve(ROOT, '../shared/peer');
const SUITE = join(PEER, 'risingwave');
const run = promisify(execFile);

async function skipReason(): Promise<string | null> {
  if (!existsSync(join(SUITE, 'MANIFEST.tsv'))) return `${PEER} is not there (it is beside the project in CI, not in a fresh clone)`;
  try {
    await run('/usr/bin/python3', ['-c', 'import psycopg2']);
  } catch {
    return 'python3-psycopg2 is not installed (scripts/test-deps.sh installs it)';
  }
  return null;
}

const reason = await skipReason();
if (reason !== null) console.warn(`[peer] RisingWave's peer tests are skipped: ${reason}`);

const work = mkdtempSync(join(tmpdir(), 'weir-peer-'));
let server: ChildProcess | null = null;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface FileResult {
  path: string;
  result: 'pass' | 'fail' | 'skip';
  reason?: string;
  records_passed: number;
  records_total: number;
}

describe.skipIf(reason !== null)("RisingWave's peer tests", () => {
  it('pass every file on the ratchet list', async () => {
    const started = await startStandalone(work);
    server = started.process;
    const sql = started.sqlPort;
    const manifest = readFileSync(join(SUITE, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
    const json = join(work, 'peer.json');
    await run('/usr/bin/python3', [join(PEER, 'slt.py'), '--host', '127.0.0.1', '--port', String(sql), '--user', 'weir', '--dbname', 'dev', '--skip-records', join(PEER, 'risingwave-only.txt'), '--json', json, ...manifest.map((m) => m[0] as string)], { cwd: SUITE, timeout: 600_000, maxBuffer: 64 << 20 }).catch((e: { code?: number }) => {
      // The runner exits non-zero when any file fails; its JSON report says which.
      if (!existsSync(json)) throw e;
    });
    const results = (JSON.parse(readFileSync(json, 'utf8')) as { files: FileResult[] }).files;
    const byPath = new Map(results.map((r) => [r.path, r]));
    const category = new Map(manifest.map((m) => [m[0] as string, m[1] as string]));
    const rates = new Map<string, [number, number]>();
    for (const r of results) {
      const c = category.get(r.path) ?? 'other';
      const [p, t] = rates.get(c) ?? [0, 0];
      rates.set(c, [p + (r.result === 'pass' ? 1 : 0), t + 1]);
    }
    const passed = results.filter((r) => r.result === 'pass').length;
    console.log(
      `[peer] files passed: ${passed}/${results.length}; by category: ${[...rates].map(([c, [p, t]]) => `${c} ${p}/${t}`).join(', ')}`,
    );
    const listed = readFileSync(join(import.meta.dirname, 'passing.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const newlyPassing = results.filter((r) => r.result === 'pass' && !listed.includes(r.path)).map((r) => r.path);
    if (newlyPassing.length > 0) console.log(`[peer] newly passing, add to test/peer/passing.txt:\n  ${newlyPassing.join('\n  ')}`);
    const regressions = listed.filter((p) => byPath.get(p)?.result !== 'pass').map((p) => `${p}: ${byPath.get(p)?.reason ?? 'not run'}`);
    expect(regressions).toEqual([]);
    expect(listed.length).toBeGreaterThan(0);
  }, 600_000);
});
