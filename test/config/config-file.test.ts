/**
 * conf/config.yaml documents every key Weir reads: each key of the options table appears
 * in it with the table's default and a comment, and the file holds no other key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CONFIG_KEYS, CONFIG_OPTIONS, WEIR_HOME } from '../../src/config/index.ts';

const file = join(WEIR_HOME, 'conf', 'config.yaml');
const text = readFileSync(file, 'utf8');

/** The file's leaves as dotted keys. */
function flatten(node: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(node)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

describe('conf/config.yaml', () => {
  const doc = parseDocument(text, { uniqueKeys: true });
  const entries = flatten(doc.toJS() as Record<string, unknown>);

  it('is valid YAML', () => {
    expect(doc.errors).toEqual([]);
  });

  it('lists exactly the keys of the options table, in table order', () => {
    expect([...entries.keys()]).toEqual(CONFIG_KEYS);
  });

  it.each(CONFIG_KEYS)('gives %s the default of the options table', (key) => {
    expect(entries.get(key)).toBe(CONFIG_OPTIONS[key].fileDefault);
  });

  it('puts a comment on every key, naming its default', () => {
    const lines = text.split('\n');
    const missing: string[] = [];
    lines.forEach((line, i) => {
      const m = /^\s*([\w.-]+):/.exec(line);
      if (m === null || line.trimStart().startsWith('#')) return;
      const isLeaf = !/:\s*$/.test(line) || !/^\s+\S/.test(lines[i + 1] ?? '') || indent(lines[i + 1]!) <= indent(line);
      if (!isLeaf) return;
      // The comment block directly above the key, as written by hand.
      const comment: string[] = [];
      for (let j = i - 1; j >= 0 && lines[j]!.trimStart().startsWith('#'); j--) comment.unshift(lines[j]!);
      if (!comment.join(' ').includes('Default:')) missing.push(`${m[1]} (line ${i + 1})`);
    });
    expect(missing).toEqual([]);
  });
});

function indent(line: string): number {
  return line.length - line.trimStart().length;
}
