/**
 * Golden plans: each test/sql/planner/NAME.sql runs in a fresh Weir and what every statement
 * gives (EXPLAIN's logical plan, streaming plan and job graph; query rows; errors with their
 * SQLSTATE) must equal NAME.out. A refactor of the planner leans on these: a changed plan
 * shows as a diff. Regenerate with WEIR_UPDATE_GOLDEN=1 and review the diff.
 *
 * Besides SQL, a script may say
 *   \i PATH          run the statements of a file (relative to the project), printing only
 *                   errors; a `.ts` file gives them from its `statements()` export
 *   \explain GLOB    EXPLAIN every statement of the files GLOB matches (a `*` in the file name)
 * so that Nexmark's and TPC-H's own query files are planned as they are, not copied here.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../src/sql/parser/split.ts';
import { startWeir } from '../oracle/weir-server.ts';

const DIR = import.meta.dirname;
const ROOT = resolve(DIR, '../../..');
const UPDATE = process.env.WEIR_UPDATE_GOLDEN === '1';
const scripts = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();

type Client = Awaited<ReturnType<typeof startWeir>>['client'];

function statements(text: string): string[] {
  return splitStatements(text).map((s) => text.slice(s.start, s.end));
}

/** The files a `\explain` glob names, sorted by the number in their names (q2 before q10). */
function matching(glob: string): string[] {
  const dir = resolve(ROOT, dirname(glob));
  const re = new RegExp(`^${basename(glob).replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
  if (!existsSync(dir)) return [];
  const n = (f: string): number => Number(/\d+/.exec(f)?.[0] ?? 0);
  return readdirSync(dir).filter((f) => re.test(f)).sort((a, b) => n(a) - n(b) || a.localeCompare(b)).map((f) => join(dir, f));
}

async function outcome(client: Client, sql: string): Promise<string> {
  try {
    const r = await client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    if (r.fields.length === 0) return r.command;
    return (r.rows as unknown[][]).map((row) => row.map((v) => (v === null ? 'NULL' : String(v))).join(' | ')).join('\n');
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return `ERROR ${err.code ?? ''}: ${err.message ?? String(e)}`;
  }
}

async function render(script: string): Promise<string> {
  const weir = await startWeir();
  const out: string[] = [];
  const run = async (sql: string): Promise<void> => {
    for (const s of statements(sql)) out.push(`\n${s};`, await outcome(weir.client, s));
  };
  try {
    let buffer: string[] = [];
    for (const line of script.split('\n')) {
      const meta = /^\\(i|explain)\s+(\S+)\s*$/.exec(line.trim());
      if (meta === null) {
        buffer.push(line);
        continue;
      }
      await run(buffer.join('\n'));
      buffer = [];
      out.push(`\n${line.trim()}`);
      if (meta[1] === 'i') {
        const path = resolve(ROOT, meta[2]!);
        const list = path.endsWith('.ts') ? ((await import(path)) as { statements(): string[] }).statements() : statements(readFileSync(path, 'utf8'));
        for (const sql of list) {
          const r = await outcome(weir.client, sql);
          if (r.startsWith('ERROR')) out.push(`-- ${sql.split('\n')[0]}\n${r}`);
        }
        continue;
      }
      for (const file of matching(meta[2]!)) {
        for (const sql of statements(readFileSync(file, 'utf8'))) {
          out.push(`\n-- ${file.slice(ROOT.length + 1)}\nEXPLAIN ${sql};`, await outcome(weir.client, `EXPLAIN ${sql}`));
        }
      }
    }
    await run(buffer.join('\n'));
  } finally {
    await weir.close();
  }
  return `${out.join('\n').trim()}\n`;
}

describe('golden plans', () => {
  it('has scripts', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });
  for (const script of scripts) {
    it(script, async () => {
      const got = await render(readFileSync(join(DIR, script), 'utf8'));
      const golden = join(DIR, script.replace(/\.sql$/, '.out'));
      if (UPDATE || !existsSync(golden)) {
        if (!UPDATE) throw new Error(`${golden} is missing: run with WEIR_UPDATE_GOLDEN=1 and review it`);
        writeFileSync(golden, got);
        return;
      }
      expect(got).toBe(readFileSync(golden, 'utf8'));
    }, 120_000);
  }
});
