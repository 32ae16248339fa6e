/**
 * The arrows between src/ folders run the way DESIGN.md says. A new import that runs
 * against them fails here, naming the file and the import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/**
 * Which folders each folder may import from (besides itself). `errors/` (the SQLSTATE table,
 * `SqlError` and its constructors) imports nothing, and every folder may import it.
 */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  connectors: ['errors'],
  config: ['errors'],
  runtime: ['connectors', 'errors'],
  graph: ['runtime', 'errors'],
  api: ['graph', 'runtime', 'connectors', 'errors'],
  cluster: ['graph', 'runtime', 'connectors', 'errors'],
  catalog: ['graph', 'runtime', 'connectors', 'errors'],
  sql: ['api', 'catalog', 'graph', 'runtime', 'connectors', 'errors'],
  web: ['cluster', 'graph', 'config', 'errors'],
  pgwire: ['sql', 'catalog', 'config', 'errors'],
  cli: ['api', 'graph', 'runtime', 'connectors', 'cluster', 'config', 'web', 'pgwire', 'sql', 'catalog', 'errors'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const folderOf = (file: string): string => relative(SRC, file).split('/')[0] as string;

describe('architecture', () => {
  it('imports between src/ folders follow DESIGN.md', () => {
    const violations: string[] = [];
    let crossFolder = 0;
    for (const file of files(SRC)) {
      const from = folderOf(file);
      if (!(from in ALLOWED)) continue; // src/index.ts, the composition root, may import anything
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2]) as string;
        const target = folderOf(resolve(dirname(file), spec));
        if (target === from || target.endsWith('.ts')) continue;
        crossFolder++;
        if (!ALLOWED[from]!.includes(target)) violations.push(`${relative(SRC, file)} imports ${spec} (${from} → ${target})`);
      }
    }
    expect(violations).toEqual([]);
    // The scan does see the imports it checks (a broken pattern would find none).
    expect(crossFolder).toBeGreaterThan(30);
  });
});
