/**
 * The files under a source path, as Flink's file enumerators see them: a file is itself; a
 * directory yields every file below it, recursively, in sorted order, skipping hidden names
 * (starting with '.' or '_', which is also how in-progress part files stay unseen).
 */
import { readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

export function listFilesSync(path: string): string[] {
  const root = resolve(path);
  if (!statSync(root).isDirectory()) return [root];
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => !isHiddenName(e.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(root);
  return out;
}

export async function listFiles(path: string): Promise<string[]> {
  const root = resolve(path);
  if (!(await stat(root)).isDirectory()) return [root];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => !isHiddenName(e.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  await walk(root);
  return out;
}

/** Stable owner of a path among `parallelism` readers (FNV-1a), for continuous monitoring. */
export function ownerOf(path: string, parallelism: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0) % parallelism;
}
