/**
 * Weir's own sqllogictest files (test/sql/*.slt), each against a fresh engine over the wire
 * protocol. A failing record names its file and line.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWeir } from './oracle/weir-server.ts';
import { parseSlt, runSlt, updateSlt, type SltRecord } from './slt-runner.ts';

/** WEIR_UPDATE_SLT=1: write each query's actual rows into its file (then review the diff). */
const UPDATE = process.env.WEIR_UPDATE_SLT === '1';

const DIR = import.meta.dirname;
const files = readdirSync(DIR).filter((f) => f.endsWith('.slt')).sort();

describe('sqllogictest files', () => {
  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const records = parseSlt(text);
      expect(records.length).toBeGreaterThan(0);
      const weir = await startWeir();
      try {
        const actual = new Map<SltRecord, string[]>();
        const failures = await runSlt(weir.client, records, file, actual);
        if (UPDATE) writeFileSync(join(DIR, file), updateSlt(text, actual));
        else expect(failures).toEqual([]);
      } finally {
        await weir.close();
      }
    }, 60_000);
  }

  it('the runner reports wrong results and missing errors', async () => {
    const weir = await startWeir();
    try {
      const records = parseSlt(['statement error', 'SELECT 1', '', 'query I', 'SELECT 2', '----', '3', ''].join('\n'));
      const failures = await runSlt(weir.client, records, 'self');
      expect(failures).toHaveLength(2);
      expect(failures[0]).toContain('expected an error');
      expect(failures[1]).toContain('expected:');
    } finally {
      await weir.close();
    }
  });
});
