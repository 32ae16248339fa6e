/**
 * Real client libraries against Weir's SQL endpoint, as applications and BI tools use it:
 * psycopg2 (Python: client-side parameters, transactions opened implicitly, named cursors,
 * errors as exceptions with SQLSTATEs) and pgJDBC (Java: extended protocol with prepared
 * statements and typed parameters, result metadata, SQLState on errors). Each test is
 * skipped, saying why, where the client is not installed (`npm test` installs both).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWeir } from '../oracle/weir-server.ts';

const DIR = join(import.meta.dirname, 'clients');
const PYTHON = '/usr/bin/python3';
const JDBC_JAR = '/usr/share/java/postgresql.jar';

function run(cmd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

async function hasPsycopg2(): Promise<boolean> {
  return existsSync(PYTHON) && (await run(PYTHON, ['-c', 'import psycopg2'])).code === 0;
}

const psycopg2Missing = !(await hasPsycopg2());
const jdbcMissing = !existsSync(JDBC_JAR) || !existsSync('/usr/bin/java');
if (psycopg2Missing) console.warn('skipped: the psycopg2 client test needs python3-psycopg2 (npm test installs it)');
if (jdbcMissing) console.warn(`skipped: the JDBC client test needs java and ${JDBC_JAR} (npm test installs them)`);

type Step = { step: string; value: unknown };

describe('client libraries', () => {
  it.skipIf(psycopg2Missing)('psycopg2: parameters, transactions, views, types, errors, named cursors', async () => {
    const weir = await startWeir();
    try {
      const port = (weir.client as unknown as { port: number }).port;
      const r = await run(PYTHON, [join(DIR, 'psycopg2_client.py'), String(port)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const steps = JSON.parse(r.stdout) as Step[];
      const value = (name: string): unknown[] => steps.filter((s) => s.step === name).map((s) => s.value);
      expect(value('rowcount')).toEqual([3]);
      expect(value('view')).toEqual([[['ann', 2, { Decimal: '112.50' }], ['bob', 1, { Decimal: '7.25' }], ["o'hara", 1, null]]]);
      // text, int8, numeric: the OIDs psycopg2 maps to Python types.
      expect(value('description')).toEqual([[['customer', 25], ['n', 20], ['total', 1700]]]);
      expect(value('types')).toEqual([
        [
          [1, { Decimal: '12.50' }, { datetime: '2024-03-01T12:00:05' }, { date: '2024-03-01' }, true, { timedelta: 43205 }],
          [3, { Decimal: '100.00' }, { datetime: '2024-03-02T09:30:00' }, { date: '2024-03-02' }, true, { timedelta: 120600 }],
        ],
      ]);
      expect(value('dict')).toEqual([[{ id: 4, customer: "o'hara" }]]);
      expect(value('view after changes')).toEqual([[['ann', 2, { Decimal: '225.00' }], ["o'hara", 1, null]]]);
      expect(value('error')).toEqual(['22012', '42P01', '42703', '42601']);
      expect(value('after errors')).toEqual([3]);
      expect(value('named cursor')).toEqual([[1, 3, 4]]);
    } finally {
      await weir.close();
    }
  }, 120_000);

  it.skipIf(jdbcMissing)('pgJDBC: prepared statements, batches, typed results, fetch size, errors', async () => {
    const weir = await startWeir();
    try {
      const port = (weir.client as unknown as { port: number }).port;
      const r = await run('/usr/bin/java', ['-cp', JDBC_JAR, join(DIR, 'JdbcClient.java'), String(port)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const steps = r.stdout.trimEnd().split('\n').map((line) => line.split('\t') as [string, string]);
      expect(steps).toEqual([
        ['product', 'PostgreSQL'],
        ['batch', '[1, 1, 1]'],
        ['insert', '1'],
        ['columns', '[customer:varchar, n:int8, total:numeric]'],
        ['view', '[String:ann,Long:2,BigDecimal:112.50, String:bob,Long:1,BigDecimal:7.25, String:o\'hara,Long:1,null]'],
        ['prepared 4', '[Integer:1,BigDecimal:12.50,Timestamp:2024-03-01 12:00:05.0,Boolean:true, Integer:3,BigDecimal:100.00,Timestamp:2024-03-02 09:30:00.0,Boolean:true]'],
        ['prepared 5', '[Integer:2,BigDecimal:7.25,Timestamp:2024-03-01 12:01:00.0,Boolean:false]'],
        ['update', '2'],
        ['fetch size', '[1, 2, 3, 4]'],
        ['error', '22012'],
        ['error', '42P01'],
        ['error', '42703'],
        ['error', '42601'],
        ['after errors', '4'],
      ]);
    } finally {
      await weir.close();
    }
  }, 180_000);
});
