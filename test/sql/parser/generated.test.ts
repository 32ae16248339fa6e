/**
 * The committed parser in src/sql/parser/generated/ must be what `npm run build:grammar`
 * makes from grammar/weir.peggy today: regenerate into a temporary directory with the same
 * configuration and compare.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

it('the generated parser is fresh (run `npm run build:grammar` if this fails)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weir-grammar-'));
  try {
    const peggy = join(root, 'node_modules', 'peggy', 'bin', 'peggy.js');
    const result = spawnSync(process.execPath, [peggy, '-c', 'grammar/peggy.config.json', '-o', join(dir, 'weir-parser.js')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of ['weir-parser.js', 'weir-parser.d.ts']) {
      const fresh = readFileSync(join(dir, file), 'utf8');
      const committed = readFileSync(join(root, 'src', 'sql', 'parser', 'generated', file), 'utf8');
      expect(committed === fresh, `${file} is stale: run npm run build:grammar`).toBe(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
